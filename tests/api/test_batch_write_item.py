"""BatchWriteItem through boto3 against a live server: serialization, validation, functionality."""

from __future__ import annotations

import uuid

import pytest

from tests.conftest import make_table, refused

DUPLICATES = "Provided list of item keys contains duplicates"
MISMATCH = "The provided key element does not match the schema"



def put(item):
    return {"PutRequest": {"Item": item}}


def delete(key):
    return {"DeleteRequest": {"Key": key}}


@pytest.fixture(scope="module")
def binary_table(ddb):
    return make_table(ddb, "B")


# --- serialization ------------------------------------------------------------------------


def test_response_has_empty_unprocessed_items(ddb, hash_table):
    """A successful batch answers UnprocessedItems {} and nothing else by default."""
    r = ddb.batch_write_item(RequestItems={hash_table: [put({"pk": {"S": uuid.uuid4().hex}})]})
    assert r["UnprocessedItems"] == {} and "ConsumedCapacity" not in r


# --- validation ---------------------------------------------------------------------------


def test_empty_request_items(ddb_raw):
    """An empty RequestItems is refused with DynamoDB's own text."""
    assert refused(ddb_raw.batch_write_item, RequestItems={}) == \
        ("ValidationException", "The requestItems parameter is required for BatchWriteItem")


def test_more_than_25_across_tables(ddb, hash_table, range_table):
    """At most 25 writes in all, whatever the tables."""
    reqs = {hash_table: [put({"pk": {"S": f"m{i}"}}) for i in range(20)],
            range_table: [put({"pk": {"S": "m"}, "sk": {"N": str(i)}}) for i in range(6)]}
    assert refused(ddb.batch_write_item, RequestItems=reqs) == \
        ("ValidationException", "Too many items requested for the BatchWriteItem call")


def test_more_than_25_for_one_table_is_a_model_error(ddb_raw, hash_table):
    """26 writes for one table break the model's length constraint."""
    code, message = refused(ddb_raw.batch_write_item, RequestItems={
        hash_table: [put({"pk": {"S": f"n{i}"}}) for i in range(26)]})
    assert code == "ValidationException"
    assert message.endswith("Member must have length less than or equal to 25, "
                            "Member must have length greater than or equal to 1]")


@pytest.mark.parametrize("requests", [
    [put({"pk": {"S": "dup"}}), delete({"pk": {"S": "dup"}})],
    [put({"pk": {"S": "dup"}}), put({"pk": {"S": "dup"}, "x": {"N": "1"}})],
    [delete({"pk": {"S": "dup"}}), delete({"pk": {"S": "dup"}})],
])
def test_duplicate_keys(ddb, hash_table, requests):
    """Two writes to one key in a batch are refused, and nothing is written."""
    assert refused(ddb.batch_write_item, RequestItems={hash_table: requests}) == ("ValidationException", DUPLICATES)
    assert "Item" not in ddb.get_item(TableName=hash_table, Key={"pk": {"S": "dup"}})


@pytest.mark.parametrize("request_, message", [
    (put({"pk": {"N": "5"}}), MISMATCH),
    (put({"pk": {"L": [{"S": "x"}]}}), MISMATCH),
    (put({"other": {"S": "x"}}), MISMATCH),
    (delete({"pk": {"S": "a"}, "x": {"S": "b"}}), MISMATCH),
    (put({"pk": {"S": ""}}), "One or more parameter values are not valid. The AttributeValue for a key attribute "
                             "cannot contain an empty string value. Key: pk"),
    (put({"pk": {"S": "a"}, "e": {"SS": []}}), "One or more parameter values were invalid: An string set  may not "
                                               "be empty"),
    (put({"pk": {"S": "a"}, "big": {"S": "x" * 409_600}}), "Item size has exceeded the maximum allowed size"),
    ({"PutRequest": {"Item": {"pk": {"S": "a"}}}, "DeleteRequest": {"Key": {"pk": {"S": "a"}}}},
     "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"),
])
def test_invalid_writes(ddb_raw, hash_table, request_, message):
    """Each write is validated as PutItem / DeleteItem validate theirs (texts as AWS words them)."""
    assert refused(ddb_raw.batch_write_item, RequestItems={hash_table: [request_]}) == ("ValidationException", message)


def test_empty_binary_key(ddb, binary_table):
    """An empty binary key is refused in a DeleteRequest too."""
    assert refused(ddb.batch_write_item, RequestItems={binary_table: [delete({"pk": {"B": b""}})]}) == (
        "ValidationException", "One or more parameter values are not valid. The AttributeValue for a key attribute "
                               "cannot contain an empty binary value. Key: pk")


