"""The change log: one record per item change, written in the same transaction as the change.

Key: the change's sequence number, 8 bytes big-endian. Sequence numbers are strictly increasing
and never reused, also across restarts and after trimming: the next one is the `sys` counter
b"next_seq", stored in the transaction that writes the record.

Value:

    +---------+-------------+--------+-------+--------------------------------------------------+
    | version | time        | origin | event | body: the JSON object                            |
    | 1 B     | 8 B BE, ms  | 1 B    | 1 B   | {"table": <name>, "tid": <table id>,             |
    |         | since epoch | tag    | tag   |  "key": {<key attributes>},                      |
    |         |             |        |       |  "old": <item or null>, "new": <item or null>}   |
    +---------+-------------+--------+-------+--------------------------------------------------+

Version 1: the body as is. Version 2: the body compressed with zstd (one frame, level 1), used
when the body is COMPRESS_FROM bytes or more. Compression is about keeping a record inside its
B-tree leaf: LMDB moves a value over ~2 KB (a 1 KB item's old and new images) to an overflow page
of its own, and every such page is one more scattered write in the commit's flush, which costs
more than the ~2-4 µs of compressing (the old and new images of a put are mostly alike). Both
versions are read; records are never rewritten.

Items are in DynamoDB's wire form, spliced from the stored item bytes without re-encoding. The
fixed header lets the trimmer read a record's age without decoding it. `origin` says who made the
change; `event` is INSERT (no old image), MODIFY, or REMOVE (no new image). Tags are on disk:
never reorder ORIGINS or EVENTS, only append.

Retention: records are kept while any reader may need them. The Trimmer service deletes records
older than its retention (RETAIN_DEFAULT_S, 24 hours) unless a reader holds them: a reader
(Streams, PITR, export, replication; later issues) registers `trimmer.hold(name, need)`, where
`need()` returns a Need: keep records younger than `seconds` and/or from sequence `from_seq` on.
Trimming runs in the writer, TRIM_BATCH records per operation, so writes wait at most one batch.
"""

from __future__ import annotations

import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import lmdb
import orjson
import zstandard

from ddbserver.engine.service import Service

if TYPE_CHECKING:
    from ddbserver.engine.database import Database
    from ddbserver.engine.store import Store

VERSION = 1
VERSION_ZSTD = 2
COMPRESS_FROM = 256  # body bytes
RETAIN_DEFAULT_S = 24 * 3600
TRIM_BATCH = 1000
SEQ = struct.Struct(">Q")
HEADER = struct.Struct(">BQBB")  # version, time ms, origin tag, event tag

ORIGINS = ("user", "ttl", "restore", "import", "replication")  # tag = index + 1; never reorder
EVENTS = ("INSERT", "MODIFY", "REMOVE")  # tag = index + 1; never reorder
_ORIGIN_TAG = {name: i + 1 for i, name in enumerate(ORIGINS)}


_codecs = threading.local()  # zstd (de)compressors are not thread-safe: one pair per thread


def _compressor() -> zstandard.ZstdCompressor:
    c: zstandard.ZstdCompressor | None = getattr(_codecs, "compressor", None)
    if c is None:
        c = _codecs.compressor = zstandard.ZstdCompressor(level=1)
    return c


def _decompressor() -> zstandard.ZstdDecompressor:
    d: zstandard.ZstdDecompressor | None = getattr(_codecs, "decompressor", None)
    if d is None:
        d = _codecs.decompressor = zstandard.ZstdDecompressor()
    return d


def encode_seq(seq: int) -> bytes:
    return SEQ.pack(seq)


def record(table: str, table_id: int, key: dict[str, Any], old: bytes | None, new: bytes | None,
           origin: str, now_ms: int | None = None) -> bytes:
    """A record's value; `old` and `new` are item JSON (codec.json_of), None when absent."""
    event = 1 if old is None else (3 if new is None else 2)
    ts = int(time.time() * 1000) if now_ms is None else now_ms
    head = orjson.dumps({"table": table, "tid": table_id, "key": key})
    body = b"".join((head[:-1], b',"old":', old or b"null", b',"new":', new or b"null", b"}"))
    if len(body) < COMPRESS_FROM:
        return HEADER.pack(VERSION, ts, _ORIGIN_TAG[origin], event) + body
    return HEADER.pack(VERSION_ZSTD, ts, _ORIGIN_TAG[origin], event) + _compressor().compress(body)


