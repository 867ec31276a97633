"""TableDescription rendering, shared by CreateTable, DescribeTable, UpdateTable and DeleteTable.

Rendered as AWS does (not as DynamoDB Local does): AttributeDefinitions sorted by name;
ProvisionedThroughput's LastIncrease/LastDecreaseDateTime only once a change happened;
BillingModeSummary once the table was ever on demand; TableClassSummary once a class was
given; SSEDescription for KMS encryption; StreamSpecification while a stream is enabled and
LatestStreamArn/Label once one ever was; OnDemandThroughput when set; WarmThroughput always
in DescribeTable. The CreateTable response (`fresh`) lacks WarmThroughput and
LastUpdateToPayPerRequestDateTime and shows indexes CREATING, as AWS's does. While an index
added by UpdateTable is in resource allocation (CREATING, Backfilling false) or an index is
DELETING, an ACTIVE table reads UPDATING (as on AWS; it is ACTIVE again while the index
backfills).
"""

from __future__ import annotations

import uuid
from typing import Any

from ddbserver.api.context import Context
from ddbserver.engine.catalog import Table
from ddbserver.engine.index_updates import index_warm, table_busy
from ddbserver.engine.tables import decreases_today, index_stats

# The account's AWS-managed DynamoDB KMS key (aws/dynamodb) gets a stable id per account+region.
_KMS_NAMESPACE = uuid.UUID("6f1c1a52-8d0e-4c51-9a57-3f7f3e0c2b10")


def table_description(
    ctx: Context, table: Table, stats: tuple[int, int], status: str = "ACTIVE", fresh: bool = False,
) -> dict[str, Any]:
    meta = table.meta
    arn = ctx.table_arn(table.name)
    if status == "ACTIVE" and table_busy(meta):
        status = "UPDATING"
    out: dict[str, Any] = {
        "AttributeDefinitions": sorted(meta["AttributeDefinitions"], key=lambda d: d["AttributeName"]),
        "TableName": table.name,
        "KeySchema": meta["KeySchema"],
        "TableStatus": status,
        "CreationDateTime": meta["CreationDateTime"],
        "ProvisionedThroughput": _throughput(meta),
        "TableSizeBytes": stats[1],
        "ItemCount": stats[0],
        "TableArn": arn,
        "TableId": meta["TableId"],
    }
    billing = meta.get("BillingMode", "PROVISIONED")
    sizes = index_stats(ctx.db.catalog, table) if table.indexes and not fresh else {}
    if meta.get("LocalSecondaryIndexes"):
        out["LocalSecondaryIndexes"] = [_lsi(arn, i, sizes) for i in meta["LocalSecondaryIndexes"]]
    if meta.get("GlobalSecondaryIndexes"):
        out["GlobalSecondaryIndexes"] = [_gsi(arn, i, billing, fresh, sizes)
                                         for i in meta["GlobalSecondaryIndexes"]]
    if "PayPerRequestSince" in meta:
        summary: dict[str, Any] = {"BillingMode": billing}
        if not fresh:
            summary["LastUpdateToPayPerRequestDateTime"] = meta["PayPerRequestSince"]
        out["BillingModeSummary"] = summary
    if meta.get("StreamSpecification"):
        out["StreamSpecification"] = meta["StreamSpecification"]
    if meta.get("LatestStreamLabel"):
        out["LatestStreamLabel"] = meta["LatestStreamLabel"]
        out["LatestStreamArn"] = f"{arn}/stream/{meta['LatestStreamLabel']}"
    if meta.get("SSE"):
        out["SSEDescription"] = _sse(ctx, meta["SSE"])
    if "TableClass" in meta:
        cls: dict[str, Any] = {"TableClass": meta["TableClass"]}
        if "TableClassUpdated" in meta:
            cls["LastUpdateDateTime"] = meta["TableClassUpdated"]
        out["TableClassSummary"] = cls
    out["DeletionProtectionEnabled"] = bool(meta.get("DeletionProtectionEnabled", False))
    if meta.get("OnDemandThroughput"):
        out["OnDemandThroughput"] = meta["OnDemandThroughput"]
    if not fresh and meta.get("Warm"):
        out["WarmThroughput"] = dict(meta["Warm"], Status="ACTIVE")
    return out


def _counts(index: dict[str, Any], sizes: dict[str, tuple[int, int]]) -> dict[str, int]:
    count, size = sizes.get(index["IndexName"], (0, 0))
    return {"IndexSizeBytes": size, "ItemCount": count}


def _lsi(table_arn: str, index: dict[str, Any], sizes: dict[str, tuple[int, int]]) -> dict[str, Any]:
    out = {"IndexName": index["IndexName"], "KeySchema": index["KeySchema"], "Projection": index["Projection"],
           **_counts(index, sizes)}
    out["IndexArn"] = f"{table_arn}/index/{index['IndexName']}"
    return out


def _gsi(table_arn: str, index: dict[str, Any], billing: str, fresh: bool,
         sizes: dict[str, tuple[int, int]]) -> dict[str, Any]:
    """A GSI's description: its status (CREATING in a CreateTable response; CREATING with
    Backfilling, or DELETING, while UpdateTable's index change runs), exact counts."""
    pt = index.get("ProvisionedThroughput") or {"ReadCapacityUnits": 0, "WriteCapacityUnits": 0}
    status = "CREATING" if fresh else index.get("IndexStatus", "ACTIVE")
    out: dict[str, Any] = {
        "IndexName": index["IndexName"], "KeySchema": index["KeySchema"], "Projection": index["Projection"],
        "IndexStatus": status,
    }
    if status == "CREATING" and not fresh and "Backfilling" in index:  # only indexes added by UpdateTable
        out["Backfilling"] = bool(index["Backfilling"])
    out["ProvisionedThroughput"] = _throughput(index) if index.get("ProvisionedThroughput") else {
        "NumberOfDecreasesToday": 0, **pt}
    out.update(_counts(index, sizes))
    out["IndexArn"] = f"{table_arn}/index/{index['IndexName']}"
    if index.get("OnDemandThroughput"):
        out["OnDemandThroughput"] = index["OnDemandThroughput"]
    if not fresh:
        out["WarmThroughput"] = dict(index_warm(index, billing), Status="ACTIVE")
    return out


def _throughput(meta: dict[str, Any]) -> dict[str, Any]:
    pt = meta.get("ProvisionedThroughput") or {"ReadCapacityUnits": 0, "WriteCapacityUnits": 0}
    out: dict[str, Any] = {}
    for member in ("LastIncreaseDateTime", "LastDecreaseDateTime"):
        if member in meta:
            out[member] = meta[member]
    out["NumberOfDecreasesToday"] = decreases_today(meta)
    out["ReadCapacityUnits"] = pt["ReadCapacityUnits"]
    out["WriteCapacityUnits"] = pt["WriteCapacityUnits"]
    return out


def _sse(ctx: Context, sse: dict[str, Any]) -> dict[str, Any]:
    key = sse.get("KMSMasterKeyId")
    if not key or key == "alias/aws/dynamodb":
        key = str(uuid.uuid5(_KMS_NAMESPACE, f"{ctx.account}:{ctx.region}"))
    if not key.startswith("arn:"):
        key = f"arn:aws:kms:{ctx.region}:{ctx.account}:{key if key.startswith('alias/') else 'key/' + key}"
    return {"Status": "ENABLED", "SSEType": sse.get("SSEType") or "KMS", "KMSMasterKeyArn": key}
