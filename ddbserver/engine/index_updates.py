"""UpdateTable's GlobalSecondaryIndexUpdates in the engine: the rules that depend on the table's
state, and what Create, Update and Delete do to the table's record.

The lifecycle of an index added or dropped by UpdateTable (the background half is backfill.py):

    Create  -> "IndexStatus": "CREATING", "Backfilling": false   (AWS's resource allocation; the
               table is UPDATING), maintained by every write from this moment, not readable
            -> "Backfilling": true                               (the table is ACTIVE again; the
               backfill indexes the existing items in bounded batches)
            -> "IndexStatus": "ACTIVE"                           (backfill done)
    Delete  -> "IndexStatus": "DELETING"                         (no longer maintained nor
               readable; its entries go to the purger at once; the table is UPDATING)
            -> gone from the record; key attributes no key uses any more leave
               AttributeDefinitions (as AWS prunes them)
    Update  -> new ProvisionedThroughput / OnDemandThroughput / WarmThroughput at once

An index's warm throughput ("Warm", like the table's) is its highest level ever: AWS's initial
on-demand level or its provisioned capacity, raised by WarmThroughput requests; it never drops
(index_warm).

Each phase lasts at least the database's `index_delay` (so clients can observe them, as on AWS,
where they take seconds to minutes). "StatusSince" (epoch seconds) records when a phase began.

Messages are AWS's (public captures of AWS responses, 2026-10; DynamoDB Local's differ).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from ddbserver.errors import invalid_parameter, limit_exceeded, not_found, resource_in_use, validation

if TYPE_CHECKING:
    from ddbserver.engine.store import Store

Meta = dict[str, Any]

MAX_GSI = 20
IN_USE = "Attempt to change a resource which is still in use: "
ONE_ONLINE = "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table"
TOO_MANY = "Subscriber limit exceeded: Number of global secondary indexes exceeds per-table limit of 20"
EXISTS = "Attempting to create an index which already exists"
UNKNOWN_INDEX = "Requested resource not found: Index {index} for table {table}"
NOT_GLOBAL = "Cannot {verb} an index that is not a GlobalSecondaryIndex: {index}"
ALLOCATING = (IN_USE + "Index creation is in resource allocation phase. Retry deletion during backfilling phase "
              "or when the index is active. Table: {table} Index: {index}")
BEING_DELETED = IN_USE + "Index is being deleted. Table: {table} Index: {index}"
INDEX_UNCHANGED = (
    "The provisioned throughput for the index {index} will not change. The requested value equals the current "
    "value. Current ReadCapacityUnits provisioned for index {index}: {cr}. Requested ReadCapacityUnits: {rr}. "
    "Current WriteCapacityUnits provisioned for index {index}: {cw}. Requested WriteCapacityUnits: {rw}. "
    "Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits."
)
# Table changes refused while an index is being built or dropped (ResourceInUseException).
IOPS_WHILE_DELETING = IN_USE + "Can't change table IOPS when an index is being deleted. Table: {table} Indexes: [{indexes}]"
IOPS_WHILE_ALLOCATING = (IN_USE + "Can't update table while indexes are in CREATING, isBackfilling=false status. "
                         "Table: {table} Index: {indexes}")
STREAM_WHILE_CREATING = IN_USE + "Can't change stream status when an index is being created"
ON_DEMAND_WHILE = IN_USE + "OnDemandThroughput cannot be updated while index {what} is in progress for indexes: [{indexes}]"
DELETE_TABLE_WHILE = IN_USE + "Cannot delete table while indexes are being created, updated, or deleted."
INDEX_WARM_DECREASE = (
    "Requested {member} for WarmThroughput for index {index} is lower than current WarmThroughput, "
    "decreasing WarmThroughput is not supported"
)


@dataclass(frozen=True, slots=True)
class IndexChange:
    """One GlobalSecondaryIndexUpdates entry, checked against the request by the API."""

    action: str                    # "Create" | "Update" | "Delete"
    name: str
    spec: dict[str, Any] = field(default_factory=dict)  # Create: the stored definition; Update: its members


def gsis(meta: Meta) -> list[dict[str, Any]]:
    return list(meta.get("GlobalSecondaryIndexes") or [])


def in_transition(meta: Meta, status: str) -> list[str]:
    return [g["IndexName"] for g in gsis(meta) if g.get("IndexStatus") == status]


def allocating(meta: Meta) -> list[str]:
    """Indexes in AWS's resource-allocation phase (CREATING, not yet backfilling)."""
    return [g["IndexName"] for g in gsis(meta) if g.get("IndexStatus") == "CREATING" and not g.get("Backfilling")]


