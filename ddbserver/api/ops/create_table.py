"""CreateTable: key schema, attribute definitions, billing, streams, SSE, tags, protection, class.

Checks run in DynamoDB's order: the table name, the billing mode against the throughput, then
the key schema against the attribute definitions (see `check_key_schema`), then streams, SSE
and tags. Every check depends only on the request and runs before the writer is involved.
"""

from __future__ import annotations

from typing import Any

from ddbserver.api import index_schema, tablenames, tablespec, tags
from ddbserver.api.constraints import render
from ddbserver.api.context import Context
from ddbserver.api.describe import table_description
from ddbserver.engine.tables import (
    PAY_PER_REQUEST_NO_THROUGHPUT,
    PROVISIONED_NEEDS_THROUGHPUT,
    CreateTableOp,
    initial_warm,
)
from ddbserver.errors import invalid_parameter, validation

# AWS echoes the elements' fields (2026-06 captures); DynamoDB Local prints Java identities.
KEY_SCHEMA_TOO_LONG = (
    "1 validation error detected: Value '{elements}' at 'keySchema' failed to satisfy constraint: "
    "Member must have length less than or equal to 2"
)
DUPLICATE_ATTRIBUTE = "Attribute Name is duplicated: {name}"
KEY_WITHOUT_DEFINITION = "Invalid KeySchema: Some index key attribute have no definition"
KEYS_NOT_DEFINED = (
    "Some index key attributes are not defined in AttributeDefinitions. Keys: [{keys}], AttributeDefinitions: [{defs}]"
)
SAME_NAME = "Both the Hash Key and the Range Key element in the KeySchema have the same name"
FIRST_NOT_HASH = "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"
SECOND_NOT_RANGE = "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type"
ON_DEMAND_ON_PROVISIONED = (
    "MaxReadRequestUnits for OnDemandThroughput cannot be specified when table BillingMode is PROVISIONED."
)
WARM_BELOW_ON_DEMAND = (
    "Requested {member} for WarmThroughput for table is lower than initial throughput for OnDemand. See: "
    "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode.html"
    "#on-demand-capacity-mode-initial"
)
WARM_BELOW_PROVISIONED = "Requested {member} for WarmThroughput for table is lower than {capacity} of ProvisionedThroughput"
COUNT_MISMATCH = (
    "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions"
)


def check_key_schema(key_schema: list[dict[str, Any]], defs: list[dict[str, Any]], indexes: bool = False) -> None:
    """A table's key is a HASH element, optionally followed by a RANGE element, each defined
    once in AttributeDefinitions, which defines nothing else (with secondary indexes,
    api/index_schema.py checks what else it defines)."""
    if len(key_schema) > 2:
        raise validation(KEY_SCHEMA_TOO_LONG.format(elements=render(key_schema, "KeySchema")))
    keys = [k["AttributeName"] for k in key_schema]
    defined = [d["AttributeName"] for d in defs]
    for i, name in enumerate(defined):
        if name in defined[:i]:
            raise validation(DUPLICATE_ATTRIBUTE.format(name=name))
    if len(keys) > len(defined):
        raise validation(KEY_WITHOUT_DEFINITION)
    if any(k not in defined for k in keys):
        raise invalid_parameter(KEYS_NOT_DEFINED.format(keys=", ".join(keys), defs=", ".join(defined)))
    if len(keys) == 2 and keys[0] == keys[1]:
        raise validation(SAME_NAME)
    if key_schema[0]["KeyType"] != "HASH":
        raise validation(FIRST_NOT_HASH)
    if len(key_schema) == 2 and key_schema[1]["KeyType"] != "RANGE":
        raise validation(SECOND_NOT_RANGE)
    if not indexes and len(keys) != len(defined):
        raise invalid_parameter(COUNT_MISMATCH)


