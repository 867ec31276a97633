"""UntagResource: remove tags by key from a table named by its ARN (absent keys are ignored)."""

from __future__ import annotations

from typing import Any

from ddbserver.api import tablenames, tags
from ddbserver.api.context import Context
from ddbserver.api.ops.tag_resource import resource_not_found
from ddbserver.engine.tables import UpdateTableMetaOp


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    arn = body["ResourceArn"]
    name = tablenames.from_arn(arn, ctx.region, ctx.account)
    keys = tags.check_keys(body["TagKeys"])

    def change(meta: dict[str, Any]) -> dict[str, Any]:
        meta["Tags"] = [t for t in meta.get("Tags") or [] if t["Key"] not in keys]
        return meta

    await ctx.db.write(UpdateTableMetaOp(name, change, missing=lambda: resource_not_found(arn)))
    return {}