def test_missing_table(ddb, hash_table):
    """One unknown table fails the whole batch with ResourceNotFoundException."""
    key = uuid.uuid4().hex
    assert refused(ddb.batch_write_item, RequestItems={hash_table: [put({"pk": {"S": key}})],
                                                       "no-such-table": [put({"pk": {"S": "a"}})]}) == \
        ("ResourceNotFoundException", "Requested resource not found")
    assert "Item" not in ddb.get_item(TableName=hash_table, Key={"pk": {"S": key}})


def test_malformed_table_name(ddb_raw, hash_table):
    """A RequestItems key that is no table name fails the whole map, echoed as Java prints it,
    with the TableName rules as the map keys' constraint; nothing is written."""
    key = uuid.uuid4().hex
    code, message = refused(ddb_raw.batch_write_item, RequestItems={
        hash_table: [put({"pk": {"S": key}})], "bad!name": [put({"pk": {"S": "x"}})]})
    assert code == "ValidationException"
    assert message.startswith("1 validation error detected: Value '{")  # entries in Java's hash order
    for name in (hash_table, "bad!name"):
        assert f"{name}=[WriteRequest(putRequest=PutRequest(item={{pk=AttributeValue(s=" in message
    assert message.endswith("]}' at 'requestItems' failed to satisfy constraint: Map keys must satisfy constraint: "
                            "[Member must have length less than or equal to 255, Member must have length greater "
                            "than or equal to 3, Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]")
    assert "Item" not in ddb_raw.get_item(TableName=hash_table, Key={"pk": {"S": key}})


def test_enum_errors_come_before_table_names(ddb_raw):
    """The model's constraints are checked first: an unknown ReturnConsumedCapacity is reported
    alone, ahead of a malformed table name (AWS, us-east-1 and eu-west-2, 2026-10)."""
    assert refused(ddb_raw.batch_write_item, RequestItems={"bad!name": [put({"pk": {"S": "x"}})]},
                   ReturnConsumedCapacity="BOGUS") == (
        "ValidationException", "1 validation error detected: Value 'BOGUS' at 'returnConsumedCapacity' failed to "
                               "satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]")


# --- functionality ------------------------------------------------------------------------


def test_puts_and_deletes_across_tables(ddb, hash_table, range_table):
    """Puts replace, deletes remove (a missing key is fine), across two tables in one call."""
    a, b, c = (uuid.uuid4().hex for _ in range(3))
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": b}, "old": {"BOOL": True}})
    ddb.batch_write_item(RequestItems={
        hash_table: [put({"pk": {"S": a}, "v": {"N": "1.50"}}), delete({"pk": {"S": b}}), delete({"pk": {"S": c}})],
        range_table: [put({"pk": {"S": a}, "sk": {"N": "2"}})]})
    assert ddb.get_item(TableName=hash_table, Key={"pk": {"S": a}})["Item"]["v"] == {"N": "1.5"}
    assert "Item" not in ddb.get_item(TableName=hash_table, Key={"pk": {"S": b}})
    assert "Item" in ddb.get_item(TableName=range_table, Key={"pk": {"S": a}, "sk": {"N": "2"}})


def test_consumed_capacity_per_table(ddb, hash_table, range_table):
    """ReturnConsumedCapacity lists each table with its write units (1 KB units per item)."""
    key = uuid.uuid4().hex
    r = ddb.batch_write_item(RequestItems={
        hash_table: [put({"pk": {"S": key}, "d": {"S": "x" * 1500}}), put({"pk": {"S": key + "2"}})],
        range_table: [delete({"pk": {"S": key}, "sk": {"N": "1"}})]},
        ReturnConsumedCapacity="TOTAL", ReturnItemCollectionMetrics="SIZE")
    assert sorted(r["ConsumedCapacity"], key=lambda c: c["TableName"] != hash_table) == [
        {"TableName": hash_table, "CapacityUnits": 3.0}, {"TableName": range_table, "CapacityUnits": 1.0}]


def test_table_batch_writer(ddb, server):
    """boto3's Table.batch_writer() buffers puts and deletes into BatchWriteItem calls."""
    import boto3
    name = make_table(ddb, "S")
    table = boto3.resource("dynamodb", endpoint_url=server.url, region_name="us-east-1",
                           aws_access_key_id="x", aws_secret_access_key="x").Table(name)
    with table.batch_writer() as writer:
        for i in range(60):
            writer.put_item(Item={"pk": f"k{i}", "n": i})
        for i in range(0, 60, 2):
            writer.delete_item(Key={"pk": f"k{i}"})
    items = ddb.scan(TableName=name)["Items"]
    assert sorted(int(i["n"]["N"]) for i in items) == list(range(1, 60, 2))
