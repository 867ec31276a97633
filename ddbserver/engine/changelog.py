"""The change log: one record per item change, written in the same transaction as the change.

Key: the change's sequence number, 8 bytes big-endian, strictly increasing (never reused, also
across restarts). Value (version 1), the JSON object

    {"v": 1, "table": "<name>", "tid": <table id>, "ts": <epoch ms>, "origin": "user",
     "event": "INSERT" | "MODIFY" | "REMOVE", "key": {<key attributes>},
     "old": <old item or null>, "new": <new item or null>}

spliced from the stored item bytes without re-encoding. `origin` says who made the change:
"user" (an API call), "ttl" (the TTL sweeper), "restore", "import", "replication".

Retention: records are kept while any reader may need them; readers (Streams: 24 hours, PITR:
up to 35 days) come in later issues, and `trim(before_seq)` drops what none of them needs.
Until a table enables a reader, records older than RETAIN_DEFAULT_S are trimmed by the trimmer.
"""

from __future__ import annotations

import struct
import time
from typing import Any

import lmdb
import orjson

RETAIN_DEFAULT_S = 24 * 3600
SEQ = struct.Struct(">Q")


def encode_seq(seq: int) -> bytes:
    return SEQ.pack(seq)


def record(table: str, table_id: int, key: dict[str, Any], old: bytes | None, new: bytes | None, origin: str) -> bytes:
    event = "INSERT" if old is None else ("REMOVE" if new is None else "MODIFY")
    head = orjson.dumps({
        "v": 1, "table": table, "tid": table_id, "ts": int(time.time() * 1000),
        "origin": origin, "event": event, "key": key,
    })
    return b"".join((head[:-1], b',"old":', old or b"null", b',"new":', new or b"null", b"}"))


def read(txn: lmdb.Transaction, db: Any, after: int = 0, limit: int = 1000) -> list[tuple[int, dict[str, Any]]]:
    """Up to `limit` records with a sequence number greater than `after`, in order."""
    out: list[tuple[int, dict[str, Any]]] = []
    cur = txn.cursor(db=db)
    if not cur.set_range(encode_seq(after + 1)):
        return out
    for k, v in cur:
        out.append((SEQ.unpack(k)[0], orjson.loads(v)))
        if len(out) >= limit:
            break
    return out


def trim(txn: lmdb.Transaction, db: Any, before_seq: int) -> int:
    """Delete records with a sequence number below `before_seq`; how many were deleted."""
    cur = txn.cursor(db=db)
    n = 0
    if cur.first():
        while SEQ.unpack(cur.key())[0] < before_seq:
            n += 1
            if not cur.delete():
                break
    return n
