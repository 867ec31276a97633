"""GetItem through boto3 against a live server: serialization, validation, functionality."""

from __future__ import annotations

import uuid

import pytest

from tests.conftest import make_table, refused

INVALID = "One or more parameter values were invalid: "
MISMATCH = "The provided key element does not match the schema"



@pytest.fixture(scope="module")
def binary_range_table(ddb):
    return make_table(ddb, "B", "S")


# --- serialization ------------------------------------------------------------------------


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


def test_missing_item_has_no_item_member(ddb, hash_table):
    """A miss answers without "Item" (not an empty one)."""
    r = ddb.get_item(TableName=hash_table, Key={"pk": {"S": uuid.uuid4().hex}})
    assert set(r) == {"ResponseMetadata"}


# --- validation ---------------------------------------------------------------------------


def test_missing_table_is_resource_not_found(ddb):
    """AWS answers ResourceNotFoundException "Requested resource not found"."""
    assert refused(ddb.get_item, TableName="no-such-table", Key={"pk": {"S": "a"}}) == \
        ("ResourceNotFoundException", "Requested resource not found")


@pytest.mark.parametrize("key", [
    {"pk": {"S": "a"}, "x": {"S": "b"}}, {"x": {"S": "a"}}, {"pk": {"N": "1"}}, {"pk": {"SS": ["a"]}},
])
def test_key_must_match_the_schema(ddb_raw, hash_table, key):
    """A Key must hold exactly the schema's attributes, of its types."""
    assert refused(ddb_raw.get_item, TableName=hash_table, Key=key) == ("ValidationException", MISMATCH)


def test_missing_sort_key(ddb, range_table):
    """A composite table's Key needs both attributes."""
    assert refused(ddb.get_item, TableName=range_table, Key={"pk": {"S": "a"}}) == ("ValidationException", MISMATCH)


def test_key_values_are_checked_bare(ddb_raw, hash_table):
    """GetItem reports a malformed key value without the validation envelope."""
    assert refused(ddb_raw.get_item, TableName=hash_table, Key={"pk": {"N": "abc"}}) == \
        ("ValidationException", "The parameter cannot be converted to a numeric value: abc")
    assert refused(ddb_raw.get_item, TableName=hash_table, Key={"pk": {"SS": ["b", "a", "b"]}}) == \
        ("ValidationException", INVALID + 'Input collection ["a", "b", "b"] contains duplicates.')
    assert refused(ddb_raw.get_item, TableName=hash_table, Key={"pk": {"S": "a", "N": "1"}}) == \
        ("ValidationException", "Supplied AttributeValue has more than one datatypes set, must contain exactly "
                                "one of the supported datatypes")


def test_key_values_are_checked_before_the_table(ddb_raw):
    """A malformed value is reported even for a table that does not exist."""
    assert refused(ddb_raw.get_item, TableName="no-such-table", Key={"pk": {"N": "1e126"}}) == \
        ("ValidationException", "Number overflow. Attempting to store a number with magnitude larger than supported range")


def test_empty_and_oversized_keys(ddb, hash_table, binary_range_table):
    """Empty key values and keys over 2048 / 1024 bytes are refused on reads too."""
    assert refused(ddb.get_item, TableName=hash_table, Key={"pk": {"S": ""}}) == (
        "ValidationException", "One or more parameter values are not valid. The AttributeValue for a key "
                               "attribute cannot contain an empty string value. Key: pk")
    assert refused(ddb.get_item, TableName=binary_range_table, Key={"pk": {"B": b""}, "sk": {"S": "a"}}) == (
        "ValidationException", "One or more parameter values are not valid. The AttributeValue for a key "
                               "attribute cannot contain an empty binary value. Key: pk")
    assert refused(ddb.get_item, TableName=hash_table, Key={"pk": {"S": "a" * 2049}}) == (
        "ValidationException", INVALID + "Size of hashkey has exceeded the maximum size limit of2048 bytes")
    assert refused(ddb.get_item, TableName=binary_range_table, Key={"pk": {"B": b"a"}, "sk": {"S": "a" * 1025}}) == (
        "ValidationException", INVALID + "Aggregated size of all range keys has exceeded the size limit of 1024 bytes")


# --- functionality ------------------------------------------------------------------------


