"""ListTables: table names in order, paged by Limit and ExclusiveStartTableName."""

from __future__ import annotations

from typing import Any

from ddbserver.api.context import Context

MAX_LIMIT = 100


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    limit = body.get("Limit", MAX_LIMIT)
    start = body.get("ExclusiveStartTableName")
    names = ctx.db.catalog.names()
    if start is not None:
        names = [n for n in names if n > start]
    out: dict[str, Any] = {"TableNames": names[:limit]}
    if len(names) > limit:
        out["LastEvaluatedTableName"] = names[limit - 1]
    return out
