"""Wire-up: open the database and serve DynamoDB's protocol on a port."""

from __future__ import annotations

import asyncio
import logging
import signal
from dataclasses import dataclass

from aiohttp import web

from ddbserver.api.context import Context
from ddbserver.api.protocol import make_handler
from ddbserver.engine.database import Database

log = logging.getLogger("ddbserver")


@dataclass(slots=True)
class ServerConfig:
    data_dir: str
    host: str = "127.0.0.1"
    port: int = 8000
    region: str = "us-east-1"
    sync: bool = True


async def serve(config: ServerConfig, ready: "asyncio.Event | None" = None) -> None:
    """Serve until SIGINT or SIGTERM; then stop taking requests, finish writes, close."""
    db = Database(config.data_dir, sync=config.sync)
    ctx = Context(db, region=config.region)
    server = web.Server(make_handler(ctx), access_log=None, auto_decompress=False)
    runner = web.ServerRunner(server, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, config.host, config.port, reuse_address=True)
    await site.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    print(f"ddbserver listening on http://{config.host}:{config.port} (data: {config.data_dir})", flush=True)
    if ready is not None:
        ready.set()
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
        db.close()
