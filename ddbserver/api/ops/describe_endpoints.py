"""DescribeEndpoints: the regional endpoint address, cached by clients for a day."""

from __future__ import annotations

from typing import Any

from ddbserver.api.context import Context

CACHE_PERIOD_MINUTES = 1440


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    return {"Endpoints": [{"Address": f"dynamodb.{ctx.region}.amazonaws.com",
                           "CachePeriodInMinutes": CACHE_PERIOD_MINUTES}]}