def table_busy(meta: Meta) -> bool:
    """Whether DescribeTable says UPDATING because of an index: one is allocating or deleting."""
    return bool(allocating(meta) or in_transition(meta, "DELETING"))


def check_state(meta: Meta, changes: tuple[IndexChange, ...]) -> None:
    """The rules of GlobalSecondaryIndexUpdates that depend on the table's indexes, in AWS's
    order: a Create of a name in use, an Update or Delete of a name not in use (or of a local
    index), one online index operation at a time, the 20-index limit, and the transient states."""
    table = meta["TableName"]
    local = {i["IndexName"] for i in meta.get("LocalSecondaryIndexes") or []}
    by_name = {g["IndexName"]: g for g in gsis(meta)}
    for change in changes:
        if change.action == "Create":
            if change.name in by_name or change.name in local:
                raise validation(EXISTS)
        elif change.name in local:
            raise validation(NOT_GLOBAL.format(verb=change.action.lower(), index=change.name))
        elif change.name not in by_name:
            raise not_found(UNKNOWN_INDEX.format(index=change.name, table=table))
    online = [c for c in changes if c.action != "Update"]
    busy = [g for g in by_name.values() if g.get("IndexStatus") in ("CREATING", "DELETING")]
    for change in online:
        current = by_name.get(change.name)
        if current is not None and current.get("IndexStatus") == "DELETING":
            raise resource_in_use(BEING_DELETED.format(table=table, index=change.name))
        if current is not None and current.get("IndexStatus") == "CREATING":
            if not current.get("Backfilling"):
                raise resource_in_use(ALLOCATING.format(table=table, index=change.name))
            continue  # deleting an index that is backfilling stops its build
        if busy:
            raise limit_exceeded(ONE_ONLINE)
    for change in changes:
        current = by_name.get(change.name)
        if change.action == "Update" and current is not None and current.get("IndexStatus") == "DELETING":
            raise resource_in_use(BEING_DELETED.format(table=table, index=change.name))
    if any(c.action == "Create" for c in changes) and len(by_name) >= MAX_GSI:
        raise limit_exceeded(TOO_MANY)


def check_table_change(meta: Meta, iops: bool, stream: bool, on_demand: bool) -> None:
    """Table changes AWS refuses while an index is being built or dropped (ResourceInUse)."""
    table = meta["TableName"]
    deleting, creating = in_transition(meta, "DELETING"), in_transition(meta, "CREATING")
    if iops and deleting:
        raise resource_in_use(IOPS_WHILE_DELETING.format(table=table, indexes=", ".join(deleting)))
    if iops and allocating(meta):
        raise resource_in_use(IOPS_WHILE_ALLOCATING.format(table=table, indexes=", ".join(allocating(meta))))
    if stream and creating:
        raise resource_in_use(STREAM_WHILE_CREATING)
    if on_demand and (creating or deleting):
        what, names = ("creation", creating) if creating else ("deletion", deleting)
        raise resource_in_use(ON_DEMAND_WHILE.format(what=what, indexes=", ".join(names)))


def apply(meta: Meta, changes: tuple[IndexChange, ...], definitions: list[dict[str, str]],
          store: "Store", now: float | None = None) -> None:
    """Apply checked changes to `meta` (the table's record) inside the writer."""
    now = time.time() if now is None else now
    check_state(meta, changes)
    for change in changes:
        if change.action == "Create":
            _create(meta, change, definitions, store, now)
        elif change.action == "Delete":
            _delete(meta, change.name, store, now)
        else:
            _update(meta, change, now)


def _create(meta: Meta, change: IndexChange, definitions: list[dict[str, str]], store: "Store", now: float) -> None:
    keys = {k["AttributeName"] for k in change.spec["KeySchema"]}
    defined = {d["AttributeName"] for d in meta["AttributeDefinitions"]}
    types = {d["AttributeName"]: d["AttributeType"] for d in definitions}  # a name given twice: the last wins
    meta["AttributeDefinitions"] = list(meta["AttributeDefinitions"]) + [
        {"AttributeName": name, "AttributeType": kind}
        for name, kind in types.items() if name in keys and name not in defined]
    index = dict(change.spec, id=store.next_table_id(), IndexStatus="CREATING", Backfilling=False, StatusSince=now)
    meta["GlobalSecondaryIndexes"] = gsis(meta) + [index]


