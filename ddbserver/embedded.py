"""Embedded mode: a ddbserver data directory opened inside this process, without a socket.

    from ddbserver.embedded import Embedded

    with Embedded("/path/to/data") as db:            # or Embedded(in_memory=True)
        db.create_table(TableName="t", ...)           # (a) DynamoDB operations on wire-form dicts
        db.put_item(TableName="t", Item={"pk": {"S": "a"}})
        client = db.client()                          # (b) a real botocore/boto3 DynamoDB client
        client.get_item(TableName="t", Key={"pk": {"S": "a"}})
        table = db.resource().Table("t")              # boto3's resource layer, same engine

(a) Each method is an operation's snake_case name; it takes the operation's request members as
keyword arguments (or one dict) in DynamoDB's JSON form and returns the response as a dict.
Errors raise ddbserver.errors.DynamoError (`.type`, `.message`), as the server would answer.
(b) The client is built by botocore as for AWS; a `before-send` hook hands each request to the
engine instead of the network, and botocore parses the answer as it would parse DynamoDB's. Any
existing DynamoDB client can be pointed at the engine with `attach(client)`.

Requests go through the same validation and handlers as the HTTP server (api/invoke.py); reads
run to completion in the calling thread, writes wait for the writer thread (group commit and
sync as the server). From inside a running event loop use `await db.acall(...)`.

Another process may have the same directory open, a running server included: the engine
shares it (engine/database.py says how); within one process open a directory once.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import tempfile
import threading
import zlib
from typing import Any

from ddbserver.api import invoke
from ddbserver.api.context import ACCOUNT_ID, Context
from ddbserver.api.routes import OPERATIONS, Handler
from ddbserver.engine.database import Database
from ddbserver.errors import DynamoError, internal

ENDPOINT = "http://ddbserver.embedded"
TARGET_PREFIX = "DynamoDB_20120810."
_SNAKE = re.compile(r"(?<!^)(?=[A-Z])")


def operation_name(snake: str) -> str:
    """'get_item' -> 'GetItem' (for the operations ddbserver serves)."""
    return _BY_SNAKE[snake]


_BY_SNAKE = {_SNAKE.sub("_", name).lower(): name for name in OPERATIONS}


class Embedded:
    """An open data directory and the DynamoDB operations on it, in this process."""

    def __init__(self, data_dir: str | None = None, *, in_memory: bool = False, sync: bool = True,
                 region: str = "us-east-1", account: str = ACCOUNT_ID, services: bool = True) -> None:
        if (data_dir is None) == (not in_memory):
            raise ValueError("give a data directory or in_memory=True")
        self._temp: str | None = None
        if in_memory:
            base = "/dev/shm" if os.path.isdir("/dev/shm") else None
            self._temp = tempfile.mkdtemp(prefix="ddbserver-embedded-", dir=base)
            data_dir, sync = self._temp, False
        assert data_dir is not None
        self.db = Database(data_dir, sync=sync)
        self.ctx = Context(self.db, region=region, account=account)
        self._local = threading.local()
        self._services = list(self.db.services) if services else []
        for service in self._services:
            service.start()
        self._closed = False

    # ---- (a) the Python API ------------------------------------------------------------

    def call(self, operation: str, request: dict[str, Any] | None = None, **members: Any) -> dict[str, Any]:
        """Run `operation` (e.g. "GetItem") on a request in DynamoDB's JSON form."""
        body = dict(request or {}, **members)
        result = self._run(operation, body)
        return result if isinstance(result, dict) else _loads(result)

    async def acall(self, operation: str, request: dict[str, Any] | None = None, **members: Any) -> dict[str, Any]:
        """call() for code running in an event loop."""
        handler = self._handler(operation)
        result = await invoke.operation(self.ctx, handler, operation, dict(request or {}, **members))
        return result if isinstance(result, dict) else _loads(result)

    def __getattr__(self, snake: str) -> Any:
        try:
            name = operation_name(snake)
        except KeyError:
            raise AttributeError(snake) from None

        def method(request: dict[str, Any] | None = None, **members: Any) -> dict[str, Any]:
            return self.call(name, request, **members)

        method.__name__ = snake
        return method

    def _handler(self, operation: str) -> Handler:
        handler = OPERATIONS.get(operation)
        if handler is None:
            raise DynamoError("UnknownOperationException", None)
        return handler

    def _run(self, operation: str, body: dict[str, Any]) -> Any:
        """The handler's result: reads finish in this thread; writes on this thread's own event
        loop, which waits for the writer."""
        if self._closed:
            raise RuntimeError("embedded database is closed")
        handler = self._handler(operation)

        def call() -> Any:
            return invoke.operation(self.ctx, handler, operation, body)

        done, result = invoke.finish_read(operation, call)
        if done:
            return result
        return self._loop().run_until_complete(call())

    def _loop(self) -> asyncio.AbstractEventLoop:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            pass
        else:
            raise RuntimeError("called from a running event loop: use `await db.acall(...)`")
        loop: asyncio.AbstractEventLoop | None = getattr(self._local, "loop", None)
        if loop is None or loop.is_closed():
            loop = asyncio.new_event_loop()
            self._local.loop = loop
        return loop

    # ---- (b) botocore / boto3 clients ----------------------------------------------------

    def client(self, **kwargs: Any) -> Any:
        """A DynamoDB client (botocore's; boto3.client's equal) whose requests go to this engine.
        Keyword arguments are create_client's (region_name, config, ...)."""
        import botocore.session
        from botocore import UNSIGNED
        from botocore.config import Config

        session = botocore.session.get_session()
        unsigned = Config(signature_version=UNSIGNED)
        config = kwargs.pop("config", None)
        kwargs.setdefault("region_name", self.ctx.region)
        client = session.create_client("dynamodb", endpoint_url=ENDPOINT,
                                       config=unsigned.merge(config) if config else unsigned, **kwargs)
        return self.attach(client)

    def resource(self, **kwargs: Any) -> Any:
        """boto3's DynamoDB resource on this engine (needs boto3)."""
        import boto3
        from botocore import UNSIGNED
        from botocore.config import Config

        config = kwargs.pop("config", None)
        unsigned = Config(signature_version=UNSIGNED)
        kwargs.setdefault("region_name", self.ctx.region)
        resource = boto3.resource("dynamodb", endpoint_url=ENDPOINT,
                                  config=unsigned.merge(config) if config else unsigned, **kwargs)
        self.attach(resource.meta.client)
        return resource

    def attach(self, client: Any) -> Any:
        """Send `client`'s requests to this engine from now on; returns the client."""
        client.meta.events.register_first("before-send.dynamodb", self._before_send)
        return client

    def _before_send(self, request: Any, **_: Any) -> Any:
        from botocore.awsrequest import AWSResponse

        target = request.headers.get("X-Amz-Target", b"")
        target = target.decode() if isinstance(target, bytes) else target
        operation = target[len(TARGET_PREFIX):] if target.startswith(TARGET_PREFIX) else ""
        status = 200
        try:
            body = _loads(request.body or b"{}")
            out = invoke.encode(self._run(operation, body))
        except DynamoError as err:
            out, status = invoke.encode(err.body()), err.status
        except RuntimeError:
            raise
        except Exception:
            failure = internal()
            out, status = invoke.encode(failure.body()), failure.status
        headers = {"x-amzn-RequestId": "embedded", "Content-Type": "application/x-amz-json-1.0",
                   "x-amz-crc32": str(zlib.crc32(out))}
        return AWSResponse(request.url, status, headers, _Raw(out))

    # ---- end ------------------------------------------------------------------------------

    def close(self) -> None:
        """Stop the services, commit queued writes, flush, close (and remove an in-memory
        directory). Idempotent."""
        if self._closed:
            return
        self._closed = True
        for service in reversed(self._services):
            service.stop()
        self.db.close()
        if self._temp is not None:
            shutil.rmtree(self._temp, ignore_errors=True)

    def __enter__(self) -> "Embedded":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Raw:
    """The body of an in-process response, as botocore reads one (AWSResponse.raw.stream())."""

    __slots__ = ("data",)

    def __init__(self, data: bytes) -> None:
        self.data = data

    def stream(self, **_: Any) -> Any:
        yield self.data


def _loads(raw: bytes | str) -> dict[str, Any]:
    import orjson

    value = orjson.loads(raw)
    return value if isinstance(value, dict) else {}
