"""ExecuteTransaction: up to 100 PartiQL statements run all or nothing, either all reads (one
snapshot, like TransactGetItems) or all writes (one TransactWriteOp of engine/transactions.py,
like TransactWriteItems: INSERT a Put that must not find an item, UPDATE an Update of an item
that must exist, DELETE a Delete, `EXISTS(SELECT ...)` a ConditionCheck).

Messages as DynamoDB Local gives them (AWS captures where known): a statement's planning errors
are prefixed "Validation failed in TransactStatements[i]: "; a key of the wrong type and an
INSERT on an existing key are ValidationError cancellation reasons (the first key of the wrong
type cancels before anything is evaluated, every other reason "None"); a write transaction
answers an empty Responses list (AWS, paritysuite writeResponses captures).
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

import orjson

from ddbserver.api.context import Context
from ddbserver.api.ops import execute_statement
from ddbserver.engine import capacity, codec, keys
from ddbserver.engine.catalog import Table
from ddbserver.engine.expr.evaluate import compile_condition
from ddbserver.engine.partiql import plan
from ddbserver.engine.partiql import statements as st
from ddbserver.engine.transactions import (MULTIPLE_OPERATIONS, TRANSACTION_FACTOR, Action, Token, TransactWriteOp,
                                           capacity_of, check_unique, read_snapshot, split_capacity)
from ddbserver.engine.writes import PutOp, UpdateOp
from ddbserver.errors import DynamoError, transaction_canceled, validation

Item = dict[str, Any]

MIXED = "ExecuteTransaction API does not support both read and write operations in the same request."
FAILED_IN = "Validation failed in TransactStatements[{i}]: "
SELECT_NEEDS_KEY = "Select statements within ExecuteTransaction must specify the primary key in the where clause."
EXISTS_FORM = "EXISTS() must contain a single item read with additional condition"
INDEX_READ = "Reads on indices are not supported within transactions."
NO_RETURNING = "RETURNING clause is not supported in ExecuteTransaction."
MISMATCH = ("Specified idempotent token was used with different request parameters within the idempotency "
            "window")
# Found against the table's schema: a cancellation reason rather than an error of the request.
_REASON_MESSAGES = (plan.KEY_TYPE.split("{")[0], plan.KEY_ABSENT.split("{")[0])


def _key_error(err: DynamoError) -> bool:
    return err.type == "ValidationException" and (err.message or "").startswith(_REASON_MESSAGES)


def _action(table: Table, stmt: st.Statement, return_old: bool) -> Action:
    if isinstance(stmt, st.Exists):
        plan.check_condition(stmt.select.where)
        key, rest = plan.exact_key(table, stmt.select, EXISTS_FORM, extra=True)
        cond = compile_condition(plan.and_all(rest) or rest[0])
        return Action("ConditionCheck", table, key, keys.item_key(table.id, table.key, key), condition=cond,
                      return_old_on_fail=return_old)
    if isinstance(stmt, st.Insert):
        write = plan.plan_insert(table, stmt)
        assert isinstance(write.op, PutOp)
        op = write.op
        return Action("Put", table, op.key, op.key_bytes, item=op.item, size=op.size, condition=op.condition)
    if isinstance(stmt, st.Update):
        write = plan.plan_update(table, stmt, return_old)
        _no_returning(stmt)
        assert isinstance(write.op, UpdateOp)
        u = write.op
        return Action("Update", table, u.key, u.key_bytes, update=u.update, condition=u.condition,
                      return_old_on_fail=return_old)
    assert isinstance(stmt, st.Delete)
    d = plan.plan_delete(table, stmt, return_old).op
    _no_returning(stmt)
    return Action("Delete", table, d.key, d.key_bytes, condition=d.condition, return_old_on_fail=return_old)


def _no_returning(stmt: st.Update | st.Delete) -> None:
    """A RETURNING clause is refused once the statement's key is known good (AWS, Ketlark
    dynamodb-conformance tier3 partiql captures; a valid-for-DELETE check and key errors win)."""
    if stmt.returning is not None:
        raise validation(NO_RETURNING)


def _first_invalid(index: int, count: int, err: DynamoError | None) -> DynamoError:
    """A key of the wrong type cancels the transaction before anything is evaluated: its reason
    is the only one, every other statement's "None" (DynamoDB Local)."""
    reasons: list[dict[str, Any]] = [{"Code": "None"}] * count
    reasons[index] = {"Code": "ValidationError", "Message": err.message if err is not None else ""}
    return transaction_canceled(reasons)


def _invalid_action(table: Table, err: DynamoError) -> Action:
    return Action("ConditionCheck", table, {}, b"", invalid=err)


