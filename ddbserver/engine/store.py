"""The only route for a change to stored data, used inside the writer's transaction.

An item change writes the item, its change-log record and the table's counters together, in the
writer's transaction. Table metadata changes go through here too so the catalog cache follows.
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING, Any

import lmdb
import orjson

from ddbserver.engine import changelog, codec, keys
from ddbserver.engine.catalog import Table

if TYPE_CHECKING:
    from ddbserver.engine.database import Database

_COUNTER = struct.Struct(">Q")
_STATS = struct.Struct(">qq")  # item count, table size bytes


def stats_key(table_id: int) -> bytes:
    return b"stats:" + keys.table_prefix(table_id)


def read_counter(txn: lmdb.Transaction, db: Any, name: bytes) -> int:
    raw = txn.get(name, db=db)
    return _COUNTER.unpack(raw)[0] if raw else 0


def read_stats(txn: lmdb.Transaction, db: Any, table_id: int) -> tuple[int, int]:
    raw = txn.get(stats_key(table_id), db=db)
    return _STATS.unpack(raw) if raw else (0, 0)


class Store:
    def __init__(self, db: "Database", txn: lmdb.Transaction) -> None:
        self.db = db
        self.txn = txn
        self._seq = read_counter(txn, db.sys_db, b"next_seq")
        self._seq_start = self._seq
        self._stats: dict[int, list[int]] = {}
        self._touched_tables: set[str] = set()

    # ---- items ------------------------------------------------------------------------

    def get(self, table: Table, key_bytes: bytes) -> bytes | None:
        return self.txn.get(key_bytes, db=self.db.items_db)

    def put(self, table: Table, key: dict[str, Any], key_bytes: bytes, old: bytes | None,
            item: dict[str, Any], size: int, origin: str = "user") -> bytes:
        stored = codec.encode(item, size)
        self.txn.put(key_bytes, stored, db=self.db.items_db)
        self._log(table, key, old, stored, origin)
        self._count(table, old, size)
        return stored

    def delete(self, table: Table, key: dict[str, Any], key_bytes: bytes, old: bytes, origin: str = "user") -> None:
        self.txn.delete(key_bytes, db=self.db.items_db)
        self._log(table, key, old, None, origin)
        self._count(table, old, None)

    def _log(self, table: Table, key: dict[str, Any], old: bytes | None, new: bytes | None, origin: str) -> None:
        self._seq += 1
        rec = changelog.record(
            table.name, table.id, key,
            codec.json_of(old) if old is not None else None,
            codec.json_of(new) if new is not None else None,
            origin,
        )
        self.txn.put(changelog.encode_seq(self._seq), rec, db=self.db.changelog_db, append=True)

    def _count(self, table: Table, old: bytes | None, new_size: int | None) -> None:
        delta = self._stats.setdefault(table.id, [0, 0])
        if old is not None:
            delta[0] -= 1
            delta[1] -= codec.size_of(old)
        if new_size is not None:
            delta[0] += 1
            delta[1] += new_size

    # ---- tables -----------------------------------------------------------------------

    def next_table_id(self) -> int:
        n = read_counter(self.txn, self.db.sys_db, b"next_table_id") + 1
        self.txn.put(b"next_table_id", _COUNTER.pack(n), db=self.db.sys_db)
        return n

    def table_meta(self, name: str) -> dict[str, Any] | None:
        raw = self.txn.get(name.encode("utf-8"), db=self.db.tables_db)
        return orjson.loads(raw) if raw is not None else None

    def put_table_meta(self, meta: dict[str, Any]) -> None:
        self.txn.put(meta["TableName"].encode("utf-8"), orjson.dumps(meta), db=self.db.tables_db)
        self._touched_tables.add(meta["TableName"])

    def drop_table(self, table: Table) -> None:
        """Remove a table's metadata, items and counters (change-log records stay)."""
        self.txn.delete(table.name.encode("utf-8"), db=self.db.tables_db)
        self._touched_tables.add(table.name)
        prefix = keys.table_prefix(table.id)
        cur = self.txn.cursor(db=self.db.items_db)
        if cur.set_range(prefix):
            while cur.key()[:4] == prefix:
                if not cur.delete():
                    break
        self.txn.delete(stats_key(table.id), db=self.db.sys_db)
        self._stats.pop(table.id, None)

    def stats(self, table_id: int) -> tuple[int, int]:
        count, size = read_stats(self.txn, self.db.sys_db, table_id)
        delta = self._stats.get(table_id, (0, 0))
        return count + delta[0], size + delta[1]

    # ---- batch end --------------------------------------------------------------------

    def finish(self) -> None:
        if self._seq != self._seq_start:
            self.txn.put(b"next_seq", _COUNTER.pack(self._seq), db=self.db.sys_db)
        for table_id, (dc, ds) in self._stats.items():
            if dc or ds:
                count, size = read_stats(self.txn, self.db.sys_db, table_id)
                self.txn.put(stats_key(table_id), _STATS.pack(count + dc, size + ds), db=self.db.sys_db)

    def after_commit(self) -> None:
        for name in self._touched_tables:
            self.db.catalog.invalidate(name)
