"""UpdateTable's GlobalSecondaryIndexUpdates: the request's rules, in DynamoDB's order.

Request-only rules first (one action per entry, one update per index, one index created or
deleted per request, which other changes may share the request), then, against the table's
state, engine/index_updates.py's rules (a Create of a name in use wins over any schema
problem), then each action's own: a Create's key schema and projection (CreateTable's checks,
api/index_schema.py), its AttributeDefinitions (each key attribute of the new index, even one the table already
defines: AWS refuses a Create keyed on the table's `pk` that the request does not define, as
observed in eu-west-2 2026-07 by Ketlark/dynamodb-conformance; the wording of that refusal was
not captured, CreateTable's is used; the table's definitions are then merged in), and throughput
by the table's billing mode.

Messages are AWS's (public captures of AWS responses, 2026-10); DynamoDB Local's differ.
"""

from __future__ import annotations

from typing import Any

from ddbserver.api import index_schema, tablespec
from ddbserver.engine.index_updates import ONE_ONLINE, IndexChange, check_state
from ddbserver.engine.tables import initial_warm
from ddbserver.errors import invalid_parameter, limit_exceeded, validation

Meta = dict[str, Any]

EMPTY_LIST = "List of GlobalSecondaryIndexUpdates is empty"
NO_ACTION = (
    "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
    "GlobalSecondaryIndexUpdate.Delete must not be null"
)
TWO_ACTIONS = "Only one global secondary index action is allowed per GlobalSecondaryIndexUpdate object"
SAME_INDEX = "Only one global secondary index update per index is allowed simultaneously. Index: {index}"
WITH_IOPS = "You cannot create or delete index while updating table IOPS"
WITH_STREAM = "You cannot create or delete index while changing stream status"
WITH_WARM = "Create global secondary index cannot be specified when updating WarmThroughput"
NO_DEFINITIONS = "AttributeDefinitions is not specified for index: {index}"
# AWS's text (quoted from AWS in ScyllaDB Alternator's test_gsi_updatetable.py); DynamoDB Local
# words it its own way. Each schema lists the key element using the attribute.
REDEFINED = ("Attributes cannot be redefined. Please check that your attribute has the same type as previously "
             "defined. Existing schema: Schema:[{existing}] New schema: Schema:[{new}]")


def _element(name: str, type_: str, key_type: str) -> str:
    return f"SchemaElement: key{{{name}:{type_}:{key_type}}}"


def _existing_key_type(meta: Meta, name: str) -> str:
    """The KeyType the attribute has in the first existing key that uses it (table, then indexes)."""
    schemas = [meta["KeySchema"]] + [i["KeySchema"] for m in ("LocalSecondaryIndexes", "GlobalSecondaryIndexes")
                                     for i in meta.get(m) or ()]
    for schema in schemas:
        for k in schema:
            if k["AttributeName"] == name:
                return str(k["KeyType"])
    return "HASH"
PT_ON_DEMAND = (
    "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified for index: {index} when BillingMode is "
    "PAY_PER_REQUEST"
)
PT_NEEDED = "Both ReadCapacityUnits and WriteCapacityUnits must be specified for index: {index}"
ON_DEMAND_ONLY = (
    "The only Updates for index: {index} when TableThroughputMode is PAY_PER_REQUEST can be to "
    "OnDemandThroughput, WarmThroughput"
)
ODT_ON_PROVISIONED = (
    "{member} for OnDemandThroughput for index : {index} cannot be specified when the table BillingMode is "
    "PROVISIONED"
)
ODT_RANGE = "Requested {member} for OnDemandThroughput for index : {index} is outside of valid range"
NOTHING_FOR_INDEX = "No provisioned throughput specified for the global secondary index"
WARM_BELOW_ON_DEMAND = (
    "Requested {member} for WarmThroughput for index {index} is lower than initial throughput for OnDemand. See: "
    "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode.html"
    "#on-demand-capacity-mode-initial"
)
WARM_BELOW_PROVISIONED = (
    "Requested {member} for WarmThroughput for index {index} is lower than {capacity} of ProvisionedThroughput"
)
_ACTIONS = ("Create", "Update", "Delete")


def requested(body: dict[str, Any]) -> tuple[IndexChange, ...] | None:
    """The request's index actions with the rules that need no table (None: none asked for)."""
    updates = body.get("GlobalSecondaryIndexUpdates")
    if updates is None:
        return None
    if not updates:
        raise invalid_parameter(EMPTY_LIST)
    changes: list[IndexChange] = []
    for entry in updates:
        actions = [a for a in _ACTIONS if entry.get(a) is not None]
        if not actions:
            raise invalid_parameter(NO_ACTION)
        if len(actions) > 1:
            raise invalid_parameter(TWO_ACTIONS)
        spec = entry[actions[0]]
        changes.append(IndexChange(actions[0], spec["IndexName"], dict(spec)))
    names = [c.name for c in changes]
    for i, name in enumerate(names):
        if name in names[:i]:
            raise invalid_parameter(SAME_INDEX.format(index=name))
    online = [c for c in changes if c.action != "Update"]
    if len(online) > 1:
        raise limit_exceeded(ONE_ONLINE)
    if online:
        if body.get("ProvisionedThroughput") is not None:
            raise invalid_parameter(WITH_IOPS)
        if body.get("StreamSpecification") is not None:
            raise invalid_parameter(WITH_STREAM)
        if online[0].action == "Create" and body.get("WarmThroughput"):
            raise invalid_parameter(WITH_WARM)
    return tuple(changes)


