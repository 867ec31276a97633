"""Table metadata: what the `tables` database holds, cached in memory.

A table's record (JSON) holds everything DescribeTable reports that is not derived, plus the
engine's own fields: "TableId" (UUID, as DynamoDB reports), "id" (the number that prefixes its
item keys, never reused), "CreationDateTime" (epoch seconds, float).

The record, field by field (written by engine/tables.py; api/describe.py renders it):
    "TableName", "KeySchema", "AttributeDefinitions"    as the CreateTable request gave them
    "BillingMode"                 "PROVISIONED" | "PAY_PER_REQUEST"
    "ProvisionedThroughput"       {"ReadCapacityUnits", "WriteCapacityUnits"}, None when on demand
    "LastIncreaseDateTime", "LastDecreaseDateTime", "Decreases"   throughput change history
    "PayPerRequestSince"          last switch to (or creation in) PAY_PER_REQUEST
    "OnDemandThroughput"          {"MaxReadRequestUnits"?, "MaxWriteRequestUnits"?} when set
    "Warm"                        {"ReadUnitsPerSecond", "WriteUnitsPerSecond"}
    "StreamSpecification"         {"StreamEnabled": true, "StreamViewType"} while a stream is on
    "LatestStreamLabel"           label of the latest stream ever enabled (ISO time, ms)
    "SSE"                         {"Enabled": true, "SSEType", "KMSMasterKeyId"?} for KMS keys
    "TableClass", "TableClassUpdated"
    "DeletionProtectionEnabled"   bool
    "Tags"                        [{"Key", "Value"}], at most 50
    "GlobalSecondaryIndexes", "LocalSecondaryIndexes"
                                  [{"IndexName", "KeySchema", "Projection", "ProvisionedThroughput"?,
                                    "OnDemandThroughput"?}] as checked by api/index_schema.py, plus
                                  "id" (prefix of its entries, engine/indexes.py), "IndexStatus"
                                  and "Backfilling" (GSIs being created or deleted)
"""

from __future__ import annotations

import struct
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

import orjson

from ddbserver.engine.indexes import Index, from_meta as indexes_of
from ddbserver.engine.keys import KeyShape
from ddbserver.errors import table_not_found

if TYPE_CHECKING:
    from ddbserver.engine.database import Database


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    id: int
    key: KeyShape
    meta: dict[str, Any] = field(repr=False)
    indexes: tuple[Index, ...] = field(default=(), repr=False)  # local first, then global
    raw: bytes = field(default=b"", repr=False)  # the record as stored, when read from the database

    @property
    def page_key_names(self) -> tuple[str, ...]:
        """The attributes of a LastEvaluatedKey from the table: its key."""
        return self.key.names

    def index(self, name: str) -> Index | None:
        return next((i for i in self.indexes if i.name == name), None)

    @staticmethod
    def from_meta(meta: dict[str, Any], raw: bytes = b"") -> "Table":
        types = {d["AttributeName"]: d["AttributeType"] for d in meta["AttributeDefinitions"]}
        hash_name = next(k["AttributeName"] for k in meta["KeySchema"] if k["KeyType"] == "HASH")
        range_name = next((k["AttributeName"] for k in meta["KeySchema"] if k["KeyType"] == "RANGE"), None)
        shape = KeyShape(hash_name, types[hash_name], range_name, types.get(range_name) if range_name else None)
        return Table(meta["TableName"], meta["id"], shape, meta, indexes_of(meta, shape.names), raw)


GENERATION_KEY = b"catalog_gen"  # `sys`: bumped by every commit that changes table metadata
FOLLOW_INTERVAL_S = 0.05


def read_generation(txn: Any, sys_db: Any) -> int:
    raw = txn.get(GENERATION_KEY, db=sys_db)
    return int(struct.unpack(">Q", raw)[0]) if raw else 0


class Catalog:
    """Name -> Table, read through from the `tables` database and refreshed by the writer.

    This process's writer invalidates what it changes at once. Changes made by another process
    sharing the directory show in the generation counter, polled at most every
    FOLLOW_INTERVAL_S: a cached entry may lag another process's change by that much (writes
    never act on a stale entry: Store re-checks the table inside the write transaction).
    """

    def __init__(self, db: "Database") -> None:
        self.db = db
        self._cache: dict[str, Table | None] = {}
        self._lock = threading.Lock()
        self._generation = 0  # bumped by every invalidation: a read that raced one is not cached
        self._followed = -1   # the stored generation the cache reflects
        self._checked = 0.0

    def find(self, name: str) -> Table | None:
        now = time.monotonic()
        if now - self._checked > FOLLOW_INTERVAL_S:
            self._follow(now)
        try:
            return self._cache[name]
        except KeyError:
            pass
        generation = self._generation
        with self.db.read() as txn:
            raw = cast("bytes | None", txn.get(name.encode("utf-8"), db=self.db.tables_db))  # buffers=False
        table = Table.from_meta(orjson.loads(raw), raw) if raw is not None else None
        with self._lock:
            if generation == self._generation:
                self._cache[name] = table
        return table

    def get(self, name: str) -> Table:
        table = self.find(name)
        if table is None:
            raise table_not_found()
        return table

    def names(self) -> list[str]:
        with self.db.read() as txn:
            return [bytes(k).decode("utf-8") for k in txn.cursor(db=self.db.tables_db).iternext(values=False)]

    def invalidate(self, name: str) -> None:
        with self._lock:
            self._generation += 1
            self._cache.pop(name, None)

    def _follow(self, now: float) -> None:
        """Drop the cache if any process changed table metadata since it was filled."""
        self._checked = now
        with self.db.read() as txn:
            stored = read_generation(txn, self.db.sys_db)
        if stored != self._followed:
            with self._lock:
                self._generation += 1
                self._cache.clear()
                self._followed = stored
