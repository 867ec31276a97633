"""BatchGetItem through boto3 against a live server: serialization, validation, functionality."""

from __future__ import annotations

import uuid

import pytest

from tests.conftest import refused

DUPLICATES = "Provided list of item keys contains duplicates"
OVERLAP = ("Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one "
           "of these paths; path one: [a], path two: [a]")



@pytest.fixture(scope="module")
def stored(ddb, hash_table, range_table):
    """Three items in the hash table and two in the range table, under a fresh prefix."""
    p = uuid.uuid4().hex
    ddb.batch_write_item(RequestItems={
        hash_table: [{"PutRequest": {"Item": {"pk": {"S": f"{p}{i}"}, "a": {"N": str(i)}, "b": {"S": "x"}}}}
                     for i in range(3)],
        range_table: [{"PutRequest": {"Item": {"pk": {"S": p}, "sk": {"N": str(i)}, "a": {"N": str(i)}}}}
                      for i in range(2)]})
    return p


# --- serialization ------------------------------------------------------------------------


def test_responses_by_table_and_empty_unprocessed_keys(ddb, hash_table, range_table, stored):
    """Found items come back under their table's name; misses are simply absent."""
    r = ddb.batch_get_item(RequestItems={
        hash_table: {"Keys": [{"pk": {"S": f"{stored}{i}"}} for i in (0, 1, 9)]},
        range_table: {"Keys": [{"pk": {"S": stored}, "sk": {"N": "1"}}]}})
    assert sorted(int(i["a"]["N"]) for i in r["Responses"][hash_table]) == [0, 1]
    assert r["Responses"][range_table] == [{"pk": {"S": stored}, "sk": {"N": "1"}, "a": {"N": "1"}}]
    assert r["UnprocessedKeys"] == {}


# --- validation ---------------------------------------------------------------------------


# AWS's newer validation wording for BatchGetItem, captured 2026 (paritysuite/dynamodb-conformance,
# tests/tier3/error-messages/batchGetItem.test.ts).
def test_empty_request_items(ddb_raw):
    """An empty RequestItems breaks the map's minimum length, in AWS's newer wording."""
    assert refused(ddb_raw.batch_get_item, RequestItems={}) == \
        ("ValidationException", "1 validation error detected: Value at 'RequestItems' failed to satisfy "
                                "constraint: Member must have length greater than or equal to 1")


def test_empty_keys(ddb_raw, hash_table):
    """An empty Keys list breaks its minimum length, named with the model's member names."""
    assert refused(ddb_raw.batch_get_item, RequestItems={hash_table: {"Keys": []}}) == \
        ("ValidationException", f"1 validation error detected: Value at 'RequestItems.{hash_table}.member.Keys' "
                                "failed to satisfy constraint: Member must have length greater than or equal to 1")


@pytest.mark.parametrize("name", ["ab", "bad!name"])
def test_malformed_table_name(ddb_raw, name):
    """A malformed table name is a constraint on RequestItems' keys; the map is echoed as JSON."""
    assert refused(ddb_raw.batch_get_item, RequestItems={name: {"Keys": [{"pk": {"S": "a"}}]}}) == \
        ("ValidationException",
         f"1 validation error detected: Value '{{\"{name}\":{{\"Keys\":[{{\"pk\":{{\"S\":\"a\"}}}}]}}}}' at "
         "'requestItems' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length "
         "less than or equal to 255, Member must have length greater than or equal to 3, Member must satisfy "
         "regular expression pattern: [a-zA-Z0-9_.-]+]")


def test_more_than_100_keys_across_tables(ddb, hash_table, range_table):
    """At most 100 keys in all."""
    assert refused(ddb.batch_get_item, RequestItems={
        hash_table: {"Keys": [{"pk": {"S": f"k{i}"}} for i in range(60)]},
        range_table: {"Keys": [{"pk": {"S": "k"}, "sk": {"N": str(i)}} for i in range(41)]}}) == \
        ("ValidationException", "Too many items requested for the BatchGetItem call")


def test_more_than_100_for_one_table_is_a_model_error(ddb_raw, hash_table):
    """101 keys for one table break the model's length constraint."""
    code, message = refused(ddb_raw.batch_get_item, RequestItems={
        hash_table: {"Keys": [{"pk": {"S": f"k{i}"}} for i in range(101)]}})
    assert (code, message) == ("ValidationException", "1 validation error detected: Value at 'RequestItems."
                               f"{hash_table}.member.Keys' failed to satisfy constraint: Member must have length "
                               "less than or equal to 100")


def test_duplicate_keys(ddb, hash_table):
    """The same key twice in one table's Keys is refused."""
    assert refused(ddb.batch_get_item, RequestItems={hash_table: {"Keys": [{"pk": {"S": "d"}}, {"pk": {"S": "d"}}]}}) \
        == ("ValidationException", DUPLICATES)


@pytest.mark.parametrize("key", [{"x": {"S": "a"}}, {"pk": {"N": "1"}}, {"pk": {"S": "a"}, "x": {"S": "b"}}])
def test_keys_must_match_the_schema(ddb, hash_table, key):
    """A key that is not exactly the table's key attributes is refused."""
    assert refused(ddb.batch_get_item, RequestItems={hash_table: {"Keys": [key]}}) == \
        ("ValidationException", "The provided key element does not match the schema")


