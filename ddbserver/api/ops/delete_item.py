"""DeleteItem: delete one item by key, optionally under a condition.

Order of checks (AWS): the key's values, ReturnValues and the expressions, from the request
alone and inside the validation envelope; then the table; then the key against the schema,
reported bare.
"""

from __future__ import annotations

from typing import Any

from ddbserver.api import expressions
from ddbserver.api.context import Context
from ddbserver.api.items import (
    check_return_values,
    key_for_table,
    request_checks,
    splice_item,
    table_of,
    with_extra,
)
from ddbserver.engine import capacity, codec, item_collections, values
from ddbserver.engine.writes import DeleteOp


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    with request_checks():
        raw_key = values.check_item(body.get("Key") or {})
        return_old = check_return_values(body)
        prepared = expressions.prepare(body, condition=True)
    table = table_of(ctx, body)
    key, key_bytes = key_for_table(table, raw_key)
    op = DeleteOp(table, key, key_bytes, prepared.condition,
                  body.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD")
    result = await ctx.db.write(op)
    units = capacity.write_units(codec.size_of(result.old) if result.old else 0)
    extra: dict[str, Any] = {}
    cc = capacity.consumed_write(table.name, table.meta, units, body.get("ReturnConsumedCapacity"), result.old, None)
    if cc:
        extra["ConsumedCapacity"] = cc
    icm = item_collections.metrics(ctx.db, table, key, body.get("ReturnItemCollectionMetrics"))
    if icm:
        extra["ItemCollectionMetrics"] = icm
    if return_old and result.old is not None:
        return with_extra(splice_item(result.old, "Attributes"), extra)
    return extra
