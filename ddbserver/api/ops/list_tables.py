"""ListTables: table names in order, paged by Limit (1-100, default 100) and ExclusiveStartTableName.

LastEvaluatedTableName is the last name returned, and only when more names remain.
"""

from __future__ import annotations

import bisect
from typing import Any

from ddbserver.api import tablenames
from ddbserver.api.context import Context

MAX_LIMIT = 100


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    limit = body.get("Limit") or MAX_LIMIT
    start = body.get("ExclusiveStartTableName")
    names = ctx.db.catalog.names()
    if start is not None:
        names = names[bisect.bisect_right(names, tablenames.check(start, "exclusiveStartTableName")):]
    out: dict[str, Any] = {"TableNames": names[:limit]}
    if len(names) > limit:
        out["LastEvaluatedTableName"] = names[limit - 1]
    return out
