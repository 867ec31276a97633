"""Table lifecycle in the engine: create, delete, update metadata, describe.

The API layer validates requests; these operations run in the writer and re-check only what
depends on stored state (the table exists or not, deletion protection).
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from typing import Any

from ddbserver.engine.catalog import Catalog, Table
from ddbserver.engine.store import Store, read_stats
from ddbserver.errors import resource_in_use, table_not_found, validation


@dataclass(frozen=True, slots=True)
class CreateTableOp:
    meta: dict[str, Any]  # the table's record, without "id", "TableId", "CreationDateTime"

    def apply(self, store: Store) -> Table:
        name = self.meta["TableName"]
        if store.table_meta(name) is not None:
            raise resource_in_use(f"Table already exists: {name}")
        meta = dict(self.meta)
        meta["id"] = store.next_table_id()
        meta["TableId"] = str(uuid.uuid4())
        meta["CreationDateTime"] = time.time()
        store.put_table_meta(meta)
        return Table.from_meta(meta)


@dataclass(frozen=True, slots=True)
class DeleteTableOp:
    name: str

    def apply(self, store: Store) -> tuple[Table, tuple[int, int]]:
        meta = store.table_meta(self.name)
        if meta is None:
            raise table_not_found()
        if meta.get("DeletionProtectionEnabled"):
            raise validation(
                f"Resource cannot be deleted as it is currently protected against deletion. "
                f"Disable deletion protection first."
            )
        table = Table.from_meta(meta)
        stats = store.stats(table.id)
        store.drop_table(table)
        return table, stats


@dataclass(frozen=True, slots=True)
class UpdateTableMetaOp:
    """Replace a table's metadata by `change(meta)`, which may raise before anything changes."""

    name: str
    change: Any  # Callable[[dict], dict]

    def apply(self, store: Store) -> Table:
        meta = store.table_meta(self.name)
        if meta is None:
            raise table_not_found()
        new = self.change(dict(meta))
        store.put_table_meta(new)
        return Table.from_meta(new)


def table_stats(catalog: Catalog, table: Table) -> tuple[int, int]:
    """(ItemCount, TableSizeBytes), exact as of now."""
    with catalog.db.read() as txn:
        return read_stats(txn, catalog.db.sys_db, table.id)
