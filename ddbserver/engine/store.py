"""The only route for a change to stored data, used inside the writer's transaction.

An item change writes the item, its secondary-index entries (indexes.py), its change-log record
and the table's and indexes' counters together, in the writer's transaction. Table metadata changes go through here too so the catalog cache follows.

Item collections: on a table with local secondary indexes, every partition key value has an
exact size counter (`sys` b"coll:" + the partition's 20-byte prefix -> 8-byte signed bytes),
changed in the transaction of each write: the item's size plus, for every local index entry,
the projected entry's size and LSI_ENTRY_OVERHEAD (DynamoDB's "100 bytes of overhead per index
item", developer guide "Local secondary indexes: storage considerations"). A write that grows a
collection past `Database.item_collection_limit` is refused (ItemCollectionSizeLimitExceeded);
writes that shrink it always pass. item_collections.py reads the counter.

A dropped table (DeleteTable) loses its metadata at once and gets a purge marker
(`sys` b"purge:" + table id); its items are deleted later in bounded batches by the purger
(purge.py), which removes the marker when the table's key range is empty. Table ids are never
reused, so leftovers never mix with a new table of the same name, and an operation prepared
against a table that has since been dropped is refused (ResourceNotFoundException).
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING, Any, cast

import lmdb
import orjson

from ddbserver.engine import changelog, codec, keys
from ddbserver.engine.indexes import LSI_ENTRY_OVERHEAD, Index, entry_value
from ddbserver.engine.catalog import GENERATION_KEY, Table, read_generation
from ddbserver.errors import item_collection_too_large, table_not_found

if TYPE_CHECKING:
    from ddbserver.engine.database import Database

_COUNTER = struct.Struct(">Q")
_STATS = struct.Struct(">qq")  # item count, table size bytes
_SIZE = struct.Struct(">q")
PURGE_PREFIX = b"purge:"
COLLECTION_PREFIX = b"coll:"

# What Store.enter() saves so that a failed operation's counters can be restored.
Mark = tuple[int, dict[int, tuple[int, int]], int, int]


def stats_key(table_id: int) -> bytes:
    return b"stats:" + keys.table_prefix(table_id)


def purge_key(table_id: int) -> bytes:
    return PURGE_PREFIX + keys.table_prefix(table_id)


def collection_key(partition: bytes) -> bytes:
    """The counter of the item collection whose items' keys start with `partition` (20 bytes)."""
    return COLLECTION_PREFIX + partition


def read_collection(txn: lmdb.Transaction, db: Any, partition: bytes) -> int:
    raw = txn.get(collection_key(partition), db=db)
    return _SIZE.unpack(raw)[0] if raw else 0


def _has_collections(indexes: tuple[Index, ...]) -> bool:
    return any(not index.is_global for index in indexes)


def read_counter(txn: lmdb.Transaction, db: Any, name: bytes) -> int:
    raw = txn.get(name, db=db)
    return _COUNTER.unpack(raw)[0] if raw else 0


def read_stats(txn: lmdb.Transaction, db: Any, table_id: int) -> tuple[int, int]:
    raw = txn.get(stats_key(table_id), db=db)
    return _STATS.unpack(raw) if raw else (0, 0)


def pending_purges(txn: lmdb.Transaction, db: Any) -> list[int]:
    """Ids of dropped tables whose items are not yet all deleted."""
    cur = txn.cursor(db=db)
    out: list[int] = []
    if cur.set_range(PURGE_PREFIX):
        for k in cur.iternext(values=False):
            if bytes(k[:len(PURGE_PREFIX)]) != PURGE_PREFIX:
                break
            out.append(struct.unpack(">I", k[len(PURGE_PREFIX):])[0])
    return out


