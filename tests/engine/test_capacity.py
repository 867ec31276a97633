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
