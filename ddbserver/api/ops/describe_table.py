"""DescribeTable: the full TableDescription, with exact ItemCount and TableSizeBytes."""

from __future__ import annotations

from typing import Any

from ddbserver.api import tablenames
from ddbserver.api.context import Context
from ddbserver.api.describe import table_description
from ddbserver.engine.tables import table_stats


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    table = tablenames.table(ctx, body["TableName"])
    return {"Table": table_description(ctx, table, table_stats(ctx.db.catalog, table))}
