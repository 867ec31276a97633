"""The LMDB environment: its named databases, read transactions, and the door to the writer.

Named databases (version 1):
    tables     table name (UTF-8)        -> table metadata (JSON, see catalog.py)
    items      keys.item_key(...)         -> item (codec.py layout)
    changelog  sequence number (8 B, BE)  -> change record (see changelog.py)
    sys        b"format", b"next_table_id", b"next_seq", b"stats:" + table id -> counters,
               b"purge:" + table id -> name of a dropped table whose items remain (store.py)

LMDB settings, from LMDB's documented rules (http://www.lmdb.tech/doc/group__mdb__env.html):
- sync and metasync on (the default) unless `sync=False`: a commit flushes the data pages, then
  the meta page, before it returns, and LMDB makes a transaction visible to readers only after
  its meta page is written. So a committed write is durable and consistent after a system crash,
  and no reader sees a write that a crash can take back. The writer commits once per batch of
  writes (group commit), so the two flushes are shared. With `sync=False` (MDB_NOSYNC, for
  throwaway data) a system crash may lose recent writes or corrupt the database; a killed
  process loses nothing either way, the kernel has the pages.
- The map: `map_size` (default 1 GiB) is address space, not disk; the file grows with the data.
  When a write finds the map full, the writer grows it (grow_map) and reruns the batch. LMDB
  forbids resizing while this process has a transaction open, so every read goes through read(),
  which the resize waits for: never begin a transaction on `env` directly.
- max_readers: py-lmdb opens with MDB_NOTLS, so each open read transaction holds one slot; reads
  are short and run on the event loop or a few service threads. Slots left by a killed process
  are cleared at open (reader_check).
- One process per data directory: an exclusive lock on `ddbserver.lock` refuses a second one.
"""

from __future__ import annotations

import fcntl
import os
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import lmdb

from ddbserver.engine.catalog import Catalog
from ddbserver.engine.changelog import Trimmer
from ddbserver.engine.purge import Purger
from ddbserver.engine.store import pending_purges
from ddbserver.engine.writer import Writer, WriteOp

FORMAT_VERSION = 1
INITIAL_MAP_SIZE = 1 << 30
MAX_READERS = 512
LOCK_FILE = "ddbserver.lock"


class DataDirInUse(RuntimeError):
    """Another process has this data directory open."""


class Database:
    """One ddbserver data directory."""

    def __init__(self, path: str, *, sync: bool = True, map_size: int = INITIAL_MAP_SIZE,
                 max_readers: int = MAX_READERS) -> None:
        os.makedirs(path, exist_ok=True)
        self.path = path
        self.sync = sync
        self._lock_fd = _lock_dir(path)
        try:
            self.env = lmdb.open(
                path,
                map_size=map_size,
                max_dbs=8,
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
        self._gate = threading.Condition(threading.Lock())
        self._readers = 0
        self._resize_waiting = False
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

    @contextmanager
    def read(self) -> Iterator[lmdb.Transaction]:
        """A short read transaction (begin and end cost well under a microsecond).

        Do not await inside it: a map resize waits until no read transaction is open.
        """
        gate = self._gate
        with gate:
            self._readers += 1
        try:
            txn = self.env.begin(buffers=False)
            try:
                yield txn
            finally:
                txn.abort()
        finally:
            with gate:
                self._readers -= 1
                if self._resize_waiting and not self._readers:
                    gate.notify_all()

    # ---- writes -----------------------------------------------------------------------

    async def write(self, op: WriteOp) -> Any:
        """Run `op` in the writer thread; its result once it is committed (and synced)."""
        return await self.writer.submit(op)

    def write_blocking(self, op: WriteOp) -> Any:
        """Run `op` in the writer thread from a thread that is not an event loop."""
        return self.writer.submit_blocking(op)

    def grow_map(self) -> None:
        """Double the map (writer thread only, with no write transaction open).

        Waits until no read transaction is open and holds new readers off while LMDB remaps.
        """
        with self._gate:
            self._resize_waiting = True
            try:
                while self._readers:
                    self._gate.wait()
                self.env.set_mapsize(self.env.info()["map_size"] * 2)
            finally:
                self._resize_waiting = False

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


def _lock_dir(path: str) -> int:
    fd = os.open(os.path.join(path, LOCK_FILE), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise DataDirInUse(f"{path} is in use by another ddbserver process") from None
    return fd
