"""PutItem: create or replace an item, optionally under a condition.

Order of checks (AWS): the item's values, ReturnValues, the 400 KB limit and the expressions,
all from the request alone and (but for the size) inside the validation envelope; then the
table; then the item's key attributes against the schema, reported bare.
"""

from __future__ import annotations

from typing import Any

from ddbserver.api import expressions
from ddbserver.api.context import Context
from ddbserver.api.items import check_return_values, request_checks, splice_item, table_of, with_extra
from ddbserver.engine import capacity, codec, indexes, item_collections, keys, values
from ddbserver.engine.writes import PutOp


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    with request_checks():
        item = values.check_item(body.get("Item") or {})
        return_old = check_return_values(body)
        size = values.check_item_size(item)
        prepared = expressions.prepare(body, condition=True)
    table = table_of(ctx, body)
    values.check_key_values(table.key, item)
    if table.indexes:
        indexes.check_item(table.indexes, item)
    key = values.key_of(table.key, item)
    op = PutOp(
        table, key, keys.item_key(table.id, table.key, key), item, size,
        prepared.condition, body.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD",
    )
    result = await ctx.db.write(op)
    units = capacity.write_units(max(size, codec.size_of(result.old) if result.old else 0))
    extra: dict[str, Any] = {}
    cc = capacity.consumed_write(table.name, table.meta, units, body.get("ReturnConsumedCapacity"), result.old, item)
    if cc:
        extra["ConsumedCapacity"] = cc
    icm = item_collections.metrics(ctx.db, table, key, body.get("ReturnItemCollectionMetrics"))
    if icm:
        extra["ItemCollectionMetrics"] = icm
    if return_old and result.old is not None:
        return with_extra(splice_item(result.old, "Attributes"), extra)
    return extra
