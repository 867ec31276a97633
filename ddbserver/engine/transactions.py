"""Transactions: TransactWriteItems as one writer operation, TransactGetItems as one snapshot,
and ClientRequestToken idempotency.

## Guarantees

- All or nothing. A TransactWriteOp is one operation of the writer (writer.py): its `apply`
  evaluates every action against the current state, writes the accepted changes through the
  Store (item, index entries, one change-log record per item changed), and raises when any
  action is refused. The writer then aborts the operation's (nested) transaction: nothing of it
  is stored, not even its counters or change-log sequence numbers.
- Serializable. There is one writer thread and it runs operations one after another, so a
  transaction sees every write committed before it and none made after it; no two transactions
  interleave. A reader (TransactGetItems, GetItem, a Query or Scan page) reads one LMDB
  snapshot and so sees a transaction entirely or not at all.
- TransactionConflictException is never reported: nothing runs concurrently with a transaction,
  so no conflict can arise (DynamoDB reports it when another transaction or a non-transactional
  write touches the same item in flight). TransactionInProgressException likewise never occurs.

## Building a transaction from prepared actions (e.g. PartiQL's ExecuteTransaction)

Everything that depends on the request alone is checked before the transaction, by the caller:

    actions = (
        Action("Put", table, key, key_bytes, item=item, size=size, condition=cond),
        Action("Update", table, key, key_bytes, update=fn, condition=cond, return_old_on_fail=True),
        Action("Delete", table, key, key_bytes),
        Action("ConditionCheck", table, key, key_bytes, condition=cond),
        Action("Delete", table, key, key_bytes, invalid=err),   # refused against the schema
    )
    check_unique(actions)                  # "multiple operations on one item"
    token = Token(client_token, digest_of_request, time.time()) if client_token else None
    result = await db.write(TransactWriteOp(actions, token))
    consumed = capacity_of(result.costs, body.get("ReturnConsumedCapacity"), result.replayed)

`condition` and `update` are the closures api/expressions.prepare compiles (one evaluation
path for PutItem and for transactions). An action whose key or item failed a check against the
table's schema carries that error as `invalid`: it becomes the action's ValidationError
cancellation reason, and the other actions are still evaluated so that every reason is known.
`apply` raises errors.transaction_canceled(reasons) (reasons in action order, as
`Reason.wire()` dicts) or, for an update that cannot apply to the stored item (an operand of
the wrong type, a path that does not exist) or sets an index key to an empty value, that
ValidationException itself: DynamoDB reports those for the whole request rather than as a
reason (AWS captures, Ketlark/dynamodb-conformance transactIndexKeys). A write that would grow
an item collection past its limit (store.py) is the ItemCollectionSizeLimitExceeded reason.
The result's `costs` give each action's capacity (`capacity_of` renders ConsumedCapacity). Like every writer operation, `apply` may run
twice (the writer reruns a batch in nested transactions when one operation raises, or after
growing the map); it reads everything from the store, so a rerun gives the same answer.
api/ops/transact_write_items.py is the reference caller.

TransactGetItems: `read_snapshot(db, gets)` reads every (items key) in one read transaction.

## ClientRequestToken

A transaction with a token first looks the token up in `sys` (TOKEN_PREFIX + token ->
version 1 JSON {"d": request digest hex, "t": unix time, "c": costs}). Within TOKEN_TTL_S of
the first success: the same digest returns the stored result without writing (`replayed`,
charged as reads, as DynamoDB does); another digest raises IdempotentParameterMismatch.
A cancelled transaction stores nothing (a retry runs again, as DynamoDB Local does). The
record is written in the same LMDB transaction as the writes, so it survives a restart
exactly when they do. Expired records are purged lazily: every transaction with a token
deletes up to PURGE_BATCH expired ones, found through an expiry index
(EXPIRY_PREFIX + 8-byte time + token -> b"").
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

import orjson

from ddbserver.engine import capacity, codec, indexes
from ddbserver.engine.catalog import Table
from ddbserver.engine.store import Store
from ddbserver.engine.writes import Condition, Update, check_condition, check_updated
from ddbserver.errors import DynamoError, idempotent_mismatch, transaction_canceled, validation

if TYPE_CHECKING:
    from ddbserver.engine.database import Database

Item = dict[str, Any]

KINDS = ("Put", "Update", "Delete", "ConditionCheck")
MULTIPLE_OPERATIONS = "Transaction request cannot include multiple operations on one item"
CONDITION_FAILED = "The conditional request failed"
# DynamoDB Local ends a ConditionCheck's reason with a period (a Put/Update/Delete's has none);
# no AWS capture of a ConditionCheck's reason is known, so Local's text is kept.
CONDITION_CHECK_FAILED = "The conditional request failed."
COLLECTION_TOO_LARGE = "ItemCollectionSizeLimitExceededException"  # a reason "ItemCollectionSizeLimitExceeded"
TRANSACTION_FACTOR = 2.0  # a transactional read or write costs twice the plain one

TOKEN_PREFIX = b"token:"
EXPIRY_PREFIX = b"tokenexp:"
TOKEN_TTL_S = 600.0
PURGE_BATCH = 8
TOKEN_VERSION = 1
_TIME = struct.Struct(">Q")


# ---- actions, reasons, results ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Action:
    """One action of a write transaction, prepared before it runs."""

    kind: str                            # one of KINDS
    table: Table
    key: Item
    key_bytes: bytes
    item: Item | None = None             # Put: the new item
    size: int = 0                        # Put: its size
    update: Update | None = None         # Update: old item (or the key) -> new item
    condition: Condition | None = None
    return_old_on_fail: bool = False     # ReturnValuesOnConditionCheckFailure=ALL_OLD
    invalid: DynamoError | None = None   # refused against the table's schema: a ValidationError reason


@dataclass(frozen=True, slots=True)
class Reason:
    """One CancellationReasons entry."""

    code: str = "None"
    message: str | None = None
    item: Item | None = None

    def wire(self) -> dict[str, Any]:
        out: dict[str, Any] = {"Code": self.code}
        if self.message is not None:
            out["Message"] = self.message
        if self.item is not None:
            out["Item"] = self.item
        return out


NO_REASON = Reason()


@dataclass(frozen=True, slots=True)
class Cost:
    """What one action consumed: transactional write units of the table and of each index
    (already doubled), and the item size a replay is charged reads for."""

    table: str
    units: float
    size: int
    global_indexes: dict[str, float] = field(default_factory=dict)
    local_indexes: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> list[Any]:
        return [self.table, self.units, self.size, self.global_indexes, self.local_indexes]

    @staticmethod
    def from_json(raw: list[Any]) -> "Cost":
        return Cost(raw[0], float(raw[1]), int(raw[2]), dict(raw[3]), dict(raw[4]))


@dataclass(frozen=True, slots=True)
class TransactResult:
    costs: tuple[Cost, ...]
    replayed: bool = False  # answered from the ClientRequestToken record; nothing was written


@dataclass(frozen=True, slots=True)
class Token:
    """A ClientRequestToken, the digest of the request it came with, and the request's time."""

    token: str
    digest: str
    now: float


