"""Single-item reads (GetItem) on a short read transaction."""

from __future__ import annotations

from ddbserver.engine.database import Database


def get_stored(db: Database, key_bytes: bytes) -> bytes | None:
    """The stored bytes (codec layout) of one item, or None."""
    with db.read() as txn:  # read transactions hand out bytes, not buffers
        stored = txn.get(key_bytes, db=db.items_db)
    assert stored is None or isinstance(stored, bytes)
    return stored
