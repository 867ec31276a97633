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
| query100    | Query              | first page (Limit 100) of one 100-item partition      | ops/s   |
| scan_full   | Scan               | one of 100 segments of a 100,000-item table (~100 B   | items/s |
|             |                    | items), unlimited; 100 requests = one full pass       |         |
| batch_get   | BatchGetItem       | 100 keys of 1,000 preloaded 1 KB items                | items/s |
| put_gsi1    | PutItem            | as put, on a table with 1 GSI (projection ALL)        | ops/s   |
| put_gsi5    | PutItem            | as put, on a table with 5 GSIs (projection ALL)       | ops/s   |
| query_gsi   | Query              | first page (Limit 10) of a 100-item GSI partition     | ops/s   |
| select_key  | ExecuteStatement   | PartiQL SELECT of one of 1,000 preloaded items by key | ops/s   |

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
QUERY100_LIMIT = 100
SCAN_FULL_ITEMS = 100_000
SCAN_FULL_ITEM_BYTES = 100
SCAN_FULL_SEGMENTS = 100     # ~1,000 items (~100 KB) per segment: each fits one 1 MB page
BATCH_GET_SIZE = 100
BATCH_GET_ITEMS = 1_000

Item = dict[str, Any]

_EMPTY_UNPROCESSED = re.compile(rb'"UnprocessedItems"\s*:\s*\{\s*\}')
_COUNT = re.compile(rb'"Count"\s*:\s*(\d+)')
_EMPTY_UNPROCESSED_KEYS = re.compile(rb'"UnprocessedKeys"\s*:\s*\{\s*\}')
_PK_ATTRIBUTE = re.compile(rb'"pk"\s*:')


