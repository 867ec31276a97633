"""A reference point, not a database: aiohttp's low-level server answering every DynamoDB
request with a canned body of the right shape, with the headers ddbserver sends.

What it reaches is the ceiling of "Python + aiohttp + this load generator" on this machine:
a server that does the same HTTP work and no database work. Run it through compare.py
(`--servers ddbserver,bare`) or alone: `python bench/bare_server.py --port P`.
"""

from __future__ import annotations

import argparse
import asyncio
import uuid
import zlib

import orjson
from aiohttp import web

from workloads import QUERY_LIMIT, SCAN_LIMIT, item

_ITEM = item("pk", "bare")
CANNED: dict[str, bytes] = {
    "DescribeTable": orjson.dumps({"Table": {"TableStatus": "ACTIVE"}}),
    "ListTables": orjson.dumps({"TableNames": []}),
    "GetItem": orjson.dumps({"Item": _ITEM}),
    "Query": orjson.dumps({"Items": [_ITEM] * QUERY_LIMIT, "Count": QUERY_LIMIT, "ScannedCount": QUERY_LIMIT}),
    "Scan": orjson.dumps({"Items": [_ITEM] * SCAN_LIMIT, "Count": SCAN_LIMIT, "ScannedCount": SCAN_LIMIT}),
    "BatchWriteItem": orjson.dumps({"UnprocessedItems": {}}),
}
EMPTY = b"{}"


async def handle(request: web.BaseRequest) -> web.Response:
    await request.read()
    target = request.headers.get("X-Amz-Target", "").rpartition(".")[2]
    body = CANNED.get(target, EMPTY)
    return web.Response(body=body, headers={
        "x-amzn-RequestId": uuid.uuid4().hex.upper(),
        "x-amz-crc32": str(zlib.crc32(body)),
        "Content-Type": "application/x-amz-json-1.0",
    })


async def serve(port: int) -> None:
    runner = web.ServerRunner(web.Server(handle, access_log=None), handle_signals=True)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port, reuse_address=True).start()
    await asyncio.Event().wait()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--port", type=int, required=True)
    args = p.parse_args()
    try:
        import uvloop
        uvloop.install()
    except ImportError:  # pragma: no cover
        pass
    try:
        asyncio.run(serve(args.port))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
