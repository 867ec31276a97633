"""DescribeTable: the full TableDescription, with exact ItemCount and TableSizeBytes."""

from __future__ import annotations

from typing import Any

from ddbserver.api import tablenames
from ddbserver.api.context import Context
from ddbserver.api.describe import table_description
from ddbserver.engine.tables import missing_table, table_stats


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    name = tablenames.name_of(body["TableName"], ctx.region)
    table = ctx.db.catalog.find(name)
    if table is None:
        raise missing_table(name)
    return {"Table": table_description(ctx, table, table_stats(ctx.db.catalog, table))}