def item(table_key: str, key: str, sort: int | None = None, size: int = ITEM_BYTES) -> Item:
    """An item of about `size` bytes by DynamoDB's size rules (attribute names + values)."""
    out: Item = {table_key: {"S": key}}
    used = len(table_key) + len(key) + len("data")
    if sort is not None:
        out["sk"] = {"N": str(sort)}
        used += len("sk") + 2
    fill = (key * (size // max(len(key), 1) + 1))[: max(size - used, 1)]
    out["data"] = {"S": fill}
    return out


def dumps(obj: Any) -> bytes:
    return orjson.dumps(obj)


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    sort_key: bool = False
    gsis: int = 0        # GSIs gsi0..gsi{n-1} keyed on g0..g{n-1}, projection ALL
    gsi_sort: bool = False  # the GSIs also have `sk` as their sort key

    def create_body(self) -> dict[str, Any]:
        schema = [{"AttributeName": "pk", "KeyType": "HASH"}]
        defs = [{"AttributeName": "pk", "AttributeType": "S"}]
        if self.sort_key or self.gsi_sort:
            defs.append({"AttributeName": "sk", "AttributeType": "N"})
        if self.sort_key:
            schema.append({"AttributeName": "sk", "KeyType": "RANGE"})
        body: dict[str, Any] = {"TableName": self.name, "KeySchema": schema, "AttributeDefinitions": defs,
                                "BillingMode": "PAY_PER_REQUEST"}
        if self.gsis:
            sort = [{"AttributeName": "sk", "KeyType": "RANGE"}] if self.gsi_sort else []
            body["GlobalSecondaryIndexes"] = [
                {"IndexName": f"gsi{i}", "KeySchema": [{"AttributeName": f"g{i}", "KeyType": "HASH"}, *sort],
                 "Projection": {"ProjectionType": "ALL"}} for i in range(self.gsis)]
            defs.extend({"AttributeName": f"g{i}", "AttributeType": "S"} for i in range(self.gsis))
        return body


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


def _gsi_put_bodies(table: str, gsis: int) -> list[bytes]:
    """Puts of 1 KB items that carry every GSI's key (so each write updates every index)."""
    out = []
    for i in range(PUT_KEYS):
        body = item("pk", f"put-{i:06d}", size=ITEM_BYTES - 6 * gsis)
        body.update({f"g{n}": {"S": f"v{i % 100:03d}"} for n in range(gsis)})
        out.append(dumps({"TableName": table, "Item": body}))
    return out


@cache
def _put_gsi1_bodies() -> list[bytes]:
    return _gsi_put_bodies("bench_put_gsi1", 1)


@cache
def _put_gsi5_bodies() -> list[bytes]:
    return _gsi_put_bodies("bench_put_gsi5", 5)


def _query_gsi_items() -> list[Item]:
    """100 items in 100 table partitions that share one GSI partition key."""
    out = []
    for i in range(QUERY_ITEMS):
        body = item("pk", f"qg-{i:04d}", sort=i)
        body["g0"] = {"S": "query-partition"}
        out.append(body)
    return out


@cache
def _query_gsi_bodies() -> list[bytes]:
    return [dumps({
        "TableName": "bench_query_gsi",
        "IndexName": "gsi0",
        "KeyConditionExpression": "g0 = :p",
        "ExpressionAttributeValues": {":p": {"S": "query-partition"}},
        "Limit": QUERY_LIMIT,
    })]


@cache
def _select_bodies() -> list[bytes]:
    order = [(i * 7919) % GET_ITEMS for i in range(GET_ITEMS)]
    return [dumps({"Statement": 'SELECT * FROM "bench_get" WHERE pk = ?',
                   "Parameters": [{"S": f"get-{i:05d}"}]}) for i in order]


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


@cache
def _query100_bodies() -> list[bytes]:
    return [dumps({
        "TableName": "bench_query",
        "KeyConditionExpression": "pk = :p",
        "ExpressionAttributeValues": {":p": {"S": "query-partition"}},
        "Limit": QUERY100_LIMIT,
    })]


def _scan_full_items() -> list[Item]:
    return [item("pk", f"sf-{i:06d}", size=SCAN_FULL_ITEM_BYTES) for i in range(SCAN_FULL_ITEMS)]


@cache
def _scan_full_bodies() -> list[bytes]:
    # a parallel full scan: segment i of N, no Limit; cycling through all N bodies reads the
    # whole table once, and every segment (~100 KB) fits in one 1 MB page
    return [dumps({"TableName": "bench_scan_full", "Segment": i, "TotalSegments": SCAN_FULL_SEGMENTS})
            for i in range(SCAN_FULL_SEGMENTS)]


def _whole_segment(body: bytes) -> bool:
    """A segment read to its end in one page: items, and no LastEvaluatedKey."""
    m = _COUNT.search(body)
    return m is not None and int(m.group(1)) > 0 and b'"LastEvaluatedKey"' not in body


def _batch_get_items() -> list[Item]:
    return [item("pk", f"bg-{i:05d}") for i in range(BATCH_GET_ITEMS)]


@cache
def _batch_get_bodies() -> list[bytes]:
    out = []
    order = [(i * 7919) % BATCH_GET_ITEMS for i in range(BATCH_GET_ITEMS)]
    for start in range(0, BATCH_GET_ITEMS, BATCH_GET_SIZE):
        keys = [{"pk": {"S": f"bg-{i:05d}"}} for i in order[start:start + BATCH_GET_SIZE]]
        out.append(dumps({"RequestItems": {"bench_batch_get": {"Keys": keys}}}))
    return out


def _all_keys_returned(body: bytes) -> bool:
    """All BATCH_GET_SIZE items came back (each has one "pk"), nothing left unprocessed."""
    unprocessed = b'"UnprocessedKeys"' in body and _EMPTY_UNPROCESSED_KEYS.search(body) is None
    return not unprocessed and len(_PK_ATTRIBUTE.findall(body)) == BATCH_GET_SIZE


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
    Workload("query100", "Query", Table("bench_query", sort_key=True), _query100_bodies,
             preload=_query_items, check=_count_is(QUERY100_LIMIT)),
    Workload("scan_full", "Scan", Table("bench_scan_full"), _scan_full_bodies, preload=_scan_full_items,
             per_request=SCAN_FULL_ITEMS // SCAN_FULL_SEGMENTS, unit="items/s", check=_whole_segment),
    Workload("batch_get", "BatchGetItem", Table("bench_batch_get"), _batch_get_bodies,
             preload=_batch_get_items, per_request=BATCH_GET_SIZE, unit="items/s", check=_all_keys_returned),
    Workload("put_gsi1", "PutItem", Table("bench_put_gsi1", gsis=1), _put_gsi1_bodies),
    Workload("put_gsi5", "PutItem", Table("bench_put_gsi5", gsis=5), _put_gsi5_bodies),
    Workload("select_key", "ExecuteStatement", Table("bench_get"), _select_bodies, preload=_get_items,
             check=lambda body: b'"Items":[{' in body or b'"Items": [{' in body),
    Workload("query_gsi", "Query", Table("bench_query_gsi", gsis=1, gsi_sort=True), _query_gsi_bodies,
             preload=_query_gsi_items, check=_count_is(QUERY_LIMIT)),
)}
