"""GetItem through boto3 against a live server: serialization, validation, functionality."""

from __future__ import annotations

import uuid

import pytest
from botocore.exceptions import ClientError

from tests.conftest import error_of

# --- validation -------------------------------------------------------------------------


def test_missing_table_is_resource_not_found(ddb):
    """DynamoDB answers ResourceNotFoundException for a table that does not exist."""
    with pytest.raises(ClientError) as e:
        ddb.get_item(TableName="no-such-table", Key={"pk": {"S": "a"}})
    assert error_of(e) == ("ResourceNotFoundException", "Cannot do operations on a non-existent table")


def test_key_with_extra_attribute_is_rejected(ddb, hash_table):
    """A Key must hold exactly the schema's attributes."""
    with pytest.raises(ClientError) as e:
        ddb.get_item(TableName=hash_table, Key={"pk": {"S": "a"}, "x": {"S": "b"}})
    assert error_of(e) == ("ValidationException", "The number of conditions on the keys is invalid")


# --- functionality ----------------------------------------------------------------------


def test_put_then_get_round_trips_all_types(ddb, hash_table):
    """Every attribute type comes back as written, numbers normalised."""
    pk = uuid.uuid4().hex
    item = {
        "pk": {"S": pk}, "s": {"S": ""}, "n": {"N": "0012.500"}, "b": {"B": b"\x00\xff"},
        "bool": {"BOOL": True}, "null": {"NULL": True}, "m": {"M": {"a": {"L": [{"N": "1"}, {"S": "x"}]}}},
        "ss": {"SS": ["a", "b"]}, "ns": {"NS": ["1", "2.50"]}, "bs": {"BS": [b"x", b"y"]},
    }
    ddb.put_item(TableName=hash_table, Item=item)
    got = ddb.get_item(TableName=hash_table, Key={"pk": {"S": pk}})["Item"]
    assert got["n"] == {"N": "12.5"}
    assert sorted(got["ns"]["NS"]) == ["1", "2.5"]
    assert got["b"] == {"B": b"\x00\xff"}
    assert got["m"] == item["m"]
    assert got["s"] == {"S": ""}


def test_missing_item_returns_no_item_and_half_a_unit(ddb, hash_table):
    """A miss returns no Item and still costs 0.5 RCU (eventually consistent)."""
    r = ddb.get_item(TableName=hash_table, Key={"pk": {"S": uuid.uuid4().hex}}, ReturnConsumedCapacity="TOTAL")
    assert "Item" not in r
    assert r["ConsumedCapacity"] == {"TableName": hash_table, "CapacityUnits": 0.5}
