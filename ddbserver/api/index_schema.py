"""CreateTable's secondary-index definitions: DynamoDB's rules for GlobalSecondaryIndexes and
LocalSecondaryIndexes, and the attribute definitions they share with the table's key.

The definitions are checked here and stored with the table; the engine maintains the indexes
(engine/indexes.py) and api/index_updates.py changes them on a live table.
"""

from __future__ import annotations

from typing import Any

from ddbserver.errors import invalid_parameter, validation

MAX_GSI = 20
MAX_LSI = 5
MAX_GSI_KEY_PARTS = 4  # multi-attribute GSI keys: up to 4 HASH then up to 4 RANGE elements

EMPTY_LIST = "List of {member} is empty"
SAME_NAME = "Both the Hash Key and the Range Key element in the KeySchema have the same name"
FIRST_NOT_HASH = "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"
SECOND_NOT_RANGE = "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type"
LSI_NEEDS_TABLE_RANGE = (
    "Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex"
)
LSI_NEEDS_RANGE = "Index KeySchema does not have a range key for index: {index}"
LSI_HASH = (
    "Index KeySchema does not have the same leading hash key as table KeySchema for index: {index}. "
    "index hash key: {index_hash}, table hash key: {table_hash}"
)
NO_PROJECTION_TYPE = "Unknown ProjectionType: null"
NON_KEY_WITHOUT_INCLUDE = "ProjectionType is {type}, but NonKeyAttributes is specified"
DUPLICATE_INDEX = "Duplicate index name: {index}"
TOO_MANY_LSI = "Number of LocalSecondaryIndexes exceeds per-table limit of 5"
TOO_MANY_GSI = "GlobalSecondaryIndex count exceeds the per-table limit of 20"
GSI_THROUGHPUT_ON_DEMAND = (
    "ProvisionedThroughput should not be specified for index: {index} when BillingMode is PAY_PER_REQUEST"
)
GSI_NEEDS_THROUGHPUT = "ProvisionedThroughput is not specified for index: {index}"
INCLUDE_WITHOUT_NON_KEY = "ProjectionType is INCLUDE, but NonKeyAttributes is not specified"
DUPLICATE_NON_KEY = "Duplicate element in NonKeyAttributes: {name}"
MULTI_SAME_NAME = "The KeySchema contains multiple key attributes with the same name"
HASH_BEFORE_RANGE = "All HASH key attributes must precede RANGE key attributes in the KeySchema"
TOO_MANY_KEY_PARTS = "The KeySchema exceeds the maximum allowed number of {type} key attributes"
KEYS_NOT_DEFINED = (
    "Some index key attributes are not defined in AttributeDefinitions. Keys: [{keys}], AttributeDefinitions: [{defs}]"
)
DEFINITIONS_NOT_USED = "Some AttributeDefinitions are not used. AttributeDefinitions: [{defs}], keys used: [{keys}]"


