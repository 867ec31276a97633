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

from ddbserver.engine import codec, values
from ddbserver.engine.indexes import LSI_ENTRY_OVERHEAD

Item = dict[str, Any]

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


def index_writes(meta: dict[str, Any], old: Item | None, new: Item | None) -> tuple[dict[str, float], dict[str, float]]:
    """Write units each secondary index takes for one item change: (global, local), by index name.

    DynamoDB's rules (developer guide, "Provisioned throughput considerations" for GSIs and LSIs):
    an item entering an index is one write of its index entry, leaving it is one delete, and
    moving to another index key is both; an item that stays under the same index key costs one
    write only when a projected attribute changed. An index the change does not touch takes
    nothing and has no entry at all (not a zero). An index entry is the table key, the index key
    and the projected attributes; a local index entry also counts 100 bytes of overhead (DynamoDB
    Local's figures: a KEYS_ONLY LSI entry of 924 bytes costs 1 unit, of 925 bytes 2; a GSI
    entry of 1024 bytes costs 1), the overhead AWS documents for index storage.
    """
    table_keys = [k["AttributeName"] for k in meta["KeySchema"]]
    shares: tuple[dict[str, float], dict[str, float]] = ({}, {})
    for side, member in enumerate(("GlobalSecondaryIndexes", "LocalSecondaryIndexes")):
        overhead = LSI_ENTRY_OVERHEAD if side else 0
        for index in meta.get(member) or ():
            if index.get("IndexStatus") == "DELETING":
                continue
            units = _index_units(index, table_keys, old, new, overhead)
            if units:
                shares[side][index["IndexName"]] = units
    return shares


def _index_units(index: dict[str, Any], table_keys: list[str], old: Item | None, new: Item | None,
                 overhead: int) -> float:
    index_keys = [k["AttributeName"] for k in index["KeySchema"]]
    before = index_entry(index, table_keys, index_keys, old)
    after = index_entry(index, table_keys, index_keys, new)

    def units(entry: Item) -> float:
        return write_units(values.item_size(entry) + overhead)

    if before is None:
        return 0.0 if after is None else units(after)
    if after is None:
        return units(before)
    if any(before[k] != after[k] for k in index_keys):
        return units(before) + units(after)
    if before == after:
        return 0.0
    return max(units(before), units(after))


def index_entry(index: dict[str, Any], table_keys: list[str], index_keys: list[str], item: Item | None) -> Item | None:
    """What the index holds of `item`, or None when the item lacks an index key attribute."""
    if item is None or any(k not in item for k in index_keys):
        return None
    projection = index.get("Projection") or {}
    kind = projection.get("ProjectionType", "ALL")
    if kind == "ALL":
        return item
    names = set(table_keys) | set(index_keys)
    if kind == "INCLUDE":
        names |= set(projection.get("NonKeyAttributes") or ())
    return {n: v for n, v in item.items() if n in names}


def consumed_write(table: str, meta: dict[str, Any], units: float, mode: str | None,
                   old: bytes | Item | None, new: bytes | Item | None) -> dict[str, Any] | None:
    """ConsumedCapacity of a single-item write: the table's `units` plus each index's share of
    the change from `old` to `new` (stored bytes or items; None when absent)."""
    if mode not in ("TOTAL", "INDEXES"):
        return None
    if not (meta.get("GlobalSecondaryIndexes") or meta.get("LocalSecondaryIndexes")):
        return consumed(table, units, mode)
    global_indexes, local_indexes = index_writes(meta, _item(old), _item(new))
    return consumed(table, units, mode, global_indexes, local_indexes)


def _item(value: bytes | Item | None) -> Item | None:
    return codec.decode(value) if isinstance(value, bytes) else value
