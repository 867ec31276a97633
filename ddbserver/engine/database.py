"""The LMDB environment: its named databases, read transactions, and the door to the writer.

Named databases (version 1):
    tables     table name (UTF-8)        -> table metadata (JSON, see catalog.py)
    items      keys.item_key(...)         -> item (codec.py layout)
    changelog  sequence number (8 B, BE)  -> change record (see changelog.py)
    sys        b"format", b"next_table_id", b"next_seq", b"stats:" + table id -> counters,
               b"purge:" + table id -> name of a dropped table whose items remain (store.py),
               b"coll:" + partition prefix -> item collection size (store.py, tables with LSIs)

LMDB settings, from LMDB's documented rules (http://www.lmdb.tech/doc/group__mdb__env.html):
- sync and metasync on (the default) unless `sync=False`: a commit flushes the data pages, then
  the meta page, before it returns, and LMDB makes a transaction visible to readers only after
  its meta page is written. So a committed write is durable and consistent after a system crash,
  and no reader sees a write that a crash can take back. The writer commits once per batch of
  writes (group commit), so the two flushes are shared. With `sync=False` (MDB_NOSYNC, for
  throwaway data) a system crash may lose recent writes or corrupt the database; a killed
  process loses nothing either way, the kernel has the pages. Rejected alternatives: committing
  with MDB_NOSYNC and flushing afterwards (env.sync() off the loop thread, answering after it),
  and MDB_NOMETASYNC (one flush saved, but a crash can undo the last transaction): in both, a
  reader sees the transaction as soon as it commits, before it is durable.
- The map: `map_size` (default 1 GiB) is address space, not disk; the file grows with the data.
  When a write finds the map full, the writer grows it (grow_map) and reruns the batch. LMDB
  forbids resizing while this process has a transaction open, so every read goes through read(),
  which the resize waits for: never begin a transaction on `env` directly.
- max_readers: py-lmdb opens with MDB_NOTLS, so each open read transaction holds one slot; reads
  are short and run on the event loop or a few service threads. Slots left by a killed process
  (they pin old pages, so the file grows) are cleared at open and by the trimmer (reader_check).
- readahead off (MDB_NORDAHEAD): reads are random key lookups; readahead only helps scans of a
  database larger than RAM at the expense of evicting useful pages. writemap stays off (a stray
  write through the map could corrupt the file) and meminit on (no stale memory in free space).
- One process per data directory: an exclusive lock on `ddbserver.lock` refuses a second one.
"""

from __future__ import annotations

import fcntl
import os
import struct
import threading
from typing import Any

import lmdb

from ddbserver.engine.catalog import Catalog
from ddbserver.engine.changelog import Trimmer
from ddbserver.engine.purge import Purger
from ddbserver.engine.store import pending_purges
from ddbserver.engine.writer import Writer, WriteOp

FORMAT_VERSION = 2  # 2: item keys v2 (engine/keys.py)
INITIAL_MAP_SIZE = 1 << 30
MAX_READERS = 512
MAX_DBS = 32  # named databases: 4 today; room for indexes and stream state without a format bump
LOCK_FILE = "ddbserver.lock"
ITEM_COLLECTION_LIMIT = 10 * 1024 ** 3  # DynamoDB's 10 GB per partition key value on tables with LSIs


class DataDirInUse(RuntimeError):
    """Another process has this data directory open."""


