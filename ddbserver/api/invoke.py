"""Running one operation on a decoded request, whatever carried it: the HTTP handler
(protocol.py) and the in-process client (ddbserver.embedded) both come through here.

An operation is looked up in a registry, its request validated against the service model
(api/shapes.py), and its handler run. A handler returns a dict, or bytes of JSON it spliced
together from stored items (encode() turns either into the response body).

Handlers are coroutines because writes wait for the writer thread. Reads never suspend, so
`run_sync` can drive a read handler to completion without an event loop (about 1 µs instead of
an event loop's 20-40 µs); a handler that does suspend is reported with `Suspended`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import orjson

from ddbserver.api import shapes
from ddbserver.api.constraints import DYNAMODB
from ddbserver.api.context import Context
from ddbserver.api.routes import Handler
from ddbserver.errors import DynamoError

NESTING = "Nesting Levels have exceeded supported limits"
VALIDATE_PREFIX = "com.amazon.coral.validate#"

# Operations whose handlers never wait for the writer: run_sync can finish them.
READS = frozenset(("GetItem", "BatchGetItem", "Query", "Scan", "DescribeTable", "ListTables",
                   "ListTagsOfResource", "DescribeLimits", "DescribeEndpoints", "TransactGetItems"))


class Suspended(Exception):
    """A handler run by run_sync waited for something (only an event loop can finish it)."""


def operation(ctx: Context, handler: Handler, name: str, body: dict[str, Any],
              service: str = DYNAMODB) -> Awaitable[Any]:
    """The coroutine that validates `body` for operation `name` and runs its handler."""
    try:
        shapes.validate(name, body, service)
    except RecursionError:
        raise DynamoError("ValidationException", NESTING, prefix=VALIDATE_PREFIX) from None
    return handler(ctx, body)


def run_sync(awaitable: Awaitable[Any]) -> Any:
    """The result of a coroutine that finishes without suspending; Suspended otherwise (the
    coroutine is closed)."""
    assert isinstance(awaitable, Coroutine)
    coro = awaitable
    try:
        coro.send(None)
    except StopIteration as done:
        return done.value
    coro.close()
    raise Suspended()


def finish_read(name: str, call: Callable[[], Awaitable[Any]]) -> tuple[bool, Any]:
    """(True, result) when operation `name` is a read and `call()` finished here without an event
    loop; (False, None) otherwise: the caller awaits a fresh `call()`."""
    if name in READS:
        try:
            return True, run_sync(call())
        except Suspended:  # pragma: no cover - a read that waited: the caller awaits it again
            pass
    return False, None


def encode(result: Any) -> bytes:
    """A handler's result as the response body."""
    return result if isinstance(result, bytes) else orjson.dumps(result)
