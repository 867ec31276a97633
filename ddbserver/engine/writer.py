"""The writer thread: the only owner of LMDB write transactions, with group commit.

Callers hand it operations; it drains everything queued, runs the operations in one write
transaction, commits once (one sync for the whole batch), then resolves every caller. An
operation's `apply(store)` must raise before it changes anything if it fails, and must be safe to
run twice: when the map is full the batch is aborted, the map grown, and the batch run again.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, Protocol

import lmdb

from ddbserver.errors import DynamoError

if TYPE_CHECKING:
    from ddbserver.engine.database import Database
    from ddbserver.engine.store import Store

MAX_BATCH = 256


class WriteOp(Protocol):
    def apply(self, store: "Store") -> Any: ...


_STOP = object()


class Writer:
    def __init__(self, db: "Database") -> None:
        self.db = db
        self.queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._run, name="ddbserver-writer", daemon=True)
        self.batches = 0
        self.ops = 0

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        if self.thread.is_alive():
            self.queue.put(_STOP)
            self.thread.join()

    async def submit(self, op: WriteOp) -> Any:
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[Any] = loop.create_future()
        self.queue.put((op, fut, loop))
        return await fut

    def submit_blocking(self, op: WriteOp) -> Any:
        fut: Future[Any] = Future()
        self.queue.put((op, fut, None))
        return fut.result()

    def _run(self) -> None:
        from ddbserver.engine.store import Store

        while True:
            first = self.queue.get()
            if first is _STOP:
                return
            batch = [first]
            stopping = False
            while len(batch) < MAX_BATCH:
                try:
                    nxt = self.queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is _STOP:
                    stopping = True
                    break
                batch.append(nxt)
            outcomes = self._commit(batch, Store)
            self._deliver(batch, outcomes)
            if stopping:
                return

    def _commit(self, batch: list[Any], store_cls: Any) -> list[tuple[bool, Any]]:
        while True:
            outcomes: list[tuple[bool, Any]] = []
            txn = self.db.env.begin(write=True)
            try:
                store = store_cls(self.db, txn)
                for op, _, _ in batch:
                    # Each op in a nested transaction: one that fails half way leaves nothing.
                    child = self.db.env.begin(write=True, parent=txn)
                    store.txn = child
                    try:
                        outcomes.append((True, op.apply(store)))
                        child.commit()
                    except DynamoError as err:
                        child.abort()
                        outcomes.append((False, err))
                    except lmdb.MapFullError:
                        child.abort()
                        raise
                    except Exception as err:  # a bug: report it to that caller only
                        child.abort()
                        outcomes.append((False, err))
                store.txn = txn
                store.finish()
                txn.commit()
            except lmdb.MapFullError:
                txn.abort()
                self.db.env.set_mapsize(self.db.env.info()["map_size"] * 2)
                continue
            except BaseException as err:
                txn.abort()
                return [(False, err)] * len(batch)
            self.batches += 1
            self.ops += len(batch)
            store.after_commit()
            return outcomes

    @staticmethod
    def _deliver(batch: list[Any], outcomes: list[tuple[bool, Any]]) -> None:
        by_loop: dict[Any, list[tuple[Any, bool, Any]]] = {}
        for (_, fut, loop), (ok, value) in zip(batch, outcomes):
            if loop is None:
                fut.set_result(value) if ok else fut.set_exception(value)
            else:
                by_loop.setdefault(loop, []).append((fut, ok, value))
        for loop, items in by_loop.items():
            try:
                loop.call_soon_threadsafe(_resolve_all, items)
            except RuntimeError:  # the loop is closed: nobody waits any more
                pass


def _resolve_all(items: list[tuple[asyncio.Future[Any], bool, Any]]) -> None:
    for fut, ok, value in items:
        if fut.done():
            continue
        if ok:
            fut.set_result(value)
        else:
            fut.set_exception(value)
