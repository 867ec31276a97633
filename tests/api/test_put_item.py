"""PutItem through boto3 against a live server: serialization, validation, functionality."""

from __future__ import annotations

import json
import urllib.request
import uuid

import pytest
from botocore.exceptions import ClientError

from tests.conftest import make_table, refused

ONE = "1 validation error detected: "
INVALID = "One or more parameter values were invalid: "



@pytest.fixture(scope="module")
def binary_table(ddb):
    return make_table(ddb, "B", "S")


@pytest.fixture(scope="module")
def number_table(ddb):
    return make_table(ddb, "N")


def raw_call(server, op, body):
    req = urllib.request.Request(server.url, data=json.dumps(body).encode(), method="POST", headers={
        "X-Amz-Target": "DynamoDB_20120810." + op, "Content-Type": "application/x-amz-json-1.0",
        "Authorization": "AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/dynamodb/aws4_request, "
                         "SignedHeaders=host, Signature=0"})
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


# --- serialization ------------------------------------------------------------------------


def test_all_types_round_trip(ddb, hash_table):
    """Every AttributeValue type is stored and returned as written, numbers normalised."""
    pk = uuid.uuid4().hex
    item = {
        "pk": {"S": pk}, "s": {"S": "héllo"}, "n": {"N": "-0012.3400"}, "b": {"B": b"\x00\x01\xff"},
        "t": {"BOOL": True}, "f": {"BOOL": False}, "z": {"NULL": True},
        "ss": {"SS": ["a", ""]}, "ns": {"NS": ["1.50", "1e2"]}, "bs": {"BS": [b"", b"\x01"]},
        "m": {"M": {"x": {"L": [{"N": "1.0"}, {"M": {}}, {"L": []}]}}},
    }
    ddb.put_item(TableName=hash_table, Item=item)
    got = ddb.get_item(TableName=hash_table, Key={"pk": {"S": pk}}, ConsistentRead=True)["Item"]
    assert got["n"] == {"N": "-12.34"}
    assert sorted(got["ns"]["NS"]) == ["1.5", "100"]
    assert got["m"] == {"M": {"x": {"L": [{"N": "1"}, {"M": {}}, {"L": []}]}}}
    assert sorted(got["bs"]["BS"]) == [b"", b"\x01"]
    assert {k: got[k] for k in ("s", "b", "t", "f", "z")} == {k: item[k] for k in ("s", "b", "t", "f", "z")}
    assert sorted(got["ss"]["SS"]) == ["", "a"]


def test_response_without_options_is_empty(ddb, hash_table):
    """A plain PutItem answers with an empty object."""
    r = ddb.put_item(TableName=hash_table, Item={"pk": {"S": uuid.uuid4().hex}})
    assert set(r) == {"ResponseMetadata"}


def test_null_members_are_absent(server, hash_table):
    """A member sent as JSON null counts as not sent (ReturnValues null is NONE)."""
    status, body = raw_call(server, "PutItem", {"TableName": hash_table, "Item": {"pk": {"S": uuid.uuid4().hex}},
                                                 "ReturnValues": None, "ReturnConsumedCapacity": None})
    assert (status, body) == (200, {})


def test_invalid_base64_is_a_serialization_error(server, hash_table):
    """A B value that is not base64 is refused while reading the request."""
    status, body = raw_call(server, "PutItem", {"TableName": hash_table,
                                                 "Item": {"pk": {"S": "a"}, "b": {"B": "YQ"}}})
    assert status == 400
    assert body["__type"].endswith("SerializationException")


# --- validation ---------------------------------------------------------------------------


def test_missing_table(ddb):
    """AWS answers ResourceNotFoundException "Requested resource not found"."""
    assert refused(ddb.put_item, TableName="no-such-table", Item={"pk": {"S": "a"}}) == \
        ("ResourceNotFoundException", "Requested resource not found")


