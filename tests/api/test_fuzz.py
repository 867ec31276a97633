"""Fuzzing the wire protocol: random and mutated requests for every registered operation must
each get a 200 or a DynamoDB-style 4xx JSON error, never a 500, and leave no traceback in the
server's log. A seeded generator keeps runs reproducible and bounded (a few hundred requests)."""

from __future__ import annotations

import base64
import gzip
import json
import random
import time
from collections.abc import Iterator
from typing import Any

import pytest

from ddbserver.api import shapes
from ddbserver.api.routes import OPERATIONS, STREAM_OPERATIONS
from tests.api.wire import post
from tests.conftest import ServerProcess, client

SEED = 20120810
REQUESTS = 600
TIME_BUDGET = 20.0
TABLE = "fuzz-table"
JUNK: list[Any] = [None, True, False, 0, -1, 1.5, 2**40, "", "x", "NaN", [], [1, "a"], {}, {"a": None}, {"S": 1}]
STRINGS = ["", "a", "abc", TABLE, "pk", "x" * 300, "ünï©ødé", "arn:aws:dynamodb:us-east-1:1:table/" + TABLE,
           "#n", ":v", "attribute_exists(pk)", "SET a = :v", "pk = :v", "a, b.c[0]", "\x00", "' OR 1=1"]


