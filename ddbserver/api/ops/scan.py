"""Scan: a table's items in partition-hash order (then sort order), or one parallel segment.

Order of checks: legacy and expression parameters mixed, the expressions, Select, Segment and
TotalSegments together; then the table and IndexName; then ExclusiveStartKey; then paths into key
attributes (pages.check_key_paths); then what the
response asks of an index (pages.fetch_of).
"""

from __future__ import annotations

from typing import Any

from ddbserver.api import expressions, pages
from ddbserver.api.context import Context
from ddbserver.api.items import table_of
from ddbserver.engine import query
from ddbserver.engine.expr import legacy
from ddbserver.engine.expr.parser import FILTER, PROJECTION
from ddbserver.errors import validation

# AWS's texts (DynamoDB Local words the first two differently).
TOTAL_WITHOUT = ("The TotalSegments parameter is required but was not present in the request when Segment "
                 "parameter is present")
SEGMENT_WITHOUT = ("The Segment parameter is required but was not present in the request when parameter "
                   "TotalSegments is present")
SEGMENT_RANGE = ("The Segment parameter is zero-based and must be less than parameter TotalSegments: "
                 "Segment: {segment} is not less than TotalSegments: {total}")

WRONG_SEGMENT = ("The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey "
                 "with correct Segment. TotalSegments: {total} Segment: {segment}")


def check_segments(body: dict[str, Any]) -> tuple[int | None, int | None]:
    segment, total = body.get("Segment"), body.get("TotalSegments")
    if segment is not None and total is None:
        raise validation(TOTAL_WITHOUT)
    if total is not None and segment is None:
        raise validation(SEGMENT_WITHOUT)
    if segment is not None and total is not None and segment >= total:
        raise validation(SEGMENT_RANGE.format(segment=segment, total=total))
    return segment, total


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    legacy.check_not_mixed(body, (FILTER, PROJECTION))
    prepared = expressions.prepare(body, filter=True, projection=True, older_value_layer=True)
    select = pages.check_select(body)
    segment, total = check_segments(body)
    start_values = pages.start_values(body)
    table = table_of(ctx, body)
    index = pages.index_of(table, body)
    start = pages.start_key(table, start_values, pages.SCAN_BAD_START, index)
    pages.check_key_paths(table, body)
    fetch = pages.fetch_of(table, index, body, scan=True)
    low, high = query.scan_range(index or table, segment, total)
    after = query.start_after(table, start, index) if start is not None else None
    if after is not None and total is not None and total > 1 and not low <= after < high:
        raise validation(WRONG_SEGMENT.format(segment=segment, total=total))
    page = query.read_page(ctx.db, index or table, low, high, after=after, limit=body.get("Limit"),
                           filter=prepared.filter, fetch=fetch)
    return pages.render(table, page, select, prepared.projection, body.get("ConsistentRead") is True,
                        body.get("ReturnConsumedCapacity"), index)
