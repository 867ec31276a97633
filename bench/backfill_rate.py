"""How fast a new GSI is built over existing items: UpdateTable Create to IndexStatus ACTIVE.

    python bench/backfill_rate.py [--items 100000] [--no-sync] [--rounds 3]

Starts ddbserver on a fresh data directory (durable unless --no-sync; `--index-delay 0` so that
only the build is timed), loads the items (1 KB, with BatchWriteItem), then adds a GSI keyed on
an attribute every item has and polls DescribeTable every 10 ms until the index is ACTIVE.
Prints one line per round with items/s, then the median.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import aiohttp

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from loadgen import call, session, write_items  # noqa: E402
from workloads import item  # noqa: E402

TABLE = "bench_backfill"


def items(n: int) -> list[dict]:
    out = []
    for i in range(n):
        body = item("pk", f"bf-{i:07d}")
        body["g"] = {"S": f"g{i % 1000:04d}"}
        out.append(body)
    return out


async def one_round(url: str, n: int) -> float:
    async with session(32) as http:
        await call(http, url, "CreateTable", {
            "TableName": TABLE, "BillingMode": "PAY_PER_REQUEST",
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}]})
        await write_items(http, url, TABLE, items(n))
        started = time.monotonic()
        await call(http, url, "UpdateTable", {
            "TableName": TABLE, "AttributeDefinitions": [{"AttributeName": "g", "AttributeType": "S"}],
            "GlobalSecondaryIndexUpdates": [{"Create": {
                "IndexName": "by_g", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"}}}]})
        while True:
            desc = await call(http, url, "DescribeTable", {"TableName": TABLE})
            gsi = desc["Table"]["GlobalSecondaryIndexes"][0]
            if gsi["IndexStatus"] == "ACTIVE":
                break
            await asyncio.sleep(0.01)
        elapsed = time.monotonic() - started
        assert gsi["ItemCount"] == n, gsi
        await call(http, url, "DeleteTable", {"TableName": TABLE})
        return n / elapsed


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--items", type=int, default=100_000)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--no-sync", action="store_true")
    p.add_argument("--port", type=int, default=8391)
    args = p.parse_args()
    data = tempfile.mkdtemp(prefix="ddbserver-backfill-")
    cmd = [sys.executable, "-m", "ddbserver", "serve", "--port", str(args.port), "--data-dir", data,
           "--index-delay", "0", *(["--no-sync"] if args.no_sync else [])]
    proc = subprocess.Popen(cmd, cwd=os.path.dirname(HERE), stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(200):
            try:
                asyncio.run(_ping(url))
                break
            except (aiohttp.ClientError, OSError):
                time.sleep(0.05)
        rates = []
        for r in range(args.rounds):
            rate = asyncio.run(one_round(url, args.items))
            rates.append(rate)
            print(f"round {r + 1}: {args.items} items indexed at {rate:,.0f} items/s", flush=True)
        mode = "no sync" if args.no_sync else "durable"
        print(f"backfill ({mode}, {args.items} items of 1 KB, projection ALL): median {statistics.median(rates):,.0f} items/s")
    finally:
        proc.terminate()
        proc.wait()
        shutil.rmtree(data, ignore_errors=True)


async def _ping(url: str) -> None:
    async with session(1) as http:
        await call(http, url, "ListTables", {})


if __name__ == "__main__":
    main()
