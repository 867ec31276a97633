"""Query and Scan pages over the `items` database, and the key-condition planner.

A page is read on one short read transaction. It starts by seeking (`cursor.set_range`) to the
first key after ExclusiveStartKey, so a page costs O(page) whatever precedes it, and stops at
the first of: the end of the key range, `limit` items evaluated, or 1 MB of item data read
(DynamoDB's page limit, counted before the filter). A page that stops for Limit or 1 MB reports
the last evaluated key even when nothing follows it, as DynamoDB does.

Key ranges are [low, high) over item keys (layout in engine/keys.py):
- Query: one partition prefix, narrowed by the sort key condition (`plan_query`);
- Scan: the table's prefix, or one parallel-scan segment (`keys.segment_bounds`).

Items travel as stored bytes (codec layout): when there is no filter nothing is decoded, and
the API splices the stored JSON into the response.

The key condition rules and messages (KeyConditionExpression and KeyConditions) live here too;
texts as AWS words them (DynamoDB Local omits the attribute after "missed key schema element").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from ddbserver.engine import codec, keys, values
from ddbserver.engine.catalog import Table
from ddbserver.engine.database import Database
from ddbserver.engine.expr import ast
from ddbserver.engine.indexes import EMPTY_INDEX_KEY, Index
from ddbserver.errors import invalid_parameter, validation

Item = dict[str, Any]
Filter = Callable[[Item | None], bool]

MAX_PAGE_BYTES = 1024 * 1024
ENTRY_INTACT = keys.MAX_KEY_BYTES - keys.DIGEST_BYTES  # an index entry key's bytes before its digest

# ---- messages -------------------------------------------------------------------------------

INVALID_OPERATOR = "Invalid operator used in KeyConditionExpression: {op}"
# AWS prefixes it (captured against DynamoDB in eu-west-2, October 2026: paritysuite/dynamodb-conformance
# tier3 error-messages queryKeyConditionOperands.test.ts; dynalite's older recordings lack the prefix)
ONE_PER_KEY = "Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key"
MISSED_KEY = "Query condition missed key schema element: {name}"
NOT_SUPPORTED = "Query key condition not supported"
TYPE_MISMATCH = "Condition parameter type does not match schema type"
NESTED_OPERATIONS = "KeyConditionExpressions cannot contain nested operations"
# AWS prefixes it (confirmed against DynamoDB in eu-west-2, 2026; dynalite's older recordings lack the prefix)
NESTED_ATTRIBUTES = "Invalid KeyConditionExpression: KeyConditionExpressions cannot have conditions on nested attributes"
LENGTH = "Conditions can be of length 1 or 2 only"  # legacy KeyConditions
# A KeyConditionExpression with more conditions than the key has attributes (same AWS capture; a
# user's AWS report of "The number of query conditions (2) exceeds the number of key attributes"
# on a table with a partition key only shows it also covers that case).
TOO_MANY = ("The number of query conditions ({n}) exceeds the number of key attributes defined in the schema "
            "({keys})")
MULTIPLE_NAMES = "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition"
NO_KEY_ATTRIBUTE = "Invalid condition in KeyConditionExpression: No key attribute specified"
FIRST_OPERAND = ("Invalid condition in KeyConditionExpression: {op} operator must have the key attribute as its "
                 "first operand")
NOT_INDEXABLE = "Attempted conditional constraint is not an indexable operation"
# Multi-attribute GSI keys (DynamoDB Local 3.3.0, which implements the 2025 feature)
MULTI_HASH = "HASH key attributes {names} must have equality conditions specified in the query"
MULTI_RANGE = ("RANGE key attributes {names} must have equality conditions specified in the query because a "
               "condition is present on key attribute {last}")

# Legacy KeyConditions operators usable on the sort key (the partition key takes EQ only).
_SORT_OPERATORS = frozenset(("=", "<", "<=", ">", ">=", "BETWEEN", "begins_with"))
_FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "="}


# ---- the key condition -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KeyRange:
    """The partition a Query reads and the [low, high) item-key range of its sort condition."""

    partition: Item     # {pk name: value}
    low: bytes
    high: bytes
    sorted: bool = False  # the condition narrows the sort key too


def _leaves(node: ast.Condition, out: list[ast.Condition]) -> None:
    if isinstance(node, ast.And):
        _leaves(node.left, out)
        _leaves(node.right, out)
    else:
        out.append(node)


def _operator_name(node: ast.Condition) -> str | None:
    """The operator a key condition may not use, or None."""
    if isinstance(node, ast.Or):
        return "OR"
    if isinstance(node, ast.Not):
        return "NOT"
    if isinstance(node, ast.In):
        return "IN"
    if isinstance(node, ast.Compare) and node.op == "<>":
        return "<>"
    if isinstance(node, ast.Call) and node.name != "begins_with":
        return node.name
    return None


def _find_operators(node: ast.Condition) -> str | None:
    if isinstance(node, ast.And):
        return _find_operators(node.left) or _find_operators(node.right)
    return _operator_name(node)


@dataclass(frozen=True, slots=True)
class _Leaf:
    name: str
    op: str                              # "=", "<", ..., "BETWEEN", "begins_with"
    values: tuple[dict[str, Any], ...]


def _leaf(node: ast.Condition) -> _Leaf:
    """One comparison as (attribute, operator, values), the attribute first; DynamoDB's checks
    of its operands in DynamoDB's order (recorded against AWS by dynalite's suite)."""
    if isinstance(node, ast.Compare):
        left, right, op = node.left, node.right, node.op
        if isinstance(left, ast.Call) or isinstance(right, ast.Call):
            raise validation(NESTED_OPERATIONS)
        if not isinstance(left, ast.Path):
            if not isinstance(right, ast.Path):
                raise validation(NO_KEY_ATTRIBUTE)
            left, right, op = right, left, _FLIPPED[op]
        return _Leaf(_key_name(left), op, _operand_values((right,)))
    rest: tuple[ast.Operand, ...]
    if isinstance(node, ast.Between):
        op, first, rest = "BETWEEN", node.value, (node.low, node.high)
    else:
        assert isinstance(node, ast.Call)
        op, first, rest = "begins_with", node.args[0], node.args[1:]
    if not isinstance(first, ast.Path):
        raise validation(FIRST_OPERAND.format(op=op))
    name = _key_name(first)
    return _Leaf(name, op, _operand_values(rest))


def _key_name(path: ast.Path) -> str:
    head = path.elements[0]
    if len(path.elements) > 1 or not isinstance(head, str):  # AWS says this for key attributes too
        raise validation(NESTED_ATTRIBUTES)
    return head


def _operand_values(operands: tuple[ast.Operand, ...]) -> tuple[dict[str, Any], ...]:
    """The values a key attribute is compared with: no other attribute, no function."""
    out = []
    for operand in operands:
        if isinstance(operand, ast.Path):
            raise validation(MULTIPLE_NAMES)
        if not isinstance(operand, ast.Literal):
            raise validation(NESTED_OPERATIONS)
        out.append(operand.value)
    return tuple(out)


def check_key_condition(condition: ast.Condition | None, legacy: bool) -> list[_Leaf]:
    """What DynamoDB checks of a key condition before it looks at the table: operators, each
    condition's operands, one condition per attribute (how many conditions the key takes
    depends on the table or index: plan_query)."""
    if condition is None:
        raise validation(LENGTH)
    if not legacy:
        bad = _find_operators(condition)
        if bad is not None:
            raise validation(INVALID_OPERATOR.format(op=bad))
    nodes: list[ast.Condition] = []
    _leaves(condition, nodes)
    leaves = [_legacy_leaf(n) if legacy else _leaf(n) for n in nodes]
    names: set[str] = set()
    for leaf in leaves:
        if leaf.name in names:
            raise validation(ONE_PER_KEY)
        names.add(leaf.name)
    return leaves


def plan_query(table: Table | Index, leaves: list[_Leaf], legacy: bool = False) -> KeyRange:
    """The key range of a checked key condition (check_key_condition) on a table or an index:
    the partition key present and compared with =, the sort key's operator, the values' types.
    An index with a multi-attribute key is planned by _plan_multi."""
    if isinstance(table, Index) and multi_attribute(table):
        return _plan_multi(table, leaves)
    shape = table.key
    key_count = 1 if shape.range_name is None else 2
    if legacy and len(leaves) > 2:
        raise validation(LENGTH)
    if not legacy and len(leaves) > key_count:
        raise validation(TOO_MANY.format(n=len(leaves), keys=key_count))
    by_name = {leaf.name: leaf for leaf in leaves}
    if shape.range_name is None and len(leaves) > 1:
        raise validation(NOT_SUPPORTED)
    hash_leaf = by_name.get(shape.hash_name)
    if hash_leaf is None:
        raise validation(MISSED_KEY.format(name=shape.hash_name))
    others = [leaf for leaf in leaves if leaf.name != shape.hash_name]
    if others and (shape.range_name is None or others[0].name != shape.range_name):
        if shape.range_name is None:
            raise validation(NOT_SUPPORTED)
        raise validation(MISSED_KEY.format(name=shape.range_name))
    if hash_leaf.op != "=":
        raise validation(NOT_SUPPORTED)
    if others and others[0].op not in _SORT_OPERATORS:
        raise validation(NOT_INDEXABLE)
    typed = [(hash_leaf, shape.hash_type), *((o, shape.range_type or "") for o in others)]
    _check_types(table, typed)
    (pk_value,) = hash_leaf.values[0].values()
    prefix = keys.partition_prefix(table.id, shape.hash_type, pk_value)
    low, high = prefix, successor(prefix)
    if others:
        assert shape.range_type is not None
        low, high = _sort_range(prefix, others[0], shape.range_type, isinstance(table, Index))
    return KeyRange({shape.hash_name: hash_leaf.values[0]}, low, high, bool(others))


def multi_attribute(index: Index) -> bool:
    """Whether the index's key has more than one HASH or more than one RANGE attribute."""
    return len(index.hash_keys) > 1 or len(index.range_keys) > 1