def checked(changes: tuple[IndexChange, ...], meta: Meta, body: dict[str, Any]) -> tuple[IndexChange, ...]:
    """The actions checked against the table's record `meta`, each Create's spec in its stored
    form; raises the first problem. (The writer checks the state-dependent rules again.)"""
    check_state(meta, changes)
    billing = body.get("BillingMode") or meta.get("BillingMode", "PROVISIONED")
    return tuple(_create(c, meta, body, billing) if c.action == "Create" else _update(c, billing)
                 for c in changes)


def _create(change: IndexChange, meta: Meta, body: dict[str, Any], billing: str) -> IndexChange:
    name = change.name
    definitions = body.get("AttributeDefinitions")
    if not definitions:
        raise invalid_parameter(NO_DEFINITIONS.format(index=name))
    keys = [k["AttributeName"] for k in change.spec["KeySchema"]]
    types = {d["AttributeName"]: d["AttributeType"] for d in meta["AttributeDefinitions"]}
    requested = {d["AttributeName"]: d["AttributeType"] for d in definitions}  # a name given twice: the last wins
    for attr, kind in requested.items():
        known = types.get(attr)
        if attr in keys and known is not None and known != kind:
            new_key_type = next(k["KeyType"] for k in change.spec["KeySchema"] if k["AttributeName"] == attr)
            raise invalid_parameter(REDEFINED.format(
                existing=_element(attr, known, _existing_key_type(meta, attr)),
                new=_element(attr, kind, new_key_type)))
    given = [d["AttributeName"] for d in definitions]
    undeclared = [k for k in keys if k not in given and k in types]
    if undeclared:  # defined on the table, yet not in this request
        raise invalid_parameter(index_schema.KEYS_NOT_DEFINED.format(keys=", ".join(undeclared), defs=", ".join(given)))
    for attr, kind in requested.items():
        types.setdefault(attr, kind)
    table_keys = [k["AttributeName"] for k in meta["KeySchema"]]
    used = list(dict.fromkeys(table_keys + [k for k in keys if k in types]))
    spec = {k: v for k, v in change.spec.items() if k not in ("ProvisionedThroughput", "OnDemandThroughput")}
    as_created = {"AttributeDefinitions": [{"AttributeName": n, "AttributeType": types[n]} for n in used],
                  "KeySchema": meta["KeySchema"], "GlobalSecondaryIndexes": [spec]}
    (stored,), _ = index_schema.check(as_created, "PAY_PER_REQUEST")
    pt, odt = change.spec.get("ProvisionedThroughput"), change.spec.get("OnDemandThroughput")
    if billing == "PAY_PER_REQUEST" and pt is not None:
        raise invalid_parameter(PT_ON_DEMAND.format(index=name))
    if billing != "PAY_PER_REQUEST" and pt is None:
        raise invalid_parameter(PT_NEEDED.format(index=name))
    if pt is not None:
        stored["ProvisionedThroughput"] = tablespec.throughput(pt)
    if odt:
        stored["OnDemandThroughput"] = _on_demand(odt, name, billing, allow_clear=False)
    if change.spec.get("WarmThroughput"):
        stored["Warm"] = _initial_warm(change.spec["WarmThroughput"], name, billing, stored.get("ProvisionedThroughput"))
    return IndexChange("Create", name, stored)


def _initial_warm(spec: dict[str, int], index: str, billing: str, pt: dict[str, int] | None) -> dict[str, int]:
    """A new index's WarmThroughput: at least its initial level (as CreateTable's, per index)."""
    floor = initial_warm(billing, pt)
    capacity = {"ReadUnitsPerSecond": "ReadCapacityUnits", "WriteUnitsPerSecond": "WriteCapacityUnits"}
    for member, value in spec.items():
        if value < floor[member]:
            if billing == "PAY_PER_REQUEST":
                raise invalid_parameter(WARM_BELOW_ON_DEMAND.format(member=member, index=index))
            raise invalid_parameter(WARM_BELOW_PROVISIONED.format(member=member, index=index,
                                                                  capacity=capacity[member]))
    return {m: spec.get(m, floor[m]) for m in floor}


def _update(change: IndexChange, billing: str) -> IndexChange:
    if change.action == "Delete":
        return IndexChange("Delete", change.name)
    name = change.name
    pt, odt = change.spec.get("ProvisionedThroughput"), change.spec.get("OnDemandThroughput")
    out: dict[str, Any] = {}
    if pt is not None:
        if billing == "PAY_PER_REQUEST":
            raise invalid_parameter(ON_DEMAND_ONLY.format(index=name))
        out["ProvisionedThroughput"] = tablespec.throughput(pt)
    if odt is not None:
        out["OnDemandThroughput"] = _on_demand(odt, name, billing, allow_clear=True)
    if change.spec.get("WarmThroughput"):
        out["WarmThroughput"] = dict(change.spec["WarmThroughput"])
    if not out:
        raise validation(NOTHING_FOR_INDEX)
    return IndexChange("Update", name, out)


def _on_demand(spec: dict[str, Any], index: str, billing: str, allow_clear: bool) -> dict[str, int]:
    out: dict[str, int] = {}
    for member in ("MaxReadRequestUnits", "MaxWriteRequestUnits"):
        if member not in spec:
            continue
        if billing != "PAY_PER_REQUEST":
            raise invalid_parameter(ODT_ON_PROVISIONED.format(member=member, index=index))
        value = spec[member]
        if value < 1 and not (allow_clear and value == -1):
            raise invalid_parameter(ODT_RANGE.format(member=member, index=index))
        out[member] = value
    return out
