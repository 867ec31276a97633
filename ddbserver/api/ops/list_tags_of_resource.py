"""ListTagsOfResource: a table's tags, by its ARN (at most 50, so always one page)."""

from __future__ import annotations

from typing import Any

from ddbserver.api import tablenames
from ddbserver.api.context import Context
from ddbserver.api.ops.tag_resource import resource_not_found


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    arn = body["ResourceArn"]
    table = ctx.db.catalog.find(tablenames.from_arn(arn, ctx.region, ctx.account))
    if table is None:
        raise resource_not_found(arn)
    return {"Tags": list(table.meta.get("Tags") or [])}
