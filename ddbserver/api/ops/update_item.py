"""UpdateItem: edit (or create) one item with an UpdateExpression, optionally under a condition."""

from __future__ import annotations

from typing import Any

from ddbserver.api import expressions
from ddbserver.api.context import Context
from ddbserver.api.items import key_for_table, request_checks, splice_item, table_of, with_extra
from ddbserver.engine import capacity, codec, indexes, item_collections, values
from ddbserver.engine.indexes import Index
from ddbserver.engine.writes import Update, UpdateOp
from ddbserver.errors import validation

RETURN_VALUES = ("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW")
Item = dict[str, Any]


def _unchanged(item: Item) -> Item:
    return item


def _index_checked(update: Update, table_indexes: tuple[Index, ...], nested: tuple[str, ...], legacy: bool) -> Update:
    """`update` with the table's index key checks, run where DynamoDB runs them: after the
    condition, before the 400 KB check. A nested path below an index key attribute is refused
    first; AttributeUpdates words an empty index key value as PutItem does (DynamoDB Local)."""
    guarded = indexes.nested_guard(update, table_indexes, nested)

    def apply(item: Item) -> Item:
        new = guarded(item)
        indexes.check_item(table_indexes, new, update=not legacy)
        return new

    return apply


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    with request_checks():  # what the request alone shows, inside AWS's validation envelope
        raw_key = values.check_item(body.get("Key") or {})
        mode = body.get("ReturnValues", "NONE")
        if mode not in RETURN_VALUES:
            raise validation("Return values set to invalid value")
        prepared = expressions.prepare(body, condition=True, update=True)
    table = table_of(ctx, body)
    key, key_bytes = key_for_table(table, raw_key)
    if "AttributeUpdates" in body:  # checked again with the key's names; a key attribute is reported bare
        prepared = expressions.prepare(body, condition=True, update=True, key_names=table.key.names)
    else:  # updating a key attribute is reported bare, after the table
        expressions.check_key_update(prepared, table.key.names)
    update = prepared.update or _unchanged
    if table.indexes:
        update = _index_checked(update, table.indexes, prepared.nested, "AttributeUpdates" in body)
    op = UpdateOp(
        table, key, key_bytes, update, prepared.condition,
        body.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD", charge=prepared.charge,
    )
    result = await ctx.db.write(op)
    sizes = [codec.size_of(b) for b in (result.old, result.new) if b is not None]
    units = capacity.write_units(max(sizes, default=0))
    extra: dict[str, Any] = {}
    cc = capacity.consumed_write(table.name, table.meta, units, body.get("ReturnConsumedCapacity"), result.old, result.new)
    if cc:
        extra["ConsumedCapacity"] = cc
    icm = item_collections.metrics(ctx.db, table, key, body.get("ReturnItemCollectionMetrics"))
    if icm:
        extra["ItemCollectionMetrics"] = icm
    if mode == "ALL_NEW" and result.new is not None:
        return with_extra(splice_item(result.new, "Attributes"), extra)
    if mode == "ALL_OLD" and result.old is not None:
        return with_extra(splice_item(result.old, "Attributes"), extra)
    if mode in ("UPDATED_OLD", "UPDATED_NEW") and prepared.updated is not None:
        stored = result.old if mode == "UPDATED_OLD" else result.new
        attributes = prepared.updated(codec.decode(stored)) if stored is not None else None
        if attributes:
            extra = {"Attributes": attributes, **extra}
    return extra