def check_warm(spec: dict[str, Any] | None, billing: str, throughput: dict[str, int] | None) -> dict[str, int] | None:
    """WarmThroughput at creation: at least the table's initial level (the on-demand default or
    the provisioned capacity); a member left out keeps that level."""
    if spec is None:
        return None
    floor = initial_warm(billing, throughput)
    capacity = {"ReadUnitsPerSecond": "ReadCapacityUnits", "WriteUnitsPerSecond": "WriteCapacityUnits"}
    for member in ("ReadUnitsPerSecond", "WriteUnitsPerSecond"):
        if member in spec and spec[member] < floor[member]:
            if billing == "PAY_PER_REQUEST":
                raise invalid_parameter(WARM_BELOW_ON_DEMAND.format(member=member))
            raise invalid_parameter(WARM_BELOW_PROVISIONED.format(member=member, capacity=capacity[member]))
    return {m: spec.get(m, floor[m]) for m in floor}


def check_billing(body: dict[str, Any]) -> tuple[str, dict[str, int] | None]:
    """BillingMode (PROVISIONED unless given) against ProvisionedThroughput and OnDemandThroughput."""
    billing = body.get("BillingMode") or "PROVISIONED"
    throughput = tablespec.throughput(body.get("ProvisionedThroughput"))
    if billing == "PAY_PER_REQUEST":
        if throughput is not None:
            raise invalid_parameter(PAY_PER_REQUEST_NO_THROUGHPUT)
    else:
        if throughput is None:
            raise invalid_parameter(PROVISIONED_NEEDS_THROUGHPUT)
        if body.get("OnDemandThroughput") is not None:
            raise invalid_parameter(ON_DEMAND_ON_PROVISIONED)
    return billing, throughput


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    name = tablenames.name_of(body["TableName"], ctx.region)
    billing, throughput = check_billing(body)
    has_indexes = body.get("GlobalSecondaryIndexes") is not None or body.get("LocalSecondaryIndexes") is not None
    check_key_schema(body["KeySchema"], body["AttributeDefinitions"], has_indexes)
    gsis, lsis = index_schema.check(body, billing)
    on_demand = tablespec.on_demand(body.get("OnDemandThroughput"), allow_clear=False)
    warm = check_warm(body.get("WarmThroughput"), billing, throughput)
    stream = tablespec.stream(body.get("StreamSpecification"), creating=True)
    table_class = tablespec.table_class(body.get("TableClass"))
    sse = tablespec.sse(body.get("SSESpecification"))
    tag_list = tags.check(body.get("Tags") or [])
    meta: dict[str, Any] = {
        "TableName": name,
        "KeySchema": [{"AttributeName": k["AttributeName"], "KeyType": k["KeyType"]} for k in body["KeySchema"]],
        "AttributeDefinitions": [
            {"AttributeName": d["AttributeName"], "AttributeType": d["AttributeType"]}
            for d in body["AttributeDefinitions"]
        ],
        "BillingMode": billing,
        "ProvisionedThroughput": throughput,
        "DeletionProtectionEnabled": bool(body.get("DeletionProtectionEnabled", False)),
        "Tags": tag_list,
    }
    if gsis:
        meta["GlobalSecondaryIndexes"] = gsis
    if lsis:
        meta["LocalSecondaryIndexes"] = lsis
    if on_demand:
        meta["OnDemandThroughput"] = on_demand
    if warm:
        meta["Warm"] = warm
    if stream and stream["StreamEnabled"]:
        meta["StreamSpecification"] = stream
    if sse and sse["Enabled"]:
        meta["SSE"] = sse
    if table_class:
        meta["TableClass"] = table_class
    table = await ctx.db.write(CreateTableOp(meta))
    # The table is usable at once; the response says CREATING, as AWS's always does.
    out = table_description(ctx, table, (0, 0), "CREATING", fresh=True)
    if warm:  # echoed only when asked for
        out["WarmThroughput"] = dict(table.meta["Warm"], Status="ACTIVE")
    return {"TableDescription": out}
