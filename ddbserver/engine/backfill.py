"""The backfill service: builds indexes added by UpdateTable and finishes indexes it dropped.

UpdateTable only records an index change (index_updates.py); this service moves each index
through its phases (CREATING without then with Backfilling -> ACTIVE; DELETING -> gone), each
phase lasting at least the database's `index_delay`. While backfilling it indexes the table's
existing items BACKFILL_BATCH at a time, in table key order, each batch one writer operation, so
reads never wait and other writes wait at most one batch. Each batch indexes an item with
Store.index_entry(index, tail, None, item, stored): writes since the index was created already
maintain it, and indexing an item again changes nothing, so counters stay exact. Items whose
index key attributes break the index's rules (another type, an empty string or binary, a key too
long) are left out, as DynamoDB leaves them out of a new index.

Each batch saves its position (the `items` key of the last item it read, `sys`
b"backfill:" + index id) in its own transaction, so a backfill interrupted by a stop or a crash
resumes where it was when the database opens again. Indexes of data directories from before
index ids existed are upgraded to CREATING + Backfilling at open (database.py) and built here.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ddbserver.engine import codec, keys
from ddbserver.engine.catalog import Table
from ddbserver.engine.index_updates import backfill_key, prune_definitions
from ddbserver.engine.indexes import Index
from ddbserver.engine.service import Service
from ddbserver.errors import DynamoError

if TYPE_CHECKING:
    from ddbserver.engine.database import Database
    from ddbserver.engine.store import Store

BACKFILL_BATCH = 1000
DEFAULT_INDEX_DELAY = 0.5  # seconds each transient index phase lasts at least
IDLE = 2.0                 # new work arrives through wake(); the timer finds work another process sharing
                           # the directory started (it cannot wake this one) and retries after errors
_MEMBERS = ("LocalSecondaryIndexes", "GlobalSecondaryIndexes")


@dataclass(frozen=True, slots=True)
class Step:
    """What one AdvanceOp did: items read and indexed, and when to come back (None: done)."""

    read: int = 0
    indexed: int = 0
    wait: float | None = None
    finished: str | None = None  # "created" | "deleted" when the index left its transient state


@dataclass(frozen=True, slots=True)
class AdvanceOp:
    """Take one step for the index `index_id` of table `table`: a phase change when its time
    has come, or one batch of the backfill."""

    table: str
    index_id: int
    delay: float
    batch: int = BACKFILL_BATCH

    def apply(self, store: "Store") -> Step:
        meta = store.table_meta(self.table)
        spec = _spec(meta, self.index_id) if meta is not None else None
        if meta is None or spec is None:
            store.txn.delete(backfill_key(self.index_id), db=store.db.sys_db)
            return Step()
        now = time.time()
        due = float(spec.get("StatusSince", 0.0)) + self.delay - now
        status = spec.get("IndexStatus", "ACTIVE")
        if status == "DELETING":
            if due > 0:
                return Step(wait=due)
            for member in _MEMBERS:
                if meta.get(member):
                    meta[member] = [i for i in meta[member] if i.get("id") != self.index_id]
                    if not meta[member]:
                        del meta[member]
            prune_definitions(meta)
            store.put_table_meta(meta)
            return Step(finished="deleted")
        if status != "CREATING":
            return Step()
        if not spec.get("Backfilling"):
            if due > 0:
                return Step(wait=due)
            spec.update(Backfilling=True, StatusSince=now)
            store.put_table_meta(meta)
            return Step(wait=0.0)
        table = Table.from_meta(meta)
        index = next(i for i in table.indexes if i.id == self.index_id)
        read, indexed = backfill_batch(store, table, index, self.batch)
        if read:
            return Step(read, indexed, wait=0.0)
        if due > 0:
            return Step(wait=due)
        for key in ("Backfilling", "StatusSince"):
            spec.pop(key, None)
        spec["IndexStatus"] = "ACTIVE"
        store.put_table_meta(meta)
        store.txn.delete(backfill_key(self.index_id), db=store.db.sys_db)
        return Step(finished="created")


def _spec(meta: dict[str, Any], index_id: int) -> dict[str, Any] | None:
    """The index's definition inside `meta` (the dict itself: changing it changes `meta`)."""
    for member in _MEMBERS:
        for spec in meta.get(member) or ():
            if spec.get("id") == index_id:
                found: dict[str, Any] = spec
                return found
    return None


def backfill_batch(store: "Store", table: Table, index: Index, limit: int) -> tuple[int, int]:
    """Index up to `limit` table items after the saved position; (items read, items indexed).
    Reads first, then writes: no cursor stays open across the index entries' writes."""
    sys_db, items_db = store.db.sys_db, store.db.items_db
    prefix = keys.table_prefix(table.id)
    position = store.txn.get(backfill_key(index.id), db=sys_db)
    batch: list[tuple[bytes, bytes]] = []
    cur = store.txn.cursor(db=items_db)
    found = cur.set_range(bytes(position) if position is not None else prefix)
    if found and position is not None and bytes(cur.key()) == bytes(position):
        found = cur.next()
    while found and len(batch) < limit:
        key = bytes(cur.key())
        if key[:4] != prefix:
            break
        batch.append((key, bytes(cur.value())))
        found = cur.next()
    cur.close()
    indexed = 0
    for key, stored in batch:
        item = codec.decode(stored)
        try:
            index.check(item)
        except DynamoError:
            continue  # DynamoDB does not index an item whose index key breaks the index's rules
        grown = store.index_entry(index, key[4:], None, item, stored)
        if grown and not index.is_global:
            store.add_to_collection(key, grown)  # a local entry counts toward its item collection
        indexed += all(n in item for n in index.key_names)
    if batch:
        store.txn.put(backfill_key(index.id), batch[-1][0], db=sys_db)
    return len(batch), indexed


class Backfiller(Service):
    name = "backfill"
    interval = IDLE

    def __init__(self, db: "Database", delay: float = DEFAULT_INDEX_DELAY, batch: int = BACKFILL_BATCH) -> None:
        super().__init__(db.hosts_services)
        self.db = db
        self.delay = delay
        self.batch = batch
        self.items_read = 0
        self.items_indexed = 0
        self.batches = 0
        self.indexes_created = 0
        self.indexes_deleted = 0

    def jobs(self) -> list[tuple[str, int]]:
        """(table, index id) of every index in a transient state."""
        out = []
        for name in self.db.catalog.names():
            table = self.db.catalog.find(name)
            if table is None:
                continue
            out += [(name, i.id) for i in table.indexes if i.status in ("CREATING", "DELETING")]
        return out

    def run_once(self) -> None:
        waits = []
        for table, index_id in self.jobs():
            while not self.stopping:
                step: Step = self.db.write_blocking(AdvanceOp(table, index_id, self.delay, self.batch))
                self._count(step)
                if step.wait is None:
                    break
                if step.wait > 0:
                    waits.append(step.wait)
                    break
        self.interval = min(waits, default=IDLE)

    def _count(self, step: Step) -> None:
        if step.read:
            self.batches += 1
            self.items_read += step.read
            self.items_indexed += step.indexed
        if step.finished == "created":
            self.indexes_created += 1
        elif step.finished == "deleted":
            self.indexes_deleted += 1

    def counters(self) -> dict[str, Any]:
        return {**super().counters(), "items_read": self.items_read, "items_indexed": self.items_indexed,
                "batches": self.batches, "indexes_created": self.indexes_created,
                "indexes_deleted": self.indexes_deleted}
