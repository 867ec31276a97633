"""BatchExecuteStatement: up to 25 PartiQL statements, all reads (single-item SELECTs, like
BatchGetItem) or all writes (INSERT / UPDATE / DELETE, like BatchWriteItem with conditions).

Each statement succeeds or fails on its own: a failure is reported in its Responses slot as
Error {Code, Message} with DynamoDB's short codes (ValidationError, ConditionalCheckFailed,
DuplicateItem, ResourceNotFound), and carries TableName only when the statement reached its
table's data (AWS captures, nubo-db/dynamodb-conformance batchExecuteStatement tests). Reads and
writes together, or two statements on one item, refuse the whole request.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ddbserver.api.context import Context
from ddbserver.api.ops import execute_statement
from ddbserver.engine import capacity, codec, keys, reads
from ddbserver.engine.catalog import Table
from ddbserver.engine.partiql import plan
from ddbserver.engine.partiql import statements as st
from ddbserver.engine.partiql.parser import parse
from ddbserver.errors import DynamoError, validation

Item = dict[str, Any]

MIXED = "Read and write requests together in the same batch is not supported."
DUPLICATES = "Provided list of item keys contains duplicates"
SELECT_NEEDS_KEY = "Select statements within BatchExecuteStatement must specify the primary key in the where clause."
# DynamoError type -> the short code a Responses slot carries
CODES = {
    "ValidationException": "ValidationError",
    "ConditionalCheckFailedException": "ConditionalCheckFailed",
    "DuplicateItemException": "DuplicateItem",
    "ResourceNotFoundException": "ResourceNotFound",
    "TransactionConflictException": "TransactionConflict",
    "ProvisionedThroughputExceededException": "ProvisionedThroughputExceeded",
    "RequestLimitExceeded": "RequestLimitExceeded",
    "ItemCollectionSizeLimitExceededException": "ItemCollectionSizeLimitExceeded",
}


def slot_error(err: DynamoError, table: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"Error": {"Code": CODES.get(err.type, "InternalServerError"), "Message": err.message or ""}}
    if table is not None:
        out["TableName"] = table
    return out


@dataclass(slots=True)
class _Entry:
    request: dict[str, Any]
    stmt: st.Statement | None = None
    table: Table | None = None
    key: Item | None = None
    error: dict[str, Any] | None = None


def single_item_key(table: Table, stmt: st.Select) -> Item:
    """The key of a batch SELECT: its WHERE must be exactly an equality on each key attribute
    of the table (no index, no other terms)."""
    plan.source_of(table, stmt.index)  # a multi-attribute index is refused first
    return plan.exact_key(table, stmt, SELECT_NEEDS_KEY, extra=False)[0]


def _prepare(ctx: Context, entry: _Entry) -> None:
    try:
        entry.stmt, entry.table = execute_statement.prepare(
            ctx, entry.request["Statement"], entry.request.get("Parameters"))
        if isinstance(entry.stmt, st.Exists):
            raise validation(execute_statement.EXISTS_OUTSIDE)
        if isinstance(entry.stmt, st.Select):
            entry.key = single_item_key(entry.table, entry.stmt)
            if entry.stmt.projection is not None:
                plan.project(entry.stmt.projection)
        elif isinstance(entry.stmt, st.Insert):
            entry.key = {n: entry.stmt.item.get(n) for n in entry.table.key.names}
        else:
            entry.key = plan.key_of_where(entry.table, entry.stmt.where)[0]
    except DynamoError as err:
        entry.error = slot_error(err)
        if entry.stmt is None:  # a statement refused after it parsed still makes the batch a read or a write
            entry.stmt = _parsed(entry.request)


def _parsed(request: dict[str, Any]) -> st.Statement | None:
    try:
        return parse(request["Statement"], execute_statement.parameters(request.get("Parameters")))
    except DynamoError:
        return None


def _check_batch(entries: list[_Entry]) -> None:
    kinds = {isinstance(e.stmt, st.Select) for e in entries if e.stmt is not None}
    if len(kinds) > 1:
        raise validation(MIXED)
    seen: set[tuple[str, bytes]] = set()
    for e in entries:
        if e.error is not None or e.table is None or e.key is None or any(v is None for v in e.key.values()):
            continue
        try:
            ident = (e.table.name, keys.item_key(e.table.id, e.table.key, e.key))
        except (KeyError, TypeError, ValueError):
            continue
        if ident in seen:
            raise validation(DUPLICATES)
        seen.add(ident)


Consumed = dict[str, dict[str, Any]]  # table name -> its ConsumedCapacity so far


def _add(consumed: Consumed, entry: dict[str, Any] | None) -> None:
    """Sum one statement's ConsumedCapacity into its table's (units at every level)."""
    if entry is None:
        return
    total = consumed.setdefault(entry["TableName"], {"TableName": entry["TableName"]})
    _sum(total, entry)


def _sum(into: dict[str, Any], part: dict[str, Any]) -> None:
    for k, v in part.items():
        if isinstance(v, dict):
            _sum(into.setdefault(k, {}), v)
        elif isinstance(v, float):
            into[k] = into.get(k, 0.0) + v


def _read(ctx: Context, entry: _Entry, units: Consumed, mode: str | None) -> dict[str, Any]:
    table, stmt, key = entry.table, entry.stmt, entry.key
    assert table is not None and isinstance(stmt, st.Select) and key is not None
    stored = reads.get_stored(ctx.db, keys.item_key(table.id, table.key, key))
    consistent = entry.request.get("ConsistentRead") is True
    _add(units, capacity.consumed(table.name, capacity.read_units(codec.size_of(stored) if stored else 0, consistent),
                                  mode))
    out: dict[str, Any] = {"TableName": table.name}
    if stored is not None:
        item = codec.decode(stored)
        out["Item"] = plan.project(stmt.projection)(item) if stmt.projection is not None else item
    return out


async def _write(ctx: Context, entry: _Entry, units: Consumed, mode: str | None) -> dict[str, Any]:
    table, stmt = entry.table, entry.stmt
    assert table is not None and stmt is not None
    try:
        # ReturnValuesOnConditionCheckFailure is inert on a batch member (AWS)
        outcome = await execute_statement.run_write(ctx, table, stmt, {"ReturnConsumedCapacity": mode})
    except DynamoError as err:
        reached = err.type in ("ConditionalCheckFailedException", "DuplicateItemException")
        return slot_error(err, table.name if reached else None)
    _add(units, outcome.consumed)
    out: dict[str, Any] = {"TableName": table.name}
    if outcome.items:
        out["Item"] = outcome.items[0]
    return out


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    entries = [_Entry(request) for request in body.get("Statements") or []]
    for entry in entries:
        _prepare(ctx, entry)
    _check_batch(entries)
    units: Consumed = {}
    mode = body.get("ReturnConsumedCapacity")
    responses: list[dict[str, Any]] = []
    for entry in entries:
        if entry.error is not None:
            responses.append(entry.error)
        elif isinstance(entry.stmt, st.Select):
            responses.append(_read(ctx, entry, units, mode))
        else:
            responses.append(await _write(ctx, entry, units, mode))
    out: dict[str, Any] = {"Responses": responses}
    if mode in ("TOTAL", "INDEXES"):
        out["ConsumedCapacity"] = list(units.values())
    return out
