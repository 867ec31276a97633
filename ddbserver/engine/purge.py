"""The purger: deletes the items of dropped tables in the background, in bounded batches.

DeleteTable removes a table's metadata at once and leaves a purge marker (store.drop_table);
this service deletes the table's items PURGE_BATCH at a time, each batch one writer operation,
so other writes wait at most one batch. Markers are durable, so a purge interrupted by a stop or
a crash resumes when the database opens again (the purger runs at start).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ddbserver.engine.service import Service
from ddbserver.engine.store import Store, pending_purges

if TYPE_CHECKING:
    from ddbserver.engine.database import Database

PURGE_BATCH = 1000


@dataclass(frozen=True, slots=True)
class PurgeBatchOp:
    table_id: int
    limit: int

    def apply(self, store: Store) -> int:
        return store.purge_items(self.table_id, self.limit)


class Purger(Service):
    name = "purger"
    interval = 300.0  # markers appear through wake(); the timer only retries after an error

    def __init__(self, db: "Database", batch: int = PURGE_BATCH) -> None:
        super().__init__(db.hosts_services)
        self.db = db
        self.batch = batch
        self.tables_purged = 0
        self.items_purged = 0
        self.batches = 0

    def pending(self) -> list[int]:
        with self.db.read() as txn:
            return pending_purges(txn, self.db.sys_db)

    def run_once(self) -> None:
        for table_id in self.pending():
            while not self.stopping:
                n = self.db.write_blocking(PurgeBatchOp(table_id, self.batch))
                self.batches += 1
                self.items_purged += n
                if n < self.batch:
                    self.tables_purged += 1
                    break

    def counters(self) -> dict[str, Any]:
        return {**super().counters(), "tables_purged": self.tables_purged,
                "items_purged": self.items_purged, "batches": self.batches}
