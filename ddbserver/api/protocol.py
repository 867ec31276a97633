"""The one HTTP handler: DynamoDB's JSON 1.0 protocol.

Target, body size cap, decoding, authentication header shape, dispatch, request id, CRC32,
gzip responses, CORS, and the only place a DynamoError becomes a response. No exception escapes
as a 500 with a stack trace: anything unexpected is logged and answered as InternalServerError.
"""

from __future__ import annotations

import gzip
import logging
import uuid
import zlib
from typing import Any

import orjson
from aiohttp import web

from ddbserver.api import auth, shapes
from ddbserver.api.context import Context
from ddbserver.api.routes import OPERATIONS
from ddbserver.errors import DynamoError, internal, serialization, unknown_operation

log = logging.getLogger("ddbserver.api")

TARGET_PREFIX = "DynamoDB_20120810."
CONTENT_TYPE = "application/x-amz-json-1.0"
MAX_BODY = 16 * 1024 * 1024 + 64 * 1024
GZIP_MIN = 4096
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "*",
    "Access-Control-Expose-Headers": "x-amzn-RequestId, x-amz-crc32",
    "Access-Control-Max-Age": "172800",
}


def make_handler(ctx: Context) -> Any:
    async def handle(request: web.BaseRequest) -> web.StreamResponse:
        if request.method == "POST":
            return await _post(ctx, request)
        if request.method == "OPTIONS":
            return web.Response(status=200, headers=CORS_HEADERS)
        if request.method in ("GET", "HEAD") and request.path == "/":
            return web.Response(text=f"healthy: dynamodb.{ctx.region}.amazonaws.com ", headers=CORS_HEADERS)
        return web.Response(status=404, text="")

    return handle


async def _post(ctx: Context, request: web.BaseRequest) -> web.StreamResponse:
    request_id = uuid.uuid4().hex.upper()
    try:
        result = await _dispatch(ctx, request)
        status = 200
    except DynamoError as err:
        result, status = err.body(), err.status
    except Exception:  # a bug: never a stack trace to the client
        log.exception("request %s failed", request_id)
        err = internal()
        result, status = err.body(), err.status
    body = result if isinstance(result, bytes) else orjson.dumps(result)
    headers = {
        "x-amzn-RequestId": request_id,
        "x-amz-crc32": str(zlib.crc32(body)),
        "Content-Type": CONTENT_TYPE,
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Expose-Headers": "x-amzn-RequestId, x-amz-crc32",
    }
    if len(body) >= GZIP_MIN and "gzip" in request.headers.get("Accept-Encoding", ""):
        body = gzip.compress(body, compresslevel=1)
        headers["Content-Encoding"] = "gzip"
        headers["x-amz-crc32"] = str(zlib.crc32(body))
    return web.Response(body=body, status=status, headers=headers)


async def _dispatch(ctx: Context, request: web.BaseRequest) -> Any:
    target = request.headers.get("X-Amz-Target", "")
    handler = OPERATIONS.get(target[len(TARGET_PREFIX):]) if target.startswith(TARGET_PREFIX) else None
    if handler is None:
        raise unknown_operation()
    auth.check(request)
    raw = await _read_body(request)
    body = _decode(raw)
    name = target[len(TARGET_PREFIX):]
    shapes.validate(name, body)
    return await handler(ctx, body)


async def _read_body(request: web.BaseRequest) -> bytes:
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise _too_large()
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = await request.content.readany()
        if not chunk:
            break
        size += len(chunk)
        if size > MAX_BODY:  # also bounds what a compressed body inflates to
            raise _too_large()
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large() -> DynamoError:
    from ddbserver.errors import DynamoError

    return DynamoError("RequestEntityTooLarge", "Request payload size exceeded the limit", status=413)


def _decode(raw: bytes) -> dict[str, Any]:
    if not raw.strip():
        return {}
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise serialization("Start of structure or map found where not expected") from None
    if not isinstance(body, dict):
        raise serialization("Start of structure or map found where not expected")
    return body