def check(body: dict[str, Any], billing: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(GSIs, LSIs) of a CreateTable request, checked in DynamoDB's order; raises the first problem."""
    defined = [d["AttributeName"] for d in body["AttributeDefinitions"]]
    table_keys = [k["AttributeName"] for k in body["KeySchema"]]
    names: set[str] = set()
    lsis = body.get("LocalSecondaryIndexes")
    gsis = body.get("GlobalSecondaryIndexes")
    # Checked before any other index rule: an unused definition masks the other errors.
    used = list(dict.fromkeys(table_keys + [k["AttributeName"] for i in (lsis or []) + (gsis or [])
                                            for k in i.get("KeySchema") or []]))
    if any(d not in used for d in defined):
        raise invalid_parameter(DEFINITIONS_NOT_USED.format(defs=", ".join(defined), keys=", ".join(used)))
    if lsis is not None:
        if not lsis:
            raise invalid_parameter(EMPTY_LIST.format(member="LocalSecondaryIndexes"))
        if len(body["KeySchema"]) != 2:
            raise invalid_parameter(LSI_NEEDS_TABLE_RANGE)
        for lsi in lsis:
            _check_index(lsi, defined, names, local=True)
            if len(lsi["KeySchema"]) != 2:
                raise invalid_parameter(LSI_NEEDS_RANGE.format(index=lsi["IndexName"]))
            index_hash = lsi["KeySchema"][0]["AttributeName"]
            if index_hash != table_keys[0]:
                raise invalid_parameter(LSI_HASH.format(index=lsi["IndexName"], index_hash=index_hash,
                                                        table_hash=table_keys[0]))
        if len(lsis) > MAX_LSI:
            raise invalid_parameter(TOO_MANY_LSI)
    if gsis is not None:
        if not gsis:
            raise invalid_parameter(EMPTY_LIST.format(member="GlobalSecondaryIndexes"))
        for gsi in gsis:
            _check_index(gsi, defined, names, local=False)
            if billing == "PAY_PER_REQUEST" and gsi.get("ProvisionedThroughput") is not None:
                raise invalid_parameter(GSI_THROUGHPUT_ON_DEMAND.format(index=gsi["IndexName"]))
            if billing != "PAY_PER_REQUEST" and gsi.get("ProvisionedThroughput") is None:
                raise invalid_parameter(GSI_NEEDS_THROUGHPUT.format(index=gsi["IndexName"]))
        if len(gsis) > MAX_GSI:
            raise invalid_parameter(TOO_MANY_GSI)
    return [_stored(g) for g in gsis or []], [_stored(i) for i in lsis or []]


def _check_index(index: dict[str, Any], defined: list[str], names: set[str], local: bool) -> None:
    keys = [k["AttributeName"] for k in index["KeySchema"]]
    missing = [k for k in keys if k not in defined]
    if missing:
        raise invalid_parameter(KEYS_NOT_DEFINED.format(keys=", ".join(keys), defs=", ".join(defined)))
    types = [k["KeyType"] for k in index["KeySchema"]]
    if local or len(types) <= 2:
        if len(keys) == 2 and keys[0] == keys[1]:
            raise validation(SAME_NAME)
        if types[0] != "HASH":
            raise validation(FIRST_NOT_HASH)
        # a GSI's second element may be a second HASH attribute (a multi-attribute partition key)
        if len(types) == 2 and types[1] != "RANGE" and local:
            raise validation(SECOND_NOT_RANGE)
    else:  # a multi-attribute GSI key: up to 4 HASH elements, then up to 4 RANGE elements
        if len(set(keys)) != len(keys):
            raise validation(MULTI_SAME_NAME)
        if types[0] != "HASH":
            raise validation(FIRST_NOT_HASH)
        hashes = types.index("RANGE") if "RANGE" in types else len(types)
        if "HASH" in types[hashes:]:
            raise invalid_parameter(HASH_BEFORE_RANGE)
        for kind, count in (("HASH", hashes), ("RANGE", len(types) - hashes)):
            if count > MAX_GSI_KEY_PARTS:
                raise invalid_parameter(TOO_MANY_KEY_PARTS.format(type=kind))
    projection = index["Projection"]
    projection_type = projection.get("ProjectionType")
    non_key = projection.get("NonKeyAttributes")
    if projection_type is None:
        raise invalid_parameter(NO_PROJECTION_TYPE)
    if non_key is not None and projection_type != "INCLUDE":
        raise invalid_parameter(NON_KEY_WITHOUT_INCLUDE.format(type=projection_type))
    if projection_type == "INCLUDE" and not non_key:
        raise invalid_parameter(INCLUDE_WITHOUT_NON_KEY)
    for i, name in enumerate(non_key or []):
        if name in non_key[:i]:
            raise invalid_parameter(DUPLICATE_NON_KEY.format(name=name))
    if index["IndexName"] in names:
        raise invalid_parameter(DUPLICATE_INDEX.format(index=index["IndexName"]))
    names.add(index["IndexName"])


def _stored(index: dict[str, Any]) -> dict[str, Any]:
    out = {"IndexName": index["IndexName"],
           "KeySchema": [{"AttributeName": k["AttributeName"], "KeyType": k["KeyType"]} for k in index["KeySchema"]],
           "Projection": dict(index["Projection"])}
    if index.get("ProvisionedThroughput") is not None:
        pt = index["ProvisionedThroughput"]
        out["ProvisionedThroughput"] = {"ReadCapacityUnits": pt["ReadCapacityUnits"],
                                        "WriteCapacityUnits": pt["WriteCapacityUnits"]}
    if index.get("OnDemandThroughput") is not None:
        out["OnDemandThroughput"] = dict(index["OnDemandThroughput"])
    return out
