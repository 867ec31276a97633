"""Capacity units by DynamoDB's arithmetic.

Writes: one unit per started 1 KB of the larger of the old and new item (at least one; a delete
of a missing item costs one). Reads: one unit per started 4 KB read (at least one, a miss
included), halved for eventually consistent reads. Transactional reads and writes cost double.
https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
Single-item operations report only the aggregate CapacityUnits (no Read/WriteCapacityUnits
split; AWS gives that split only on transactions).
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


def consumed(table: str, units: float, mode: str | None,
             global_indexes: dict[str, float] | None = None,
             local_indexes: dict[str, float] | None = None) -> dict[str, Any] | None:
    """The ConsumedCapacity member for ReturnConsumedCapacity `mode` (None when NONE/absent).

    `units` is the table's own share; index shares (by index name) add to the total, and
    INDEXES lists each of them.
    """
    if mode not in ("TOTAL", "INDEXES"):
        return None
    total = units + sum((global_indexes or {}).values()) + sum((local_indexes or {}).values())
    out: dict[str, Any] = {"TableName": table, "CapacityUnits": total}
    if mode == "INDEXES":
        out["Table"] = {"CapacityUnits": units}
        if local_indexes:
            out["LocalSecondaryIndexes"] = {n: {"CapacityUnits": u} for n, u in local_indexes.items()}
        if global_indexes:
            out["GlobalSecondaryIndexes"] = {n: {"CapacityUnits": u} for n, u in global_indexes.items()}
    return out