class Database:
    """One ddbserver data directory."""

    def __init__(self, path: str, *, sync: bool = True, map_size: int = INITIAL_MAP_SIZE,
                 max_readers: int = MAX_READERS, item_collection_limit: int = ITEM_COLLECTION_LIMIT) -> None:
        os.makedirs(path, exist_ok=True)
        self.path = path
        self.sync = sync
        self.item_collection_limit = item_collection_limit  # bytes per item collection (store.py)
        self._lock_fd = _lock_dir(path)
        try:
            self.env = lmdb.open(
                path,
                map_size=map_size,
                max_dbs=MAX_DBS,
                max_readers=max_readers,
                sync=sync,
                metasync=sync,
                readahead=False,
            )
        except BaseException:
            os.close(self._lock_fd)
            raise
        self.stale_readers_cleared = self.env.reader_check()
        self.tables_db = self.env.open_db(b"tables")
        self.items_db = self.env.open_db(b"items")
        self.changelog_db = self.env.open_db(b"changelog")
        self.sys_db = self.env.open_db(b"sys")
        self._active: list[None] = []  # one entry per open read transaction (append/pop are atomic)
        self._resizing = False
        self._drained = threading.Event()  # set by the last reader to leave while resizing
        self._resize_done = threading.Event()
        self._check_format()
        with self.read() as txn:
            self.dropped_tables: set[int] = set(pending_purges(txn, self.sys_db))
        self.catalog = Catalog(self)
        self.writer = Writer(self)
        self.purger = Purger(self)
        self.trimmer = Trimmer(self)
        self.writer.start()
        self._closed = False

    def _check_format(self) -> None:
        with self.env.begin(write=True) as txn:
            stored = txn.get(b"format", db=self.sys_db)
            if stored is None:
                txn.put(b"format", struct.pack(">I", FORMAT_VERSION), db=self.sys_db)
            elif struct.unpack(">I", stored)[0] != FORMAT_VERSION:
                raise RuntimeError(f"{self.path}: data format {struct.unpack('>I', stored)[0]} is not {FORMAT_VERSION}")

    @property
    def services(self) -> tuple[Purger, Trimmer]:
        """The engine's background services; the app starts and stops them."""
        return self.purger, self.trimmer

    # ---- reads ------------------------------------------------------------------------

    def read(self) -> "ReadTxn":
        """A short read transaction: `with db.read() as txn:` (begin and end cost ~2 µs).

        Do not await inside it: a map resize waits until no read transaction is open.
        """
        return ReadTxn(self)

    # ---- writes -----------------------------------------------------------------------

    async def write(self, op: WriteOp) -> Any:
        """Run `op` in the writer thread; its result once it is committed (and synced)."""
        return await self.writer.submit(op)

    def write_blocking(self, op: WriteOp) -> Any:
        """Run `op` in the writer thread from a thread that is not an event loop."""
        return self.writer.submit_blocking(op)

    def grow_map(self) -> None:
        """Double the map (writer thread only, with no write transaction open).

        LMDB forbids remapping while this process has a transaction open: new readers wait and
        open ones are waited for (ReadTxn's half of the handshake).
        """
        self._resize_done.clear()
        self._drained.clear()
        self._resizing = True
        try:
            while self._active:
                self._drained.wait(0.01)
            self.env.set_mapsize(self.env.info()["map_size"] * 2)
        finally:
            self._resizing = False
            self._resize_done.set()

    def map_size(self) -> int:
        return int(self.env.info()["map_size"])

    # ---- end --------------------------------------------------------------------------

    def close(self) -> None:
        """Stop the services, commit every queued write, flush, close. Idempotent."""
        if self._closed:
            return
        self._closed = True
        for service in self.services:
            service.stop()
        self.writer.stop()
        self.env.sync(True)
        self.env.close()
        os.close(self._lock_fd)


class ReadTxn:
    """Database.read()'s context manager.

    Handshake with grow_map, relying on the GIL's ordering: a reader first registers (appends to
    `_active`), then checks `_resizing`; the resizer first sets `_resizing`, then waits for
    `_active` to empty. So either the resizer sees the reader, or the reader sees the resize and
    backs off until it is done.
    """

    __slots__ = ("db", "txn")

    def __init__(self, db: Database) -> None:
        self.db = db

    def __enter__(self) -> lmdb.Transaction:
        db = self.db
        active = db._active
        while True:
            active.append(None)
            if not db._resizing:
                break
            active.pop()
            if not active:
                db._drained.set()
            db._resize_done.wait()
        try:
            self.txn = db.env.begin(buffers=False)
        except BaseException:
            self._leave()
            raise
        return self.txn

    def __exit__(self, *exc: object) -> None:
        self.txn.abort()
        self._leave()

    def _leave(self) -> None:
        db = self.db
        db._active.pop()
        if db._resizing and not db._active:
            db._drained.set()


def _lock_dir(path: str) -> int:
    fd = os.open(os.path.join(path, LOCK_FILE), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise DataDirInUse(f"{path} is in use by another ddbserver process") from None
    return fd