def test_missing_table(ddb):
    """An unknown table is ResourceNotFoundException."""
    assert refused(ddb.batch_get_item, RequestItems={"no-such-table": {"Keys": [{"pk": {"S": "a"}}]}}) == \
        ("ResourceNotFoundException", "Requested resource not found")


def test_projection_errors_fail_the_whole_batch(ddb, hash_table, range_table):
    """One bad projection fails the request, before any table or key is looked at."""
    assert refused(ddb.batch_get_item, RequestItems={
        hash_table: {"Keys": [{"pk": {"S": "a"}}], "ProjectionExpression": "a, a"},
        "no-such-table": {"Keys": [{"pk": {"S": "a"}}], "ProjectionExpression": "a"}}) == \
        ("ValidationException", OVERLAP)


def test_projection_and_attributes_to_get_mixed(ddb, hash_table, range_table):
    """ProjectionExpression and AttributesToGet may not be mixed, in one entry or across entries."""
    message = ("Can not use both expression and non-expression parameters in the same request: "
               "Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}")
    assert refused(ddb.batch_get_item, RequestItems={
        hash_table: {"Keys": [{"pk": {"S": "a"}}], "AttributesToGet": ["a"], "ProjectionExpression": "a"}}) == \
        ("ValidationException", message)
    assert refused(ddb.batch_get_item, RequestItems={
        hash_table: {"Keys": [{"pk": {"S": "a"}}], "ProjectionExpression": "a"},
        range_table: {"Keys": [{"pk": {"S": "a"}, "sk": {"N": "1"}}], "AttributesToGet": ["a"]}})[0] == \
        "ValidationException"


# --- functionality ------------------------------------------------------------------------


def test_projection_per_table(ddb, hash_table, range_table, stored):
    """Each table's ProjectionExpression / AttributesToGet applies to its own items."""
    r = ddb.batch_get_item(RequestItems={
        hash_table: {"Keys": [{"pk": {"S": f"{stored}2"}}], "ProjectionExpression": "#b",
                     "ExpressionAttributeNames": {"#b": "b"}},
        range_table: {"Keys": [{"pk": {"S": stored}, "sk": {"N": "0"}}], "ProjectionExpression": "a"}})
    assert r["Responses"] == {hash_table: [{"b": {"S": "x"}}], range_table: [{"a": {"N": "0"}}]}


def test_consumed_capacity_per_table(ddb, hash_table, range_table, stored):
    """ConsumedCapacity lists each table: 4 KB units per item found, halved unless ConsistentRead."""
    r = ddb.batch_get_item(RequestItems={
        hash_table: {"Keys": [{"pk": {"S": f"{stored}{i}"}} for i in range(3)]},
        range_table: {"Keys": [{"pk": {"S": stored}, "sk": {"N": "0"}}], "ConsistentRead": True}},
        ReturnConsumedCapacity="TOTAL")
    assert sorted(r["ConsumedCapacity"], key=lambda c: c["TableName"] != hash_table) == [
        {"TableName": hash_table, "CapacityUnits": 1.5}, {"TableName": range_table, "CapacityUnits": 1.0}]


def test_consumed_capacity_counts_misses(ddb, hash_table):
    """A key that matches no item is still a read: half a unit eventually consistent, one strongly."""
    r = ddb.batch_get_item(RequestItems={hash_table: {"Keys": [{"pk": {"S": uuid.uuid4().hex}}, {"pk": {"S": uuid.uuid4().hex}}]}},
                           ReturnConsumedCapacity="TOTAL")
    assert r["Responses"] == {hash_table: []}
    assert r["ConsumedCapacity"] == [{"TableName": hash_table, "CapacityUnits": 1.0}]


def test_over_16_mb_returns_unprocessed_keys(ddb, hash_table):
    """Past 16 MB of items, the remaining keys come back in UnprocessedKeys with their parameters."""
    p = uuid.uuid4().hex
    big = "z" * 400_000
    for start in range(0, 45, 15):
        ddb.batch_write_item(RequestItems={hash_table: [
            {"PutRequest": {"Item": {"pk": {"S": f"{p}{i}"}, "v": {"S": big}}}} for i in range(start, start + 15)]})
    keys = [{"pk": {"S": f"{p}{i}"}} for i in range(45)]
    r = ddb.batch_get_item(RequestItems={hash_table: {"Keys": keys, "ConsistentRead": True}})
    got = len(r["Responses"][hash_table])
    assert got == 16 * 1024 * 1024 // 400_010  # as many as fit without exceeding 16 MB
    rest = r["UnprocessedKeys"][hash_table]
    assert rest["ConsistentRead"] is True and len(rest["Keys"]) == 45 - got
    r2 = ddb.batch_get_item(RequestItems=r["UnprocessedKeys"])
    assert len(r2["Responses"][hash_table]) == 45 - got and r2["UnprocessedKeys"] == {}


def test_duplicates_are_found_before_any_table_is_looked_up(ddb, hash_table):
    """Duplicate keys (numbers compared by value) are a request error, reported before a
    missing table whatever the entries' order."""
    for first in (hash_table, "no-such-table"):
        second = "no-such-table" if first == hash_table else hash_table
        assert refused(ddb.batch_get_item, RequestItems={
            first: {"Keys": [{"pk": {"S": "a"}}]},
            second: {"Keys": [{"pk": {"N": "1"}}, {"pk": {"N": "1.0"}}]}}) == ("ValidationException", DUPLICATES)