def _check_types(source: Table | Index, typed: list[tuple[_Leaf, str]]) -> None:
    """The condition values have the key's types, then none is an empty S or B (an index says
    which index and attribute)."""
    for leaf, type_ in typed:
        if any(type_ not in v for v in leaf.values):
            raise invalid_parameter(TYPE_MISMATCH)
    for leaf, type_ in typed:
        if type_ != "N" and any(v[type_] == "" for v in leaf.values):
            kind = "string" if type_ == "S" else "binary"
            if isinstance(source, Index):
                raise validation(EMPTY_INDEX_KEY.format(kind=kind, index=source.name, name=leaf.name))
            raise validation(values.EMPTY_KEY.format(kind=kind, name=leaf.name))


def _plan_multi(index: Index, leaves: list[_Leaf]) -> KeyRange:
    """A multi-attribute GSI key (up to 4 HASH, up to 4 RANGE attributes): every HASH attribute
    compared with =; RANGE attributes used from the first, each with = but the last, which may
    use any sort operator. Checked in DynamoDB's order: the HASH attributes, the RANGE
    attributes before the last one named (those missing are listed, else those not compared
    with =), attributes outside the key, the values' types."""
    by_name = {leaf.name: leaf for leaf in leaves}
    unequal = [n for n, _ in index.hash_keys if n not in by_name or by_name[n].op != "="]
    if unequal:
        raise validation(MULTI_HASH.format(names=", ".join(unequal)))
    named = [i for i, (n, _) in enumerate(index.range_keys) if n in by_name]
    if named:
        last = index.range_keys[named[-1]][0]
        before = [n for n, _ in index.range_keys[:named[-1]]]
        gaps = [n for n in before if n not in by_name] or [n for n in before if by_name[n].op != "="]
        if gaps:
            raise validation(MULTI_RANGE.format(names=", ".join(gaps), last=last))
    key_names = set(index.key_names)
    if any(leaf.name not in key_names for leaf in leaves):
        if len(leaves) > len(key_names):
            raise validation(NOT_SUPPORTED)
        missing = next(n for n in index.key_names if n not in by_name)
        raise validation(MISSED_KEY.format(name=missing))
    ranges = [(by_name[n], t) for n, t in index.range_keys if n in by_name]
    if ranges and ranges[-1][0].op not in _SORT_OPERATORS:
        raise validation(NOT_INDEXABLE)
    _check_types(index, [(by_name[n], t) for n, t in index.hash_keys] + ranges)
    hashes = [(t, by_name[n].values[0][t]) for n, t in index.hash_keys]
    prefix = index.partition_prefix(hashes)
    for leaf, type_ in ranges[:-1]:
        prefix += keys.encode_component(type_, leaf.values[0][type_])
    prefix = prefix[:ENTRY_INTACT]
    low, high = prefix, successor(prefix)
    if ranges:
        low, high = _sort_range(prefix, *ranges[-1], entries=True)
    partition = {n: by_name[n].values[0] for n, _ in index.hash_keys}
    return KeyRange(partition, low, high, bool(ranges))


