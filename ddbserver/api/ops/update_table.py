"""UpdateTable: billing mode, provisioned and on-demand throughput, streams, SSE, deletion
protection, table class, warm throughput and global secondary indexes (Create / Update / Delete,
api/index_updates.py; the index is built or dropped in the background, engine/backfill.py).

Request-only checks run first (a request that asks for nothing is refused even for a missing
table); the rules that depend on the table's state run in the writer (engine/tables.py
`TableUpdate`). Changes apply at once; as AWS does, the response says UPDATING for the changes
AWS applies in the background and shows the throughput, billing, warm throughput and table
class the table had before, while DescribeTable shows the new state.
"""

from __future__ import annotations

from typing import Any

from ddbserver.api import index_updates, tablenames, tablespec
from ddbserver.api.context import Context
from ddbserver.api.describe import table_description
from ddbserver.engine.index_updates import IndexChange
from ddbserver.engine.tables import TableUpdate, UpdateTableOp, missing_table, table_stats
from ddbserver.errors import invalid_parameter, validation

NOTHING_TO_UPDATE = (
    "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, "
    "SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, "
    "DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required"
)
NOT_YET = "{member} is not supported by this server yet"
ONLY_OPERATION = "{what} modification must be the only operation in the request"
WARM_ONLY = "WarmThroughput must be the only operation in the request"
ON_DEMAND_WITH_BILLING_ONLY = "OnDemandThroughput can only be combined with BillingMode in an UpdateTable request"
STREAM_WITH_IOPS = "You cannot modify stream status while updating table IOPS"
# Members that must come alone, in the order AWS names them when several are present.
_EXCLUSIVE = (("SSESpecification", "Server-Side Encryption"), ("TableClass", "TableClass"),
              ("DeletionProtectionEnabled", "DeletionProtection"))
_CHANGES = ("BillingMode", "ProvisionedThroughput", "StreamSpecification", "SSESpecification", "TableClass",
            "DeletionProtectionEnabled", "WarmThroughput", "OnDemandThroughput")
# Members whose change AWS applies in the background (TableStatus UPDATING in the response).
_BACKGROUND = ("BillingMode", "ProvisionedThroughput", "StreamSpecification", "SSESpecification",
               "TableClass", "WarmThroughput")
# Members the response shows as they were before the change.
_OLD_IN_RESPONSE = ("ProvisionedThroughput", "BillingModeSummary", "WarmThroughput", "TableClassSummary")


def _requested(body: dict[str, Any]) -> tuple[TableUpdate, tuple[IndexChange, ...]]:
    if body.get("ReplicaUpdates"):
        raise validation(NOT_YET.format(member="ReplicaUpdates"))
    update = TableUpdate(
        billing_mode=body.get("BillingMode"),
        throughput=tablespec.throughput(body.get("ProvisionedThroughput")),
        on_demand=tablespec.on_demand(body.get("OnDemandThroughput"), allow_clear=True),
        stream=tablespec.stream(body.get("StreamSpecification"), creating=False),
        deletion_protection=body.get("DeletionProtectionEnabled"),
        table_class=tablespec.table_class(body.get("TableClass")),
        sse=tablespec.sse(body.get("SSESpecification")),
        warm=body.get("WarmThroughput"),
    )
    if update == TableUpdate() and not body.get("GlobalSecondaryIndexUpdates"):
        raise validation(NOTHING_TO_UPDATE)  # an empty list of index updates counts as absent here
    _check_one_change(body)
    return update, index_updates.requested(body) or ()


def _check_one_change(body: dict[str, Any]) -> None:
    """UpdateTable makes one logical change: SSE, table class, deletion protection and warm
    throughput each come alone; on-demand limits and streams combine only with BillingMode."""
    # An empty WarmThroughput or OnDemandThroughput counts as absent here (AWS ignores it).
    present = [m for m in _CHANGES if body.get(m) is not None
               and not (m in ("WarmThroughput", "OnDemandThroughput") and body[m] == {})]
    if body.get("GlobalSecondaryIndexUpdates"):
        present.append("GlobalSecondaryIndexUpdates")
    if len(present) < 2:
        return
    for member, what in _EXCLUSIVE:
        if member in present:
            raise invalid_parameter(ONLY_OPERATION.format(what=what))
    if "OnDemandThroughput" in present and set(present) - {"OnDemandThroughput", "BillingMode"}:
        raise invalid_parameter(ON_DEMAND_WITH_BILLING_ONLY)
    if "WarmThroughput" in present and "GlobalSecondaryIndexUpdates" in present:
        return  # api/index_updates.py words this one
    if "WarmThroughput" in present:
        raise invalid_parameter(WARM_ONLY)
    if "StreamSpecification" in present and (
            "ProvisionedThroughput" in present or body.get("BillingMode") == "PROVISIONED"):
        raise invalid_parameter(STREAM_WITH_IOPS)


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    name = tablenames.name_of(body["TableName"], ctx.region)
    update, changes = _requested(body)
    before = ctx.db.catalog.find(name)
    if before is None:
        raise missing_table(name)
    if changes:
        changes = index_updates.checked(changes, before.meta, body)
    table = await ctx.db.write(UpdateTableOp(name, update, changes, tuple(body.get("AttributeDefinitions") or ())))
    if changes:
        ctx.db.backfiller.wake()
    background = any(body.get(m) is not None for m in _BACKGROUND)
    stats = table_stats(ctx.db.catalog, table)
    out = table_description(ctx, table, stats, "UPDATING" if background else "ACTIVE")
    old = table_description(ctx, before, stats)
    if not (body.get("BillingMode") and body["BillingMode"] != before.meta.get("BillingMode", "PROVISIONED")):
        _show_index_updates(out, old, changes)  # a billing switch's response shows the new capacities
    new_throughput = out["ProvisionedThroughput"]
    for member in _OLD_IN_RESPONSE:
        out.pop(member, None)
        if member in old:
            out[member] = old[member]
    for member in ("LastIncreaseDateTime", "LastDecreaseDateTime"):  # these are already the new ones
        if member in new_throughput:
            out["ProvisionedThroughput"][member] = new_throughput[member]
    return {"TableDescription": out}


def _show_index_updates(out: dict[str, Any], old: dict[str, Any], changes: tuple[IndexChange, ...]) -> None:
    """As AWS's response does: an index whose throughput changes is UPDATING and still shows its
    old throughput; a raised WarmThroughput shows its old level, UPDATING (DescribeTable shows the
    new values at once)."""
    before = {i["IndexName"]: i for i in old.get("GlobalSecondaryIndexes") or []}
    for index in out.get("GlobalSecondaryIndexes") or []:
        change = next((c for c in changes if c.action == "Update" and c.name == index["IndexName"]), None)
        if change is None:
            continue
        was = before[index["IndexName"]]
        if set(change.spec) - {"WarmThroughput"}:
            index["IndexStatus"] = "UPDATING"
            index["ProvisionedThroughput"] = was["ProvisionedThroughput"]
        if "WarmThroughput" in change.spec and index.get("WarmThroughput") != was.get("WarmThroughput"):
            index["WarmThroughput"] = dict(was["WarmThroughput"], Status="UPDATING")  # the old level, as AWS
