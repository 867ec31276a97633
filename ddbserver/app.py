"""Wire-up: open the database, start its services, serve DynamoDB's protocol on a port.

Shutdown (SIGINT or SIGTERM): stop listening, let requests in flight finish, stop the services,
commit every queued write and flush (Database.close), close. Every write that was acknowledged
is on disk when serve() returns.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web

from ddbserver.api.context import Context
from ddbserver.api.protocol import make_handler
from ddbserver.engine.database import Database

log = logging.getLogger("ddbserver")

SHUTDOWN_TIMEOUT_S = 10.0


@dataclass(slots=True)
class ServerConfig:
    data_dir: str
    host: str = "127.0.0.1"
    port: int = 8000
    region: str = "us-east-1"
    sync: bool = True
    in_memory: bool = False
    item_collection_limit: int | None = None  # bytes; None: DynamoDB's 10 GB


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
    limits = {"item_collection_limit": config.item_collection_limit} if config.item_collection_limit else {}
    db = Database(config.data_dir, sync=config.sync, **limits)
    services = list(db.services)  # later: TTL sweeper, stream trimmer, PITR, ...
    runner: web.ServerRunner | None = None
    try:
        runner = web.ServerRunner(web.Server(make_handler(Context(db, region=config.region)), access_log=None,
                                             auto_decompress=False),
                                  handle_signals=False, shutdown_timeout=SHUTDOWN_TIMEOUT_S)
        await runner.setup()
        await web.TCPSite(runner, config.host, config.port, reuse_address=True).start()
        where = "in memory, removed at exit" if config.in_memory else ("no sync" if not config.sync else "durable")
        for service in services:  # after the port is open: answering first, background work next
            service.start()
        print(f"ddbserver listening on http://{config.host}:{config.port} (data: {config.data_dir}, {where})",
              flush=True)
        if ready is not None:
            ready.set()
        await stop.wait()
    finally:
        if runner is not None:
            await runner.cleanup()
        for service in reversed(services):
            service.stop()
        db.close()
        print(shutdown_summary(db), flush=True)


def shutdown_summary(db: Database) -> str:
    """One line on what the writer did: writes, transactions, batch sizes (for tuning group commit)."""
    st = db.writer.stats()
    mean = st["ops"] / st["batches"] if st["batches"] else 0.0
    sizes = " ".join(f"<={size}:{n}" for size, n in sorted(st["hist"].items()))
    return (f"ddbserver stopped: {st['ops']} writes in {st['batches']} transactions "
            f"(mean batch {mean:.1f}; batches by size {sizes or '-'})")
