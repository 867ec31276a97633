"""Checks an index's stored entries against its table's items, straight from LMDB: every item
the index should hold has exactly one entry, with the projected value, and nothing else is there;
the index's counters (ItemCount, IndexSizeBytes) equal what is stored."""

from __future__ import annotations

from typing import Any

from ddbserver.engine import codec, keys
from ddbserver.engine.catalog import Table
from ddbserver.engine.indexes import entry_value
from ddbserver.engine.store import read_stats
from ddbserver.errors import DynamoError


def prefixed(txn: Any, db: Any, prefix: bytes) -> list[tuple[bytes, bytes]]:
    out = []
    cur = txn.cursor(db=db)
    if cur.set_range(prefix):
        for k, v in cur.iternext():
            if bytes(k[:len(prefix)]) != prefix:
                break
            out.append((bytes(k), bytes(v)))
    return out


def check_index(database: Any, table_name: str, index_name: str) -> int:
    """Assert the index is exactly right; returns how many items it holds."""
    with database.read() as txn:
        import orjson

        table = Table.from_meta(orjson.loads(txn.get(table_name.encode(), db=database.tables_db)))
        index = table.index(index_name)
        assert index is not None
        expected: dict[bytes, bytes] = {}
        for key, stored in prefixed(txn, database.items_db, keys.table_prefix(table.id)):
            item = codec.decode(stored)
            try:
                index.check(item)
            except DynamoError:
                continue
            entry = index.entry_key(item, key[4:])
            if entry is not None:
                expected[entry] = entry_value(index, item, stored)
        actual = dict(prefixed(txn, database.items_db, keys.table_prefix(index.id)))
        assert set(actual) == set(expected), (len(actual), len(expected))
        assert actual == expected
        count, size = read_stats(txn, database.sys_db, index.id)
    assert count == len(expected)
    assert size == sum(codec.size_of(v) for v in expected.values())
    return count
