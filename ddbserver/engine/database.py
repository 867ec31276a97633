"""The LMDB environment: its named databases, read transactions, and the door to the writer.

Named databases (version 1):
    tables     table name (UTF-8)        -> table metadata (JSON, see catalog.py)
    items      keys.item_key(...)         -> item in DynamoDB's wire form (JSON, numbers normalised)
    changelog  sequence number (8 B, BE)  -> change record (JSON, see changelog.py)
    sys        b"format", b"next_table_id", b"next_seq", b"stats:" + table id -> counters

Reads use short read transactions on the caller's thread; every write goes through the Writer
thread (writer.py), which owns all write transactions.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import lmdb

from ddbserver.engine.catalog import Catalog
from ddbserver.engine.writer import Writer, WriteOp

FORMAT_VERSION = 1
INITIAL_MAP_SIZE = 1 << 30


class Database:
    """One ddbserver data directory."""

    def __init__(self, path: str, *, sync: bool = True) -> None:
        os.makedirs(path, exist_ok=True)
        self.path = path
        self.sync = sync
        map_size = max(INITIAL_MAP_SIZE, _file_size(os.path.join(path, "data.mdb")) * 2)
        self.env = lmdb.open(
            path,
            map_size=map_size,
            max_dbs=8,
            max_readers=512,
            sync=sync,
            metasync=sync,
            readahead=False,
        )
        self.tables_db = self.env.open_db(b"tables")
        self.items_db = self.env.open_db(b"items")
        self.changelog_db = self.env.open_db(b"changelog")
        self.sys_db = self.env.open_db(b"sys")
        self._check_format()
        self.catalog = Catalog(self)
        self.writer = Writer(self)
        self.writer.start()

    def _check_format(self) -> None:
        with self.env.begin(write=True) as txn:
            stored = txn.get(b"format", db=self.sys_db)
            if stored is None:
                txn.put(b"format", struct.pack(">I", FORMAT_VERSION), db=self.sys_db)
            elif struct.unpack(">I", stored)[0] != FORMAT_VERSION:
                raise RuntimeError(f"{self.path}: data format {struct.unpack('>I', stored)[0]} is not {FORMAT_VERSION}")

    @contextmanager
    def read(self) -> Iterator[lmdb.Transaction]:
        """A short read transaction (cheap: begin and end cost well under a microsecond)."""
        txn = self.env.begin(buffers=False)
        try:
            yield txn
        finally:
            txn.abort()

    async def write(self, op: WriteOp) -> Any:
        """Run `op` in the writer thread; its result once it is committed (and synced)."""
        return await self.writer.submit(op)

    def write_blocking(self, op: WriteOp) -> Any:
        """Run `op` in the writer thread from a thread that is not an event loop."""
        return self.writer.submit_blocking(op)

    def close(self) -> None:
        self.writer.stop()
        self.env.sync(True)
        self.env.close()


def _file_size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
