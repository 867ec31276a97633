"""DescribeLimits: the account's and each table's provisioned-capacity quotas (AWS's defaults)."""

from __future__ import annotations

from typing import Any

from ddbserver.api.context import Context

# AWS's default quotas per region: 80,000 units per account, 40,000 per table.
# https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html
LIMITS = {
    "AccountMaxReadCapacityUnits": 80000,
    "AccountMaxWriteCapacityUnits": 80000,
    "TableMaxReadCapacityUnits": 40000,
    "TableMaxWriteCapacityUnits": 40000,
}


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    return dict(LIMITS)