def _delete(meta: Meta, name: str, store: "Store", now: float) -> None:
    out = []
    for gsi in gsis(meta):
        if gsi["IndexName"] == name:
            gsi = {k: v for k, v in gsi.items() if k != "Backfilling"}
            gsi.update(IndexStatus="DELETING", StatusSince=now)
            store.drop_range(gsi["id"], meta["TableName"])
            store.txn.delete(backfill_key(gsi["id"]), db=store.db.sys_db)
        out.append(gsi)
    meta["GlobalSecondaryIndexes"] = out


def _update(meta: Meta, change: IndexChange, now: float) -> None:
    out = []
    for gsi in gsis(meta):
        if gsi["IndexName"] == change.name:
            gsi = dict(gsi)
            if "ProvisionedThroughput" in change.spec:
                gsi["Warm"] = index_warm(gsi, meta.get("BillingMode", "PROVISIONED"))  # kept if capacity drops
                _throughput(gsi, change.spec["ProvisionedThroughput"], meta.get("BillingMode") == "PAY_PER_REQUEST",
                            now)
            if "WarmThroughput" in change.spec:
                current = index_warm(gsi, meta.get("BillingMode", "PROVISIONED"))
                for member, value in change.spec["WarmThroughput"].items():
                    if value < current[member]:
                        raise invalid_parameter(INDEX_WARM_DECREASE.format(member=member, index=change.name))
                gsi["Warm"] = {**current, **change.spec["WarmThroughput"]}
            if "OnDemandThroughput" in change.spec:
                merged = dict(gsi.get("OnDemandThroughput") or {})
                merged.update(change.spec["OnDemandThroughput"])
                merged = {k: v for k, v in merged.items() if v != -1}
                if merged:
                    gsi["OnDemandThroughput"] = merged
                else:
                    gsi.pop("OnDemandThroughput", None)
        out.append(gsi)
    meta["GlobalSecondaryIndexes"] = out


def _throughput(gsi: dict[str, Any], new: dict[str, int], switching: bool, now: float) -> None:
    """A GSI's provisioned throughput (its own decrease budget, as AWS keeps one per index).
    On a switch from PAY_PER_REQUEST the values apply as given."""
    from ddbserver.engine.tables import check_decrease_budget, decreases_today  # noqa: PLC0415 (cycle)

    old = gsi.get("ProvisionedThroughput")
    r, w = new["ReadCapacityUnits"], new["WriteCapacityUnits"]
    if old is not None and not switching:
        cr, cw = old["ReadCapacityUnits"], old["WriteCapacityUnits"]
        if (r, w) == (cr, cw):
            raise validation(INDEX_UNCHANGED.format(index=gsi["IndexName"], cr=cr, rr=r, cw=cw, rw=w))
        if r < cr or w < cw:
            count = decreases_today(gsi, now)
            check_decrease_budget(count, gsi.get("LastDecreaseDateTime"), now)
            gsi["LastDecreaseDateTime"] = now
            gsi["Decreases"] = {"day": datetime.fromtimestamp(now, timezone.utc).date().isoformat(),
                                "count": count + 1}
        if r > cr or w > cw:
            gsi["LastIncreaseDateTime"] = now
    gsi["ProvisionedThroughput"] = {"ReadCapacityUnits": r, "WriteCapacityUnits": w}


def index_warm(gsi: dict[str, Any], billing: str) -> dict[str, int]:
    """An index's WarmThroughput: its initial level (on demand: AWS's initial on-demand level;
    provisioned: its capacity), or the highest it was raised to."""
    from ddbserver.engine.tables import initial_warm  # noqa: PLC0415 (cycle)

    floor = initial_warm(billing, gsi.get("ProvisionedThroughput"))
    raised = gsi.get("Warm") or {}
    return {k: max(v, int(raised.get(k, 0))) for k, v in floor.items()}


def prune_definitions(meta: Meta) -> None:
    """Keep only the attribute definitions some key (table, local or global index) uses."""
    used = {k["AttributeName"] for k in meta["KeySchema"]}
    for member in ("LocalSecondaryIndexes", "GlobalSecondaryIndexes"):
        for index in meta.get(member) or ():
            used |= {k["AttributeName"] for k in index["KeySchema"]}
    meta["AttributeDefinitions"] = [d for d in meta["AttributeDefinitions"] if d["AttributeName"] in used]


def backfill_key(index_id: int) -> bytes:
    """`sys` key of a backfill's position: the `items` key of the last table item it indexed."""
    return b"backfill:" + index_id.to_bytes(4, "big")


def check_delete_table(meta: Meta) -> None:
    """DeleteTable waits until no index is being created or deleted (ResourceInUseException)."""
    if any(g.get("IndexStatus") in ("CREATING", "DELETING") for g in gsis(meta)):
        raise resource_in_use(DELETE_TABLE_WHILE)
