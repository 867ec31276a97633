"""GetItem: one item by key, on the event loop's thread (an LMDB read needs no thread)."""

from __future__ import annotations

from typing import Any

from ddbserver.api import expressions
from ddbserver.api.context import Context
from ddbserver.api.items import key_of_request, splice_item, table_of, with_extra
from ddbserver.engine import capacity, codec, reads
from ddbserver.engine.expr import legacy


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    legacy.check_not_mixed(body)  # DynamoDB checks these two before the table and the key
    legacy.attributes_to_get(body.get("AttributesToGet"))
    table = table_of(ctx, body)
    prepared = expressions.prepare(body, projection=True)  # DynamoDB checks it before the key
    _, key_bytes = key_of_request(table, body["Key"])
    stored = reads.get_stored(ctx.db, key_bytes)
    consistent = bool(body.get("ConsistentRead", False))
    units = capacity.read_units(codec.size_of(stored) if stored else 0, consistent)
    extra: dict[str, Any] = {}
    cc = capacity.consumed(table.name, units, body.get("ReturnConsumedCapacity"))
    if cc:
        extra["ConsumedCapacity"] = cc
    if stored is None:
        return extra
    if prepared.projection is None:
        return with_extra(splice_item(stored), extra)
    return {"Item": prepared.projection(codec.decode(stored)), **extra}
