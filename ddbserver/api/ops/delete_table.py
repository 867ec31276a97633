"""DeleteTable: drops the table and its items; refused while deletion protection is on.

The response describes the table as it was, with TableStatus DELETING.
"""

from __future__ import annotations

from typing import Any

from ddbserver.api import tablenames
from ddbserver.api.context import Context
from ddbserver.api.describe import table_description
from ddbserver.engine.tables import DeleteTableOp


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    table, stats = await ctx.db.write(DeleteTableOp(tablenames.name_of(body["TableName"], ctx.region)))
    return {"TableDescription": table_description(ctx, table, stats, "DELETING")}
