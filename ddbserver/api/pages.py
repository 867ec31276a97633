"""What Query and Scan share: Select, ExclusiveStartKey, the filter's key-attribute rule, and the
response (stored item JSON spliced in when there is no projection).

DynamoDB's rules for Select (messages as DynamoDB words them):
    SPECIFIC_ATTRIBUTES        needs ProjectionExpression or AttributesToGet
    ALL_ATTRIBUTES, COUNT      refuse both
    ALL_PROJECTED_ATTRIBUTES   only with IndexName
Without Select, a projection means SPECIFIC_ATTRIBUTES and none means ALL_ATTRIBUTES.
"""

from __future__ import annotations

from typing import Any

import orjson

from ddbserver.api.expressions import Projection
from ddbserver.engine import capacity, codec, values
from ddbserver.engine.catalog import Table
from ddbserver.engine.expr import ast, cache
from ddbserver.engine.expr.parser import FILTER
from ddbserver.engine.query import Page
from ddbserver.errors import DynamoError, validation

Item = dict[str, Any]

SPECIFIC_WITHOUT = "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES"
CANNOT_WITH = "Cannot specify the {member} when choosing to get {what}"
SELECT_WHAT = {"ALL_ATTRIBUTES": "ALL_ATTRIBUTES", "COUNT": "only the Count"}
PROJECTED_WITHOUT_INDEX = "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"
NO_INDEX = "The table does not have the specified index: {name}"
GSI_CONSISTENT = "Consistent reads are not supported on global secondary indexes"
INDEX_NOT_BUILT = "ddbserver does not read secondary indexes yet: {name}"  # ours, not DynamoDB's
BAD_START = "The provided starting key is invalid"
# Scan words a malformed start key the long way, Query the short way (AWS captures,
# paritysuite/dynamodb-conformance tier3 error-messages scan.test.ts / query.test.ts).
SCAN_BAD_START = BAD_START + ": " + values.KEY_SCHEMA_MISMATCH
KEY_IN_FILTER = "{member} can only contain non-primary key attributes: Primary key attribute: {name}"
FILTER_MEMBERS = {"FilterExpression": "Filter Expression", "QueryFilter": "QueryFilter"}


def check_select(body: dict[str, Any]) -> str:
    """The request's Select, checked against its projection members; the Select in effect."""
    select = body.get("Select")
    projected = [m for m in ("ProjectionExpression", "AttributesToGet") if body.get(m) is not None]
    if select is None:
        return "SPECIFIC_ATTRIBUTES" if projected else "ALL_ATTRIBUTES"
    if select == "SPECIFIC_ATTRIBUTES" and not projected:
        raise validation(SPECIFIC_WITHOUT)
    if select in SELECT_WHAT and projected:
        raise validation(CANNOT_WITH.format(member=projected[0], what=SELECT_WHAT[select]))
    if select == "ALL_PROJECTED_ATTRIBUTES" and body.get("IndexName") is None:
        raise validation(PROJECTED_WITHOUT_INDEX)
    return str(select)


def check_index(table: Table, body: dict[str, Any]) -> None:
    """IndexName must name one of the table's indexes; a GSI cannot be read consistently.

    Reading a secondary index is not built yet: an existing index is refused (saying so) rather
    than answered from the table.
    """
    name = body.get("IndexName")
    if name is None:
        return
    kinds = {i["IndexName"]: kind for kind in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes")
             for i in table.meta.get(kind) or []}
    if name not in kinds:
        raise validation(NO_INDEX.format(name=name))
    if kinds[name] == "GlobalSecondaryIndexes" and body.get("ConsistentRead") is True:
        raise validation(GSI_CONSISTENT)
    raise validation(INDEX_NOT_BUILT.format(name=name))


def start_values(body: dict[str, Any]) -> Item | None:
    """ExclusiveStartKey's values, checked from the request alone (before the table)."""
    raw = body.get("ExclusiveStartKey")
    if raw is None:
        return None
    try:
        return values.check_item(raw)
    except DynamoError as err:
        if err.type != "ValidationException":
            raise
        raise err.with_prefix(BAD_START + ": ") from None


def start_key(table: Table, start: Item | None, bad_start: str = BAD_START) -> Item | None:
    """ExclusiveStartKey as a key of `table`: its attribute count and partition key (`bad_start`),
    then their types (the schema message)."""
    if start is None:
        return None
    if len(start) != len(table.key.names) or table.key.hash_name not in start:
        raise validation(bad_start)
    return values.check_key(table.key, start)


def check_filter_keys(table: Table, body: dict[str, Any]) -> None:
    """A Query's filter may not name the table's key attributes (a Scan's may)."""
    key_names = set(table.key.names)
    text = body.get("FilterExpression")
    if text is not None:
        names = body.get("ExpressionAttributeNames") or {}
        heads: list[str] = []
        _heads(cache.condition(text, FILTER), names, heads)
        found = next((h for h in heads if h in key_names), None)
        if found is not None:
            raise validation(KEY_IN_FILTER.format(member=FILTER_MEMBERS["FilterExpression"], name=found))
    for name in body.get("QueryFilter") or {}:
        if name in key_names:
            raise validation(KEY_IN_FILTER.format(member=FILTER_MEMBERS["QueryFilter"], name=name))


def _heads(node: Any, names: dict[str, str], out: list[str]) -> None:
    """The top-level attribute names a parsed (unresolved) condition reads, in order."""
    if isinstance(node, ast.Path):
        head = node.elements[0]
        out.append(names.get(head.placeholder, "") if isinstance(head, ast.Name) else str(head))
        return
    for field in getattr(node, "__slots__", ()):
        child = getattr(node, field)
        if isinstance(child, tuple):
            for c in child:
                _heads(c, names, out)
        elif not isinstance(child, (str, int, dict)) and child is not None:
            _heads(child, names, out)


def render(table: Table, page: Page, select: str, projection: Projection | None, consistent: bool,
           capacity_mode: str | None) -> bytes:
    """The Query / Scan response; stored item JSON is spliced in unless projected."""
    parts: list[bytes] = []
    if select != "COUNT":
        if projection is None:
            body = b",".join(codec.json_of(s) for s in page.items)
        else:
            body = b",".join(orjson.dumps(projection(codec.decode(s))) for s in page.items)
        parts.append(b'"Items":[' + body + b"]")
    parts.append(b'"Count":%d,"ScannedCount":%d' % (len(page.items), page.scanned))
    extra: dict[str, Any] = {}
    if page.last_key is not None:
        extra["LastEvaluatedKey"] = page.last_key
    cc = capacity.consumed(table.name, capacity.read_units(page.read_bytes, consistent), capacity_mode)
    if cc:
        extra["ConsumedCapacity"] = cc
    if extra:
        parts.append(orjson.dumps(extra)[1:-1])
    return b"{" + b",".join(parts) + b"}"
