"""DeleteItem through boto3 against a live server: serialization, validation, functionality."""

from __future__ import annotations

import uuid

import pytest

from tests.conftest import refused

ONE = "1 validation error detected: "
INVALID = "One or more parameter values were invalid: "
MISMATCH = "The provided key element does not match the schema"



# --- serialization ------------------------------------------------------------------------


def test_plain_delete_answers_empty(ddb, hash_table):
    """A DeleteItem without options answers with an empty object, item or not."""
    key = {"pk": {"S": uuid.uuid4().hex}}
    ddb.put_item(TableName=hash_table, Item=key)
    assert set(ddb.delete_item(TableName=hash_table, Key=key)) == {"ResponseMetadata"}
    assert set(ddb.delete_item(TableName=hash_table, Key=key)) == {"ResponseMetadata"}


def test_all_old_returns_the_deleted_item(ddb, hash_table):
    """ReturnValues ALL_OLD returns every attribute of the deleted item, numbers normalised."""
    key = {"pk": {"S": uuid.uuid4().hex}}
    ddb.put_item(TableName=hash_table, Item={**key, "n": {"N": "1.50"}, "l": {"L": [{"NULL": True}]}})
    r = ddb.delete_item(TableName=hash_table, Key=key, ReturnValues="ALL_OLD")
    assert r["Attributes"] == {**key, "n": {"N": "1.5"}, "l": {"L": [{"NULL": True}]}}


# --- validation ---------------------------------------------------------------------------


def test_missing_table(ddb):
    """AWS answers ResourceNotFoundException "Requested resource not found"."""
    assert refused(ddb.delete_item, TableName="no-such-table", Key={"pk": {"S": "a"}}) == \
        ("ResourceNotFoundException", "Requested resource not found")


@pytest.mark.parametrize("key", [
    {"pk": {"S": "a"}, "x": {"S": "b"}}, {"x": {"S": "a"}}, {"pk": {"N": "1"}}, {"pk": {"BOOL": True}},
])
def test_key_must_match_the_schema(ddb_raw, hash_table, key):
    """The Key must be exactly the table's key attributes; reported bare."""
    assert refused(ddb_raw.delete_item, TableName=hash_table, Key=key) == ("ValidationException", MISMATCH)


def test_missing_sort_key(ddb, range_table):
    """A composite table's Key needs the sort key too."""
    assert refused(ddb.delete_item, TableName=range_table, Key={"pk": {"S": "a"}}) == ("ValidationException", MISMATCH)


@pytest.mark.parametrize("value, message", [
    ({"N": "abc"}, "The parameter cannot be converted to a numeric value: abc"),
    ({"N": "1e99999999999"}, "Number overflow. Attempting to store a number with magnitude larger than supported range"),
    ({"SS": ["b", "a", "b"]}, INVALID + 'Input collection ["a", "b", "b"] contains duplicates.'),
    ({"NS": ["2", "1", "2"]}, INVALID + "Input collection contains duplicates."),
])
def test_key_values_inside_the_validation_envelope(ddb_raw, hash_table, value, message):
    """DeleteItem reports a malformed key value inside "1 validation error detected: " (AWS, 2026)."""
    assert refused(ddb_raw.delete_item, TableName=hash_table, Key={"pk": value}) == ("ValidationException", ONE + message)


@pytest.mark.parametrize("mode", ["ALL_NEW", "UPDATED_OLD", "UPDATED_NEW"])
def test_return_values_other_than_all_old(ddb, hash_table, mode):
    """DeleteItem recognises only NONE and ALL_OLD; checked before the table is looked up."""
    assert refused(ddb.delete_item, TableName="no-such-table", Key={"pk": {"S": "a"}}, ReturnValues=mode) == \
        ("ValidationException", ONE + "ReturnValues can only be ALL_OLD or NONE")


def test_empty_and_oversized_keys(ddb, hash_table):
    """Empty key values and partition keys over 2048 bytes are refused, bare."""
    assert refused(ddb.delete_item, TableName=hash_table, Key={"pk": {"S": ""}}) == (
        "ValidationException", "One or more parameter values are not valid. The AttributeValue for a key "
                               "attribute cannot contain an empty string value. Key: pk")
    assert refused(ddb.delete_item, TableName=hash_table, Key={"pk": {"S": "a" * 2049}}) == (
        "ValidationException", INVALID + "Size of hashkey has exceeded the maximum size limit of2048 bytes")


# --- functionality ------------------------------------------------------------------------


def test_delete_removes_the_item(ddb, range_table):
    """After DeleteItem the item is gone; its neighbours in the partition stay."""
    pk = uuid.uuid4().hex
    for sk in ("1", "2"):
        ddb.put_item(TableName=range_table, Item={"pk": {"S": pk}, "sk": {"N": sk}})
    ddb.delete_item(TableName=range_table, Key={"pk": {"S": pk}, "sk": {"N": "1.0"}})
    assert "Item" not in ddb.get_item(TableName=range_table, Key={"pk": {"S": pk}, "sk": {"N": "1"}})
    assert "Item" in ddb.get_item(TableName=range_table, Key={"pk": {"S": pk}, "sk": {"N": "2"}})


def test_deleting_a_missing_item_returns_no_attributes(ddb, hash_table):
    """ALL_OLD on a key with no item returns no Attributes."""
    r = ddb.delete_item(TableName=hash_table, Key={"pk": {"S": uuid.uuid4().hex}}, ReturnValues="ALL_OLD")
    assert "Attributes" not in r


@pytest.mark.parametrize("size, units", [(0, 1.0), (1024, 1.0), (1025, 2.0), (5000, 5.0)])
def test_consumed_capacity_is_the_deleted_items_size(ddb, hash_table, size, units):
    """A delete costs one unit per started KB of the deleted item; a miss costs one unit."""
    key = {"pk": {"S": uuid.uuid4().hex}}  # "pk" + 32 + "p" = 35 bytes
    if size:
        ddb.put_item(TableName=hash_table, Item={**key, "p": {"S": "x" * (size - 35)}})
    r = ddb.delete_item(TableName=hash_table, Key=key, ReturnConsumedCapacity="TOTAL")
    assert r["ConsumedCapacity"] == {"TableName": hash_table, "CapacityUnits": units}
    r = ddb.delete_item(TableName=hash_table, Key=key)
    assert "ConsumedCapacity" not in r


def test_item_collection_metrics_on_a_table_with_a_local_index(ddb, lsi_table):
    """DeleteItem with ReturnItemCollectionMetrics=SIZE on a table with a local index reports
    the collection's key and its size range in whole gigabytes (paritysuite
    dynamodb-conformance tests/tier1/putItem/itemCollectionMetrics.test.ts, 2026-10-09)."""
    key = {"pk": {"S": uuid.uuid4().hex}, "sk": {"S": "a"}}
    ddb.put_item(TableName=lsi_table, Item={**key, "lsik": {"S": "l"}, "data": {"S": "to-delete"}})
    r = ddb.delete_item(TableName=lsi_table, Key=key, ReturnItemCollectionMetrics="SIZE")
    assert r["ItemCollectionMetrics"] == {"ItemCollectionKey": {"pk": key["pk"]}, "SizeEstimateRangeGB": [0.0, 1.0]}