def _legacy_leaf(node: ast.Condition) -> _Leaf:
    """A translated KeyConditions entry (engine/expr/legacy.py) as a leaf; operators no key
    accepts become NOT_SUPPORTED / NOT_INDEXABLE through their names."""
    if isinstance(node, ast.Compare):
        assert isinstance(node.left, ast.Path) and isinstance(node.right, ast.Literal)
        return _Leaf(str(node.left.elements[0]), node.op, (node.right.value,))
    if isinstance(node, ast.Between):
        assert isinstance(node.value, ast.Path)
        return _Leaf(str(node.value.elements[0]), "BETWEEN", tuple(
            o.value for o in (node.low, node.high) if isinstance(o, ast.Literal)))
    if isinstance(node, ast.In):
        assert isinstance(node.value, ast.Path)
        return _Leaf(str(node.value.elements[0]), "IN", ())
    if isinstance(node, ast.And):  # NOT_CONTAINS: attribute_exists(a) AND NOT contains(a, v)
        return _Leaf(_legacy_leaf(node.left).name, "NOT_CONTAINS", ())
    assert isinstance(node, ast.Call)
    path = node.args[0]
    assert isinstance(path, ast.Path)
    vals = tuple(a.value for a in node.args[1:] if isinstance(a, ast.Literal))
    return _Leaf(str(path.elements[0]), node.name, vals)


