"""BatchWriteItem: up to 25 puts and deletes across tables, without conditions.

Order of checks: after the model's constraints, the table names (the map's keys, reported with
the whole map echoed: AWS checks them after the enums, which win alone); for each request, from the request alone, exactly one of PutRequest /
DeleteRequest, the item's (or key's) values and the item's size; then the total count; then
table by table, in request order: the table, each key against its schema, duplicate keys.
Every write is a PutOp / DeleteOp of its own (its own change-log record), all submitted to the
writer together so that they usually share one group commit. Nothing is ever left unprocessed
(UnprocessedItems is always empty: there is no throttling here). A write refused while it is
applied (ItemCollectionSizeLimitExceeded: it would grow an item collection past its limit)
fails the request with that error; the other writes of the request stand, as BatchWriteItem is
not atomic (each put or delete is).
"""

from __future__ import annotations

from typing import Any

from ddbserver.api.constraints import ERROR_LINE, model, render, table_name_constraint, table_name_keys_rule
from ddbserver.api.context import Context
from ddbserver.api.items import table_of
from ddbserver.engine import capacity, codec, indexes, item_collections, keys, values
from ddbserver.engine.writes import DeleteOp, PutOp, WriteResult
from ddbserver.errors import validation

MAX_WRITES = 25
TOO_MANY = "Too many items requested for the BatchWriteItem call"
DUPLICATES = "Provided list of item keys contains duplicates"
REQUEST_MAP = "BatchWriteItemRequestMap"
ONE_REQUEST = values.MORE_THAN_ONE  # DynamoDB's text for a WriteRequest with none or both members

Item = dict[str, Any]
_Request = tuple[str, Item, int]   # ("put" | "delete", item or key, item size)


def _check_table_names(requested: dict[str, Any]) -> None:
    """Each key of RequestItems is a table name or ARN; one that is not fails the whole map
    ("Value '{bad!name=[WriteRequest(...)]}' at 'requestItems' ... Map keys must satisfy ...")."""
    fits = table_name_constraint(model()).fast
    if all(fits(name) for name in requested):
        return
    shown = f"'{render(requested, REQUEST_MAP)}'"
    line = ERROR_LINE.format(value=shown, path="requestItems", rule=table_name_keys_rule(model()))
    raise validation("1 validation error detected: " + line)


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
    _check_table_names(requested)
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
    outcomes = await ctx.db.write_all([op for _, op, _ in ops])
    failed = next((o for o in outcomes if isinstance(o, BaseException)), None)
    if failed is not None:  # the others stand: BatchWriteItem is not atomic (one write's own error)
        raise failed
    results = [o for o in outcomes if isinstance(o, WriteResult)]
    out: dict[str, Any] = {"UnprocessedItems": {}}
    mode = body.get("ReturnConsumedCapacity")
    if mode in ("TOTAL", "INDEXES"):
        out["ConsumedCapacity"] = _consumed(ops, results, mode)
    if body.get("ReturnItemCollectionMetrics") == "SIZE":
        metrics = _collection_metrics(ctx, ops)
        if metrics:
            out["ItemCollectionMetrics"] = metrics
    return out


def _consumed(ops: list[tuple[str, PutOp | DeleteOp, int]], results: list[WriteResult], mode: str) -> list[Any]:
    """One ConsumedCapacity per table: the table's units and each index's share of every write."""
    shares: dict[str, tuple[list[float], dict[str, float], dict[str, float]]] = {}
    for (table_name, op, size), result in zip(ops, results):
        units, global_share, local_share = shares.setdefault(table_name, ([0.0], {}, {}))
        old = codec.size_of(result.old) if result.old is not None else 0
        units[0] += capacity.write_units(max(size, old))
        if op.table.indexes:
            new = op.item if isinstance(op, PutOp) else None
            g, l = capacity.index_writes(op.table.meta, codec.decode(result.old) if result.old else None, new)
            for target, part in ((global_share, g), (local_share, l)):
                for name, u in part.items():
                    target[name] = target.get(name, 0.0) + u
    return [capacity.consumed(n, u[0], mode, g, l) for n, (u, g, l) in shares.items()]


def _collection_metrics(ctx: Context, ops: list[tuple[str, PutOp | DeleteOp, int]]) -> dict[str, list[Any]]:
    """ItemCollectionMetrics by table (tables with local secondary indexes only): one entry per
    item collection the request wrote to, in the order first written."""
    out: dict[str, list[Any]] = {}
    seen: set[tuple[str, bytes]] = set()
    for table_name, op, _ in ops:
        partition = op.key_bytes[:keys.PREFIX_BYTES]
        if (table_name, partition) in seen:
            continue
        seen.add((table_name, partition))
        metrics = item_collections.metrics(ctx.db, op.table, op.key, "SIZE")
        if metrics is not None:
            out.setdefault(table_name, []).append(metrics)
    return out
