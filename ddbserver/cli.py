"""The `ddbserver` command: `ddbserver serve [options]`."""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
import tempfile

from ddbserver.app import ServerConfig, serve


def default_data_dir() -> str:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(base, "ddbserver")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="ddbserver", description="A local server speaking DynamoDB's protocol.")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="serve DynamoDB's API on a port")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    where = s.add_mutually_exclusive_group()
    where.add_argument("--data-dir", default=None, help=f"where data lives (default {default_data_dir()})")
    where.add_argument("--in-memory", action="store_true", help="a throwaway directory, removed at exit")
    s.add_argument("--region", default="us-east-1")
    s.add_argument("--no-sync", action="store_true", help="do not sync writes to disk before answering")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "serve":
        return _serve(args)
    return 2


def _serve(args: argparse.Namespace) -> int:
    try:
        import uvloop

        uvloop.install()
    except ImportError:  # pragma: no cover - optional
        pass
    temp = None
    if args.in_memory:
        temp = tempfile.mkdtemp(prefix="ddbserver-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
        data_dir = temp
    else:
        data_dir = args.data_dir or default_data_dir()
    config = ServerConfig(data_dir=data_dir, host=args.host, port=args.port, region=args.region,
                          sync=not (args.no_sync or args.in_memory))
    try:
        asyncio.run(serve(config))
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