def successor(prefix: bytes) -> bytes:
    """The least byte string greater than every string that starts with `prefix` (for a prefix
    of 0xFF bytes only: a string above every LMDB key)."""
    trimmed = prefix.rstrip(b"\xff")
    if not trimmed:
        return b"\xff" * (keys.MAX_KEY_BYTES + 1)
    return trimmed[:-1] + bytes((trimmed[-1] + 1,))


def _sort_range(prefix: bytes, leaf: _Leaf, type_: str, entries: bool = False) -> tuple[bytes, bytes]:
    """[low, high) of the sort key condition inside one partition (components are prefix-free,
    so successor(prefix + component) is past every key whose sort value is exactly the value,
    table items and index entries, whose table key tails follow the component, alike).

    For index `entries` the bounds keep at most the bytes an entry key keeps intact
    (ENTRY_INTACT, engine/indexes.py's layout), so an entry with a long sort value still lies
    inside its value's range (among values sharing those first bytes the order is not exact)."""
    def at(v: dict[str, Any]) -> bytes:
        if entries:
            return (prefix + keys.encode_component(type_, v[type_]))[:ENTRY_INTACT]
        return prefix + keys.sort_component(type_, v[type_])

    def past(v: dict[str, Any]) -> bytes:  # past every key whose sort value is v (index entries go on)
        return successor(at(v))

    end = successor(prefix)
    op, vals = leaf.op, leaf.values
    if op == "=":
        return at(vals[0]), past(vals[0])
    if op == "<":
        return prefix, at(vals[0])
    if op == "<=":
        return prefix, past(vals[0])
    if op == ">":
        return past(vals[0]), end
    if op == ">=":
        return at(vals[0]), end
    if op == "BETWEEN":
        return at(vals[0]), past(vals[1])
    assert op == "begins_with"
    raw = keys.value_bytes(type_, vals[0][type_]).replace(b"\x00", b"\x00\xff")
    start = (prefix + raw)[:ENTRY_INTACT] if entries else prefix + raw
    return start, successor(start)