@pytest.fixture(scope="module")
def fuzz_server() -> Iterator[ServerProcess]:
    srv = ServerProcess(["--in-memory"]).start()
    ddb = client(srv.url)
    ddb.create_table(TableName=TABLE, KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
    yield srv
    srv.stop()


class Generator:
    """Request bodies drawn from the model's shapes, with some values swapped for junk."""

    def __init__(self, rng: random.Random, service: str = "dynamodb") -> None:
        self.rng = rng
        self.service = service
        self.shapes = shapes.model(service).shapes

    def body(self, operation: str) -> Any:
        shape = shapes.model(self.service).inputs.get(operation)
        if shape is None:
            return {}
        return self.value(shape, 0)

    def value(self, name: str, depth: int) -> Any:
        rng = self.rng
        if rng.random() < 0.04:
            return rng.choice(JUNK)
        shape = self.shapes[name]
        kind = shape["type"]
        if name == "AttributeValue":
            return self.attribute_value(depth)
        if kind == "structure":
            required = set(shape.get("required", ()))
            out = {m: self.value(spec["shape"], depth + 1) for m, spec in shape["members"].items()
                   if rng.random() < (0.9 if m in required else 0.25) and depth < 6}
            if rng.random() < 0.05:
                out["Unknown" + str(rng.randint(0, 9))] = rng.choice(JUNK)
            return out
        if kind == "list":
            return [self.value(shape["member"]["shape"], depth + 1) for _ in range(rng.choice([0, 1, 1, 2, 3]))]
        if kind == "map":
            if name in ("Key", "PutItemInputAttributeMap", "AttributeMap") and rng.random() < 0.6:
                return {"pk": {"S": rng.choice(["a", "b", "", "k" * 3000])}, "v": self.attribute_value(depth + 1)}
            return {rng.choice(STRINGS) or "k": self.value(shape["value"]["shape"], depth + 1)
                    for _ in range(rng.choice([0, 1, 2]))}
        if "enum" in shape:
            return rng.choice(shape["enum"] + ["BOGUS"])
        if kind == "string":
            if name in ("TableArn", "TableName") and rng.random() < 0.7:
                return TABLE
            return rng.choice(STRINGS)
        if kind in ("integer", "long"):
            return rng.choice([-1, 0, 1, 5, 100, 1001, 10**12, 2**63])
        if kind == "double":
            return rng.choice([0.0, 1.5, -3.0])
        if kind == "boolean":
            return rng.random() < 0.5
        if kind == "blob":
            return base64.b64encode(rng.randbytes(rng.randint(0, 8))).decode()
        return rng.choice([0, 1700000000, 1.5e9])

    def attribute_value(self, depth: int) -> Any:
        rng = self.rng
        kind = rng.choice(["S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS", "L", "M", "junk", "two", "none"])
        if kind == "S":
            return {"S": rng.choice(STRINGS)}
        if kind == "N":
            return {"N": rng.choice(["1", "-0.5", "1e400", "abc", "", "12345678901234567890123456789012345678901"])}
        if kind == "B":
            return {"B": rng.choice(["", "YQ==", "Y", "!!!!"])}
        if kind in ("BOOL", "NULL"):
            return {kind: rng.choice([True, False, "true"])}
        if kind in ("SS", "NS", "BS"):
            return {kind: rng.choice([[], ["1", "1"], ["a", "2"], ["YQ=="]])}
        if kind == "L":
            return {"L": [self.attribute_value(depth + 1) for _ in range(rng.randint(0, 2))]} if depth < 8 else {"L": []}
        if kind == "M":
            return {"M": {"x": self.attribute_value(depth + 1)}} if depth < 8 else {"M": {}}
        if kind == "two":
            return {"S": "a", "N": "1"}
        if kind == "none":
            return {}
        return rng.choice(JUNK)


def raw_mutation(rng: random.Random, data: bytes) -> tuple[bytes, dict[str, str | None]]:
    """Byte-level damage: truncation, flipped bytes, compression, odd headers."""
    choice = rng.randrange(6)
    if choice == 0 and data:
        return data[: rng.randrange(len(data))], {}
    if choice == 1 and data:
        buf = bytearray(data)
        buf[rng.randrange(len(buf))] = rng.randrange(256)
        return bytes(buf), {}
    if choice == 2:
        return gzip.compress(data), {"Content-Encoding": "gzip"}
    if choice == 3:
        return data, {"Content-Type": rng.choice(["application/json", "text/plain", None])}
    if choice == 4:
        return data, {"Authorization": rng.choice([None, "AWS4", "AWS4-", "AWS4-HMAC-SHA256 Credential=a"])}
    return rng.randbytes(rng.randint(0, 64)), {}


def check_reply(operation: str, sent: bytes, reply: Any) -> None:
    context = f"{operation}: {sent[:300]!r} -> {reply.status} {reply.body[:300]!r}"
    assert reply.status in (200, 400, 404, 413), context
    if reply.status in (400, 413):
        data = json.loads(reply.body)
        assert data["__type"].startswith(("com.amazon.coral.", "com.amazonaws.dynamodb.v20120810#")), context


def test_fuzzed_requests_never_break_the_server(fuzz_server):
    """Every answer is a 200 or a 4xx; the server stays up and logs no traceback."""
    rng = random.Random(SEED)
    generators = {"DynamoDB_20120810": Generator(rng), "DynamoDBStreams_20120810": Generator(rng, "dynamodbstreams")}
    operations = [("DynamoDB_20120810", op) for op in sorted(OPERATIONS)]
    operations += [("DynamoDBStreams_20120810", op) for op in sorted(STREAM_OPERATIONS)]
    started = time.monotonic()
    sent_count = 0
    for _ in range(REQUESTS):
        if time.monotonic() - started > TIME_BUDGET:
            break
        prefix, operation = rng.choice(operations)
        data = json.dumps(generators[prefix].body(operation)).encode()
        headers: dict[str, str | None] = {"X-Amz-Target": f"{prefix}.{operation}"}
        if rng.random() < 0.15:
            data, damage = raw_mutation(rng, data)
            headers.update(damage)
        reply = post(fuzz_server.url, operation, raw=data, headers=headers)
        check_reply(operation, data, reply)
        sent_count += 1
    assert sent_count >= 100
    assert post(fuzz_server.url, "ListTables", {}).status == 200
    log = open(fuzz_server.log.name, encoding="utf-8", errors="replace").read()
    assert "Traceback" not in log, log[-5000:]