@pytest.mark.parametrize("value, message", [
    ({"N": "abc"}, "The parameter cannot be converted to a numeric value: abc"),
    ({"N": ""}, "The parameter cannot be converted to a numeric value: "),
    ({"N": "1e126"}, "Number overflow. Attempting to store a number with magnitude larger than supported range"),
    ({"N": "0e-131"}, "Number underflow. Attempting to store a number with magnitude smaller than supported range"),
    ({"N": "1" * 39}, "Attempting to store more than 38 significant digits in a Number"),
    ({"SS": []}, INVALID + "An string set  may not be empty"),
    ({"NS": []}, INVALID + "An number set  may not be empty"),
    ({"BS": []}, INVALID + "Binary sets should not be empty"),
    ({"SS": ["b", "a", "b"]}, INVALID + 'Input collection ["a", "b", "b"] contains duplicates.'),
    ({"NS": ["1", "1.0"]}, INVALID + "Input collection contains duplicates."),
    ({"NS": ["1", "x"]}, "The parameter cannot be converted to a numeric value: x"),
    ({"NULL": False}, INVALID + "Null attribute value types must have the value of true"),
    ({}, "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
    ({"S": "a", "N": "1"}, "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"),
    ({"M": {"": {"S": "a"}}}, "Empty attribute name"),
])
def test_value_errors_inside_the_validation_envelope(ddb_raw, hash_table, value, message):
    """PutItem reports a malformed value inside "1 validation error detected: " (AWS, 2026)."""
    assert refused(ddb_raw.put_item, TableName=hash_table, Item={"pk": {"S": "a"}, "x": value}) == \
        ("ValidationException", ONE + message)


def test_value_errors_come_before_the_table_lookup(ddb_raw):
    """A bad value is reported even when the table does not exist."""
    assert refused(ddb_raw.put_item, TableName="no-such-table", Item={"pk": {"S": "a"}, "x": {"N": "x"}}) == \
        ("ValidationException", ONE + "The parameter cannot be converted to a numeric value: x")


def test_nesting_limit(ddb, hash_table):
    """31 nested maps around a scalar are accepted; 32 are refused (message bare)."""
    def nest(n):
        v = {"S": "leaf"}
        for _ in range(n):
            v = {"M": {"n": v}}
        return v
    pk = uuid.uuid4().hex
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": pk}, "d": nest(31)})
    assert refused(ddb.put_item, TableName=hash_table, Item={"pk": {"S": pk}, "d": nest(32)}) == (
        "ValidationException",
        "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit")


@pytest.mark.parametrize("mode", ["ALL_NEW", "UPDATED_OLD", "UPDATED_NEW"])
def test_return_values_other_than_all_old(ddb, hash_table, mode):
    """PutItem recognises only NONE and ALL_OLD."""
    assert refused(ddb.put_item, TableName=hash_table, Item={"pk": {"S": "a"}}, ReturnValues=mode) == \
        ("ValidationException", ONE + "ReturnValues can only be ALL_OLD or NONE")


def test_item_size_limit(ddb, hash_table):
    """An item of exactly 409,600 bytes (names and key included) is stored; one byte more is not."""
    pk = uuid.uuid4().hex  # 32 bytes
    base = len("pk") + len(pk) + len("p")
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": pk}, "p": {"S": "x" * (409600 - base)}})
    assert refused(ddb.put_item, TableName=hash_table,
                   Item={"pk": {"S": pk}, "p": {"S": "x" * (409601 - base)}}) == \
        ("ValidationException", "Item size has exceeded the maximum allowed size")


def test_number_sizes_count_at_the_limit(ddb, hash_table):
    """Numbers count by their digit groups, not their text: 1E125 costs 2 bytes, 3.14159 costs 5."""
    pk = uuid.uuid4().hex
    for literal, cost in (("1E125", 2), ("3.14159", 5), ("-42", 3)):
        pad = 409600 - (2 + 32 + 1 + cost + 1)
        ddb.put_item(TableName=hash_table, Item={"pk": {"S": pk}, "n": {"N": literal}, "p": {"S": "x" * pad}})
        with pytest.raises(ClientError):
            ddb.put_item(TableName=hash_table, Item={"pk": {"S": pk}, "n": {"N": literal}, "p": {"S": "x" * (pad + 1)}})


@pytest.mark.parametrize("item, message", [
    ({"x": {"S": "a"}}, INVALID + "Missing the key pk in the item"),
    ({"pk": {"N": "1"}}, INVALID + "Type mismatch for key pk expected: S actual: N"),
    ({"pk": {"M": {}}}, INVALID + "Type mismatch for key pk expected: S actual: M"),
    ({"pk": {"S": ""}}, "One or more parameter values are not valid. The AttributeValue for a key "
                        "attribute cannot contain an empty string value. Key: pk"),
    ({"pk": {"S": "a" * 2049}}, INVALID + "Size of hashkey has exceeded the maximum size limit of2048 bytes"),
])
def test_key_errors_are_reported_bare(ddb, hash_table, item, message):
    """Errors that need the table's schema come after it is found, without the envelope."""
    assert refused(ddb.put_item, TableName=hash_table, Item=item) == ("ValidationException", message)


def test_sort_key_errors(ddb, binary_table):
    """Binary keys may not be empty; sort keys are limited to 1024 bytes."""
    assert refused(ddb.put_item, TableName=binary_table, Item={"pk": {"B": b""}, "sk": {"S": "a"}}) == (
        "ValidationException", "One or more parameter values are not valid. The AttributeValue for a key "
                               "attribute cannot contain an empty binary value. Key: pk")
    assert refused(ddb.put_item, TableName=binary_table, Item={"pk": {"B": b"a"}, "sk": {"S": "a" * 1025}}) == (
        "ValidationException", INVALID + "Aggregated size of all range keys has exceeded the size limit of 1024 bytes")
    assert refused(ddb.put_item, TableName=binary_table, Item={"pk": {"B": b"a"}}) == (
        "ValidationException", INVALID + "Missing the key sk in the item")
    ddb.put_item(TableName=binary_table, Item={"pk": {"B": b"\x00" * 2048}, "sk": {"S": "é" * 512}})


# --- functionality ------------------------------------------------------------------------


def test_put_replaces_the_whole_item(ddb, hash_table):
    """A second put replaces every attribute of the item."""
    key = {"pk": {"S": uuid.uuid4().hex}}
    ddb.put_item(TableName=hash_table, Item={**key, "a": {"S": "1"}, "b": {"S": "2"}})
    ddb.put_item(TableName=hash_table, Item={**key, "c": {"S": "3"}})
    assert ddb.get_item(TableName=hash_table, Key=key)["Item"] == {**key, "c": {"S": "3"}}


def test_sets_read_back_in_dynamodb_order(ddb, hash_table):
    """DynamoDB stores a set's members in its own order and returns them so: string and binary
    sets by their bytes (unsigned), number sets by value, nested sets too."""
    key = {"pk": {"S": uuid.uuid4().hex}}
    ddb.put_item(TableName=hash_table, Item={
        **key, "ss": {"SS": ["b", "a", "", "B"]}, "ns": {"NS": ["10", "2", "-1", "1.5"]},
        "bs": {"BS": [b"\xff", b"\x01", b""]}, "m": {"M": {"in": {"SS": ["z", "y"]}}}})
    got = ddb.get_item(TableName=hash_table, Key=key, ConsistentRead=True)["Item"]
    assert got["ss"] == {"SS": ["", "B", "a", "b"]}
    assert got["ns"] == {"NS": ["-1", "1.5", "2", "10"]}
    assert got["bs"] == {"BS": [b"", b"\x01", b"\xff"]}
    assert got["m"] == {"M": {"in": {"SS": ["y", "z"]}}}


def test_return_values_all_old(ddb, hash_table):
    """ALL_OLD returns the replaced item, and nothing when there was none."""
    key = {"pk": {"S": uuid.uuid4().hex}}
    r = ddb.put_item(TableName=hash_table, Item={**key, "v": {"N": "1"}}, ReturnValues="ALL_OLD")
    assert "Attributes" not in r
    r = ddb.put_item(TableName=hash_table, Item={**key, "v": {"N": "2"}}, ReturnValues="ALL_OLD")
    assert r["Attributes"] == {**key, "v": {"N": "1"}}
    r = ddb.put_item(TableName=hash_table, Item={**key, "v": {"N": "3"}}, ReturnValues="NONE")
    assert "Attributes" not in r


def test_number_keys_are_equal_by_value(ddb, number_table):
    """1, 1.0 and 1e0 are the same number key."""
    ddb.put_item(TableName=number_table, Item={"pk": {"N": "1.0"}, "v": {"S": "first"}})
    ddb.put_item(TableName=number_table, Item={"pk": {"N": "1e0"}, "v": {"S": "second"}})
    assert ddb.get_item(TableName=number_table, Key={"pk": {"N": "1"}})["Item"] == \
        {"pk": {"N": "1"}, "v": {"S": "second"}}


@pytest.mark.parametrize("extra, units", [(1024 - 35, 1.0), (1025 - 35, 2.0), (2048 - 35, 2.0), (2049 - 35, 3.0), (5000, 5.0)])
def test_consumed_capacity_is_1kb_units_of_the_item(ddb, hash_table, extra, units):
    """A write costs one unit per started KB of the item (name + value bytes, key included)."""
    pk = uuid.uuid4().hex  # "pk" + 32 + "x" + 4 + "p" = 40 bytes; the item is 35 + extra
    item = {"pk": {"S": pk}, "x": {"S": "abcd"}, "p": {"S": "y" * (extra - 5)}}
    r = ddb.put_item(TableName=hash_table, Item=item, ReturnConsumedCapacity="TOTAL")
    assert r["ConsumedCapacity"] == {"TableName": hash_table, "CapacityUnits": units}


def test_consumed_capacity_counts_the_larger_of_old_and_new(ddb, hash_table):
    """Replacing an item costs by the larger of the old and the new item."""
    key = {"pk": {"S": uuid.uuid4().hex}}
    ddb.put_item(TableName=hash_table, Item={**key, "p": {"S": "x" * 5000}})
    r = ddb.put_item(TableName=hash_table, Item=key, ReturnConsumedCapacity="INDEXES")
    assert r["ConsumedCapacity"] == {"TableName": hash_table, "CapacityUnits": 5.0, "Table": {"CapacityUnits": 5.0}}
    r = ddb.put_item(TableName=hash_table, Item=key, ReturnConsumedCapacity="NONE")
    assert "ConsumedCapacity" not in r


def test_table_size_bytes_sums_item_sizes(ddb):
    """DescribeTable's TableSizeBytes adds up the items' sizes by DynamoDB's rules (the figure
    DynamoDB Local reports for these three items is 58)."""
    table = make_table(ddb, "S")
    for item in ({"pk": {"S": "a"}, "n": {"N": "3.14159"}, "m": {"M": {"x": {"L": [{"N": "-12000"}, {"S": "é"}]}}}},
                 {"pk": {"S": "bb"}, "ss": {"SS": ["a", "bc"]}, "b": {"B": b"\x00\x01\x02"}, "t": {"BOOL": True},
                  "z": {"NULL": True}},
                 {"pk": {"S": "ccc"}, "ns": {"NS": ["1", "1.5", "-42"]}}):
        ddb.put_item(TableName=table, Item=item)
    described = ddb.describe_table(TableName=table)["Table"]
    assert (described["ItemCount"], described["TableSizeBytes"]) == (3, 58)


def test_item_collection_metrics_on_a_table_with_a_local_index(ddb, lsi_table):
    """On a table with a local secondary index, ReturnItemCollectionMetrics=SIZE reports the
    partition's key and the whole-gigabyte range its collection falls in: [0, 1] for a small one
    (paritysuite dynamodb-conformance tests/tier1/putItem/itemCollectionMetrics.test.ts,
    eu-west-2 and us-east-1, 2026-10-09). NONE reports nothing."""
    pk = uuid.uuid4().hex
    item = {"pk": {"S": pk}, "sk": {"S": "a"}, "lsik": {"S": "l"}, "data": {"S": "hello"}}
    r = ddb.put_item(TableName=lsi_table, Item=item, ReturnItemCollectionMetrics="SIZE")
    assert r["ItemCollectionMetrics"] == {"ItemCollectionKey": {"pk": {"S": pk}}, "SizeEstimateRangeGB": [0.0, 1.0]}
    r = ddb.put_item(TableName=lsi_table, Item=item, ReturnItemCollectionMetrics="NONE")
    assert "ItemCollectionMetrics" not in r


def test_no_item_collection_metrics_without_a_local_index(ddb, hash_table):
    """A table without local secondary indexes has no item collections to report."""
    r = ddb.put_item(TableName=hash_table, Item={"pk": {"S": uuid.uuid4().hex}}, ReturnItemCollectionMetrics="SIZE")
    assert "ItemCollectionMetrics" not in r


def test_local_index_write_capacity(ddb, lsi_table):
    """A put that lands in a local index costs the index a write on top of the table's, and
    INDEXES lists it; an item without the index's sort key costs the index nothing (nubo-db
    dynamodb-conformance CHANGELOG 3.0.0: LSI units fold into the total as GSI units do)."""
    pk = uuid.uuid4().hex
    r = ddb.put_item(TableName=lsi_table, Item={"pk": {"S": pk}, "sk": {"S": "a"}, "lsik": {"S": "l"}},
                     ReturnConsumedCapacity="INDEXES")
    assert r["ConsumedCapacity"] == {"TableName": lsi_table, "CapacityUnits": 2.0, "Table": {"CapacityUnits": 1.0},
                                     "LocalSecondaryIndexes": {"lsi1": {"CapacityUnits": 1.0}}}
    r = ddb.put_item(TableName=lsi_table, Item={"pk": {"S": pk}, "sk": {"S": "b"}}, ReturnConsumedCapacity="INDEXES")
    assert r["ConsumedCapacity"] == {"TableName": lsi_table, "CapacityUnits": 1.0, "Table": {"CapacityUnits": 1.0}}
