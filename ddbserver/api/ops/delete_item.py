"""DeleteItem: delete one item by key, optionally under a condition."""

from __future__ import annotations

from typing import Any

from ddbserver.api import expressions
from ddbserver.api.context import Context
from ddbserver.api.items import key_of_request, splice_item, table_of, with_extra
from ddbserver.engine import capacity, codec
from ddbserver.engine.writes import DeleteOp
from ddbserver.errors import validation

RETURN_VALUES = ("NONE", "ALL_OLD")


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    table = table_of(ctx, body)
    mode = body.get("ReturnValues", "NONE")
    if mode not in RETURN_VALUES:
        raise validation("Return values set to invalid value")
    key, key_bytes = key_of_request(table, body["Key"])
    prepared = expressions.prepare(body, condition=True)
    op = DeleteOp(table, key, key_bytes, prepared.condition,
                  body.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD")
    result = await ctx.db.write(op)
    units = capacity.write_units(codec.size_of(result.old) if result.old else 0)
    extra: dict[str, Any] = {}
    cc = capacity.consumed(table.name, units, body.get("ReturnConsumedCapacity"))
    if cc:
        extra["ConsumedCapacity"] = cc
    if mode == "ALL_OLD" and result.old is not None:
        return with_extra(splice_item(result.old, "Attributes"), extra)
    return extra
