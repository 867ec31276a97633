"""TagResource: add tags to a table named by its ARN (a key tagged again takes the new value)."""

from __future__ import annotations

from typing import Any

from ddbserver.api import tablenames, tags
from ddbserver.api.context import Context
from ddbserver.engine.tables import UpdateTableMetaOp
from ddbserver.errors import DynamoError, not_found

RESOURCE_NOT_FOUND = "Requested resource not found: ResourceArn: {arn} not found"


def resource_not_found(arn: str) -> DynamoError:
    return not_found(RESOURCE_NOT_FOUND.format(arn=arn))


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    arn = body["ResourceArn"]
    name = tablenames.from_arn(arn, ctx.region, ctx.account)
    tags.require_some(body["Tags"])
    new = tags.check(body["Tags"])

    def change(meta: dict[str, Any]) -> dict[str, Any]:
        meta["Tags"] = tags.merged(meta.get("Tags") or [], new)
        return meta

    await ctx.db.write(UpdateTableMetaOp(name, change, missing=lambda: resource_not_found(arn)))
    return {}
