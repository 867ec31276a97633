"""GetItem: one item by key, on the event loop's thread (an LMDB read needs no thread).

Order of checks (AWS): the key's values and the projection from the request alone, reported
bare (GetItem has no validation envelope); then the table; then the key against the schema.
"""

from __future__ import annotations

from typing import Any

from ddbserver.api import expressions
from ddbserver.api.context import Context
from ddbserver.api.items import key_for_table, splice_item, table_of, with_extra
from ddbserver.engine import capacity, codec, reads, values
from ddbserver.engine.expr import legacy
from ddbserver.engine.expr.parser import PROJECTION


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    legacy.check_not_mixed(body, (PROJECTION,))  # DynamoDB checks these two before the table and the key
    legacy.attributes_to_get(body.get("AttributesToGet"))
    raw_key = values.check_item(body.get("Key") or {})
    prepared = expressions.prepare(body, projection=True)
    table = table_of(ctx, body)
    _, key_bytes = key_for_table(table, raw_key)
    stored = reads.get_stored(ctx.db, key_bytes)
    consistent = body.get("ConsistentRead") is True
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