class Store:
    def __init__(self, db: "Database", txn: lmdb.Transaction) -> None:
        self.db = db
        self.txn = txn
        self._seq = read_counter(txn, db.sys_db, b"next_seq")
        self._seq_start = self._seq
        self._stats: dict[int, list[int]] = {}
        self._touched_tables: list[str] = []
        self._dropped: list[int] = []

    # ---- one operation inside the batch (writer.py) --------------------------------------

    def enter(self, txn: lmdb.Transaction) -> Mark:
        """Start an operation in the nested transaction `txn`; what leave() needs to undo it."""
        self.txn = txn
        stats = {t: (d[0], d[1]) for t, d in self._stats.items()}
        return self._seq, stats, len(self._touched_tables), len(self._dropped)

    def leave(self, parent: lmdb.Transaction, mark: Mark, ok: bool) -> None:
        """End the operation; when it failed (its nested transaction aborted) forget its counts."""
        self.txn = parent
        if not ok:
            self._seq = mark[0]
            self._stats = {t: [c, s] for t, (c, s) in mark[1].items()}
            del self._touched_tables[mark[2]:]
            del self._dropped[mark[3]:]

    # ---- items ------------------------------------------------------------------------

    def _live(self, table: Table) -> None:
        if table.id in self.db.dropped_tables or table.id in self._dropped:
            raise table_not_found()

    def indexes_of(self, table: Table) -> tuple[Index, ...]:
        """The table's indexes as of this transaction (read from it, ~1 µs). An operation is
        prepared against the metadata of its time; if the table was since dropped (here or by
        another process) the write is refused, and if an index was added or dropped the write
        maintains the indexes that exist now (a backfill may already be past it)."""
        raw = self.txn.get(table.name.encode("utf-8"), db=self.db.tables_db)
        if raw is None:
            raise table_not_found()
        if raw == table.raw:
            return table.indexes
        current = Table.from_meta(orjson.loads(raw))
        if current.id != table.id:
            raise table_not_found()
        return current.indexes

    def get(self, table: Table, key_bytes: bytes) -> bytes | None:
        self._live(table)
        return cast("bytes | None", self.txn.get(key_bytes, db=self.db.items_db))  # buffers=False: bytes

    def put(self, table: Table, key: dict[str, Any], key_bytes: bytes, old: bytes | None,
            item: dict[str, Any], size: int, origin: str = "user") -> bytes:
        self._live(table)
        stored = codec.encode(item, size)
        self.txn.put(key_bytes, stored, db=self.db.items_db)
        indexes = self.indexes_of(table)
        if indexes:
            grown = self._maintain(indexes, key_bytes[4:], codec.decode(old) if old is not None else None,
                                   item, stored)
            if _has_collections(indexes):
                self._collect(key_bytes, grown + size - (codec.size_of(old) if old is not None else 0))
        self._log(table, key, old, stored, origin)
        self._count(table, old, size)
        return stored

    def delete(self, table: Table, key: dict[str, Any], key_bytes: bytes, old: bytes, origin: str = "user") -> None:
        self._live(table)
        self.txn.delete(key_bytes, db=self.db.items_db)
        indexes = self.indexes_of(table)
        if indexes:
            grown = self._maintain(indexes, key_bytes[4:], codec.decode(old), None, None)
            if _has_collections(indexes):
                self._collect(key_bytes, grown - codec.size_of(old))
        self._log(table, key, old, None, origin)
        self._count(table, old, None)

    def _maintain(self, indexes: tuple[Index, ...], tail: bytes, old: dict[str, Any] | None,
                  new: dict[str, Any] | None, stored: bytes | None) -> int:
        """Move each maintained index's entry from what `old` had to what `new` has; how many
        bytes the local indexes' entries grew by (overhead included)."""
        grown = 0
        for index in indexes:
            if index.maintained:
                change = self.index_entry(index, tail, old, new, stored)
                if not index.is_global:
                    grown += change
        return grown

    def _collect(self, key_bytes: bytes, grown: int) -> None:
        """Add `grown` bytes to the item collection of `key_bytes`; refuse growth past the limit."""
        if not grown:
            return
        partition = key_bytes[:keys.PREFIX_BYTES]
        size = read_collection(self.txn, self.db.sys_db, partition) + grown
        if grown > 0 and size > self.db.item_collection_limit:
            raise item_collection_too_large()
        self.txn.put(collection_key(partition), _SIZE.pack(size), db=self.db.sys_db)

    def add_to_collection(self, key_bytes: bytes, grown: int) -> None:
        """Add `grown` bytes to the item collection of `key_bytes`, without the limit check: for
        stored items and entries not counted yet (a local index's backfill, the format upgrade)."""
        partition = key_bytes[:keys.PREFIX_BYTES]
        size = read_collection(self.txn, self.db.sys_db, partition) + grown
        self.txn.put(collection_key(partition), _SIZE.pack(size), db=self.db.sys_db)

    def index_entry(self, index: Index, tail: bytes, old: dict[str, Any] | None, new: dict[str, Any] | None,
                    stored: bytes | None) -> int:
        """One index's entry for an item changing from `old` to `new` (stored as `stored`),
        with the index's counters. Also how a backfill indexes an existing item (old=None):
        writing an entry that is already there changes nothing. Returns how many bytes the
        index's entries grew by, LSI_ENTRY_OVERHEAD counted for each entry added or removed."""
        items_db = self.db.items_db
        old_key = index.entry_key(old, tail) if old is not None else None
        new_key = index.entry_key(new, tail) if new is not None else None
        grown = 0
        if old_key is not None and old_key != new_key:
            gone = self.txn.pop(old_key, db=items_db)
            if gone is not None:
                size = codec.size_of(cast(bytes, gone))
                self._add(index.id, -1, -size)
                grown -= size + LSI_ENTRY_OVERHEAD
        if new_key is not None:
            assert new is not None and stored is not None
            value = entry_value(index, new, stored)
            before = self.txn.replace(new_key, value, db=items_db)
            if before is None:
                self._add(index.id, 1, codec.size_of(value))
                grown += codec.size_of(value) + LSI_ENTRY_OVERHEAD
            else:
                change = codec.size_of(value) - codec.size_of(cast(bytes, before))
                self._add(index.id, 0, change)
                grown += change
        return grown

    def _add(self, counted_id: int, count: int, size: int) -> None:
        delta = self._stats.setdefault(counted_id, [0, 0])
        delta[0] += count
        delta[1] += size

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
        if old is not None:
            self._add(table.id, -1, -codec.size_of(old))
        if new_size is not None:
            self._add(table.id, 1, new_size)

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
        self._touched_tables.append(meta["TableName"])

    def drop_table(self, table: Table) -> None:
        """Remove a table's metadata and counters now; its items are purged in the background.

        Constant time: the purge marker written here makes the purger (purge.py) delete the
        items in bounded batches, also after a restart. Change-log records stay (trimmed by age).
        """
        self.txn.delete(table.name.encode("utf-8"), db=self.db.tables_db)
        self._touched_tables.append(table.name)
        for dropped in (table.id, *(i.id for i in table.indexes)):
            self.drop_range(dropped, table.name)

    def drop_range(self, dropped: int, name: str) -> None:
        """Leave the items (or index entries) under id `dropped` to the purger, forget its counters."""
        self.txn.put(purge_key(dropped), name.encode("utf-8"), db=self.db.sys_db)
        self.txn.delete(stats_key(dropped), db=self.db.sys_db)
        self._stats.pop(dropped, None)
        self._dropped.append(dropped)

    def purge_items(self, table_id: int, limit: int) -> int:
        """Delete up to `limit` items of a dropped table; when none are left, its purge marker.

        Returns how many items were deleted. Never writes change-log records: DynamoDB emits
        no stream records for a table's deletion.
        """
        n = self._delete_prefix(self.db.items_db, keys.table_prefix(table_id), limit)
        if n < limit:  # then the table's item-collection counters
            n += self._delete_prefix(self.db.sys_db, collection_key(keys.table_prefix(table_id)), limit - n)
        if n < limit:
            self.txn.delete(purge_key(table_id), db=self.db.sys_db)
        return n

    def _delete_prefix(self, db: Any, prefix: bytes, limit: int) -> int:
        cur = self.txn.cursor(db=db)
        n = 0
        if cur.set_range(prefix):
            while n < limit and cur.key()[:len(prefix)] == prefix:
                n += 1
                if not cur.delete():
                    break
        return n

    def stats(self, table_id: int) -> tuple[int, int]:
        count, size = read_stats(self.txn, self.db.sys_db, table_id)
        delta = self._stats.get(table_id, (0, 0))
        return count + delta[0], size + delta[1]

    # ---- batch end --------------------------------------------------------------------

    def finish(self) -> None:
        if self._touched_tables:
            generation = read_generation(self.txn, self.db.sys_db) + 1
            self.txn.put(GENERATION_KEY, _COUNTER.pack(generation), db=self.db.sys_db)
        if self._seq != self._seq_start:
            self.txn.put(b"next_seq", _COUNTER.pack(self._seq), db=self.db.sys_db)
        for table_id, (dc, ds) in self._stats.items():
            if dc or ds:
                count, size = read_stats(self.txn, self.db.sys_db, table_id)
                self.txn.put(stats_key(table_id), _STATS.pack(count + dc, size + ds), db=self.db.sys_db)

    def after_commit(self) -> None:
        for name in self._touched_tables:
            self.db.catalog.invalidate(name)
        if self._dropped:
            self.db.dropped_tables.update(self._dropped)
            self.db.purger.wake()
