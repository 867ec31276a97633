"""BatchGetItem: up to 100 keys across tables, read on one short read transaction.

Order of checks: for each table's entry, from the request alone, its legacy/expression mixing,
projection, key values and duplicate keys; then projections mixed across tables and the total
key count; then table by table, in request order: the table, its keys against the schema.
A response holds at most 16 MB of items ("so as not to exceed the 16 MB limit", the API
reference): the key whose item would cross it and those after it come back in UnprocessedKeys
(with their entry's other parameters) for the caller to retry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import orjson

from ddbserver.api import expressions
from ddbserver.api.context import Context
from ddbserver.api.expressions import Projection
from ddbserver.api.items import table_of
from ddbserver.engine import capacity, codec, keys, values
from ddbserver.engine.catalog import Table
from ddbserver.engine.expr import legacy
from ddbserver.engine.expr.parser import PROJECTION
from ddbserver.errors import validation

MAX_KEYS = 100
MAX_RESPONSE_BYTES = 16 * 1024 * 1024
TOO_MANY = "Too many items requested for the BatchGetItem call"
DUPLICATES = "Provided list of item keys contains duplicates"
ENTRY_MEMBERS = ("ProjectionExpression", "ExpressionAttributeNames", "AttributesToGet", "ConsistentRead")

Item = dict[str, Any]


@dataclass(frozen=True, slots=True)
class _Entry:
    name: str                       # as the request spelled it (the response uses the same)
    spec: dict[str, Any]
    keys: list[Item]
    projection: Projection | None


def _prepare(name: str, spec: dict[str, Any]) -> _Entry:
    legacy.check_not_mixed(spec, (PROJECTION,))
    legacy.attributes_to_get(spec.get("AttributesToGet"))
    prepared = expressions.prepare(spec, projection=True)
    checked = [values.check_item(k or {}) for k in spec.get("Keys") or []]
    seen = {orjson.dumps(k, option=orjson.OPT_SORT_KEYS) for k in checked}  # numbers are normalised
    if len(seen) < len(checked):
        raise validation(DUPLICATES)
    return _Entry(name, spec, checked, prepared.projection)


def _check_mixed(specs: list[dict[str, Any]]) -> None:
    """ProjectionExpression in one entry and AttributesToGet in another are mixing too."""
    merged = {m: True for s in specs for m in ("ProjectionExpression", "AttributesToGet") if s.get(m) is not None}
    legacy.check_not_mixed(merged, (PROJECTION,))


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    requested: dict[str, Any] = body.get("RequestItems") or {}
    entries = [_prepare(name, spec or {}) for name, spec in requested.items()]
    _check_mixed([e.spec for e in entries])
    if sum(len(e.keys) for e in entries) > MAX_KEYS:
        raise validation(TOO_MANY)
    plans: list[tuple[_Entry, Table, list[bytes]]] = []
    for entry in entries:  # table by table: its existence, then its keys against the schema
        table = table_of(ctx, {"TableName": entry.name})
        key_bytes = [keys.item_key(table.id, table.key, values.check_key(table.key, key)) for key in entry.keys]
        plans.append((entry, table, key_bytes))
    return _read(ctx, plans, body.get("ReturnConsumedCapacity"))


def _read(ctx: Context, plans: list[tuple[_Entry, Table, list[bytes]]], mode: str | None) -> bytes:
    responses: dict[str, list[bytes]] = {}
    unprocessed: dict[str, Any] = {}
    consumed: list[dict[str, Any]] = []
    total = 0
    full = False
    with ctx.db.read() as txn:
        for entry, table, key_bytes in plans:
            consistent = entry.spec.get("ConsistentRead") is True
            units = 0.0
            found: list[bytes] = []
            for i, kb in enumerate(key_bytes):
                stored = None if full else cast("bytes | None", txn.get(kb, db=ctx.db.items_db))
                if stored is not None and total + codec.size_of(stored) > MAX_RESPONSE_BYTES:
                    full = True
                if full:
                    rest = {m: entry.spec[m] for m in ENTRY_MEMBERS if m in entry.spec}
                    unprocessed[entry.name] = {"Keys": entry.keys[i:], **rest}
                    break
                if stored is None:  # a miss costs a read like a GetItem miss (DynamoDB Local charges 0)
                    units += capacity.read_units(0, consistent)
                    continue
                size = codec.size_of(stored)
                units += capacity.read_units(size, consistent)
                total += size
                if entry.projection is None:
                    found.append(codec.json_of(stored))
                else:
                    found.append(orjson.dumps(entry.projection(codec.decode(stored))))
            if found or entry.name not in unprocessed:
                responses[entry.name] = found
            cc = capacity.consumed(table.name, units, mode)
            if cc:
                consumed.append(cc)
    parts = [b'"Responses":{' + b",".join(
        orjson.dumps(name) + b":[" + b",".join(items) + b"]" for name, items in responses.items()) + b"}",
        b'"UnprocessedKeys":' + orjson.dumps(unprocessed)]
    if consumed:
        parts.append(b'"ConsumedCapacity":' + orjson.dumps(consumed))
    return b"{" + b",".join(parts) + b"}"