def check_unique(actions: Iterable[Action]) -> None:
    """No two actions may target the same item (same table, same key)."""
    seen: set[bytes] = set()
    for action in actions:
        if action.invalid is not None:
            continue
        if action.key_bytes in seen:
            raise validation(MULTIPLE_OPERATIONS)
        seen.add(action.key_bytes)


# ---- the write transaction --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TransactWriteOp:
    actions: tuple[Action, ...]
    token: Token | None = None
    origin: str = "user"

    def apply(self, store: Store) -> TransactResult:
        if self.token is not None:
            stored = _lookup(store, self.token)
            if stored is not None:
                return stored
        reasons: list[Reason] = []
        costs: list[Cost] = []
        for action in self.actions:
            reason, cost = self._run(store, action)
            reasons.append(reason)
            costs.append(cost)
        if any(r is not NO_REASON for r in reasons):
            raise transaction_canceled([r.wire() for r in reasons])  # the writer undoes the writes
        result = TransactResult(tuple(costs))
        if self.token is not None:
            _remember(store, self.token, result)
        return result

    def _run(self, store: Store, action: Action) -> tuple[Reason, Cost]:
        """Evaluate one action and write its change (undone if the transaction is cancelled).
        Errors that are no cancellation reason (an update against the stored item) raise."""
        if action.invalid is not None:
            return Reason("ValidationError", action.invalid.message), Cost(action.table.name, 0.0, 0)
        table = action.table
        old = store.get(table, action.key_bytes)
        try:
            old_item = check_condition(action.condition, old, action.return_old_on_fail)
        except DynamoError as err:
            failed = CONDITION_CHECK_FAILED if action.kind == "ConditionCheck" else CONDITION_FAILED
            item = (err.extra or {}).get("Item")
            return Reason("ConditionalCheckFailed", failed, item), Cost(table.name, 0.0, 0)
        new: bytes | None = None
        new_item: Item | None = None
        try:
            if action.kind == "Put":
                assert action.item is not None
                new_item = action.item
                new = store.put(table, action.key, action.key_bytes, old, new_item, action.size, self.origin)
            elif action.kind == "Update":
                assert action.update is not None
                new_item = action.update(old_item if old_item is not None else dict(action.key))
                try:
                    size = check_updated(table, new_item)
                except DynamoError as err:
                    if indexes.request_level(err):  # an empty or oversized index key fails the request
                        raise
                    return Reason("ValidationError", err.message), Cost(table.name, 0.0, 0)
                new = store.put(table, action.key, action.key_bytes, old, new_item, size, self.origin)
        except DynamoError as err:  # the write would grow an item collection past its limit (store.py)
            if err.type != COLLECTION_TOO_LARGE:
                raise
            return Reason("ItemCollectionSizeLimitExceeded", err.message), Cost(table.name, 0.0, 0)
        if action.kind == "Delete" and old is not None:
            store.delete(table, action.key, action.key_bytes, old, self.origin)
        return NO_REASON, _cost(table, action.kind, old, old_item, new, new_item)


