"""Table lifecycle in the engine: create, delete, update metadata, tag, and the throughput rules.

The API layer validates what depends only on the request; these operations run in the writer
and check what depends on stored state (the table exists or not, deletion protection, the
current throughput and billing mode), raising before anything changes.

Metadata fields kept besides the request's (see catalog.py for the rest):
    "ProvisionedThroughput"   {"ReadCapacityUnits", "WriteCapacityUnits"}, None when on demand
    "LastIncreaseDateTime", "LastDecreaseDateTime"   epoch seconds, once a change happened
    "Decreases"               {"day": "YYYY-MM-DD" (UTC), "count": n}
    "PayPerRequestSince"      epoch seconds of the last switch to (or creation in) PAY_PER_REQUEST
    "Warm"                    {"ReadUnitsPerSecond", "WriteUnitsPerSecond"}: never decreases
    "StreamSpecification", "LatestStreamLabel"   the current stream, the latest one ever enabled
    "TableClassUpdated"       epoch seconds of the last TableClass change by UpdateTable
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from ddbserver.engine import index_updates
from ddbserver.engine.catalog import Catalog, Table
from ddbserver.engine.index_updates import IndexChange
from ddbserver.engine.store import Store, read_stats
from ddbserver.errors import DynamoError, invalid_parameter, limit_exceeded, not_found, resource_in_use, validation

Meta = dict[str, Any]

# On-demand tables start with this warm throughput (AWS's documented initial on-demand level).
ON_DEMAND_WARM = {"ReadUnitsPerSecond": 12000, "WriteUnitsPerSecond": 4000}

TABLE_NOT_FOUND = "Requested resource not found: Table: {name} not found"
PROTECTED = (
    "Resource cannot be deleted as it is currently protected against deletion. "
    "Disable deletion protection first."
)
THROUGHPUT_UNCHANGED = (
    "The provisioned throughput for the table will not change. The requested value equals the current value. "
    "Current ReadCapacityUnits provisioned for the table: {cr}. Requested ReadCapacityUnits: {rr}. "
    "Current WriteCapacityUnits provisioned for the table: {cw}. Requested WriteCapacityUnits: {rw}. "
    "Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits."
)
PROVISIONED_NEEDS_THROUGHPUT = (
    "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"
)
PAY_PER_REQUEST_NO_THROUGHPUT = (
    "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"
)
ON_DEMAND_ON_PROVISIONED = (
    "MaxReadRequestUnits for OnDemandThroughput cannot be specified when the table BillingMode is PROVISIONED"
)
WARM_DECREASE = (
    "Requested {member} for WarmThroughput for table is lower than current WarmThroughput, "
    "decreasing WarmThroughput is not supported"
)
DECREASE_LIMIT = (
    "Subscriber limit exceeded: Provisioned throughput decreases are limited within a given UTC day. "
    "After the first 4 decreases, each subsequent decrease in the same UTC day can be performed at most once "
    "every 3600 seconds. Number of decreases today: {count}. Last decrease at {last}. "
    "Next decrease can be made at {next}."
)
FREE_DECREASES = 4
DECREASE_INTERVAL = 3600.0
STREAM_ALREADY_ENABLED = "Table already has an enabled stream: TableName: {name}"
STREAM_NOT_ENABLED = "Table has no stream to disable: TableName: {name}"
UPDATE_NEEDS_THROUGHPUT = "ProvisionedThroughput must be specified when BillingMode is PROVISIONED"
INDEX_NEEDS_THROUGHPUT = "ProvisionedThroughput must be specified for index: {index}"
SSE_BY_DEFAULT = "Table is already encrypted by default"
SSE_SAME_KEY = (
    "Table is already encrypted with given KMSMasterKeyId. Use KMSMasterKeyId parameter if you want to change "
    "Master Key"
)


def missing_table(name: str) -> DynamoError:
    """What DescribeTable, UpdateTable and DeleteTable answer for a table that does not exist."""
    return not_found(TABLE_NOT_FOUND.format(name=name))


@dataclass(frozen=True, slots=True)
class CreateTableOp:
    meta: Meta  # the table's record, without "id", "TableId", "CreationDateTime"

    def apply(self, store: Store) -> Table:
        name = self.meta["TableName"]
        if store.table_meta(name) is not None:
            raise resource_in_use(f"Table already exists: {name}")
        meta = dict(self.meta)
        now = time.time()
        meta["id"] = store.next_table_id()
        for member in ("LocalSecondaryIndexes", "GlobalSecondaryIndexes"):
            if meta.get(member):
                meta[member] = [dict(index, id=store.next_table_id()) for index in meta[member]]
        meta["TableId"] = str(uuid.uuid4())
        meta["CreationDateTime"] = now
        if meta.get("BillingMode") == "PAY_PER_REQUEST":
            meta["PayPerRequestSince"] = now
        if meta.get("StreamSpecification", {}).get("StreamEnabled"):
            meta["LatestStreamLabel"] = stream_label(now)
        meta["Warm"] = _raised_warm(meta.get("Warm"), meta)
        store.put_table_meta(meta)
        return Table.from_meta(meta)


@dataclass(frozen=True, slots=True)
class DeleteTableOp:
    name: str

    def apply(self, store: Store) -> tuple[Table, tuple[int, int]]:
        meta = store.table_meta(self.name)
        if meta is None:
            raise missing_table(self.name)
        if meta.get("DeletionProtectionEnabled"):
            raise validation(PROTECTED)
        index_updates.check_delete_table(meta)
        table = Table.from_meta(meta)
        stats = store.stats(table.id)
        store.drop_table(table)
        for index in table.indexes:
            store.txn.delete(index_updates.backfill_key(index.id), db=store.db.sys_db)
        return table, stats


@dataclass(frozen=True, slots=True)
class UpdateTableMetaOp:
    """Replace a table's metadata by `change(meta)`, which may raise before anything changes."""

    name: str
    change: Callable[[Meta], Meta]
    missing: Callable[[], Exception] | None = None  # default: missing_table(name)

    def apply(self, store: Store) -> Table:
        meta = store.table_meta(self.name)
        if meta is None:
            raise self.missing() if self.missing is not None else missing_table(self.name)
        new = self.change(dict(meta))
        store.put_table_meta(new)
        return Table.from_meta(new)


