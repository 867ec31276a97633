"""BatchWriteItem: up to 25 puts and deletes across tables, without conditions.

Order of checks: for each request, from the request alone, exactly one of PutRequest /
DeleteRequest, the item's (or key's) values and the item's size; then the total count; then
table by table, in request order: the table, each key against its schema, duplicate keys.
Every write is a PutOp / DeleteOp of its own (its own change-log record), all submitted to the
writer together so that they usually share one group commit. Nothing is ever left unprocessed
(UnprocessedItems is always empty: there is no throttling here).
"""

from __future__ import annotations

import asyncio
from typing import Any

from ddbserver.api.context import Context
from ddbserver.api.items import table_of
from ddbserver.engine import capacity, codec, indexes, keys, values
from ddbserver.engine.writes import DeleteOp, PutOp, WriteResult
from ddbserver.errors import validation

MAX_WRITES = 25
TOO_MANY = "Too many items requested for the BatchWriteItem call"
DUPLICATES = "Provided list of item keys contains duplicates"
ONE_REQUEST = values.MORE_THAN_ONE  # DynamoDB's text for a WriteRequest with none or both members

Item = dict[str, Any]
_Request = tuple[str, Item, int]   # ("put" | "delete", item or key, item size)


def _prepare(request: dict[str, Any]) -> _Request:
    put, delete = request.get("PutRequest"), request.get("DeleteRequest")
    if (put is None) == (delete is None):
        raise validation(ONE_REQUEST)
    if put is not None:
        # BatchWriteItem checks values in DynamoDB's older layer (its own wording for numbers and sets)
        item = values.check_item((put or {}).get("Item") or {}, older=True)
        return "put", item, values.check_item_size(item)
    return "delete", values.check_item((delete or {}).get("Key") or {}, older=True), 0


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    requested: dict[str, Any] = body.get("RequestItems") or {}
    prepared = [(name, [_prepare(r or {}) for r in reqs or []]) for name, reqs in requested.items()]
    if sum(len(reqs) for _, reqs in prepared) > MAX_WRITES:
        raise validation(TOO_MANY)
    ops: list[tuple[str, PutOp | DeleteOp, int]] = []
    for name, reqs in prepared:  # table by table: its existence, then its keys
        table = table_of(ctx, {"TableName": name})
        seen: set[bytes] = set()
        for kind, item, size in reqs:
            key = {n: item[n] for n in table.key.names if n in item}
            values.check_key(table.key, key if kind == "put" else item)
            if kind == "put" and table.indexes:
                indexes.check_item(table.indexes, item)
            kb = keys.item_key(table.id, table.key, key)
            if kb in seen:
                raise validation(DUPLICATES)
            seen.add(kb)
            op: PutOp | DeleteOp = (PutOp(table, key, kb, item, size) if kind == "put"
                                    else DeleteOp(table, key, kb))
            ops.append((table.name, op, size))
    results: list[WriteResult] = await asyncio.gather(*(ctx.db.write(op) for _, op, _ in ops))
    out: dict[str, Any] = {"UnprocessedItems": {}}
    mode = body.get("ReturnConsumedCapacity")
    if mode in ("TOTAL", "INDEXES"):
        units: dict[str, float] = {}
        for (table_name, _, size), result in zip(ops, results):
            old = codec.size_of(result.old) if result.old is not None else 0
            units[table_name] = units.get(table_name, 0.0) + capacity.write_units(max(size, old))
        out["ConsumedCapacity"] = [capacity.consumed(n, u, mode) for n, u in units.items()]
    return out
