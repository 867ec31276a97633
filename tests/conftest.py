"""Shared fixtures: a real ddbserver process on a loopback port, and boto3 clients for it.

Each test session (each xdist worker) starts one server with --in-memory; tests share its
tables and use random keys, which keeps the suite fast.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError


REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, proc: subprocess.Popen[bytes] | None = None, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.02)
    raise RuntimeError(f"server on port {port} did not start")


class ServerProcess:
    """A ddbserver subprocess; start() / stop() / kill() for restart tests."""

    def __init__(self, args: list[str], port: int | None = None) -> None:
        self.port = port or free_port()
        self.args = args
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "ServerProcess":
        cmd = [sys.executable, "-m", "ddbserver", "serve", "--port", str(self.port), *self.args]
        env = dict(os.environ, PYTHONPATH=REPO_ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
        self.log = tempfile.NamedTemporaryFile(prefix="ddbserver-test-", suffix=".log", delete=False)
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, env=env, cwd=REPO_ROOT)
        wait_for_port(self.port, self.proc)
        return self

    def stop(self, sig: str = "term") -> int:
        assert self.proc is not None
        if sig == "kill":
            self.proc.kill()
        else:
            self.proc.terminate()
        code = self.proc.wait(timeout=30)
        self.proc = None
        return code


def client(url: str, validate: bool = True, service: str = "dynamodb") -> Any:
    return boto3.client(
        service,
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
        config=Config(parameter_validation=validate, retries={"max_attempts": 0}, read_timeout=60),
    )


def thread_client(url: str, read_timeout: float = 20, pool: int = 10) -> Any:
    """A client of its own session, for use from one of several threads (sessions are not
    thread-safe): no retries, so a refused or cut request shows as an error."""
    return boto3.session.Session().client(
        "dynamodb", endpoint_url=url, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x",
        config=Config(retries={"max_attempts": 0}, connect_timeout=2, read_timeout=read_timeout,
                      max_pool_connections=pool))


@pytest.fixture
def data_dir() -> Iterator[str]:
    """A data directory on disk (where writes are really synced), removed afterwards."""
    path = tempfile.mkdtemp(prefix="ddbserver-test-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def server() -> Iterator[ServerProcess]:
    srv = ServerProcess(["--in-memory"]).start()
    yield srv
    srv.stop()


# Test modules whose tests (those that do not use `server` directly) run twice: against the
# server over HTTP and against the in-process engine (ddbserver.embedded) through the same boto3
# client, unchanged.
BOTH_TRANSPORTS = frozenset((
    "test_put_item", "test_get_item", "test_delete_item", "test_update_item", "test_query", "test_scan",
    "test_batch_get_item", "test_batch_write_item", "test_condition_expression", "test_projection_expression",
    "test_legacy_parameters", "test_index_query",
))


def pytest_generate_tests(metafunc: Any) -> None:
    module = metafunc.module.__name__.rsplit(".", 1)[-1]
    names = set(metafunc.fixturenames)
    if module in BOTH_TRANSPORTS and "server" not in names and names & {"ddb", "ddb_raw"}:
        metafunc.parametrize("transport", ["http", "embedded"], indirect=True, scope="session")


@pytest.fixture(scope="session")
def transport(request: Any) -> str:
    """How `ddb` reaches ddbserver: "http" (the server) or "embedded" (in-process)."""
    return str(getattr(request, "param", "http"))


@pytest.fixture(scope="session")
def embedded() -> Iterator[Any]:
    """An in-process engine on a throwaway directory."""
    from ddbserver.embedded import Embedded

    engine = Embedded(in_memory=True)
    yield engine
    engine.close()


def transport_client(request: Any, transport: str, validate: bool) -> Any:
    if transport == "embedded":
        from ddbserver.embedded import ENDPOINT

        return request.getfixturevalue("embedded").attach(client(ENDPOINT, validate=validate))
    return client(request.getfixturevalue("server").url, validate=validate)


@pytest.fixture(scope="session")
def ddb(request: Any, transport: str) -> Any:
    """A boto3 DynamoDB client with botocore's own parameter validation."""
    return transport_client(request, transport, validate=True)


@pytest.fixture(scope="session")
def ddb_raw(request: Any, transport: str) -> Any:
    """A boto3 client that sends bad input as it is (parameter_validation=False)."""
    return transport_client(request, transport, validate=False)


def unique(prefix: str = "t") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def make_table(ddb: Any, hash_type: str = "S", range_type: str | None = None, name: str | None = None) -> str:
    name = name or unique()
    keys = [{"AttributeName": "pk", "KeyType": "HASH"}]
    defs = [{"AttributeName": "pk", "AttributeType": hash_type}]
    if range_type:
        keys.append({"AttributeName": "sk", "KeyType": "RANGE"})
        defs.append({"AttributeName": "sk", "AttributeType": range_type})
    ddb.create_table(TableName=name, KeySchema=keys, AttributeDefinitions=defs, BillingMode="PAY_PER_REQUEST")
    return name


@pytest.fixture(scope="session")
def hash_table(ddb: Any) -> str:
    """A shared table with a string partition key `pk`."""
    return make_table(ddb, "S")


@pytest.fixture(scope="session")
def range_table(ddb: Any) -> str:
    """A shared table with string `pk` and number `sk`."""
    return make_table(ddb, "S", "N")


@pytest.fixture(scope="session")
def lsi_table(ddb: Any) -> str:
    """A shared table with string `pk` and `sk` and a local index `lsi1` on string `lsik` (ALL)."""
    name = unique()
    ddb.create_table(
        TableName=name, BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in ("pk", "sk", "lsik")],
        LocalSecondaryIndexes=[{
            "IndexName": "lsi1", "Projection": {"ProjectionType": "ALL"},
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "lsik", "KeyType": "RANGE"}],
        }],
    )
    return name


def refused(call: Any, *args: Any, **kw: Any) -> tuple[str, str]:
    """(code, message) of the ClientError that `call(*args, **kw)` must raise."""
    with pytest.raises(ClientError) as e:
        call(*args, **kw)
    return error_of(e)


def error_of(exc_info: Any) -> tuple[str, str]:
    """(code, message) of a botocore ClientError."""
    err = exc_info.value.response["Error"]
    return err["Code"], err["Message"]


# PutItem, DeleteItem and UpdateItem report the validation errors they find in the request inside
# "1 validation error detected: " (AWS, 2025-26; DynamoDB Local does not); GetItem reports them bare.
ENVELOPE = "1 validation error detected: "
ENVELOPED_OPERATIONS = frozenset({"PutItem", "DeleteItem", "UpdateItem"})
_MODEL_ERROR = re.compile(r"Value (null|'.*') at '")
BARE_MESSAGES = frozenset({
    "Nesting Levels have exceeded supported limits",
    "Item size has exceeded the maximum allowed size",
})


def request_error(exc_info: Any) -> tuple[str, str]:
    """(code, message) of an error with AWS's validation envelope removed where the operation
    uses one, so one expected text serves every operation. (Which errors carry the envelope is
    pinned in tests/api/test_put_item.py and test_update_item.py.)"""
    code, message = error_of(exc_info)
    if (code == "ValidationException" and exc_info.value.operation_name in ENVELOPED_OPERATIONS
            and message.startswith(ENVELOPE) and not _MODEL_ERROR.match(message[len(ENVELOPE):])):
        message = message[len(ENVELOPE):]
    return code, message
