"""The `ddbserver` command: `ddbserver serve [options]` (also `python -m ddbserver`)."""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import shutil
import signal
import sys
import tempfile


def default_data_dir() -> str:
    """Per-user data directory: $XDG_DATA_HOME/ddbserver, else ~/.local/share/ddbserver."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(base, "ddbserver")


def _account_id(value: str) -> str:
    if len(value) != 12 or not value.isdigit():
        raise argparse.ArgumentTypeError("an account id is 12 digits")
    return value


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="ddbserver", description="A local server speaking DynamoDB's protocol.")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="serve DynamoDB's API on a port")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    where = s.add_mutually_exclusive_group()
    where.add_argument("--data-dir", default=None, help=f"where data lives (default {default_data_dir()})")
    where.add_argument("--in-memory", action="store_true",
                       help="a throwaway directory in RAM (/dev/shm), removed at exit; writes are not synced")
    s.add_argument("--region", default="us-east-1")
    s.add_argument("--account-id", type=_account_id, default=None, metavar="DIGITS",
                   help="the 12-digit account in table ARNs (default 210987654321)")
    s.add_argument("--workers", type=int, default=1,
                   help="processes serving the port together, sharing the data directory (default 1)")
    s.add_argument("--no-sync", action="store_true",
                   help="answer writes before they are flushed to disk (throwaway data: a system crash "
                        "can lose recent writes or corrupt the database)")
    s.add_argument("--index-delay", type=float, default=0.5, metavar="SECONDS",
                   help="the least time an index added or deleted by UpdateTable stays in each transient state "
                        "(CREATING before and while backfilling, DELETING); default 0.5")
    # For tests of ItemCollectionSizeLimitExceededException without writing 10 GB (README, CLI).
    s.add_argument("--item-collection-limit", type=int, default=None, metavar="BYTES", help=argparse.SUPPRESS)
    # Smaller backfill steps, so that tests can stop a server in the middle of an index build.
    s.add_argument("--backfill-batch", type=int, default=None, metavar="ITEMS", help=argparse.SUPPRESS)
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "serve":
        return _serve(args)
    return 2


def _serve(args: argparse.Namespace) -> int:
    # Until the event loop takes SIGINT/SIGTERM over, remember them: the server then stops at once,
    # cleanly (the --in-memory directory is removed, exit code 0).
    received: list[int] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda signum, frame: received.append(signum))
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        import uvloop

        uvloop.install()
    except ImportError:  # pragma: no cover - optional
        pass
    import asyncio

    from ddbserver.app import ServerConfig, serve, server_lock
    from ddbserver.engine.database import DataDirInUse

    temp = None
    if args.in_memory:
        temp = tempfile.mkdtemp(prefix="ddbserver-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    data_dir = temp or args.data_dir or default_data_dir()
    config = ServerConfig(data_dir=data_dir, host=args.host, port=args.port, region=args.region,
                          sync=not (args.no_sync or args.in_memory), in_memory=temp is not None,
                          index_delay=args.index_delay, workers=max(1, args.workers),
                          item_collection_limit=args.item_collection_limit, backfill_batch=args.backfill_batch)
    if args.account_id:
        config.account = args.account_id
    children: list[int] = []
    lock = None
    try:
        if config.workers > 1:  # fork before anything opens the database or starts a thread
            lock = server_lock(config.data_dir)
            for number in range(1, config.workers):
                pid = os.fork()
                if pid == 0:
                    os.close(lock)
                    child = dataclasses.replace(config, worker=number)
                    try:
                        asyncio.run(serve(child, stop_requested=lambda: bool(received)))
                    finally:
                        os._exit(0)
                children.append(pid)
        asyncio.run(serve(config, stop_requested=lambda: bool(received)))
    except (DataDirInUse, OSError) as err:
        print(f"ddbserver: {err}", file=sys.stderr, flush=True)
        return 1
    finally:
        for pid in children:  # workers stop with the first one
            try:
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        if lock is not None:
            os.close(lock)
        for sig in (signal.SIGINT, signal.SIGTERM):  # the loop is gone: finish cleaning up regardless
            signal.signal(sig, signal.SIG_IGN)
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
