"""Wire-up: open the database, start its services, serve DynamoDB's protocol on a port.

Shutdown (SIGINT or SIGTERM): stop listening, let requests in flight finish, stop the services,
commit every queued write and flush (Database.close), close. Every write that was acknowledged
is on disk when serve() returns.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from collections.abc import Callable
from dataclasses import dataclass

from ddbserver.api.context import ACCOUNT_ID, Context
from ddbserver.api.http import Server
from ddbserver.api.protocol import make_handler
from ddbserver.engine.backfill import DEFAULT_INDEX_DELAY
from ddbserver.engine.database import Database, lock_file

SERVER_LOCK_FILE = "server.lock"

log = logging.getLogger("ddbserver")

SHUTDOWN_TIMEOUT_S = 10.0


@dataclass(slots=True)
class ServerConfig:
    data_dir: str
    host: str = "127.0.0.1"
    port: int = 8000
    region: str = "us-east-1"
    account: str = ACCOUNT_ID
    sync: bool = True
    in_memory: bool = False
    index_delay: float = DEFAULT_INDEX_DELAY  # seconds each transient index state lasts at least
    backfill_batch: int | None = None  # items per backfill step (None: the engine's default)
    workers: int = 1      # processes serving the port together (SO_REUSEPORT), sharing the data
    item_collection_limit: int | None = None  # bytes; None: DynamoDB's 10 GB
    worker: int = 0       # this process's number; 0 holds the server lock and reports


def server_lock(data_dir: str) -> int:
    """The lock that makes a data directory one server's (its workers share it; an embedded
    engine may still open the directory alongside)."""
    os.makedirs(data_dir, exist_ok=True)
    return lock_file(data_dir, SERVER_LOCK_FILE, exclusive=True)


async def serve(config: ServerConfig, ready: "asyncio.Event | None" = None,
                stop_requested: Callable[[], bool] = lambda: False) -> None:
    """Serve until SIGINT or SIGTERM (or `stop_requested()` already true once the loop's signal
    handlers are in place: a signal that came during start-up)."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    if stop_requested():
        stop.set()
    lock = server_lock(config.data_dir) if config.workers == 1 else None  # else the parent holds it
    try:
        await _serve(config, stop, ready)
    finally:
        if lock is not None:
            os.close(lock)


async def _serve(config: ServerConfig, stop: asyncio.Event, ready: "asyncio.Event | None") -> None:
    limits: dict[str, int] = {}
    if config.item_collection_limit:
        limits["item_collection_limit"] = config.item_collection_limit
    if config.backfill_batch:
        limits["backfill_batch"] = config.backfill_batch
    db = Database(config.data_dir, sync=config.sync, index_delay=config.index_delay, **limits)
    services = list(db.services)  # purger, change-log trimmer, index backfill
    server: Server | None = None
    try:
        server = Server(make_handler(Context(db, region=config.region, account=config.account)))
        await server.start(config.host, config.port, reuse_port=config.workers > 1)
        where = "in memory, removed at exit" if config.in_memory else ("no sync" if not config.sync else "durable")
        for service in services:  # after the port is open: answering first, background work next
            service.start()
        if config.worker == 0:
            workers = f", {config.workers} worker processes" if config.workers > 1 else ""
            print(f"ddbserver listening on http://{config.host}:{config.port} (data: {config.data_dir}, {where}"
                  f"{workers})", flush=True)
        if ready is not None:
            ready.set()
        await stop.wait()
    finally:
        if server is not None:
            await server.stop(SHUTDOWN_TIMEOUT_S)
        for service in reversed(services):
            service.stop()
        db.close()
        if config.worker == 0:
            print(shutdown_summary(db), flush=True)


def shutdown_summary(db: Database) -> str:
    """One line on what the writer did: writes, transactions, batch sizes (for tuning group commit)."""
    st = db.writer.stats()
    mean = st["ops"] / st["batches"] if st["batches"] else 0.0
    sizes = " ".join(f"<={size}:{n}" for size, n in sorted(st["hist"].items()))
    return (f"ddbserver stopped: {st['ops']} writes in {st['batches']} transactions "
            f"(mean batch {mean:.1f}; batches by size {sizes or '-'})")
