"""What Query and Scan share: Select, IndexName, ExclusiveStartKey, the filter's key-attribute
rule, what an index projects, and the response (stored item JSON spliced in when there is no
projection).

DynamoDB's rules for Select (messages as DynamoDB words them):
    SPECIFIC_ATTRIBUTES        needs ProjectionExpression or AttributesToGet
    ALL_ATTRIBUTES, COUNT      refuse both
    ALL_PROJECTED_ATTRIBUTES   refuses both; only with IndexName
Without Select, a projection means SPECIFIC_ATTRIBUTES and none means ALL_ATTRIBUTES (on an
index: ALL_PROJECTED_ATTRIBUTES, what the index holds).

Reading an index (DynamoDB Local 3.3.0 and AWS's documentation):
- a global index whose projection is not ALL refuses Select ALL_ATTRIBUTES and a projection
  naming attributes it does not project; a local index fetches such items from the table (in
  the page's read transaction; each fetched item is charged to the table, rounded up alone);
- a Query's filter may not name the index's key attributes (the table's are fine on a GSI),
  nor attributes the index does not project; a Scan's filter may name anything (on a local
  index it is evaluated on the table's item, as DynamoDB Local does);
- ExclusiveStartKey holds exactly the table's key and the index's key attributes;
- capacity is charged to the index ("Table" 0 unless items were fetched).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson

from ddbserver.api.expressions import Projection
from ddbserver.engine import capacity, codec, indexes, values
from ddbserver.engine.catalog import Table
from ddbserver.engine.expr import ast, cache
from ddbserver.engine.expr.parser import FILTER
from ddbserver.engine.indexes import Index
from ddbserver.engine.query import Fetch, Page
from ddbserver.errors import DynamoError, invalid_parameter, validation

Item = dict[str, Any]

SPECIFIC_WITHOUT = "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES"
# Query reports it inside the constraint envelope, Scan bare (AWS captures, 2026:
# nubo-db/dynamodb-conformance tier3 error-messages query.test.ts / scan.test.ts).
QUERY_SPECIFIC_WITHOUT = "1 validation error detected: " + SPECIFIC_WITHOUT
CANNOT_WITH = "Cannot specify the {member} when choosing to get {what}"
SELECT_WHAT = {"ALL_ATTRIBUTES": "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES": "ALL_PROJECTED_ATTRIBUTES",
               "COUNT": "only the Count"}
PROJECTED_WITHOUT_INDEX = "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"
GSI_CONSISTENT = "Consistent reads are not supported on global secondary indexes"
# AWS's answer while a new GSI is being built (public reports of AWS errors: "ValidationException:
# Cannot read from backfilling global secondary index: key-index").
# DynamoDB Local 3.3.0's texts (after "One or more parameter values were invalid: ").
GSI_SELECT_ALL = ("Select type ALL_ATTRIBUTES is not supported for global secondary index {name} because its "
                  "projection type is not ALL")
GSI_NOT_PROJECTED = "Global secondary index {name} does not project [{names}]"
FILTER_NOT_PROJECTED = "Secondary index {name} does not project one or more filter attributes: [{names}]"
BAD_START = "The provided starting key is invalid"
# Scan words a malformed start key the long way, Query the short way (AWS captures,
# paritysuite/dynamodb-conformance tier3 error-messages scan.test.ts / query.test.ts).
SCAN_BAD_START = BAD_START + ": " + values.KEY_SCHEMA_MISMATCH
KEY_IN_FILTER = "{member} can only contain non-primary key attributes: Primary key attribute: {name}"
FILTER_MEMBERS = {"FilterExpression": "Filter Expression", "QueryFilter": "QueryFilter"}


def check_select(body: dict[str, Any], specific_without: str = SPECIFIC_WITHOUT) -> str:
    """The request's Select, checked against its projection members; the Select in effect."""
    select = body.get("Select")
    projected = [m for m in ("ProjectionExpression", "AttributesToGet") if body.get(m) is not None]
    if select is None:
        return "SPECIFIC_ATTRIBUTES" if projected else "ALL_ATTRIBUTES"
    if select == "SPECIFIC_ATTRIBUTES" and not projected:
        raise validation(specific_without)
    if select in SELECT_WHAT and projected:
        raise validation(CANNOT_WITH.format(member=projected[0], what=SELECT_WHAT[select]))
    if select == "ALL_PROJECTED_ATTRIBUTES" and body.get("IndexName") is None:
        raise validation(PROJECTED_WITHOUT_INDEX)
    return str(select)