def _cost(table: Table, kind: str, old: bytes | None, old_item: Item | None, new: bytes | None,
          new_item: Item | None) -> Cost:
    """A transactional write costs twice a plain one; a ConditionCheck is charged as a write of
    the item it read (AWS: 2 WCU for a small item, martinhicks.dev's 2026 measurements)."""
    size = max(codec.size_of(old) if old is not None else 0, codec.size_of(new) if new is not None else 0)
    units = TRANSACTION_FACTOR * capacity.write_units(size)
    if kind == "ConditionCheck" or not table.indexes:
        return Cost(table.name, units, size)
    if old_item is None and old is not None:
        old_item = codec.decode(old)
    gsi, lsi = capacity.index_writes(table.meta, old_item, new_item)
    return Cost(table.name, units, size, {n: TRANSACTION_FACTOR * u for n, u in gsi.items()},
                {n: TRANSACTION_FACTOR * u for n, u in lsi.items()})


# ---- ClientRequestToken records ---------------------------------------------------------------


def _lookup(store: Store, token: Token) -> TransactResult | None:
    """The stored result of `token` if still valid and for the same request; raises on a
    different request; None when there is none (or it expired)."""
    raw = store.txn.get(TOKEN_PREFIX + token.token.encode(), db=store.db.sys_db)
    if raw is None:
        return None
    record = orjson.loads(raw)
    if token.now - float(record["t"]) >= TOKEN_TTL_S:
        return None
    if record["d"] != token.digest:
        raise idempotent_mismatch()
    return TransactResult(tuple(Cost.from_json(c) for c in record["c"]), replayed=True)


def _remember(store: Store, token: Token, result: TransactResult) -> None:
    txn, sys_db = store.txn, store.db.sys_db
    name = token.token.encode()
    previous = txn.get(TOKEN_PREFIX + name, db=sys_db)
    if previous is not None:  # an expired record of the same token: drop its expiry entry
        txn.delete(_expiry_key(float(orjson.loads(previous)["t"]), name), db=sys_db)
    record = {"v": TOKEN_VERSION, "d": token.digest, "t": token.now, "c": [c.to_json() for c in result.costs]}
    txn.put(TOKEN_PREFIX + name, orjson.dumps(record), db=sys_db)
    txn.put(_expiry_key(token.now, name), b"", db=sys_db)
    purge_expired(store, token.now)