def digest(body: dict[str, Any]) -> str:
    """What a ClientRequestToken guards: the statements and their parameters."""
    text = orjson.dumps(body.get("TransactStatements"), option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(text).hexdigest()


async def _writes(ctx: Context, body: dict[str, Any], prepared: list[tuple[st.Statement, Table]]) -> Any:
    actions: list[Action] = []
    requests = body.get("TransactStatements") or []
    for i, ((stmt, table), request) in enumerate(zip(prepared, requests)):
        return_old = request.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD"
        try:
            actions.append(_action(table, stmt, return_old))
        except DynamoError as err:
            if _key_error(err):
                actions.append(_invalid_action(table, err))
            elif err.message == plan.NO_KEY_EQUALITY:  # DynamoDB Local's answer, kept
                raise DynamoError("TransactionCanceledException", "ValidationError " + err.message) from None
            elif err.type == "ValidationException":
                raise err.with_prefix(FAILED_IN.format(i=i)) from None
            else:
                raise
    check_unique(actions)
    first = next((i for i, a in enumerate(actions) if a.invalid is not None), None)
    if first is not None:
        raise _first_invalid(first, len(actions), actions[first].invalid)
    token = body.get("ClientRequestToken")
    op = TransactWriteOp(tuple(actions), Token(token, digest(body), time.time()) if token else None)
    try:
        result = await ctx.db.write(op)
    except DynamoError as err:
        if err.type == "IdempotentParameterMismatchException":
            raise DynamoError(err.type, MISMATCH) from None
        if err.type == "TransactionCanceledException":
            raise _inserts_duplicate(err, prepared) from None
        raise
    out: dict[str, Any] = {"Responses": []}
    consumed = capacity_of(result.costs, body.get("ReturnConsumedCapacity"), result.replayed)
    if consumed:
        out["ConsumedCapacity"] = consumed
    return out


def _inserts_duplicate(err: DynamoError, prepared: list[tuple[st.Statement, Table]]) -> DynamoError:
    """An INSERT that found its item is a ValidationError reason "Duplicate primary key exists
    in table" (DynamoDB Local), not a failed condition."""
    reasons = list((err.extra or {}).get("CancellationReasons") or [])
    for i, (stmt, _) in enumerate(prepared):
        if isinstance(stmt, st.Insert) and i < len(reasons) and reasons[i].get("Code") == "ConditionalCheckFailed":
            reasons[i] = {"Code": "ValidationError", "Message": execute_statement.DUPLICATE}
    return transaction_canceled(reasons)


def _reads(ctx: Context, body: dict[str, Any], prepared: list[tuple[st.Statement, Table]]) -> Any:
    keys_: list[bytes] = []
    for i, (stmt, table) in enumerate(prepared):
        assert isinstance(stmt, st.Select)
        if stmt.index is not None:
            raise validation(FAILED_IN.format(i=i) + INDEX_READ)
        try:
            key, _ = plan.exact_key(table, stmt, SELECT_NEEDS_KEY, extra=False)
        except DynamoError as err:
            if not _key_error(err):
                raise err.with_prefix(FAILED_IN.format(i=i)) from None
            raise _first_invalid(i, len(prepared), err) from None
        keys_.append(keys.item_key(table.id, table.key, key))
    if len(set(keys_)) < len(keys_):
        raise validation(MULTIPLE_OPERATIONS)
    stored = read_snapshot(ctx.db, keys_)
    responses: list[dict[str, Any]] = []
    units: dict[str, float] = {}
    for (stmt, table), found in zip(prepared, stored):
        assert isinstance(stmt, st.Select)
        size = codec.size_of(found) if found is not None else 0
        units[table.name] = units.get(table.name, 0.0) + TRANSACTION_FACTOR * capacity.read_units(size, True)
        if found is None:
            responses.append({})
            continue
        item = codec.decode(found)
        responses.append({"Item": plan.project(stmt.projection)(item) if stmt.projection is not None else item})
    out: dict[str, Any] = {"Responses": responses}
    mode = body.get("ReturnConsumedCapacity")
    if mode in ("TOTAL", "INDEXES"):
        out["ConsumedCapacity"] = [split_capacity(name, u, "ReadCapacityUnits", mode) for name, u in units.items()]
    return out


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    prepared = [execute_statement.prepare(ctx, r["Statement"], r.get("Parameters"))
                for r in body.get("TransactStatements") or []]
    kinds = {isinstance(stmt, st.Select) for stmt, _ in prepared}
    if len(kinds) > 1:
        raise validation(MIXED)
    if kinds == {True}:
        return _reads(ctx, body, prepared)
    return await _writes(ctx, body, prepared)
