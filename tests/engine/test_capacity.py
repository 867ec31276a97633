"""engine/capacity.py: DynamoDB's capacity-unit arithmetic and the ConsumedCapacity member."""

from __future__ import annotations

import pytest

from ddbserver.engine import capacity


@pytest.mark.parametrize("size, units", [(0, 1.0), (1, 1.0), (1024, 1.0), (1025, 2.0), (409600, 400.0)])
def test_write_units_are_started_kilobytes(size, units):
    """Writes cost one unit per started KB, at least one."""
    assert capacity.write_units(size) == units


@pytest.mark.parametrize("size, consistent, units", [
    (0, False, 0.5), (0, True, 1.0), (4096, True, 1.0), (4097, True, 2.0), (4097, False, 1.0), (409600, False, 50.0),
])
def test_read_units_are_started_4kb_halved_when_eventual(size, consistent, units):
    """Reads cost one unit per started 4 KB, half for eventually consistent reads; a miss costs the minimum."""
    assert capacity.read_units(size, consistent) == units


def test_consumed_shapes():
    """TOTAL gives the table and its units; INDEXES adds the table's and each index's share."""
    assert capacity.consumed("t", 1.0, None) is None
    assert capacity.consumed("t", 1.0, "NONE") is None
    assert capacity.consumed("t", 2.0, "TOTAL") == {"TableName": "t", "CapacityUnits": 2.0}
    assert capacity.consumed("t", 2.0, "INDEXES") == {"TableName": "t", "CapacityUnits": 2.0, "Table": {"CapacityUnits": 2.0}}
    assert capacity.consumed("t", 1.0, "TOTAL", {"g": 1.0}) == {"TableName": "t", "CapacityUnits": 2.0}
    assert capacity.consumed("t", 1.0, "INDEXES", {"g": 1.0}, {"l": 0.5}) == {
        "TableName": "t", "CapacityUnits": 2.5, "Table": {"CapacityUnits": 1.0},
        "GlobalSecondaryIndexes": {"g": {"CapacityUnits": 1.0}}, "LocalSecondaryIndexes": {"l": {"CapacityUnits": 0.5}}}


META = {
    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
    "GlobalSecondaryIndexes": [
        {"IndexName": "gk", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
         "Projection": {"ProjectionType": "KEYS_ONLY"}},
        {"IndexName": "gi", "KeySchema": [{"AttributeName": "h", "KeyType": "HASH"}],
         "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["p"]}},
    ],
    "LocalSecondaryIndexes": [
        {"IndexName": "l", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "s", "KeyType": "RANGE"}],
         "Projection": {"ProjectionType": "ALL"}},
    ],
}
BASE = {"pk": {"S": "a"}, "g": {"S": "1"}, "h": {"S": "1"}, "p": {"S": "x"}, "q": {"S": "y"}}


@pytest.mark.parametrize("old, new, shares", [
    (None, BASE, ({"gk": 1.0, "gi": 1.0}, {})),                                  # enters both
    (BASE, BASE, ({}, {})),                                                      # unchanged: no index entry
    (BASE, {**BASE, "q": {"S": "z"}}, ({}, {})),                                 # a non-projected attribute
    (BASE, {**BASE, "p": {"S": "z"}}, ({"gi": 1.0}, {})),                        # a projected attribute
    (BASE, {**BASE, "g": {"S": "2"}}, ({"gk": 2.0}, {})),                        # a new index key: delete + put
    (BASE, {k: v for k, v in BASE.items() if k != "h"}, ({"gi": 1.0}, {})),      # leaves an index
    (BASE, None, ({"gk": 1.0, "gi": 1.0}, {})),                                  # deleted
    (None, {"pk": {"S": "a"}, "s": {"S": "k"}, "z": {"S": "w" * 1900}}, ({}, {"l": 2.0})),  # sized by the entry
    # a local entry counts 100 bytes of overhead: 924 bytes cost 1 unit, 925 bytes 2 (DynamoDB Local)
    (None, {"pk": {"S": "a"}, "s": {"S": "k" * 920}}, ({}, {"l": 1.0})),
    (None, {"pk": {"S": "a"}, "s": {"S": "k" * 921}}, ({}, {"l": 2.0})),
    (None, {"pk": {"S": "a"}, "g": {"S": "k" * 1020}}, ({"gk": 1.0}, {})),  # a global one does not
    (None, {"pk": {"S": "a"}, "g": {"S": "k" * 1021}}, ({"gk": 2.0}, {})),
])
def test_index_writes_follow_dynamodbs_rules(old, new, shares):
    """Each index takes a write for an item entering, leaving (one each) or moving in it (two),
    one when a projected attribute changes, and nothing (no entry) when untouched; DynamoDB
    Local reports the same figures for these changes."""
    assert capacity.index_writes(META, old, new) == shares


def test_consumed_write_adds_index_shares():
    """TOTAL folds the index units into the total; INDEXES lists each index's share."""
    assert capacity.consumed_write("t", META, 1.0, "TOTAL", None, BASE) == {"TableName": "t", "CapacityUnits": 3.0}
    assert capacity.consumed_write("t", META, 1.0, "INDEXES", BASE, {**BASE, "p": {"S": "z"}}) == {
        "TableName": "t", "CapacityUnits": 2.0, "Table": {"CapacityUnits": 1.0},
        "GlobalSecondaryIndexes": {"gi": {"CapacityUnits": 1.0}}}
    assert capacity.consumed_write("t", META, 1.0, "NONE", None, BASE) is None
