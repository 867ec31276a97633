"""UpdateTable: billing mode, provisioned and on-demand throughput, streams, SSE, deletion
protection, table class and warm throughput.

Request-only checks run first (a request that asks for nothing is refused even for a missing
table); the rules that depend on the table's state run in the writer (engine/tables.py
`TableUpdate`). Changes apply at once; as AWS does, the response says UPDATING for the changes
AWS applies in the background and shows the throughput, billing, warm throughput and table
class the table had before, while DescribeTable shows the new state.
"""

from __future__ import annotations

from typing import Any

from ddbserver.api import tablenames, tablespec
from ddbserver.api.context import Context
from ddbserver.api.describe import table_description
from ddbserver.engine.tables import TableUpdate, UpdateTableMetaOp, missing_table, table_stats
from ddbserver.errors import validation

NOTHING_TO_UPDATE = (
    "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, "
    "SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, "
    "DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required"
)
NOT_YET = "{member} is not supported by this server yet"
# Members whose change AWS applies in the background (TableStatus UPDATING in the response).
_BACKGROUND = ("BillingMode", "ProvisionedThroughput", "StreamSpecification", "SSESpecification",
               "TableClass", "WarmThroughput")
# Members the response shows as they were before the change.
_OLD_IN_RESPONSE = ("ProvisionedThroughput", "BillingModeSummary", "WarmThroughput", "TableClassSummary")


def _requested(body: dict[str, Any]) -> TableUpdate:
    if body.get("GlobalSecondaryIndexUpdates"):
        raise validation(NOT_YET.format(member="GlobalSecondaryIndexUpdates"))
    if body.get("ReplicaUpdates"):
        raise validation(NOT_YET.format(member="ReplicaUpdates"))
    update = TableUpdate(
        billing_mode=body.get("BillingMode"),
        throughput=tablespec.throughput(body.get("ProvisionedThroughput")),
        on_demand=tablespec.on_demand(body.get("OnDemandThroughput"), allow_clear=True),
        stream=tablespec.stream(body.get("StreamSpecification")),
        deletion_protection=body.get("DeletionProtectionEnabled"),
        table_class=body.get("TableClass"),
        sse=tablespec.sse(body.get("SSESpecification")),
        warm=body.get("WarmThroughput"),
    )
    if update == TableUpdate():
        raise validation(NOTHING_TO_UPDATE)
    return update


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    name = tablenames.name_of(body["TableName"])
    update = _requested(body)
    before = ctx.db.catalog.find(name)
    if before is None:
        raise missing_table(name)
    table = await ctx.db.write(UpdateTableMetaOp(name, update))
    background = any(body.get(m) is not None for m in _BACKGROUND)
    stats = table_stats(ctx.db.catalog, table)
    out = table_description(ctx, table, stats, "UPDATING" if background else "ACTIVE")
    old = table_description(ctx, before, stats)
    for member in _OLD_IN_RESPONSE:
        out.pop(member, None)
        if member in old:
            out[member] = old[member]
    return {"TableDescription": out}
