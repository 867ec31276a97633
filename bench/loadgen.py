"""An HTTP load generator for DynamoDB-protocol servers: asyncio + aiohttp, raw JSON bodies.

No SDK: the bodies are precomputed (workloads.py) and every request carries the same fixed,
well-formed Authorization header, so the client's cost per request is small and the same for
every server. Three commands, each printing one JSON document on stdout:

    python bench/loadgen.py setup --endpoint URL --workloads put,get
        create each workload's table, preload its items, check one request's answer:
        {"put": "ok", "query": "n/a: UnknownOperationException", ...}
    python bench/loadgen.py run --endpoint URL --workload put --concurrency 16 --duration 5 --warmup 1
        closed loop with C workers for warm-up + duration seconds; counts only requests that
        started and finished inside the measured window: ops/s, p50/p99 latency, errors
    python bench/loadgen.py load --endpoint URL --items N
        write N items of 1 KB into table bench_load (BatchWriteItem, or PutItem if the server
        has no BatchWriteItem), for memory measurements

`run --setup` does both in one go, for a quick manual check against one server.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import re
import sys
import time
from dataclasses import asdict, dataclass
from typing import Any

import aiohttp
import orjson

import rawclient
from workloads import BATCH_SIZE, WORKLOADS, Item, Table, Workload, dumps, item

TARGET_PREFIX = "DynamoDB_20120810."
FIXED_HEADERS = {
    "Content-Type": "application/x-amz-json-1.0",
    "X-Amz-Date": "20260101T000000Z",
    "Authorization": "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, "
                     "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0" * 64,
}
_TYPE = re.compile(rb'"__type"\s*:\s*"(?:[^"#]*#)?([^"]*)"')


def headers_for(operation: str) -> dict[str, str]:
    return {**FIXED_HEADERS, "X-Amz-Target": TARGET_PREFIX + operation}


def error_type(body: bytes, status: int) -> str:
    m = _TYPE.search(body)
    return m.group(1).decode() if m else f"HTTP {status}"


def session(concurrency: int) -> aiohttp.ClientSession:
    """Keep-alive connections, one per worker; no compression asked for, no User-Agent."""
    connector = aiohttp.TCPConnector(limit=concurrency, ttl_dns_cache=None, use_dns_cache=True)
    return aiohttp.ClientSession(connector=connector, auto_decompress=False,
                                 skip_auto_headers=("User-Agent", "Accept-Encoding"),
                                 timeout=aiohttp.ClientTimeout(total=60))


class CallFailed(Exception):
    pass


async def call(http: aiohttp.ClientSession, url: str, operation: str, payload: dict[str, Any]) -> Any:
    async with http.post(url, data=dumps(payload), headers=headers_for(operation)) as resp:
        body = await resp.read()
        if resp.status != 200:
            raise CallFailed(error_type(body, resp.status))
        return orjson.loads(body) if body else {}


# --- set-up -------------------------------------------------------------------------------

async def ensure_table(http: aiohttp.ClientSession, url: str, table: Table) -> None:
    """Create the table unless it exists, and wait until it is ACTIVE."""
    try:
        await call(http, url, "CreateTable", table.create_body())
    except CallFailed as err:
        if str(err) != "ResourceInUseException":
            raise
    for _ in range(600):
        desc = await call(http, url, "DescribeTable", {"TableName": table.name})
        if desc["Table"]["TableStatus"] == "ACTIVE":
            return
        await asyncio.sleep(0.05)
    raise CallFailed(f"table {table.name} never became ACTIVE")


async def write_items(http: aiohttp.ClientSession, url: str, table: str, items: list[Item],
                      concurrency: int = 16) -> None:
    """Write items with BatchWriteItem (retrying unprocessed ones) or, if the server has none,
    with PutItem."""
    if not items:
        return
    batches = [items[i:i + BATCH_SIZE] for i in range(0, len(items), BATCH_SIZE)]
    try:
        await _batch(http, url, table, batches[0])
        use_batch = True
    except CallFailed:
        use_batch = False
    units: list[Any] = batches[1:] if use_batch else list(items)
    position = 0

    async def worker() -> None:
        nonlocal position
        while position < len(units):
            unit = units[position]
            position += 1
            if use_batch:
                await _batch(http, url, table, unit)
            else:
                await call(http, url, "PutItem", {"TableName": table, "Item": unit})

    await asyncio.gather(*(worker() for _ in range(concurrency)))


async def _batch(http: aiohttp.ClientSession, url: str, table: str, batch: list[Item]) -> None:
    request: Any = {table: [{"PutRequest": {"Item": it}} for it in batch]}
    for _ in range(100):
        answer = await call(http, url, "BatchWriteItem", {"RequestItems": request})
        request = answer.get("UnprocessedItems") or {}
        if not request:
            return
    raise CallFailed("BatchWriteItem kept returning UnprocessedItems")


async def setup_one(http: aiohttp.ClientSession, url: str, workload: Workload) -> str:
    """'ok', or 'n/a: <why>' when the server cannot run this workload correctly."""
    try:
        await ensure_table(http, url, workload.table)
        await write_items(http, url, workload.table.name, workload.preload())
        body = workload.bodies()[0]
        async with http.post(url, data=body, headers=headers_for(workload.operation)) as resp:
            answer = await resp.read()
            if resp.status != 200:
                return f"n/a: {error_type(answer, resp.status)}"
            if not workload.check(answer):
                return f"n/a: wrong answer {answer[:120]!r}"
    except CallFailed as err:
        return f"n/a: {err}"
    return "ok"


async def setup(url: str, names: list[str]) -> dict[str, str]:
    async with session(16) as http:
        return {name: await setup_one(http, url, WORKLOADS[name]) for name in names}


LOAD_CONCURRENCY = 32


async def load(url: str, count: int) -> dict[str, Any]:
    started = time.perf_counter()
    async with session(LOAD_CONCURRENCY) as http:
        table = Table("bench_load")
        await ensure_table(http, url, table)
        await write_items(http, url, table.name, [item("pk", f"load-{i:08d}") for i in range(count)],
                          LOAD_CONCURRENCY)
    return {"items": count, "seconds": round(time.perf_counter() - started, 2)}


# --- the timed run ------------------------------------------------------------------------

@dataclass(slots=True)
class RunResult:
    workload: str
    concurrency: int
    seconds: float        # the measured window
    requests: int         # completed inside the window
    requests_per_s: float
    throughput: float     # in `unit`
    unit: str
    p50_ms: float
    p99_ms: float
    errors: int           # over warm-up and window: non-200 answers, wrong answers, failures
    first_error: str | None
    completed: int        # answered requests over warm-up and window (for CPU per request)
    client_cpu_s: float   # this process's CPU time over warm-up and window


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return math.nan
    index = min(len(sorted_values) - 1, max(0, math.ceil(p / 100 * len(sorted_values)) - 1))
    return sorted_values[index]


CLIENTS = ("raw", "aiohttp")


async def run(url: str, workload: Workload, concurrency: int, duration: float, warmup: float,
              client: str = "raw") -> RunResult:
    """C closed-loop workers for warm-up + duration seconds; only requests that start and end
    inside the measured window count. `client` "raw" is rawclient.py, "aiohttp" its client."""
    bodies = workload.bodies()
    headers = headers_for(workload.operation)
    host, port = rawclient.host_port(url)
    requests = [rawclient.request_bytes(host, port, headers, b) for b in bodies] if client == "raw" else []
    check = workload.check
    window: list[float] = []           # latencies of requests inside the window
    completed = 0
    errors = 0
    first_error: str | None = None
    clock = time.perf_counter
    start = clock()
    t0, t1 = start + warmup, start + warmup + duration
    stop = False

    def record(began: float, ended: float, status: int, answer: bytes) -> None:
        nonlocal errors, first_error, completed
        completed += 1
        if status != 200 or not check(answer):
            errors += 1
            first_error = first_error or (error_type(answer, status) if status != 200 else "wrong answer")
        elif began >= t0 and ended <= t1:
            window.append(ended - began)

    def failed(err: BaseException) -> None:
        nonlocal errors, first_error
        errors += 1
        first_error = first_error or type(err).__name__

    async def raw_worker(offset: int) -> None:
        n = len(requests)
        i = offset * (n // concurrency or 1)
        conn = None
        while not stop:
            try:
                if conn is None or conn.closed:
                    conn = await rawclient.Connection.open(host, port)
                began = clock()
                status, answer = await conn.exchange(requests[i % n])
                record(began, clock(), status, answer)
            except (OSError, rawclient.ProtocolError) as err:
                failed(err)
                conn = None
            i += 1
        if conn is not None:
            conn.close()

    async def aiohttp_worker(http: aiohttp.ClientSession, offset: int) -> None:
        n = len(bodies)
        i = offset * (n // concurrency or 1)
        while not stop:
            try:
                began = clock()
                async with http.post(url, data=bodies[i % n], headers=headers) as resp:
                    answer = await resp.read()
                record(began, clock(), resp.status, answer)
            except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as err:
                failed(err)
            i += 1

    cpu_before = time.process_time()
    async with session(concurrency) as http:
        if client == "raw":
            tasks = [asyncio.create_task(raw_worker(k)) for k in range(concurrency)]
        else:
            tasks = [asyncio.create_task(aiohttp_worker(http, k)) for k in range(concurrency)]
        await asyncio.sleep(max(0.0, t1 - clock()))
        stop = True
        await asyncio.gather(*tasks)
    client_cpu = time.process_time() - cpu_before
    window.sort()
    rate = len(window) / duration
    return RunResult(
        workload.name, concurrency, duration, len(window), round(rate, 1),
        round(workload.throughput(rate), 1), workload.unit,
        round(percentile(window, 50) * 1000, 3), round(percentile(window, 99) * 1000, 3),
        errors, first_error, completed, round(client_cpu, 3),
    )


# --- command line -------------------------------------------------------------------------

def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("setup")
    s.add_argument("--endpoint", required=True)
    s.add_argument("--workloads", default=",".join(WORKLOADS))
    r = sub.add_parser("run")
    r.add_argument("--endpoint", required=True)
    r.add_argument("--workload", required=True, choices=sorted(WORKLOADS))
    r.add_argument("--concurrency", type=int, default=16)
    r.add_argument("--duration", type=float, default=5.0)
    r.add_argument("--warmup", type=float, default=1.0)
    r.add_argument("--setup", action="store_true", help="create and preload the table first")
    r.add_argument("--client", choices=CLIENTS, default="raw")
    ld = sub.add_parser("load")
    ld.add_argument("--endpoint", required=True)
    ld.add_argument("--items", type=int, required=True)
    return p


async def _main(args: argparse.Namespace) -> Any:
    url = args.endpoint.rstrip("/") + "/"
    if args.command == "setup":
        return await setup(url, [n for n in args.workloads.split(",") if n])
    if args.command == "load":
        return await load(url, args.items)
    workload = WORKLOADS[args.workload]
    if args.setup:
        status = (await setup(url, [workload.name]))[workload.name]
        if status != "ok":
            return {"workload": workload.name, "concurrency": args.concurrency, "status": status}
    return asdict(await run(url, workload, args.concurrency, args.duration, args.warmup, args.client))


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        import uvloop
        uvloop.install()
    except ImportError:  # pragma: no cover
        pass
    result = asyncio.run(_main(args))
    sys.stdout.write(orjson.dumps(result).decode() + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
