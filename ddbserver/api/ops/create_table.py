"""CreateTable: key schema, attribute definitions, billing, tags, deletion protection, class."""

from __future__ import annotations

from typing import Any

from ddbserver.api import tablenames
from ddbserver.api.context import Context
from ddbserver.api.describe import table_description
from ddbserver.engine.tables import CreateTableOp
from ddbserver.errors import validation

TABLE_CLASSES = ("STANDARD", "STANDARD_INFREQUENT_ACCESS")


def check_key_schema(key_schema: list[dict[str, Any]], defs: list[dict[str, Any]]) -> None:
    names = [k["AttributeName"] for k in key_schema]
    if len(set(names)) != len(names):
        raise validation("Two keys can not have the same name")
    hashes = [k for k in key_schema if k["KeyType"] == "HASH"]
    ranges = [k for k in key_schema if k["KeyType"] == "RANGE"]
    if len(hashes) != 1:
        raise validation("No Hash Key specified in schema.  All Dynamo DB tables must have exactly one hash key")
    if key_schema[0]["KeyType"] != "HASH" or len(ranges) > 1:
        raise validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type")
    defined = {d["AttributeName"]: d["AttributeType"] for d in defs}
    if len(defined) != len(defs):
        raise validation("Cannot have two attributes with the same name")
    if hashes[0]["AttributeName"] not in defined:
        raise validation("Hash Key not specified in Attribute Definitions.  Type unknown.")
    if ranges and ranges[0]["AttributeName"] not in defined:
        raise validation("Range Key not specified in Attribute Definitions.  Type unknown.")
    if len(defs) != len(key_schema):
        raise validation(
            "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match "
            "number of attributes defined in AttributeDefinitions"
        )


NO_KEY_SCHEMA = "No defined key schema.  A key schema containing at least a hash key must be defined for all tables"
NO_ATTRIBUTES = "No Attribute Schema Defined"


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    name = tablenames.check(body["TableName"])
    if not body.get("KeySchema"):  # optional in the model since CreateTable took GlobalTableSourceArn
        raise validation(NO_KEY_SCHEMA)
    if not body.get("AttributeDefinitions"):
        raise validation(NO_ATTRIBUTES)
    check_key_schema(body["KeySchema"], body["AttributeDefinitions"])
    billing = body.get("BillingMode", "PROVISIONED")
    throughput = body.get("ProvisionedThroughput")
    if billing == "PROVISIONED" and throughput is None:
        raise validation("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED")
    if billing == "PAY_PER_REQUEST" and throughput is not None:
        raise validation("One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")
    meta: dict[str, Any] = {
        "TableName": name,
        "KeySchema": body["KeySchema"],
        "AttributeDefinitions": body["AttributeDefinitions"],
        "BillingMode": billing,
        "ProvisionedThroughput": throughput if billing == "PROVISIONED" else None,
        "DeletionProtectionEnabled": bool(body.get("DeletionProtectionEnabled", False)),
        "Tags": body.get("Tags", []),
    }
    if "TableClass" in body:
        meta["TableClass"] = body["TableClass"]
    table = await ctx.db.write(CreateTableOp(meta))
    return {"TableDescription": table_description(ctx, table, (0, 0), "ACTIVE")}
