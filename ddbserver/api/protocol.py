"""The one HTTP handler: DynamoDB's JSON 1.0 protocol.

Content type, body size cap, decoding, target, authentication header shape, request validation,
dispatch, request id, CRC32, gzip responses, CORS, and the only place a DynamoError becomes a
response. DynamoDB checks a request in this order (facts observed against AWS): method and
content type (else 404 "<UnknownOperationException/>"), JSON body (SerializationException),
target (UnknownOperationException), Authorization (MissingAuthenticationToken /
IncompleteSignature), then the operation's shapes. No exception escapes as a 500 with a stack
trace: anything unexpected is logged and answered as InternalServerError.

Request bodies may be gzip- or deflate-encoded (aiohttp inflates them; the size cap applies to
the inflated bytes). A response is gzip-compressed when the client accepts gzip and it is large;
x-amz-crc32 is then computed over the compressed bytes, as DynamoDB does.
"""

from __future__ import annotations

import gzip
import logging
import random
import zlib
from typing import Any

import orjson
from aiohttp import web

from ddbserver.api import auth, invoke, shapes
from ddbserver.api.context import Context
from ddbserver.api.constraints import DYNAMODB, STREAMS
from ddbserver.api.routes import OPERATIONS, STREAM_OPERATIONS, Handler
from ddbserver.errors import CORAL_SERVICE_PREFIX, DynamoError, internal

log = logging.getLogger("ddbserver.api")

# X-Amz-Target prefix -> (botocore service model, operation registry)
TARGETS: dict[str, tuple[str, dict[str, Handler]]] = {
    "DynamoDB_20120810.": (DYNAMODB, OPERATIONS),
    "DynamoDBStreams_20120810.": (STREAMS, STREAM_OPERATIONS),
}
JSON_TYPES = ("application/x-amz-json-1.0", "application/json")  # x-amz-json-1.1 is a 404 at DynamoDB
MAX_BODY = 16 * 1024 * 1024
GZIP_MIN = 4096
REQUEST_ID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
NOT_FOUND_BODY = b"<UnknownOperationException/>\n"
EXPOSED = "x-amzn-RequestId, x-amz-crc32"
CORS_MAX_AGE = "172800"
START_OF_LIST = "Start of list found where not expected"
TOO_LARGE = "Request payload size exceeded the limit"


def protocol_error(type_: str, message: str | None = None, status: int = 400) -> DynamoError:
    """Errors of the service framework, typed com.amazon.coral.service#..."""
    return DynamoError(type_, message, status=status, prefix=CORAL_SERVICE_PREFIX)


_ID_TABLE = bytes(ord(REQUEST_ID_ALPHABET[i % 36]) for i in range(256))


def request_id() -> str:
    """52 characters of [0-9A-Z], the shape of DynamoDB's x-amzn-RequestId."""
    return random.getrandbits(416).to_bytes(52, "big").translate(_ID_TABLE).decode()


def make_handler(ctx: Context) -> Any:
    for service, registry in TARGETS.values():
        shapes.warm(registry, service)

    async def handle(request: web.BaseRequest) -> web.StreamResponse:
        rid = request_id()
        try:
            if request.method == "POST" and _content_type(request) in JSON_TYPES:
                return await _post(ctx, request, rid)
            if request.method == "OPTIONS" and "Origin" in request.headers:
                return _preflight(request, rid)
            if request.method in ("GET", "HEAD") and request.path == "/":
                return web.Response(text=f"healthy: dynamodb.{ctx.region}.amazonaws.com ",
                                    headers={"x-amzn-RequestId": rid})
            return _not_found(rid)
        except Exception:  # a bug: never a stack trace to the client
            log.exception("request %s failed", rid)
            return _not_found(rid, status=500)

    return handle


def _content_type(request: web.BaseRequest) -> str:
    return request.headers.get("Content-Type", "").split(";")[0].strip().lower()


def _not_found(rid: str, status: int = 404) -> web.Response:
    return web.Response(status=status, body=NOT_FOUND_BODY, headers={
        "x-amzn-RequestId": rid, "x-amz-crc32": str(zlib.crc32(NOT_FOUND_BODY)),
    })