@dataclass(frozen=True, slots=True)
class ChangeRecord:
    seq: int
    ts_ms: int
    origin: str
    event: str
    table: str
    table_id: int
    key: dict[str, Any]
    old: dict[str, Any] | None
    new: dict[str, Any] | None

    @staticmethod
    def decode(seq: int, raw: bytes | memoryview) -> "ChangeRecord":
        version, ts, origin, event = HEADER.unpack_from(raw)
        if version == VERSION:
            body = orjson.loads(memoryview(raw)[HEADER.size:])
        elif version == VERSION_ZSTD:
            body = orjson.loads(_decompressor().decompress(memoryview(raw)[HEADER.size:]))
        else:
            raise ValueError(f"change record {seq}: unknown version {version}")
        return ChangeRecord(seq, ts, ORIGINS[origin - 1], EVENTS[event - 1], body["table"], body["tid"],
                            body["key"], body["old"], body["new"])


def read(txn: lmdb.Transaction, db: Any, after: int = 0, limit: int = 1000) -> list[ChangeRecord]:
    """Up to `limit` records with a sequence number greater than `after`, in order."""
    out: list[ChangeRecord] = []
    cur = txn.cursor(db=db)
    if not cur.set_range(encode_seq(after + 1)):
        return out
    for k, v in cur:
        out.append(ChangeRecord.decode(SEQ.unpack(k)[0], v))
        if len(out) >= limit:
            break
    return out


def bounds(txn: lmdb.Transaction, db: Any) -> tuple[int, int] | None:
    """(first, last) sequence numbers held, or None when the log is empty."""
    cur = txn.cursor(db=db)
    if not cur.first():
        return None
    first = SEQ.unpack(cur.key())[0]
    cur.last()
    return first, SEQ.unpack(cur.key())[0]


def trim(txn: lmdb.Transaction, db: Any, before_ms: int, below_seq: int | None, limit: int) -> int:
    """Delete up to `limit` of the oldest records written before `before_ms` and numbered below
    `below_seq` (None: no bound); stops at the first record to keep. How many were deleted."""
    cur = txn.cursor(db=db)
    n = 0
    if not cur.first():
        return 0
    while n < limit:
        key = cur.key()
        if not key:  # deleted the last record
            break
        if below_seq is not None and SEQ.unpack(key)[0] >= below_seq:
            break
        if HEADER.unpack_from(cur.value())[1] >= before_ms:
            break
        n += 1
        if not cur.delete():
            break
    return n


@dataclass(frozen=True, slots=True)
class Need:
    """What one reader needs kept: records younger than `seconds`, and records from `from_seq` on."""

    seconds: float = 0.0
    from_seq: int | None = None


@dataclass(frozen=True, slots=True)
class TrimOp:
    before_ms: int
    below_seq: int | None
    limit: int

    def apply(self, store: "Store") -> int:
        return trim(store.txn, store.db.changelog_db, self.before_ms, self.below_seq, self.limit)


class Trimmer(Service):
    """Deletes change-log records that no reader needs, in batches through the writer; also frees
    reader slots left by killed processes (LMDB's reader_check), which would pin old pages."""

    name = "changelog-trimmer"
    interval = 60.0

    def __init__(self, db: "Database", retention_s: float = RETAIN_DEFAULT_S, batch: int = TRIM_BATCH,
                 clock: Callable[[], float] = time.time) -> None:
        super().__init__(db.hosts_services)
        self.db = db
        self.retention_s = retention_s
        self.batch = batch
        self.clock = clock
        self._holds: dict[str, Callable[[], Need]] = {}
        self._lock = threading.Lock()
        self.records_trimmed = 0
        self.batches = 0
        self.last_cutoff_ms = 0
        self.stale_readers_cleared = 0

    def hold(self, name: str, need: Callable[[], Need]) -> None:
        with self._lock:
            self._holds[name] = need

    def release(self, name: str) -> None:
        with self._lock:
            self._holds.pop(name, None)

    def cutoff(self) -> tuple[int, int | None]:
        """(before_ms, below_seq): records older than the first and numbered below the second go."""
        with self._lock:
            needs = [need() for need in self._holds.values()]
        keep_s = max([self.retention_s, *(n.seconds for n in needs)])
        seqs = [n.from_seq for n in needs if n.from_seq is not None]
        return int((self.clock() - keep_s) * 1000), (min(seqs) if seqs else None)

    def run_once(self) -> None:
        # A reader slot left by a killed process pins old pages (the file grows): free them too.
        self.stale_readers_cleared += self.db.env.reader_check()
        before_ms, below_seq = self.cutoff()
        self.last_cutoff_ms = before_ms
        while not self.stopping:
            n = self.db.write_blocking(TrimOp(before_ms, below_seq, self.batch))
            self.batches += 1
            self.records_trimmed += n
            if n < self.batch:
                break

    def counters(self) -> dict[str, Any]:
        return {**super().counters(), "records_trimmed": self.records_trimmed, "batches": self.batches,
                "last_cutoff_ms": self.last_cutoff_ms, "stale_readers_cleared": self.stale_readers_cleared}
