"""Does an operation's cost stay flat as the table grows? GetItem and Query latency, disk bytes
per item and server memory at 10k, 100k, 1M and 10M items on disk.

    python bench/scaling.py [--sizes 10000,100000,1000000,10000000] [--requests 3000]

For each size: a fresh data directory is filled through the engine (Store.put in writer
operations of 20,000 items: the same item bytes, index-free table and change-log records as
writes over HTTP, without the HTTP cost), then `ddbserver serve` (durable) is started on it and
one client (concurrency 1, so the figures are latencies, not queueing) sends GetItems of random
existing keys and Queries (Limit 10) of random 10-item partitions, after 1,000 untimed ones.
The page cache is warm (the file was just written and fits in RAM) unless --cold drops it.
Memory: the server's anonymous RSS (what it allocates) and its file-backed RSS (LMDB pages it
has read through its memory map, which the kernel can drop at will).
Items are ~100 bytes (pk, sk, a 60-byte string); 10 items per partition.
Prints a markdown table; --json writes the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)
sys.path.insert(0, HERE)

import orjson  # noqa: E402
import rawclient  # noqa: E402

from ddbserver.engine import keys, values  # noqa: E402
from ddbserver.engine.database import Database  # noqa: E402
from ddbserver.engine.tables import CreateTableOp  # noqa: E402

TABLE = "scaling"
PER_PARTITION = 10
BATCH = 20_000
FILL = "x" * 60
HEADERS = {
    "Content-Type": "application/x-amz-json-1.0",
    "X-Amz-Date": "20260101T000000Z",
    "Authorization": "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, "
                     "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0" * 64,
}


class BulkPut:
    """One writer operation putting items [start, stop) through the store (change log included)."""

    def __init__(self, table: Any, start: int, stop: int) -> None:
        self.table, self.start, self.stop = table, start, stop

    def apply(self, store: Any) -> int:
        for i in range(self.start, self.stop):
            item = {"pk": {"S": f"p{i // PER_PARTITION:08d}"}, "sk": {"N": str(i % PER_PARTITION)}, "v": {"S": FILL}}
            key = {"pk": item["pk"], "sk": item["sk"]}
            store.put(self.table, key, keys.item_key(self.table.id, self.table.key, key), None, item,
                      values.item_size(item))
        return self.stop - self.start


def fill(path: str, n: int) -> float:
    db = Database(path, sync=False)
    try:
        table = db.write_blocking(CreateTableOp({
            "TableName": TABLE, "BillingMode": "PAY_PER_REQUEST", "ProvisionedThroughput": None,
            "DeletionProtectionEnabled": False, "Tags": [],
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                     {"AttributeName": "sk", "AttributeType": "N"}]}))
        started = time.monotonic()
        for start in range(0, n, BATCH):
            db.write_blocking(BulkPut(table, start, min(n, start + BATCH)))
        return time.monotonic() - started
    finally:
        db.close()


def drop_caches() -> bool:
    try:
        os.sync()
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("1\n")
        return True
    except OSError:
        return False


def body(op: str, n: int, rnd: random.Random) -> bytes:
    if op == "GetItem":
        i = rnd.randrange(n)
        req: dict[str, Any] = {"TableName": TABLE, "Key": {"pk": {"S": f"p{i // PER_PARTITION:08d}"},
                                                           "sk": {"N": str(i % PER_PARTITION)}}}
    else:
        p = rnd.randrange(max(1, n // PER_PARTITION))
        req = {"TableName": TABLE, "KeyConditionExpression": "pk = :p",
               "ExpressionAttributeValues": {":p": {"S": f"p{p:08d}"}}, "Limit": 10}
    return orjson.dumps(req)


async def measure(port: int, n: int, op: str, count: int, warm: int) -> dict[str, float]:
    rnd = random.Random(7)
    conn = await rawclient.Connection.open("127.0.0.1", port)
    headers = {**HEADERS, "X-Amz-Target": "DynamoDB_20120810." + op}
    latencies = []
    try:
        for k in range(warm + count):
            raw = rawclient.request_bytes("127.0.0.1", port, headers, body(op, n, rnd))
            t = time.perf_counter()
            status, answer = await conn.exchange(raw)
            elapsed = time.perf_counter() - t
            assert status == 200 and (b'"Item"' in answer or b'"Count":10' in answer), answer[:200]
            if k >= warm:
                latencies.append(elapsed * 1e6)
    finally:
        conn.close()
    latencies.sort()
    return {"p50_us": statistics.median(latencies), "p99_us": latencies[int(len(latencies) * 0.99)]}


def rss_kib(pid: int, field: str) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def one_size(n: int, requests: int, port: int, cold: bool) -> dict[str, Any]:
    path = tempfile.mkdtemp(prefix=f"ddbserver-scaling-{n}-", dir=os.environ.get("SCALING_DIR"))
    try:
        fill_s = fill(path, n)
        disk = os.path.getsize(os.path.join(path, "data.mdb"))
        cold = drop_caches() if cold else False
        proc = subprocess.Popen([sys.executable, "-m", "ddbserver", "serve", "--port", str(port), "--data-dir", path],
                                cwd=ROOT, stdout=subprocess.DEVNULL)
        try:
            _wait(port)
            out: dict[str, Any] = {"items": n, "fill_items_per_s": n / fill_s, "disk_bytes_per_item": disk / n,
                                   "cache_dropped": cold}
            for op in ("GetItem", "Query"):
                out[op] = asyncio.run(measure(port, n, op, requests, warm=1000))
            out["server_anon_rss_mib"] = rss_kib(proc.pid, "RssAnon") / 1024
            out["server_file_rss_mib"] = rss_kib(proc.pid, "RssFile") / 1024
            return out
        finally:
            proc.terminate()
            proc.wait()
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _wait(port: int) -> None:
    import socket
    for _ in range(400):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("server did not start")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="10000,100000,1000000,10000000")
    p.add_argument("--requests", type=int, default=3000)
    p.add_argument("--port", type=int, default=8392)
    p.add_argument("--json")
    p.add_argument("--cold", action="store_true", help="drop the page cache before each size (needs root)")
    args = p.parse_args()
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        row = one_size(n, args.requests, args.port, args.cold)
        rows.append(row)
        print(json.dumps(row), flush=True)
    print("\n| items | GetItem p50 / p99 µs | Query (Limit 10) p50 / p99 µs | disk bytes per item | "
          "server RSS MiB: anonymous / file-backed | fill items/s |")
    print("|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        g, q = r["GetItem"], r["Query"]
        print(f"| {r['items']:,} | {g['p50_us']:.0f} / {g['p99_us']:.0f} | {q['p50_us']:.0f} / {q['p99_us']:.0f} | "
              f"{r['disk_bytes_per_item']:.0f} | {r['server_anon_rss_mib']:.0f} / {r['server_file_rss_mib']:.0f} | "
              f"{r['fill_items_per_s']:,.0f} |")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
