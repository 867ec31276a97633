"""Single-item reads (GetItem) on a short read transaction."""

from __future__ import annotations

from ddbserver.engine.database import Database


def get_stored(db: Database, key_bytes: bytes) -> bytes | None:
    """The stored bytes (codec layout) of one item, or None."""
    with db.read() as txn:
        return txn.get(key_bytes, db=db.items_db)
