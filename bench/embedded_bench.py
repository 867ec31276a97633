"""Embedded mode against the server: GetItem and PutItem latency through the Python API, through
a boto3 client served in-process, and through the same boto3 client over HTTP to `ddbserver serve`.

    python bench/embedded_bench.py [--requests 20000] [--boto-requests 3000]

One thread, one request at a time (latency, not throughput); medians and p99 in µs. The data
directories are in /dev/shm without sync for both the embedded engine and the server, so the
comparison is of the request path, not of the disk. The server is pinned to core 0 and this
process to core 1 when the machine has two cores.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)

import boto3  # noqa: E402
from botocore.config import Config  # noqa: E402

from ddbserver.embedded import Embedded  # noqa: E402

TABLE = "embedded_bench"
KEYS = {"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "BillingMode": "PAY_PER_REQUEST"}
ITEM = {"pk": {"S": "k0"}, "name": {"S": "x" * 100}, "n": {"N": "42"}, "tags": {"SS": ["a", "b"]}}


def timed(call: Callable[[], Any], n: int) -> dict[str, float]:
    for _ in range(min(500, n)):
        call()
    out = []
    for _ in range(n):
        t = time.perf_counter()
        call()
        out.append((time.perf_counter() - t) * 1e6)
    out.sort()
    return {"p50_us": statistics.median(out), "p99_us": out[int(len(out) * 0.99)]}


def boto_client(url: str) -> Any:
    return boto3.client("dynamodb", endpoint_url=url, region_name="us-east-1", aws_access_key_id="k",
                        aws_secret_access_key="s", config=Config(retries={"max_attempts": 0}))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--requests", type=int, default=20_000)
    p.add_argument("--boto-requests", type=int, default=3_000)
    p.add_argument("--port", type=int, default=8393)
    args = p.parse_args()
    if os.cpu_count() == 2:
        os.sched_setaffinity(0, {1})
    rows: list[tuple[str, str, dict[str, float]]] = []
    key = {"pk": {"S": "k0"}}
    with Embedded(in_memory=True) as db:
        db.create_table(TableName=TABLE, **KEYS)
        db.put_item(TableName=TABLE, Item=ITEM)
        rows.append(("Python API (Embedded.get_item)", "GetItem",
                     timed(lambda: db.get_item(TableName=TABLE, Key=key), args.requests)))
        rows.append(("Python API (Embedded.put_item)", "PutItem",
                     timed(lambda: db.put_item(TableName=TABLE, Item=ITEM), args.requests // 4)))
        local = db.client()
        rows.append(("boto3 client, in-process (Embedded.client)", "GetItem",
                     timed(lambda: local.get_item(TableName=TABLE, Key=key), args.boto_requests)))
        rows.append(("boto3 client, in-process (Embedded.client)", "PutItem",
                     timed(lambda: local.put_item(TableName=TABLE, Item=ITEM), args.boto_requests)))
    data = tempfile.mkdtemp(prefix="ddbserver-embbench-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    pin = ["taskset", "-c", "0"] if os.cpu_count() == 2 and shutil.which("taskset") else []
    proc = subprocess.Popen([*pin, sys.executable, "-m", "ddbserver", "serve", "--port", str(args.port),
                             "--data-dir", data, "--no-sync"], cwd=ROOT, stdout=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", args.port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        remote = boto_client(f"http://127.0.0.1:{args.port}")
        remote.create_table(TableName=TABLE, **KEYS)
        remote.put_item(TableName=TABLE, Item=ITEM)
        rows.append(("boto3 client over HTTP to ddbserver serve", "GetItem",
                     timed(lambda: remote.get_item(TableName=TABLE, Key=key), args.boto_requests)))
        rows.append(("boto3 client over HTTP to ddbserver serve", "PutItem",
                     timed(lambda: remote.put_item(TableName=TABLE, Item=ITEM), args.boto_requests)))
    finally:
        proc.terminate()
        proc.wait()
        shutil.rmtree(data, ignore_errors=True)
    print("| path | operation | p50 µs | p99 µs |")
    print("|---|---|---:|---:|")
    for path, op, r in rows:
        print(f"| {path} | {op} | {r['p50_us']:.1f} | {r['p99_us']:.1f} |")
    by = {(path.split(" (")[0].split(",")[0] + ("" if "in-process" not in path else " in-process"), op): r
          for path, op, r in rows}
    for op in ("GetItem", "PutItem"):
        inproc = next(r for (path, o), r in by.items() if o == op and "in-process" in path)
        http = next(r for (path, o), r in by.items() if o == op and "HTTP" in path)
        print(f"{op}: in-process boto3 client {http['p50_us'] / inproc['p50_us']:.2f}x faster than over HTTP (p50)")


if __name__ == "__main__":
    main()
