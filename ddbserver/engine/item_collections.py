"""Item collections: ReturnItemCollectionMetrics for tables with local secondary indexes.

An item collection is every item of one partition key value plus what the table's local
secondary indexes project of them. PutItem, UpdateItem and DeleteItem report, when asked with
SIZE and only on a table that has a local secondary index, the collection's key and a
whole-gigabyte range its size falls in ([0.0, 1.0] under 1 GB).
https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ItemCollectionMetrics.html

The size is measured, not guessed: one read transaction sums the partition's stored item sizes
and each local index's projected share. That costs a pass over the partition, paid only by a
request that asks for the metrics.
"""

from __future__ import annotations

from typing import Any, cast

from ddbserver.engine import capacity, codec, keys, values
from ddbserver.engine.catalog import Table
from ddbserver.engine.database import Database
from ddbserver.engine.query import successor

GB = 1024 ** 3

Item = dict[str, Any]


def has_collections(table: Table) -> bool:
    return bool(table.meta.get("LocalSecondaryIndexes"))


def metrics(db: Database, table: Table, key: Item, mode: str | None) -> dict[str, Any] | None:
    """The ItemCollectionMetrics member for `key`'s partition, or None when not reported."""
    if mode != "SIZE" or not has_collections(table):
        return None
    hash_name = table.key.hash_name
    (type_, value), = key[hash_name].items()
    low = keys.partition_prefix(table.id, type_, value)
    lower = float(collection_size(db, table, low) // GB)
    return {"ItemCollectionKey": {hash_name: key[hash_name]}, "SizeEstimateRangeGB": [lower, lower + 1.0]}


def collection_size(db: Database, table: Table, prefix: bytes) -> int:
    """Bytes of the partition under `prefix`: its items plus each local index's projection."""
    indexes = table.meta["LocalSecondaryIndexes"]
    total = 0
    high = successor(prefix)
    with db.read() as txn:
        cursor = txn.cursor(db=db.items_db)
        positioned = cursor.set_range(prefix)
        while positioned and cast(bytes, cursor.key()) < high:
            stored = cast(bytes, cursor.value())
            total += codec.size_of(stored)
            item = codec.decode(stored)
            total += sum(_projected_size(table, index, item) for index in indexes)
            positioned = cursor.next()
    return total


def _projected_size(table: Table, index: dict[str, Any], item: Item) -> int:
    """What one local index holds of `item`: nothing when the item lacks the index's sort key."""
    index_keys = [k["AttributeName"] for k in index["KeySchema"]]
    entry = capacity.index_entry(index, list(table.key.names), index_keys, item)
    return 0 if entry is None else values.item_size(entry)
