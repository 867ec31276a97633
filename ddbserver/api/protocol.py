"""The one request handler: DynamoDB's JSON 1.0 protocol (over api/http.py's HTTP/1.1).

Content type, body size cap, decoding, target, authentication header shape, request validation,
dispatch, request id, CRC32, gzip responses, CORS, and the only place a DynamoError becomes a
response. DynamoDB checks a request in this order (facts observed against AWS): method and
content type (else 404 "<UnknownOperationException/>"), JSON body (SerializationException),
target (UnknownOperationException), Authorization (MissingAuthenticationToken /
IncompleteSignature), then the operation's shapes. No exception escapes as a 500 with a stack
trace: anything unexpected is logged and answered as InternalServerError.

Request bodies may be gzip- or deflate-encoded (inflated here; the size cap applies to the
inflated bytes). A response is gzip-compressed when the client accepts gzip and it is large;
x-amz-crc32 is then computed over the compressed bytes, as DynamoDB does.
"""

from __future__ import annotations

import gzip
import logging
import random
import zlib
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import orjson
from ddbserver.api import auth, invoke, shapes
from ddbserver.api.context import Context
from ddbserver.api.http import MAX_BODY, App, Request, Response
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


def make_handler(ctx: Context) -> App:
    """The application the HTTP server (api/http.py) calls with each request: a Response, or
    an awaitable of one for operations that wait for the writer."""
    for service, registry in TARGETS.values():
        shapes.warm(registry, service)

    def handle(request: Request) -> Response | Coroutine[Any, Any, Response]:
        rid = request_id()
        try:
            if request.method == "POST" and _content_type(request) in JSON_TYPES:
                return _post(ctx, request, rid)
            if request.method == "OPTIONS" and "origin" in request.headers:
                return _preflight(request, rid)
            if request.method in ("GET", "HEAD") and request.path == "/":
                return Response(200, {"x-amzn-RequestId": rid, "Content-Type": "text/plain; charset=utf-8"},
                                f"healthy: dynamodb.{ctx.region}.amazonaws.com ".encode())
            return _not_found(rid)
        except Exception:  # a bug: never a stack trace to the client
            log.exception("request %s failed", rid)
            return _not_found(rid, status=500)

    return handle


def _content_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _not_found(rid: str, status: int = 404) -> Response:
    return Response(status, {"x-amzn-RequestId": rid, "x-amz-crc32": str(zlib.crc32(NOT_FOUND_BODY))},
                    NOT_FOUND_BODY)


def _preflight(request: Request, rid: str) -> Response:
    """CORS preflight: allow any origin, echo the requested headers and method."""
    headers = {"x-amzn-RequestId": rid, "Access-Control-Allow-Origin": "*", "Access-Control-Max-Age": CORS_MAX_AGE}
    wanted_headers = request.headers.get("access-control-request-headers")
    if wanted_headers:
        headers["Access-Control-Allow-Headers"] = wanted_headers
    wanted_method = request.headers.get("access-control-request-method")
    if wanted_method:
        headers["Access-Control-Allow-Methods"] = wanted_method
    return Response(200, headers)


def _post(ctx: Context, request: Request, rid: str) -> Response | Coroutine[Any, Any, Response]:
    """Reads are answered at once (their handlers never wait); other operations by a coroutine."""
    try:
        name, call = _dispatch(ctx, request)
        done, result = invoke.finish_read(name, call)
        if not done:
            return _answer_later(request, rid, call())
        return _answer(request, rid, result, 200)
    except Exception as err:
        return _answer_error(request, rid, err)


async def _answer_later(request: Request, rid: str, call: Awaitable[Any]) -> Response:
    try:
        return _answer(request, rid, await call, 200)
    except Exception as err:
        return _answer_error(request, rid, err)


def _answer_error(request: Request, rid: str, err: Exception) -> Response:
    """A DynamoError as DynamoDB answers it; anything else is a bug: logged, answered as
    InternalServerError, never a stack trace to the client."""
    if not isinstance(err, DynamoError):
        log.error("request %s failed", rid, exc_info=err)
        err = internal()
    return _answer(request, rid, err.body(), err.status)


def _answer(request: Request, rid: str, result: Any, status: int) -> Response:
    body = invoke.encode(result)
    headers = {
        "x-amzn-RequestId": rid,
        "Content-Type": _content_type(request),
    }
    if "origin" in request.headers:
        headers["Access-Control-Allow-Origin"] = "*"
        headers["Access-Control-Expose-Headers"] = EXPOSED
    if len(body) >= GZIP_MIN and "gzip" in request.headers.get("accept-encoding", ""):
        body = gzip.compress(body, compresslevel=1)
        headers["Content-Encoding"] = "gzip"
    headers["x-amz-crc32"] = str(zlib.crc32(body))
    return Response(status, headers, body)


def _dispatch(ctx: Context, request: Request) -> tuple[str, Callable[[], Awaitable[Any]]]:
    """The operation's name and its call, checked up to the handler: body, target and
    authentication here, the request's shapes when the call is made."""
    body = _decode(_read_body(request))
    prefix, _, name = request.headers.get("x-amz-target", "").partition(".")
    service, registry = TARGETS.get(prefix + ".", (DYNAMODB, {}))
    handler = registry.get(name)
    if handler is None:
        raise protocol_error("UnknownOperationException")
    auth.check(request)
    return name, lambda: invoke.operation(ctx, handler, name, body, service)


def _read_body(request: Request) -> bytes:
    """The request body, inflated if gzip or deflate, at most MAX_BODY bytes after inflating
    (api/http.py caps what arrives at the same size). A body that does not inflate is the
    client's error."""
    if request.too_large:
        raise _too_large()
    raw = request.body
    inflater = _inflater(request.headers.get("content-encoding", "").strip().lower(), raw) if raw else None
    if inflater is None:
        return raw
    out = _inflate(inflater, raw, MAX_BODY + 1)
    if len(out) > MAX_BODY:
        raise _too_large()
    if not inflater.eof and out:
        raise protocol_error("SerializationException")
    return out


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