@dataclass(frozen=True, slots=True)
class UpdateTableOp:
    """UpdateTable: the index changes (index_updates.py), then the table's own changes, all or
    nothing; refused while an index change in progress forbids the table change (AWS's
    ResourceInUseException)."""

    name: str
    update: "TableUpdate"
    changes: tuple[IndexChange, ...] = ()
    definitions: tuple[dict[str, str], ...] = ()

    def apply(self, store: Store) -> Table:
        meta = store.table_meta(self.name)
        if meta is None:
            raise missing_table(self.name)
        u = self.update
        switching = u.billing_mode is not None and u.billing_mode != meta.get("BillingMode", "PROVISIONED")
        index_updates.check_table_change(meta, iops=u.throughput is not None or switching,
                                         stream=u.stream is not None, on_demand=u.on_demand is not None)
        if self.changes:
            index_updates.apply(meta, self.changes, list(self.definitions), store)
        new = u(meta)
        store.put_table_meta(new)
        return Table.from_meta(new)


@dataclass(frozen=True, slots=True)
class TableUpdate:
    """What an UpdateTable request asks for (None: not asked); the API has checked its shape."""

    billing_mode: str | None = None
    throughput: dict[str, int] | None = None
    on_demand: dict[str, int] | None = None
    stream: dict[str, Any] | None = None
    deletion_protection: bool | None = None
    table_class: str | None = None
    sse: dict[str, Any] | None = None
    warm: dict[str, int] | None = None

    def __call__(self, meta: Meta) -> Meta:
        """The table's new metadata, by DynamoDB's rules for the current state."""
        now = time.time()
        self._billing(meta, now)
        if self.on_demand is not None:
            if meta.get("BillingMode") != "PAY_PER_REQUEST":
                raise invalid_parameter(ON_DEMAND_ON_PROVISIONED)
            merged = dict(meta.get("OnDemandThroughput") or {})
            merged.update(self.on_demand)
            meta["OnDemandThroughput"] = {k: v for k, v in merged.items() if v != -1} or None
            if meta["OnDemandThroughput"] is None:
                del meta["OnDemandThroughput"]
        if self.stream is not None:
            _stream(meta, self.stream, now)
        if self.deletion_protection is not None:
            meta["DeletionProtectionEnabled"] = self.deletion_protection
        if self.table_class is not None and self.table_class != meta.get("TableClass", "STANDARD"):
            meta["TableClass"] = self.table_class
            meta["TableClassUpdated"] = now
        if self.sse is not None:
            _sse(meta, self.sse)
        meta["Warm"] = _raised_warm(meta.get("Warm"), meta)
        if self.warm:
            for member, value in self.warm.items():
                if value < meta["Warm"][member]:
                    raise invalid_parameter(WARM_DECREASE.format(member=member))
                meta["Warm"][member] = value
        return meta

    def _billing(self, meta: Meta, now: float) -> None:
        current = meta.get("BillingMode", "PROVISIONED")
        target = self.billing_mode or current
        if target == "PAY_PER_REQUEST":
            if self.throughput is not None:
                raise invalid_parameter(PAY_PER_REQUEST_NO_THROUGHPUT)
            if current != "PAY_PER_REQUEST":
                meta["BillingMode"] = "PAY_PER_REQUEST"
                meta["ProvisionedThroughput"] = None
                meta["PayPerRequestSince"] = now
                meta["GlobalSecondaryIndexes"] = [
                    {k: v for k, v in gsi.items() if k != "ProvisionedThroughput"}
                    for gsi in meta.get("GlobalSecondaryIndexes") or []] or None
                if meta["GlobalSecondaryIndexes"] is None:
                    del meta["GlobalSecondaryIndexes"]
            return
        if self.throughput is None:
            if self.billing_mode is not None:  # PROVISIONED asked for without throughput
                raise invalid_parameter(UPDATE_NEEDS_THROUGHPUT)
            return
        if current == "PAY_PER_REQUEST":  # the switch applies the values as given
            gsis = meta.get("GlobalSecondaryIndexes") or []
            for gsi in gsis:  # each GSI needs its own capacity, given by an Update in this request
                if gsi.get("ProvisionedThroughput") is None:
                    raise invalid_parameter(INDEX_NEEDS_THROUGHPUT.format(index=gsi["IndexName"]))
            meta["BillingMode"] = "PROVISIONED"
            meta.pop("OnDemandThroughput", None)
            if gsis:
                meta["GlobalSecondaryIndexes"] = [{k: v for k, v in g.items() if k != "OnDemandThroughput"}
                                                  for g in gsis]
            meta["ProvisionedThroughput"] = dict(self.throughput)
            return
        _change_throughput(meta, self.throughput, now)