def index_of(table: Table, body: dict[str, Any]) -> Index | None:
    """The index IndexName names (None without IndexName): one of the table's, readable (a GSI
    being built answers INDEX_BACKFILLING, one being deleted is no longer there), and not read
    consistently if global."""
    name = body.get("IndexName")
    if name is None:
        return None
    index = table.index(name)
    if index is None or index.status == "DELETING":
        raise validation(indexes.NO_INDEX.format(name=name))
    if index.is_global and body.get("ConsistentRead") is True:
        raise validation(GSI_CONSISTENT)
    return indexes.readable(table.indexes, name)


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


def start_key(table: Table, start: Item | None, bad_start: str = BAD_START, index: Index | None = None) -> Item | None:
    """ExclusiveStartKey as a key of `table`: its attribute count and partition key (`bad_start`),
    then their types (the schema message). From an index: exactly the table's key and the
    index's key attributes (`bad_start` too), then their types and values."""
    if start is None:
        return None
    if index is not None:
        names = index.page_key_names
        if len(start) != len(names) or any(n not in start for n in names):
            raise validation(bad_start)
        values.check_key(table.key, {n: start[n] for n in table.key.names})
        if any(type_ not in start[n] for n, type_ in index.hash_keys + index.range_keys):
            raise validation(values.KEY_SCHEMA_MISMATCH)
        index.check(start)
        return start
    if len(start) != len(table.key.names) or table.key.hash_name not in start:
        raise validation(bad_start)
    return values.check_key(table.key, start)


def check_filter_keys(key_names: Iterable[str], body: dict[str, Any]) -> None:
    """A Query's filter may not name the key attributes of what it reads (a Scan's may)."""
    keys = set(key_names)
    text = body.get("FilterExpression")
    if text is not None:
        found = next((h for h in filter_names(body) if h in keys), None)
        if found is not None:
            raise validation(KEY_IN_FILTER.format(member=FILTER_MEMBERS["FilterExpression"], name=found))
    for name in body.get("QueryFilter") or {}:
        if name in keys:
            raise validation(KEY_IN_FILTER.format(member=FILTER_MEMBERS["QueryFilter"], name=name))


def check_filter_projected(index: Index, body: dict[str, Any]) -> None:
    """A Query's filter on an index may name only attributes the index projects."""
    if index.projects_all:
        return
    missing = sorted({n for n in filter_names(body) if n not in index.projected})
    if missing:
        raise invalid_parameter(FILTER_NOT_PROJECTED.format(name=index.name, names=", ".join(missing)))


def fetch_of(table: Table, index: Index | None, body: dict[str, Any], scan: bool = False) -> Fetch | None:
    """Whether a read of `index` needs the table's items, after the checks of what a global
    index projects: Select ALL_ATTRIBUTES or a projection naming attributes the index lacks
    (a local index fetches them), or a Scan's filter naming them (local index)."""
    if index is None or index.projects_all:
        return None
    everything = body.get("Select") == "ALL_ATTRIBUTES"
    requested = projection_names(body)
    missing = [n for n in requested if n not in index.projected]
    if index.is_global:
        if everything:
            raise invalid_parameter(GSI_SELECT_ALL.format(name=index.name))
        if missing:
            names = ", ".join(n for n in java_set_order(requested[::-1]) if n in missing)
            raise invalid_parameter(GSI_NOT_PROJECTED.format(name=index.name, names=names))
        return None
    output = everything or bool(missing)
    if output or (scan and any(n not in index.projected for n in filter_names(body))):
        return Fetch(table, output)
    return None


def projection_names(body: dict[str, Any]) -> list[str]:
    """The top-level attributes a ProjectionExpression (or AttributesToGet) names, in order."""
    text = body.get("ProjectionExpression")
    if text is None:
        return list(body.get("AttributesToGet") or ())
    names = body.get("ExpressionAttributeNames") or {}
    out: list[str] = []
    for path in cache.projection(text).paths:
        _heads(path, names, out)
    return out