def _expiry_key(when: float, name: bytes) -> bytes:
    return EXPIRY_PREFIX + _TIME.pack(int(when * 1000)) + name


def purge_expired(store: Store, now: float, limit: int = PURGE_BATCH) -> int:
    """Delete up to `limit` token records older than TOKEN_TTL_S; how many were deleted."""
    txn, sys_db = store.txn, store.db.sys_db
    cutoff = _TIME.pack(int((now - TOKEN_TTL_S) * 1000))
    cursor = txn.cursor(db=sys_db)
    gone: list[bytes] = []
    if cursor.set_range(EXPIRY_PREFIX):
        for key in cursor.iternext(values=False):
            key = bytes(key)
            if not key.startswith(EXPIRY_PREFIX) or len(gone) >= limit:
                break
            stamp = key[len(EXPIRY_PREFIX):len(EXPIRY_PREFIX) + _TIME.size]
            if stamp >= cutoff:
                break
            gone.append(key)
    for key in gone:
        txn.delete(key, db=sys_db)
        txn.delete(TOKEN_PREFIX + key[len(EXPIRY_PREFIX) + _TIME.size:], db=sys_db)
    return len(gone)


def token_count(txn: Any, sys_db: Any) -> int:
    """How many token records exist (for tests and diagnostics)."""
    cursor = txn.cursor(db=sys_db)
    n = 0
    if cursor.set_range(TOKEN_PREFIX):
        for key in cursor.iternext(values=False):
            if not bytes(key).startswith(TOKEN_PREFIX):
                break
            n += 1
    return n


# ---- capacity ---------------------------------------------------------------------------------


def capacity_of(costs: Sequence[Cost], mode: str | None, replayed: bool = False) -> list[dict[str, Any]] | None:
    """TransactWriteItems' ConsumedCapacity: one entry per table in request order, the total
    with its WriteCapacityUnits (ReadCapacityUnits for a replayed token: DynamoDB charges the
    read of the stored result, two units per item), and under INDEXES the table's and each
    index's share."""
    if mode not in ("TOTAL", "INDEXES"):
        return None
    member = "ReadCapacityUnits" if replayed else "WriteCapacityUnits"
    tables: dict[str, list[Cost]] = {}
    for cost in costs:
        tables.setdefault(cost.table, []).append(cost)
    out = []
    for name, parts in tables.items():
        if replayed:
            own = sum(TRANSACTION_FACTOR * capacity.read_units(c.size, True) for c in parts)
            gsi: dict[str, float] = {}
            lsi: dict[str, float] = {}
        else:
            own = sum(c.units for c in parts)
            gsi = _sum_shares(c.global_indexes for c in parts)
            lsi = _sum_shares(c.local_indexes for c in parts)
        out.append(split_capacity(name, own, member, mode, gsi, lsi))
    return out


def split_capacity(table: str, own: float, member: str, mode: str, gsi: dict[str, float] | None = None,
                   lsi: dict[str, float] | None = None) -> dict[str, Any]:
    """One table's ConsumedCapacity with the Read/WriteCapacityUnits split transactions report."""
    total = own + sum((gsi or {}).values()) + sum((lsi or {}).values())
    entry: dict[str, Any] = {"TableName": table, "CapacityUnits": total, member: total}
    if mode == "INDEXES":
        entry["Table"] = {"CapacityUnits": own, member: own}
        if lsi:
            entry["LocalSecondaryIndexes"] = {n: {"CapacityUnits": u, member: u} for n, u in lsi.items()}
        if gsi:
            entry["GlobalSecondaryIndexes"] = {n: {"CapacityUnits": u, member: u} for n, u in gsi.items()}
    return entry


def _sum_shares(shares: Iterable[dict[str, float]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for part in shares:
        for name, units in part.items():
            out[name] = out.get(name, 0.0) + units
    return out


# ---- TransactGetItems -------------------------------------------------------------------------


def read_snapshot(db: "Database", keys: Sequence[bytes]) -> list[bytes | None]:
    """The stored bytes of every key (None when absent), all from one read transaction: one
    consistent snapshot, never half of a write transaction."""
    with db.read() as txn:
        items_db = db.items_db
        return [cast("bytes | None", txn.get(k, db=items_db)) for k in keys]