def _preflight(request: web.BaseRequest, rid: str) -> web.Response:
    """CORS preflight: allow any origin, echo the requested headers and method."""
    headers = {"x-amzn-RequestId": rid, "Access-Control-Allow-Origin": "*", "Access-Control-Max-Age": CORS_MAX_AGE}
    wanted_headers = request.headers.get("Access-Control-Request-Headers")
    if wanted_headers:
        headers["Access-Control-Allow-Headers"] = wanted_headers
    wanted_method = request.headers.get("Access-Control-Request-Method")
    if wanted_method:
        headers["Access-Control-Allow-Methods"] = wanted_method
    return web.Response(status=200, headers=headers)


async def _post(ctx: Context, request: web.BaseRequest, rid: str) -> web.StreamResponse:
    try:
        result = await _dispatch(ctx, request)
        status = 200
    except DynamoError as err:
        result, status = err.body(), err.status
    except Exception:  # a bug: never a stack trace to the client
        log.exception("request %s failed", rid)
        failure = internal()
        result, status = failure.body(), failure.status
    body = invoke.encode(result)
    headers = {
        "x-amzn-RequestId": rid,
        "Content-Type": _content_type(request),
    }
    if "Origin" in request.headers:
        headers["Access-Control-Allow-Origin"] = "*"
        headers["Access-Control-Expose-Headers"] = EXPOSED
    if len(body) >= GZIP_MIN and "gzip" in request.headers.get("Accept-Encoding", ""):
        body = gzip.compress(body, compresslevel=1)
        headers["Content-Encoding"] = "gzip"
    headers["x-amz-crc32"] = str(zlib.crc32(body))
    return web.Response(body=body, status=status, headers=headers)


async def _dispatch(ctx: Context, request: web.BaseRequest) -> Any:
    raw = await _read_body(request)
    body = _decode(raw)
    prefix, _, name = request.headers.get("X-Amz-Target", "").partition(".")
    service, registry = TARGETS.get(prefix + ".", (DYNAMODB, {}))
    handler = registry.get(name)
    if handler is None:
        raise protocol_error("UnknownOperationException")
    auth.check(request)
    return await invoke.operation(ctx, handler, name, body, service)


async def _read_body(request: web.BaseRequest) -> bytes:
    """The request body, inflated if gzip or deflate, at most MAX_BODY bytes after inflating.
    (The server runs with aiohttp's auto_decompress off: a body that does not inflate is the
    client's error, answered here, not an exception inside aiohttp.)"""
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise _too_large()
    encoding = request.headers.get("Content-Encoding", "").strip().lower()
    inflater = None
    out = bytearray()
    while True:
        chunk = await request.content.readany()
        if not chunk:
            break
        if inflater is None and not out:
            inflater = _inflater(encoding, chunk)
        if inflater is not None:
            chunk = _inflate(inflater, chunk, MAX_BODY + 1 - len(out))
        out += chunk
        if len(out) > MAX_BODY:  # counts inflated bytes, so it also caps a compressed body
            raise _too_large()
    if inflater is not None and not inflater.eof and out:
        raise protocol_error("SerializationException")
    return bytes(out)


def _inflater(encoding: str, first: bytes) -> Any:
    """A zlib decompressor for gzip or deflate (zlib-wrapped, or raw as some clients send it);
    None for any other encoding: the body is then read as it is."""
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        wrapped = len(first) >= 2 and first[0] & 0x0F == 8 and ((first[0] << 8) | first[1]) % 31 == 0
        return zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
    return None


def _inflate(inflater: Any, chunk: bytes, room: int) -> bytes:
    try:
        data: bytes = inflater.decompress(chunk, max(room, 1))
    except zlib.error:
        raise protocol_error("SerializationException") from None
    if inflater.unconsumed_tail:
        raise _too_large()
    return data


def _too_large() -> DynamoError:
    return protocol_error("RequestEntityTooLargeException", TOO_LARGE, status=413)


def _decode(raw: bytes) -> dict[str, Any]:
    """The request object; an empty body or JSON null is an empty request."""
    if not raw.strip():
        return {}
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise protocol_error("SerializationException") from None
    if body is None:
        return {}
    if isinstance(body, list):
        raise protocol_error("SerializationException", START_OF_LIST)
    if not isinstance(body, dict):
        raise protocol_error("SerializationException", shapes.UNEXPECTED_FIELD)
    return body
