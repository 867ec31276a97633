"""Query: one partition's items in sort order, narrowed by the sort key condition, paged.

Order of checks (DynamoDB's, as recorded against AWS by dynalite's suite): legacy and expression
parameters mixed, the expressions (with their names and values), Select, the key condition's
form, ExclusiveStartKey's values; then the table and IndexName; then ExclusiveStartKey against
the schema, the key condition against the schema, the filter's attributes, and whether the start
key lies inside the query. Paths into key attributes are refused first (pages.check_key_paths).
On an index (DynamoDB Local 3.3.0's order): the key condition against
the index's key, then ExclusiveStartKey, the filter's attributes (keys, then what the index
projects), what the response asks of the index (pages.fetch_of), the start key's place.
"""

from __future__ import annotations

from typing import Any

from ddbserver.api import expressions, pages
from ddbserver.api.context import Context
from ddbserver.api.items import table_of
from ddbserver.engine import query
from ddbserver.engine.catalog import Table
from ddbserver.engine.expr import legacy
from ddbserver.engine.expr.parser import FILTER, KEY_CONDITION, PROJECTION
from ddbserver.engine.indexes import Index
from ddbserver.errors import validation

NO_KEY_CONDITION = "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request."
# ExclusiveStartKey outside the query (texts as AWS words them, recorded by dynalite's tests)
START_NOT_IN_RANGE = "The provided starting key does not match the range key predicate"
START_OTHER_PARTITION = "The provided starting key is outside query boundaries based on provided conditions"
START_ONE_ROW = "The query can return at most one row and cannot be restarted"
# AWS refuses legacy KeyConditions on a multi-attribute GSI key (ScyllaDB's AWS-run
# test_gsi_composite_keys.py; DynamoDB Local accepts them). AWS's text is not known: ours.
LEGACY_MULTI_KEY = "KeyConditions cannot be used with a multi-attribute index key; use KeyConditionExpression"


def _resume_point(table: Table, index: Index | None, key_range: query.KeyRange, start: dict[str, Any]) -> bytes:
    """The item (or index entry) key to resume after: the start key's sort key must satisfy the
    sort condition (checked first), and its partition must be the query's."""
    ours = query.start_after(table, {**start, **key_range.partition}, index)
    if key_range.sorted and not key_range.low <= ours < key_range.high:
        raise validation(START_NOT_IN_RANGE)
    if any(start[name] != value for name, value in key_range.partition.items()):
        raise validation(START_ONE_ROW if key_range.sorted else START_OTHER_PARTITION)
    return ours


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    legacy.check_not_mixed(body, (KEY_CONDITION, FILTER, PROJECTION))
    prepared = expressions.prepare(body, key_condition=True, filter=True, projection=True)
    select = pages.check_select(body, pages.QUERY_SPECIFIC_WITHOUT)
    if body.get("KeyConditionExpression") is None and body.get("KeyConditions") is None:
        raise validation(NO_KEY_CONDITION)
    legacy_keys = body.get("KeyConditionExpression") is None
    leaves = query.check_key_condition(prepared.key_condition, legacy=legacy_keys)
    start_values = pages.start_values(body)
    table = table_of(ctx, body)
    index = pages.index_of(table, body)
    pages.check_key_paths(table, body)
    if index is None:
        start = pages.start_key(table, start_values)
        key_range = query.plan_query(table, leaves, legacy_keys)
        pages.check_filter_keys(table.key.names, body)
    else:
        if body.get("KeyConditionExpression") is None and query.multi_attribute(index):
            raise validation(LEGACY_MULTI_KEY)
        key_range = query.plan_query(index, leaves, legacy_keys)
        start = pages.start_key(table, start_values, index=index)
        pages.check_filter_keys(index.key_names, body)
        pages.check_filter_projected(index, body)
    fetch = pages.fetch_of(table, index, body)
    after = _resume_point(table, index, key_range, start) if start is not None else None
    page = query.read_page(ctx.db, index or table, key_range.low, key_range.high, after=after,
                           forward=body.get("ScanIndexForward") is not False, limit=body.get("Limit"),
                           filter=prepared.filter, fetch=fetch)
    return pages.render(table, page, select, prepared.projection, body.get("ConsistentRead") is True,
                        body.get("ReturnConsumedCapacity"), index)
