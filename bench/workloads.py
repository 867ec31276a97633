"""The benchmark workloads: their tables, preloaded data and precomputed request bodies.

Every request body is built once, before the clock starts, as the raw JSON a DynamoDB SDK would
send; the load generator only cycles through them. A workload measures one operation:

| name        | operation          | what one request does                                 | unit    |
|-------------|--------------------|-------------------------------------------------------|---------|
| put         | PutItem            | writes one 1 KB item (10,000 keys, overwritten)       | ops/s   |
| get         | GetItem            | reads one of 1,000 preloaded 1 KB items (always a hit)| ops/s   |
| query       | Query              | first page (Limit 10) of one 100-item partition       | ops/s   |
| batch_write | BatchWriteItem     | writes 25 items of 1 KB                               | items/s |
| update_add  | UpdateItem         | `ADD #c :one` on one of 16 hot counters               | ops/s   |
| transact    | TransactWriteItems | 4 puts of 1 KB items in one transaction               | items/s |
| scan        | Scan               | first page (Limit 100) of a 1,000-item table          | items/s |

Each workload also says how to recognise a correct answer (beyond HTTP 200), which the set-up
checks once per server so that a server answering wrongly is reported "n/a", never timed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import orjson

ITEM_BYTES = 1024
PUT_KEYS = 10_000
GET_ITEMS = 1_000
QUERY_ITEMS = 100
QUERY_LIMIT = 10
BATCH_SIZE = 25
HOT_COUNTERS = 16
TRANSACT_SIZE = 4
SCAN_ITEMS = 1_000
SCAN_LIMIT = 100

Item = dict[str, Any]

_EMPTY_UNPROCESSED = re.compile(rb'"UnprocessedItems"\s*:\s*\{\s*\}')
_COUNT = re.compile(rb'"Count"\s*:\s*(\d+)')


def item(table_key: str, key: str, sort: int | None = None) -> Item:
    """An item of about ITEM_BYTES by DynamoDB's size rules (attribute names + values)."""
    out: Item = {table_key: {"S": key}}
    used = len(table_key) + len(key) + len("data")
    if sort is not None:
        out["sk"] = {"N": str(sort)}
        used += len("sk") + 2
    fill = (key * (ITEM_BYTES // max(len(key), 1) + 1))[: max(ITEM_BYTES - used, 1)]
    out["data"] = {"S": fill}
    return out


def dumps(obj: Any) -> bytes:
    return orjson.dumps(obj)


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    sort_key: bool = False

    def create_body(self) -> dict[str, Any]:
        schema = [{"AttributeName": "pk", "KeyType": "HASH"}]
        defs = [{"AttributeName": "pk", "AttributeType": "S"}]
        if self.sort_key:
            schema.append({"AttributeName": "sk", "KeyType": "RANGE"})
            defs.append({"AttributeName": "sk", "AttributeType": "N"})
        return {"TableName": self.name, "KeySchema": schema, "AttributeDefinitions": defs,
                "BillingMode": "PAY_PER_REQUEST"}


@dataclass(frozen=True, slots=True)
class Workload:
    name: str
    operation: str                     # the X-Amz-Target operation timed
    table: Table
    bodies: Callable[[], list[bytes]]  # request bodies, cycled through
    per_request: int = 1               # items per request, for items/s
    unit: str = "ops/s"
    preload: Callable[[], list[Item]] = field(default=lambda: [])
    check: Callable[[bytes], bool] = field(default=lambda _body: True)

    def throughput(self, requests_per_s: float) -> float:
        return requests_per_s * self.per_request


# --- bodies -------------------------------------------------------------------------------

@cache
def _put_bodies() -> list[bytes]:
    return [dumps({"TableName": "bench_put", "Item": item("pk", f"put-{i:06d}")}) for i in range(PUT_KEYS)]


def _get_items() -> list[Item]:
    return [item("pk", f"get-{i:05d}") for i in range(GET_ITEMS)]


@cache
def _get_bodies() -> list[bytes]:
    # a stride through the keys so consecutive requests touch different pages
    order = [(i * 7919) % GET_ITEMS for i in range(GET_ITEMS)]
    return [dumps({"TableName": "bench_get", "Key": {"pk": {"S": f"get-{i:05d}"}}}) for i in order]


def _query_items() -> list[Item]:
    return [item("pk", "query-partition", sort=i) for i in range(QUERY_ITEMS)]


@cache
def _query_bodies() -> list[bytes]:
    return [dumps({
        "TableName": "bench_query",
        "KeyConditionExpression": "pk = :p",
        "ExpressionAttributeValues": {":p": {"S": "query-partition"}},
        "Limit": QUERY_LIMIT,
    })]


@cache
def _batch_bodies() -> list[bytes]:
    out = []
    for start in range(0, PUT_KEYS, BATCH_SIZE):
        puts = [{"PutRequest": {"Item": item("pk", f"bw-{i:06d}")}} for i in range(start, start + BATCH_SIZE)]
        out.append(dumps({"RequestItems": {"bench_batch_write": puts}}))
    return out


@cache
def _update_bodies() -> list[bytes]:
    return [dumps({
        "TableName": "bench_update_add",
        "Key": {"pk": {"S": f"counter-{i:02d}"}},
        "UpdateExpression": "ADD #c :one",
        "ExpressionAttributeNames": {"#c": "count"},
        "ExpressionAttributeValues": {":one": {"N": "1"}},
    }) for i in range(HOT_COUNTERS)]


@cache
def _transact_bodies() -> list[bytes]:
    out = []
    for start in range(0, PUT_KEYS, TRANSACT_SIZE):
        puts = [{"Put": {"TableName": "bench_transact", "Item": item("pk", f"tx-{i:06d}")}}
                for i in range(start, start + TRANSACT_SIZE)]
        out.append(dumps({"TransactItems": puts}))
    return out


def _scan_items() -> list[Item]:
    return [item("pk", f"scan-{i:05d}") for i in range(SCAN_ITEMS)]


@cache
def _scan_bodies() -> list[bytes]:
    return [dumps({"TableName": "bench_scan", "Limit": SCAN_LIMIT})]


def _count_is(n: int) -> Callable[[bytes], bool]:
    def check(body: bytes) -> bool:
        m = _COUNT.search(body)
        return m is not None and int(m.group(1)) == n
    return check


WORKLOADS: dict[str, Workload] = {w.name: w for w in (
    Workload("put", "PutItem", Table("bench_put"), _put_bodies),
    Workload("get", "GetItem", Table("bench_get"), _get_bodies, preload=_get_items,
             check=lambda body: b'"Item"' in body),
    Workload("query", "Query", Table("bench_query", sort_key=True), _query_bodies, preload=_query_items,
             check=_count_is(QUERY_LIMIT)),
    Workload("batch_write", "BatchWriteItem", Table("bench_batch_write"), _batch_bodies,
             per_request=BATCH_SIZE, unit="items/s",
             check=lambda body: _EMPTY_UNPROCESSED.search(body) is not None),
    Workload("update_add", "UpdateItem", Table("bench_update_add"), _update_bodies),
    Workload("transact", "TransactWriteItems", Table("bench_transact"), _transact_bodies,
             per_request=TRANSACT_SIZE, unit="items/s"),
    Workload("scan", "Scan", Table("bench_scan"), _scan_bodies, preload=_scan_items,
             per_request=SCAN_LIMIT, unit="items/s", check=_count_is(SCAN_LIMIT)),
)}
