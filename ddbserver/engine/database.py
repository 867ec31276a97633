"""The LMDB environment: its named databases, read transactions, and the door to the writer.

Named databases (version 1):
    tables     table name (UTF-8)        -> table metadata (JSON, see catalog.py)
    items      keys.item_key(...)         -> item (codec.py layout)
    changelog  sequence number (8 B, BE)  -> change record (see changelog.py)
    sys        b"format", b"next_table_id", b"next_seq", b"stats:" + table id -> counters,
               b"purge:" + table id -> name of a dropped table whose items remain (store.py),
               b"backfill:" + index id -> position of an index's backfill (backfill.py)
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
- Several processes may open one data directory (LMDB serializes their write transactions and
  lets readers of every process run alongside): a server and an embedded engine, or a server's
  workers. Each process holds a shared lock on `ddbserver.lock` (`exclusive=True` takes it alone
  and refuses company); `ddbserver serve` also takes `server.lock` so that a second server is
  refused. What a process caches follows the others: table metadata through the catalog's
  generation counter (catalog.py), the map size when another process grew it (MapResizedError
  -> adopt it), and every write re-checks its table inside its transaction (store.py). Background
  services run in one process at a time: the holder of `services.lock` (hosts_services()).
- LMDB forbids opening one environment twice in one process: one Database per directory per
  process.
"""

from __future__ import annotations

import fcntl
import os
import struct
import threading
from typing import Any

import lmdb
import orjson

from ddbserver.engine import codec, keys
from ddbserver.engine.backfill import BACKFILL_BATCH, DEFAULT_INDEX_DELAY, Backfiller
from ddbserver.engine.catalog import Catalog
from ddbserver.engine.changelog import Trimmer
from ddbserver.engine.purge import Purger
from ddbserver.engine.store import Store, pending_purges
from ddbserver.engine.writer import Writer, WriteOp

# 2: item keys v2 (engine/keys.py); 3: every secondary index has an id (its entries' prefix).
# A version 2 directory is upgraded at open: its indexes get ids and are built by the backfill.
FORMAT_VERSION = 3
UPGRADABLE = (2,)
INITIAL_MAP_SIZE = 1 << 30
MAX_READERS = 512
MAX_DBS = 32  # named databases: 4 today; room for indexes and stream state without a format bump
LOCK_FILE = "ddbserver.lock"
SERVICES_LOCK_FILE = "services.lock"
ITEM_COLLECTION_LIMIT = 10 * 1024 ** 3  # DynamoDB's 10 GB per partition key value on tables with LSIs


class DataDirInUse(RuntimeError):
    """Another process has this data directory open."""