def _change_throughput(meta: Meta, new: dict[str, int], now: float) -> None:
    old = meta["ProvisionedThroughput"]
    r, w = new["ReadCapacityUnits"], new["WriteCapacityUnits"]
    cr, cw = old["ReadCapacityUnits"], old["WriteCapacityUnits"]
    if (r, w) == (cr, cw):
        raise validation(THROUGHPUT_UNCHANGED.format(cr=cr, rr=r, cw=cw, rw=w))
    if r < cr or w < cw:
        count = decreases_today(meta, now)
        check_decrease_budget(count, meta.get("LastDecreaseDateTime"), now)
        meta["LastDecreaseDateTime"] = now
        day = datetime.fromtimestamp(now, timezone.utc).date().isoformat()
        meta["Decreases"] = {"day": day, "count": count + 1}
    if r > cr or w > cw:
        meta["LastIncreaseDateTime"] = now
    meta["ProvisionedThroughput"] = {"ReadCapacityUnits": r, "WriteCapacityUnits": w}


def check_decrease_budget(count: int, last: float | None, now: float) -> None:
    """Four decreases per UTC day, then one per 3600 s after the last one (the count resets at
    midnight UTC). https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html"""
    if count < FREE_DECREASES or last is None or now >= last + DECREASE_INTERVAL:
        return
    midnight = datetime.fromtimestamp(now, timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    next_at = min(last + DECREASE_INTERVAL, midnight.timestamp() + 86400)
    raise limit_exceeded(DECREASE_LIMIT.format(count=count, last=_java_full_time(last), next=_java_full_time(next_at)))


def _java_full_time(ts: float) -> str:
    """A time as DynamoDB writes it in messages: "Thursday, October 8, 2026 at 11:20:48 PM
    Coordinated Universal Time"."""
    dt = datetime.fromtimestamp(ts, timezone.utc)
    hour = dt.hour % 12 or 12
    return (f"{dt.strftime('%A, %B')} {dt.day}, {dt.year} at {hour}:{dt.minute:02d}:{dt.second:02d} "
            f"{'AM' if dt.hour < 12 else 'PM'} Coordinated Universal Time")


def _sse(meta: Meta, spec: dict[str, Any]) -> None:
    """Switch between the AWS-owned key (no SSE record) and a KMS key. Asking for the AWS-owned
    key again, or naming the KMS key in use, is an error; enabling KMS again without naming a
    key is accepted (AWS re-encrypts)."""
    current = meta.get("SSE")
    if not spec.get("Enabled"):
        if current is None:
            raise invalid_parameter(SSE_BY_DEFAULT)
        del meta["SSE"]
        return
    if current is not None and spec.get("KMSMasterKeyId") and current.get("KMSMasterKeyId") == spec["KMSMasterKeyId"]:
        raise invalid_parameter(SSE_SAME_KEY)  # only an explicit re-send of the key in use
    meta["SSE"] = spec


def _stream(meta: Meta, spec: dict[str, Any], now: float) -> None:
    enabled = bool(meta.get("StreamSpecification", {}).get("StreamEnabled"))
    if spec.get("StreamEnabled"):
        if enabled:
            raise validation(STREAM_ALREADY_ENABLED.format(name=meta["TableName"]))
        meta["StreamSpecification"] = {"StreamEnabled": True, "StreamViewType": spec["StreamViewType"]}
        meta["LatestStreamLabel"] = stream_label(now)
    else:
        if not enabled:
            raise validation(STREAM_NOT_ENABLED.format(name=meta["TableName"]))
        del meta["StreamSpecification"]


def initial_warm(billing: str, throughput: dict[str, int] | None) -> dict[str, int]:
    """The warm throughput a new table has without asking: AWS's initial on-demand level, or
    its provisioned capacity."""
    if billing == "PAY_PER_REQUEST" or throughput is None:
        return dict(ON_DEMAND_WARM)
    return {"ReadUnitsPerSecond": throughput["ReadCapacityUnits"],
            "WriteUnitsPerSecond": throughput["WriteCapacityUnits"]}


def _raised_warm(warm: dict[str, int] | None, meta: Meta) -> dict[str, int]:
    """Warm throughput: on-demand tables start at AWS's initial level; provisioned tables are
    warm to the highest capacity they ever had. It never decreases."""
    floor = initial_warm(meta.get("BillingMode", "PROVISIONED"), meta.get("ProvisionedThroughput"))
    if warm:
        floor = {k: max(v, warm.get(k, 0)) for k, v in floor.items()}
    return floor


def decreases_today(meta: Meta, now: float | None = None) -> int:
    """NumberOfDecreasesToday: provisioned-throughput decreases so far in this UTC day."""
    decreases = meta.get("Decreases") or {}
    day = datetime.fromtimestamp(now if now is not None else time.time(), timezone.utc).date().isoformat()
    return int(decreases.get("count", 0)) if decreases.get("day") == day else 0


def stream_label(ts: float) -> str:
    """A stream's label: its creation time, ISO 8601 in UTC with milliseconds (as DynamoDB)."""
    dt = datetime.fromtimestamp(ts, timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}"


def table_stats(catalog: Catalog, table: Table) -> tuple[int, int]:
    """(ItemCount, TableSizeBytes), exact as of now."""
    with catalog.db.read() as txn:
        return read_stats(txn, catalog.db.sys_db, table.id)


def index_stats(catalog: Catalog, table: Table) -> dict[str, tuple[int, int]]:
    """(ItemCount, IndexSizeBytes) of each index, by name, exact as of now (IndexSizeBytes
    sums the projected items' sizes)."""
    with catalog.db.read() as txn:
        return {i.name: read_stats(txn, catalog.db.sys_db, i.id) for i in table.indexes}