def test_longest_keys_round_trip(ddb, binary_range_table):
    """A 2048-byte partition key with a 1024-byte sort key is stored and found again."""
    pk, sk = b"\x00" * 2047 + uuid.uuid4().bytes[:1], "é" * 512
    ddb.put_item(TableName=binary_range_table, Item={"pk": {"B": pk}, "sk": {"S": sk}, "v": {"N": "1"}})
    got = ddb.get_item(TableName=binary_range_table, Key={"pk": {"B": pk}, "sk": {"S": sk}})["Item"]
    assert got == {"pk": {"B": pk}, "sk": {"S": sk}, "v": {"N": "1"}}


def test_long_sort_keys_sharing_a_prefix_are_distinct_items(ddb, binary_range_table):
    """Sort keys that share their first 1000 bytes are still different items."""
    pk = uuid.uuid4().bytes
    for tail in "abc":
        ddb.put_item(TableName=binary_range_table, Item={"pk": {"B": pk}, "sk": {"S": "x" * 1000 + tail}, "t": {"S": tail}})
    for tail in "abc":
        got = ddb.get_item(TableName=binary_range_table, Key={"pk": {"B": pk}, "sk": {"S": "x" * 1000 + tail}})
        assert got["Item"]["t"] == {"S": tail}


def test_number_key_found_by_any_spelling(ddb, range_table):
    """Number keys match by value: 1.50 finds the item written with 1.5."""
    pk = uuid.uuid4().hex
    ddb.put_item(TableName=range_table, Item={"pk": {"S": pk}, "sk": {"N": "1.5"}})
    assert ddb.get_item(TableName=range_table, Key={"pk": {"S": pk}, "sk": {"N": "001.50"}})["Item"]["sk"] == {"N": "1.5"}


def test_missing_item_returns_no_item_and_half_a_unit(ddb, hash_table):
    """A miss returns no Item and still costs 0.5 RCU (eventually consistent)."""
    r = ddb.get_item(TableName=hash_table, Key={"pk": {"S": uuid.uuid4().hex}}, ReturnConsumedCapacity="TOTAL")
    assert "Item" not in r
    assert r["ConsumedCapacity"] == {"TableName": hash_table, "CapacityUnits": 0.5}


@pytest.mark.parametrize("size, consistent, units", [
    (100, False, 0.5), (100, True, 1.0), (4096, True, 1.0), (4097, True, 2.0), (4097, False, 1.0),
    (12289, False, 2.0), (12289, True, 4.0),
])
def test_read_capacity_is_4kb_units_halved_for_eventual_reads(ddb, hash_table, size, consistent, units):
    """A read costs one unit per started 4 KB, half that when eventually consistent."""
    pk = uuid.uuid4().hex  # "pk" + 32 + "p" = 35 bytes
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": pk}, "p": {"S": "x" * (size - 35)}})
    r = ddb.get_item(TableName=hash_table, Key={"pk": {"S": pk}}, ConsistentRead=consistent,
                     ReturnConsumedCapacity="INDEXES")
    assert r["ConsumedCapacity"] == {"TableName": hash_table, "CapacityUnits": units, "Table": {"CapacityUnits": units}}


def test_no_consumed_capacity_unless_asked(ddb, hash_table):
    """ReturnConsumedCapacity NONE (or absent) leaves the member out."""
    r = ddb.get_item(TableName=hash_table, Key={"pk": {"S": "x"}}, ReturnConsumedCapacity="NONE")
    assert "ConsumedCapacity" not in r


def test_table_arn_of_another_region_is_refused(ddb_raw, hash_table):
    """Item operations accept a table ARN as TableName, but only one of this region."""
    arn = f"arn:aws:dynamodb:eu-west-1:000000000000:table/{hash_table}"
    code, message = refused(ddb_raw.get_item, TableName=arn, Key={"pk": {"S": "a"}})
    assert code == "ValidationException"
    assert message == f"1 validation error detected: Invalid AWS region in '{arn}'"
    ok = ddb_raw.get_item(TableName=f"arn:aws:dynamodb:us-east-1:000000000000:table/{hash_table}",
                          Key={"pk": {"S": "a"}})
    assert ok["ResponseMetadata"]["HTTPStatusCode"] == 200