class Database:
    """One ddbserver data directory."""

    def __init__(self, path: str, *, sync: bool = True, map_size: int = INITIAL_MAP_SIZE,
                 max_readers: int = MAX_READERS, exclusive: bool = False,
                 index_delay: float = DEFAULT_INDEX_DELAY, backfill_batch: int = BACKFILL_BATCH,
                 item_collection_limit: int = ITEM_COLLECTION_LIMIT) -> None:
        os.makedirs(path, exist_ok=True)
        self.path = path
        self.sync = sync
        self.item_collection_limit = item_collection_limit  # bytes per item collection (store.py)
        self._lock_fd = lock_file(path, LOCK_FILE, exclusive)
        self._services_fd: int | None = None
        self._resize_lock = threading.Lock()
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
        self.backfiller = Backfiller(self, index_delay, backfill_batch)
        self.writer.start()
        self._closed = False

    def _check_format(self) -> None:
        with self.env.begin(write=True) as txn:
            stored = txn.get(b"format", db=self.sys_db)
            if stored is None:
                txn.put(b"format", struct.pack(">I", FORMAT_VERSION), db=self.sys_db)
            elif struct.unpack(">I", stored)[0] in UPGRADABLE:
                _give_indexes_ids(Store(self, txn))
                txn.put(b"format", struct.pack(">I", FORMAT_VERSION), db=self.sys_db)
            elif struct.unpack(">I", stored)[0] != FORMAT_VERSION:
                raise RuntimeError(f"{self.path}: data format {struct.unpack('>I', stored)[0]} is not {FORMAT_VERSION}")

    def hosts_services(self) -> bool:
        """Whether this process runs the background services: the first to take services.lock
        (tried again at every service run, so another process takes over when it exits)."""
        if self._services_fd is None:
            try:
                self._services_fd = lock_file(self.path, SERVICES_LOCK_FILE, exclusive=True)
            except DataDirInUse:
                return False
        return True

    @property
    def services(self) -> tuple[Purger, Trimmer, Backfiller]:
        """The engine's background services; the app starts and stops them."""
        return self.purger, self.trimmer, self.backfiller

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

    async def write_all(self, ops: list[WriteOp]) -> list[Any]:
        """Run `ops` in the writer thread, queued together; each one's result, or the exception
        it raised (one failing changes nothing of the others)."""
        outcomes: list[Any] = []
        for future in self.writer.submit_all(ops):
            try:
                outcomes.append(await future)
            except Exception as err:  # that operation's own error: the others stand
                outcomes.append(err)
        return outcomes

    def write_blocking(self, op: WriteOp) -> Any:
        """Run `op` in the writer thread from a thread that is not an event loop."""
        return self.writer.submit_blocking(op)

    def grow_map(self) -> None:
        """Double the map (writer thread only, with no write transaction open)."""
        self._remap(lambda: self.env.info()["map_size"] * 2)

    def adopt_map(self) -> None:
        """Take the map size another process grew the map to (after MapResizedError); called by
        a thread that has no transaction open."""
        self._remap(lambda: 0)

    def _remap(self, size: Any) -> None:
        """LMDB forbids remapping while this process has a transaction open: new readers wait and
        open ones are waited for (ReadTxn's half of the handshake)."""
        with self._resize_lock:
            self._resize_done.clear()
            self._drained.clear()
            self._resizing = True
            try:
                while self._active:
                    self._drained.wait(0.01)
                self.env.set_mapsize(size())
            finally:
                self._resizing = False
                self._resize_done.set()

    def begin_write(self) -> lmdb.Transaction:
        """A write transaction (writer thread), adopting a map another process grew."""
        try:
            return self.env.begin(write=True)
        except lmdb.MapResizedError:
            self.adopt_map()
            return self.env.begin(write=True)

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
        if self._services_fd is not None:
            os.close(self._services_fd)
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
        except lmdb.MapResizedError:  # another process grew the map: adopt it, then begin
            self._leave()
            db.adopt_map()
            return self.__enter__()
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


def _give_indexes_ids(store: Store) -> None:
    """Format 2 -> 3: each secondary index stored without an id gets one and is built by the
    backfill (CREATING + Backfilling); until then it is maintained by writes but not readable."""
    names = [bytes(k) for k in store.txn.cursor(db=store.db.tables_db).iternext(values=False)]
    for name in names:
        meta = orjson.loads(bytes(store.txn.get(name, db=store.db.tables_db) or b"{}"))
        changed = False
        for member in ("LocalSecondaryIndexes", "GlobalSecondaryIndexes"):
            specs = meta.get(member) or []
            for spec in specs:
                if "id" not in spec:
                    spec.update(id=store.next_table_id(), IndexStatus="CREATING", Backfilling=True, StatusSince=0.0)
                    changed = True
        if changed:
            store.txn.put(name, orjson.dumps(meta), db=store.db.tables_db)
        if changed and meta.get("LocalSecondaryIndexes"):
            _count_collections(store, meta["id"])


def _count_collections(store: Store, table_id: int) -> None:
    """Item collections of a table whose local indexes were not maintained: its items' sizes
    (the backfill adds the local entries)."""
    prefix = keys.table_prefix(table_id)
    sizes: dict[bytes, int] = {}
    cur = store.txn.cursor(db=store.db.items_db)
    if cur.set_range(prefix):
        for key, value in cur.iternext():
            if bytes(key[:4]) != prefix:
                break
            partition = bytes(key[:keys.PREFIX_BYTES])
            sizes[partition] = sizes.get(partition, 0) + codec.size_of(bytes(value))
    for partition, size in sizes.items():
        store.add_to_collection(partition, size)


def lock_file(path: str, name: str, exclusive: bool) -> int:
    """An open descriptor holding a shared or exclusive flock on `path`/`name`; DataDirInUse if
    another process holds a conflicting one."""
    fd = os.open(os.path.join(path, name), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise DataDirInUse(f"{path} is in use by another ddbserver process") from None
    return fd