def scan_range(table: Table | Index, segment: int | None, total: int | None) -> tuple[bytes, bytes]:
    """[low, high) of a Scan: the whole table or one parallel-scan segment."""
    if segment is not None and total is not None:
        return keys.segment_bounds(table.id, segment, total)
    return keys.table_prefix(table.id), keys.table_prefix(table.id + 1)


# ---- pages ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Page:
    items: list[bytes]           # stored bytes of the items that passed the filter, in order
    scanned: int                 # items evaluated (ScannedCount)
    read_bytes: int              # summed item sizes read (capacity)
    last_key: Item | None        # LastEvaluatedKey, None when the range is exhausted
    fetched: tuple[int, ...] = ()  # sizes of the table items fetched for index entries (Fetch)


@dataclass(frozen=True, slots=True)
class Fetch:
    """Read each index entry's item from the table, in the page's read transaction (a local
    secondary index asked for attributes it does not project). The filter sees the table's
    item; the page holds the table's items when `output` (and their sizes, which are
    charged), else the entries (a Scan filter's fetch, which DynamoDB Local does not charge)."""

    table: Table
    output: bool = True


def read_page(db: Database, source: Table | Index, low: bytes, high: bytes, *, after: bytes | None = None,
              forward: bool = True, limit: int | None = None, filter: Filter | None = None,
              max_bytes: int = MAX_PAGE_BYTES, fetch: Fetch | None = None) -> Page:
    """Items (or index entries) of [low, high) after the key `after` (exclusive; before it when
    not `forward`); the last evaluated key holds `source`'s page_key_names. Limit and the 1 MB
    cap count what `source` holds (an index's projected entries), fetched items aside."""
    items: list[bytes] = []
    fetched: list[int] = []
    scanned = read = 0
    last: bytes | None = None
    with db.read() as txn:
        cursor = txn.cursor(db=db.items_db)
        if forward:
            start = low if after is None or after < low else after
            positioned = cursor.set_range(start)
            if positioned and after is not None and cursor.key() == after:
                positioned = cursor.next()
            step = cursor.next
        else:
            stop = high if after is None or after > high else after
            positioned = cursor.set_range(stop)
            positioned = cursor.prev() if positioned else cursor.last()
            step = cursor.prev
        while positioned:
            key = cast(bytes, cursor.key())  # read transactions hand out bytes
            if (key >= high) if forward else (key < low):
                break
            stored = cast(bytes, cursor.value())
            scanned += 1
            read += codec.size_of(stored)
            out = stored
            if fetch is not None:
                entry = codec.decode(stored)
                table_key = keys.item_key(fetch.table.id, fetch.table.key, entry)
                full = cast(bytes | None, txn.get(table_key, db=db.items_db))
                if full is not None:  # always, in one transaction: entries follow their items
                    if fetch.output:
                        fetched.append(codec.size_of(full))
                        out = full
                    if filter is None or filter(codec.decode(full)):
                        items.append(out)
            elif filter is None or filter(codec.decode(stored)):
                items.append(out)
            if (limit is not None and scanned >= limit) or read >= max_bytes:
                last = stored
                break
            positioned = step()
    last_key = None
    if last is not None:
        item = codec.decode(last)
        last_key = {name: item[name] for name in source.page_key_names}
    return Page(items, scanned, read, last_key, tuple(fetched))


def start_after(table: Table, key: Item, index: Index | None = None) -> bytes:
    """The item-key (or index entry key) bytes of an ExclusiveStartKey, already checked
    against the schema (an index's start key holds the table's key and the index's)."""
    table_key = keys.item_key(table.id, table.key, key)
    if index is None:
        return table_key
    entry = index.entry_key(key, table_key[4:])
    assert entry is not None
    return entry
