"""Capacity units by DynamoDB's arithmetic.

Writes: one unit per started 1 KB of the larger of the old and new item (at least one).
Reads: one unit per started 4 KB read (at least one), halved for eventually consistent reads.
Transactional reads and writes cost double.
https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
"""

from __future__ import annotations

from typing import Any

WRITE_UNIT = 1024
READ_UNIT = 4096


def write_units(size: int) -> float:
    return float(max(1, -(-size // WRITE_UNIT)))


def read_units(size: int, consistent: bool) -> float:
    units = float(max(1, -(-size // READ_UNIT)))
    return units if consistent else units / 2


def consumed(table: str, units: float, mode: str | None) -> dict[str, Any] | None:
    """The ConsumedCapacity member for ReturnConsumedCapacity `mode` (None when NONE/absent)."""
    if mode == "TOTAL":
        return {"TableName": table, "CapacityUnits": units}
    if mode == "INDEXES":
        return {"TableName": table, "CapacityUnits": units, "Table": {"CapacityUnits": units}}
    return None
