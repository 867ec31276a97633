"""TransactWriteItems: up to 100 Put / Update / Delete / ConditionCheck actions across tables,
all or nothing (engine/transactions.py), with ClientRequestToken idempotency.

Order of checks (AWS captures, paritysuite/dynamodb-conformance tier3 transactions; DynamoDB
Local where they say nothing): the request's shapes; then action by action, from the request
alone, exactly one member, then a Put's item (older layer: top-level names, nesting, the rest),
its size and its expressions, or an action's expressions and then its key, all bare; the 4 MB
aggregate of the Put items; then action by action the table
(ResourceNotFoundException) and the key against its schema (an empty key value is a request
error, a mismatch the action's ValidationError reason); then two actions on one item.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from ddbserver.api import expressions, transact
from ddbserver.api.context import Context
from ddbserver.api.items import table_of
from ddbserver.engine import indexes, item_collections, keys, values
from ddbserver.engine.transactions import Action, Token, TransactWriteOp, capacity_of, check_unique
from ddbserver.errors import DynamoError, validation

Item = dict[str, Any]

MEMBERS = ("ConditionCheck", "Put", "Delete", "Update")
NO_MEMBER = "Invalid Request: TransactWriteRequest should contain Delete or Put or Update request"
SEVERAL_MEMBERS = "TransactItems can only contain one of Check, Put, Update or Delete"
MAX_PAYLOAD = 4 * 1024 * 1024
PAYLOAD_TOO_LARGE = "Transaction payload size cannot exceed 4MB. Payload Size: {size}"
# Without UpdateItem's "expression size: <n>" (AWS, paritysuite validation-ordering/deepRequests).
UPDATE_TOO_LARGE = "Invalid UpdateExpression: Expression size has exceeded the maximum allowed size;"


@dataclass(frozen=True, slots=True)
class _Request:
    """One action as the request alone describes it."""

    kind: str
    spec: dict[str, Any]
    item: Item           # Put: the item; others: the key
    size: int            # Put: the item's size
    prepared: expressions.Prepared


def _read(entry: dict[str, Any]) -> _Request:
    """One action from the request alone. A Put's item: its top-level names, its nesting, then
    the rest; a key is read after the action's expressions (AWS, paritysuite
    dynamodb-conformance validation-ordering/deepRequests)."""
    kind, spec = transact.member_of(entry or {}, MEMBERS, NO_MEMBER, SEVERAL_MEMBERS)
    if kind == "Put":
        raw = spec.get("Item") or {}
        if isinstance(raw, dict) and "" in raw:
            raise validation(values.EMPTY_NAME)
        values.check_nesting(raw)
        item = values.check_item(raw, older=True)
        size = values.check_item_size(item)
        prepared = _prepare(spec, kind)
    else:
        prepared = _prepare(spec, kind)
        item, size = values.check_item(spec.get("Key") or {}, older=True), 0
    return _Request(kind, spec, item, size, prepared)


def _prepare(spec: dict[str, Any], kind: str) -> expressions.Prepared:
    try:
        return expressions.prepare(spec, condition=True, update=kind == "Update", older_value_layer=True)
    except DynamoError as err:
        if (err.message or "").startswith(UPDATE_TOO_LARGE):  # a transaction does not give the size
            raise validation(UPDATE_TOO_LARGE) from None
        raise


def _action(ctx: Context, req: _Request) -> Action:
    """The request's action against its table; schema mismatches become the action's reason."""
    table = table_of(ctx, req.spec)
    return_old = req.spec.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD"
    invalid: DynamoError | None
    if req.kind == "Put":
        invalid = _check_put(table, req.item)
        key = {n: req.item[n] for n in table.key.names if n in req.item}
    else:
        key = req.item
        invalid = transact.check_key(table, key)
        if invalid is None and req.kind == "Update":
            invalid = _key_update(req, table.key.names)
    if invalid is not None:
        return Action(req.kind, table, key, b"", invalid=invalid)
    kb = keys.item_key(table.id, table.key, key)
    p = req.prepared
    if req.kind == "Put":
        return Action("Put", table, key, kb, item=req.item, size=req.size, condition=p.condition,
                      return_old_on_fail=return_old)
    if req.kind == "Update":
        update = indexes.nested_guard(p.update or _unchanged, table.indexes, p.nested)
        return Action("Update", table, key, kb, update=update, condition=p.condition,
                      return_old_on_fail=return_old)
    return Action(req.kind, table, key, kb, condition=p.condition, return_old_on_fail=return_old)


def _check_put(table: Any, item: Item) -> DynamoError | None:
    try:
        values.check_key_values(table.key, item)
        if table.indexes:
            indexes.check_item(table.indexes, item)
    except DynamoError as err:
        if not transact.schema_error(err):
            raise
        return err
    return None


def _key_update(req: _Request, key_names: tuple[str, ...]) -> DynamoError | None:
    try:
        expressions.check_key_update(req.prepared, key_names)
    except DynamoError as err:
        return err
    return None


def _unchanged(item: Item) -> Item:
    return item


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    requests = [_read(entry) for entry in body.get("TransactItems") or []]
    payload = sum(r.size for r in requests)
    if payload > MAX_PAYLOAD:
        raise validation(PAYLOAD_TOO_LARGE.format(size=payload))
    actions = tuple(_action(ctx, r) for r in requests)
    check_unique(actions)
    token = body.get("ClientRequestToken")
    op = TransactWriteOp(actions, Token(token, transact.digest(body), time.time()) if token else None)
    result = await ctx.db.write(op)
    out: dict[str, Any] = {}
    consumed = capacity_of(result.costs, body.get("ReturnConsumedCapacity"), result.replayed)
    if consumed:
        out["ConsumedCapacity"] = consumed
    metrics = _collection_metrics(ctx, actions, body.get("ReturnItemCollectionMetrics"))
    if metrics:
        out["ItemCollectionMetrics"] = metrics
    return out


def _collection_metrics(ctx: Context, actions: tuple[Action, ...], mode: str | None) -> dict[str, Any]:
    """ItemCollectionMetrics by table, for the written items of tables with local indexes."""
    out: dict[str, list[Any]] = {}
    for action in actions:
        if action.kind == "ConditionCheck":
            continue
        icm = item_collections.metrics(ctx.db, action.table, action.key, mode)
        if icm and icm not in out.setdefault(action.table.name, []):
            out[action.table.name].append(icm)
    return {name: entries for name, entries in out.items() if entries}

