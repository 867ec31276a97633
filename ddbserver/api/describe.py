"""TableDescription rendering, shared by CreateTable, DescribeTable, UpdateTable and DeleteTable."""

from __future__ import annotations

from typing import Any

from ddbserver.api.context import Context
from ddbserver.engine.catalog import Table

_EPOCH = 0.0


def table_description(ctx: Context, table: Table, stats: tuple[int, int], status: str = "ACTIVE") -> dict[str, Any]:
    meta = table.meta
    billing = meta.get("BillingMode", "PROVISIONED")
    throughput = meta.get("ProvisionedThroughput") or {"ReadCapacityUnits": 0, "WriteCapacityUnits": 0}
    out: dict[str, Any] = {
        "AttributeDefinitions": meta["AttributeDefinitions"],
        "TableName": table.name,
        "KeySchema": meta["KeySchema"],
        "TableStatus": status,
        "CreationDateTime": meta["CreationDateTime"],
        "ProvisionedThroughput": {
            "LastIncreaseDateTime": meta.get("LastIncreaseDateTime", _EPOCH),
            "LastDecreaseDateTime": meta.get("LastDecreaseDateTime", _EPOCH),
            "NumberOfDecreasesToday": 0,
            "ReadCapacityUnits": throughput["ReadCapacityUnits"],
            "WriteCapacityUnits": throughput["WriteCapacityUnits"],
        },
        "TableSizeBytes": stats[1],
        "ItemCount": stats[0],
        "TableArn": ctx.table_arn(table.name),
        "TableId": meta["TableId"],
    }
    if billing == "PAY_PER_REQUEST" or "BillingModeChanged" in meta:
        out["BillingModeSummary"] = {
            "BillingMode": billing,
            "LastUpdateToPayPerRequestDateTime": meta.get("BillingModeChanged", meta["CreationDateTime"]),
        }
    if "TableClass" in meta:
        out["TableClassSummary"] = {"TableClass": meta["TableClass"]}
    out["DeletionProtectionEnabled"] = bool(meta.get("DeletionProtectionEnabled", False))
    return out