def filter_names(body: dict[str, Any]) -> list[str]:
    """The top-level attributes a FilterExpression (or QueryFilter / ScanFilter) reads, in order."""
    text = body.get("FilterExpression")
    if text is None:
        return list(body.get("QueryFilter") or body.get("ScanFilter") or ())
    out: list[str] = []
    _heads(cache.condition(text, FILTER), body.get("ExpressionAttributeNames") or {}, out)
    return out


def java_set_order(names: list[str]) -> list[str]:
    """The iteration order of a java.util.HashSet the names were added to in this order: the
    order DynamoDB lists the attributes a GSI does not project in, from the set of every name
    the projection reads, added last to first (observed: "y, y2" lists [y2, y]; "aa, bb" lists
    [bb, aa]; 13 names, one of them projected, list as a 32-bucket set orders them)."""
    unique = list(dict.fromkeys(names))
    capacity = 16
    while len(unique) > capacity * 3 // 4:
        capacity *= 2

    def bucket(name: str) -> int:
        data, h = name.encode("utf-16-be"), 0  # String.hashCode over UTF-16 units
        for i in range(0, len(data), 2):
            h = (31 * h + int.from_bytes(data[i:i + 2], "big")) & 0xFFFFFFFF
        return (h ^ (h >> 16)) & (capacity - 1)

    return sorted(unique, key=bucket)


def _heads(node: Any, names: dict[str, str], out: list[str], nested: list[str] | None = None) -> None:
    """The top-level attribute names a parsed (unresolved) condition or projection reads, in
    order; those reached through a document path (`a.b`, `a[0]`) are added to `nested` too."""
    if isinstance(node, ast.Path):
        head = node.elements[0]
        name = names.get(head.placeholder, "") if isinstance(head, ast.Name) else str(head)
        out.append(name)
        if nested is not None and len(node.elements) > 1:
            nested.append(name)
        return
    for field in getattr(node, "__slots__", ()):
        child = getattr(node, field)
        if isinstance(child, tuple):
            for c in child:
                _heads(c, names, out, nested)
        elif not isinstance(child, (str, int, dict)) and child is not None:
            _heads(child, names, out, nested)


def check_key_paths(table: Table, body: dict[str, Any]) -> None:
    """No FilterExpression (checked first) or ProjectionExpression path may reach inside a key
    attribute: the table's ("Key: pk", in key order) or any of its indexes' ("IndexKey: g")."""
    names = body.get("ExpressionAttributeNames") or {}
    index_keys = [n for n in dict.fromkeys(k for i in table.indexes for k in i.key_names) if n not in table.key.names]
    for member in ("FilterExpression", "ProjectionExpression"):
        text = body.get(member)
        if text is None:
            continue
        nested: list[str] = []
        tree = cache.condition(text, FILTER) if member == "FilterExpression" else cache.projection(text)
        _heads(tree, names, [], nested)
        for kind, candidates in (("Key", table.key.names), ("IndexKey", index_keys)):
            found = next((n for n in candidates if n in nested), None)
            if found is not None:
                raise validation(indexes.KEY_NOT_SCALAR.format(kind=kind, name=found))


def render(table: Table, page: Page, select: str, projection: Projection | None, consistent: bool,
           capacity_mode: str | None, index: Index | None = None) -> bytes:
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
    cc = consumed(table, page, consistent, capacity_mode, index)
    if cc:
        extra["ConsumedCapacity"] = cc
    if extra:
        parts.append(orjson.dumps(extra)[1:-1])
    return b"{" + b",".join(parts) + b"}"


def consumed(table: Table, page: Page, consistent: bool, mode: str | None,
             index: Index | None) -> dict[str, Any] | None:
    """ConsumedCapacity of a page: the read is the index's when it read one; items fetched from
    the table are the table's, each rounded up on its own."""
    units = capacity.read_units(page.read_bytes, consistent)
    if index is None:
        return capacity.consumed(table.name, units, mode)
    fetched = sum((capacity.read_units(size, consistent) for size in page.fetched), 0.0)
    share = {index.name: units}
    if index.is_global:
        return capacity.consumed(table.name, fetched, mode, global_indexes=share)
    return capacity.consumed(table.name, fetched, mode, local_indexes=share)
