"""Query: one partition's items in sort order, narrowed by the sort key condition, paged.

Order of checks: legacy and expression parameters mixed, the expressions (with their names and
values), Select, the key condition present; then the table and IndexName; then the key
condition against the schema, the filter's attributes and ExclusiveStartKey.
"""

from __future__ import annotations

from typing import Any

from ddbserver.api import expressions, pages
from ddbserver.api.context import Context
from ddbserver.api.items import table_of
from ddbserver.engine import keys, query
from ddbserver.engine.expr import legacy
from ddbserver.errors import validation

NO_KEY_CONDITION = "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request."
START_OTHER_PARTITION = "The provided starting key does not match the range key predicate"
START_OUTSIDE = "The provided starting key is outside query boundaries based on provided conditions"


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    legacy.check_not_mixed(body)
    prepared = expressions.prepare(body, key_condition=True, filter=True, projection=True)
    select = pages.check_select(body)
    if body.get("KeyConditionExpression") is None and body.get("KeyConditions") is None:
        raise validation(NO_KEY_CONDITION)
    table = table_of(ctx, body)
    pages.check_index(table, body)
    key_range = query.plan_query(table, prepared.key_condition, legacy=body.get("KeyConditionExpression") is None)
    pages.check_filter_keys(table, body)
    start = pages.start_key(table, body)
    after = None
    if start is not None:
        after = query.start_after(table, start)
        (pk_type, pk_value), = start[table.key.hash_name].items()
        if not after.startswith(keys.partition_prefix(table.id, pk_type, pk_value)) or \
                start[table.key.hash_name] != key_range.partition[table.key.hash_name]:
            raise validation(START_OTHER_PARTITION)
        if not key_range.low <= after < key_range.high:
            raise validation(START_OUTSIDE)
    page = query.read_page(ctx.db, table, key_range.low, key_range.high, after=after,
                           forward=body.get("ScanIndexForward") is not False, limit=body.get("Limit"),
                           filter=prepared.filter)
    return pages.render(table, page, select, prepared.projection, body.get("ConsistentRead") is True,
                        body.get("ReturnConsumedCapacity"))
