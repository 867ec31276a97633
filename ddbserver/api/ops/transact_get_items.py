"""TransactGetItems: up to 100 Gets across tables, read from one LMDB snapshot (so never half
of a write transaction: engine/transactions.py), in request order.

Order of checks: the request's shapes; then get by get (DynamoDB Local's order): its table
(ResourceNotFoundException), its key values (older layer) and projection, bare, and its key
against the schema: a mismatch cancels the transaction with a ValidationError reason
(AWS, paritysuite/dynamodb-conformance tier3 transactGetItems; DynamoDB Local instead answers a
TransactionCanceledException without reasons); then two gets of one item. A missing item is an
empty object in Responses, and so is an item its projection selects nothing of (AWS, nubo-db
dynamodb-conformance tier2 transactGet; DynamoDB Local answers an empty Item). Each get costs
two strongly consistent reads (a miss too).
"""

from __future__ import annotations

from typing import Any

import orjson

from ddbserver.api import expressions, transact
from ddbserver.api.context import Context
from ddbserver.api.expressions import Projection
from ddbserver.api.items import table_of
from ddbserver.engine import capacity, codec, keys, values
from ddbserver.engine.catalog import Table
from ddbserver.engine.transactions import (MULTIPLE_OPERATIONS, NO_REASON, TRANSACTION_FACTOR, Reason,
                                           read_snapshot, split_capacity)
from ddbserver.errors import transaction_canceled, validation

Item = dict[str, Any]


def _read(ctx: Context, entry: dict[str, Any]) -> tuple[Table, Item, Projection | None, Reason]:
    spec = (entry or {}).get("Get") or {}  # the request shapes require Get
    table = table_of(ctx, spec)
    key = values.check_item(spec.get("Key") or {}, older=True)
    prepared = expressions.prepare(spec, projection=True, older_value_layer=True)
    invalid = transact.check_key(table, key)
    reason = NO_REASON if invalid is None else Reason("ValidationError", invalid.message)
    return table, key, prepared.projection, reason


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    requests = [_read(ctx, entry) for entry in body.get("TransactItems") or []]
    reasons = [reason for _, _, _, reason in requests]
    if any(r is not NO_REASON for r in reasons):
        raise transaction_canceled([r.wire() for r in reasons])
    key_bytes = [keys.item_key(t.id, t.key, key) for t, key, _, _ in requests]
    if len(set(key_bytes)) < len(key_bytes):
        raise validation(MULTIPLE_OPERATIONS)
    stored = read_snapshot(ctx.db, key_bytes)
    parts: list[bytes] = []
    units: dict[str, float] = {}
    for (table, _, projection, _), found in zip(requests, stored):
        size = codec.size_of(found) if found is not None else 0
        units[table.name] = units.get(table.name, 0.0) + TRANSACTION_FACTOR * capacity.read_units(size, True)
        if found is None:
            parts.append(b"{}")
        elif projection is None:
            parts.append(b'{"Item":' + codec.json_of(found) + b"}")
        else:
            projected = projection(codec.decode(found))
            parts.append(orjson.dumps({"Item": projected}) if projected else b"{}")
    out = b'{"Responses":[' + b",".join(parts) + b"]"
    mode = body.get("ReturnConsumedCapacity")
    if mode in ("TOTAL", "INDEXES"):
        consumed = [split_capacity(name, u, "ReadCapacityUnits", mode) for name, u in units.items()]
        out += b',"ConsumedCapacity":' + orjson.dumps(consumed)
    return out + b"}"
