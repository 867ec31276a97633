"""Item collections: ReturnItemCollectionMetrics for tables with local secondary indexes.

An item collection is every item of one partition key value plus what the table's local
secondary indexes hold of them. PutItem, UpdateItem, DeleteItem and BatchWriteItem report, when
asked with SIZE and only on a table that has a local secondary index, the collection's key and
a whole-gigabyte range its size falls in ([0.0, 1.0] under 1 GB).
https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ItemCollectionMetrics.html

The size is exact and costs one lookup: the store keeps a counter per collection, changed in
the transaction of every write (store.py: what it counts, and the limit it enforces).
"""

from __future__ import annotations

from typing import Any

from ddbserver.engine import keys
from ddbserver.engine.catalog import Table
from ddbserver.engine.database import Database
from ddbserver.engine.store import read_collection

GB = 1024 ** 3

Item = dict[str, Any]


def has_collections(table: Table) -> bool:
    return bool(table.meta.get("LocalSecondaryIndexes"))


def metrics(db: Database, table: Table, key: Item, mode: str | None) -> dict[str, Any] | None:
    """The ItemCollectionMetrics member for `key`'s partition, or None when not reported."""
    if mode != "SIZE" or not has_collections(table):
        return None
    hash_name = table.key.hash_name
    lower = float(max(0, collection_size(db, table, key)) // GB)  # < 0 only for data older than the counters
    return {"ItemCollectionKey": {hash_name: key[hash_name]}, "SizeEstimateRangeGB": [lower, lower + 1.0]}


def collection_size(db: Database, table: Table, key: Item) -> int:
    """Bytes of the collection of `key`'s partition: its items plus its local index entries."""
    (type_, value), = key[table.key.hash_name].items()
    with db.read() as txn:
        return read_collection(txn, db.sys_db, keys.partition_prefix(table.id, type_, value))
