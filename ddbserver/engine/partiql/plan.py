"""Parsed PartiQL statements planned onto the engine: a SELECT becomes a Query or Scan page over
the table or one of its indexes (engine/query.py), an INSERT / UPDATE / DELETE becomes a PutOp /
UpdateOp / DeleteOp (engine/writes.py) with its WHERE as the condition. Conditions and updates
are checked by engine/expr's Resolver and compiled by its evaluate / update modules, the same
path the JSON API's expressions take.

DynamoDB's rules, learned from DynamoDB Local and AWS captures:
- a SELECT with an equality on the partition key reads that partition (a Query; sort key
  comparisons narrow it); without one it reads the whole table or index (a Scan); the whole
  WHERE is the filter either way;
- UPDATE and DELETE need an equality on every key attribute among the WHERE's top-level AND
  terms; the other terms are the write's condition; UPDATE also needs the item to exist, while
  DELETE of an absent item succeeds whatever its condition (DynamoDB Local);
- INSERT fails on an existing key (DuplicateItemException).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ddbserver.engine import indexes, keys, query, values
from ddbserver.engine.catalog import Table
from ddbserver.engine.expr import ast, paths
from ddbserver.engine.expr.evaluate import compile_condition, lookup
from ddbserver.engine.expr.resolve import Resolver, check_update
from ddbserver.engine.expr.update import compile_update
from ddbserver.engine.indexes import Index
from ddbserver.engine.partiql import statements as st
from ddbserver.engine.writes import DeleteOp, PutOp, UpdateOp
from ddbserver.errors import DynamoError, invalid_parameter, validation

Item = dict[str, Any]
Projection = Callable[[Item], Item]

NO_KEY_EQUALITY = "Where clause does not contain a mandatory equality on all key attributes"
KEY_TYPE = "Key attribute's data type should match its data type in table's schema: Key {name}"
KEY_ABSENT = "Key attribute should be present in the item: Key {name}"
KEY_UPDATE = "Cannot update attribute {name}. This attribute is part of the key"
CONDITION_TYPE = "Condition parameter type does not match schema type"
ORDER_WITHOUT_WHERE = "Must have WHERE clause in the statement when using ORDER BY clause."
ORDER_WITHOUT_HASH = "Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause."
ORDER_NOT_KEY = "Variable reference {name} in ORDER BY clause must be part of the primary key"
DELETE_RETURNING = ("Invalid returning clause: RETURNING {mode} *. Only RETURNING ALL OLD * is allowed in DELETE "
                    "statements.")
GSI_PROJECTION = "Global secondary index {index} does not project [{names}]"
FILTER_PROJECTION = "Secondary index {index} does not project one or more filter attributes: [{names}]"
DUPLICATE_COLUMN = "Duplicate identifiers in select clause: {name}"
NO_INDEX = "The table does not have the specified index"
MULTI_ATTRIBUTE = ("PartiQL statements cannot be executed on tables with multi-attribute HASH keys or multi-attribute "
                   "RANGE keys.")
_SORT_OPS = frozenset(("=", "<", "<=", ">", ">="))


# ---- the WHERE clause -----------------------------------------------------------------------


def conjuncts(cond: ast.Condition | None) -> list[ast.Condition]:
    """The top-level AND terms of a condition, in order."""
    if cond is None:
        return []
    if isinstance(cond, ast.And):
        return conjuncts(cond.left) + conjuncts(cond.right)
    return [cond]


def _equality(term: ast.Condition) -> tuple[str, dict[str, Any]] | None:
    """(attribute, value) when `term` is `attribute = literal` (either way round)."""
    if not isinstance(term, ast.Compare) or term.op != "=":
        return None
    for a, b in ((term.left, term.right), (term.right, term.left)):
        if isinstance(a, ast.Path) and len(a.elements) == 1 and isinstance(a.elements[0], str) \
                and isinstance(b, ast.Literal):
            return a.elements[0], b.value
    return None


def and_all(terms: list[ast.Condition]) -> ast.Condition | None:
    if not terms:
        return None
    out = terms[0]
    for t in terms[1:]:
        out = ast.And(out, t)
    return out


def check_condition(cond: ast.Condition | None) -> None:
    """Operand types, arities, document paths: the checks a ConditionExpression gets."""
    if cond is not None:
        Resolver(None, None).condition(cond)


def _check_key_type(name: str, type_: str, value: dict[str, Any]) -> None:
    if type_ not in value:
        raise validation(KEY_TYPE.format(name=name))


def exact_key(table: Table, select: st.Select, message: str, extra: bool) -> tuple[Item, list[ast.Condition]]:
    """The key a batch or transaction SELECT (or an EXISTS) names: no index, no ORDER BY, an
    equality on each key attribute, and no further condition (a read, `extra` False) or at least
    one (EXISTS, `extra` True); `message` otherwise."""
    if select.refused is not None:
        raise validation(select.refused)
    if select.index is not None or select.order_by is not None:
        raise validation(message)
    try:
        key, rest = key_of_where(table, select.where)
    except DynamoError as err:
        if err.message == NO_KEY_EQUALITY:
            raise validation(message) from None
        raise
    if bool(rest) != extra:
        raise validation(message)
    return key, rest


def key_of_where(table: Table, where: ast.Condition | None) -> tuple[Item, list[ast.Condition]]:
    """The key an UPDATE / DELETE names (an equality on each key attribute among the WHERE's
    AND terms) and the remaining terms."""
    found: Item = {}
    rest: list[ast.Condition] = []
    for term in conjuncts(where):
        eq = _equality(term)
        if eq is not None and eq[0] in table.key.names and eq[0] not in found:
            found[eq[0]] = eq[1]
        else:
            rest.append(term)
    if any(name not in found for name in table.key.names):
        raise validation(NO_KEY_EQUALITY)
    shape = table.key
    for name, type_ in ((shape.hash_name, shape.hash_type), (shape.range_name, shape.range_type)):
        if name is not None and type_ is not None:
            _check_key_type(name, type_, found[name])
    key = {name: found[name] for name in shape.names}
    values.check_key(shape, key)
    return key, rest


# ---- SELECT ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReadPlan:
    table: Table
    source: Table | Index
    low: bytes
    high: bytes
    forward: bool
    filter: Callable[[Item | None], bool] | None
    projection: Projection | None
    is_query: bool
    key: Item | None   # the whole primary key, when the WHERE names exactly one table item
    fetch: query.Fetch | None = None   # a local index's read that needs the table's items


def source_of(table: Table, index_name: str | None) -> Table | Index:
    """The table or the index a statement reads (an index with a multi-attribute key refused)."""
    if index_name is None:
        return table
    if not any(i.name == index_name and i.status != "DELETING" for i in table.indexes):
        raise validation(NO_INDEX)  # without Query's ": <name>" (AWS, nubo-db partiqlIndexQualifier)
    index = indexes.readable(table.indexes, index_name)
    if len(index.hash_keys) > 1 or len(index.range_keys) > 1:
        raise validation(MULTI_ATTRIBUTE)
    return index


def plan_select(table: Table, stmt: st.Select) -> ReadPlan:
    source = source_of(table, stmt.index)
    if stmt.refused is not None:
        raise validation(stmt.refused)
    check_condition(stmt.where)
    projection = None
    if stmt.projection is not None:
        if isinstance(source, Index) and source.is_global and source.projection != "ALL":
            missing = [str(p.elements[0]) for p in stmt.projection if p.elements[0] not in source.projected]
            if missing:
                raise invalid_parameter(GSI_PROJECTION.format(index=source.name, names=", ".join(missing)))
        projection = project(stmt.projection)
    fetch = None
    if isinstance(source, Index) and not source.is_global and source.projection != "ALL" and (
            stmt.projection is not None and any(p.elements[0] not in source.projected for p in stmt.projection)):
        fetch = query.Fetch(table)  # a local index reaches the table's item for a column it lacks
    shape = source.key
    terms = conjuncts(stmt.where)
    if isinstance(source, Index) and source.projection != "ALL":
        _check_filter_projected(source, terms)
    equalities = [eq for eq in map(_equality, terms) if eq is not None]
    partition = next((v for n, v in equalities if n == shape.hash_name), None)
    _check_key_literals(shape, terms, stmt.where)
    if stmt.order_by is not None:
        _check_order(table, source, stmt, partition is not None)
    forward = not (stmt.order_by is not None and stmt.order_by[1])
    filter_ = compile_condition(stmt.where) if stmt.where is not None else None
    if partition is None:
        low, high = query.scan_range(source, None, None)
        return ReadPlan(table, source, low, high, forward, filter_, projection, False, None, fetch)
    _check_key_type(shape.hash_name, shape.hash_type, partition)
    leaves = query.check_key_condition(_key_terms(shape, terms, partition), legacy=False)
    key_range = query.plan_query(source, leaves)
    whole = None
    if source is table:
        eq = dict(equalities)
        if all(n in eq and (t or "") in eq[n] for n, t in ((shape.hash_name, shape.hash_type),
                                                            (shape.range_name, shape.range_type)) if n is not None):
            whole = {n: eq[n] for n in shape.names}
    return ReadPlan(table, source, key_range.low, key_range.high, forward, filter_, projection, True, whole, fetch)


def _check_filter_projected(index: Index, terms: list[ast.Condition]) -> None:
    """A read keyed on the index's partition key (a top-level `=` or IN on it) may not filter on
    an attribute the index does not project; an unkeyed read is a scan and just matches nothing
    (AWS, nubo-db dynamodb-conformance tier2 indexQualifier, tier3 partiqlIndexQualifier)."""
    hash_name = index.key.hash_name
    if not any(_on_attribute(t, hash_name) for t in terms):
        return
    missing: list[str] = []
    for term in terms:
        for name in _attribute_names(term):
            if name not in index.projected and name not in missing:
                missing.append(name)
    if missing:
        raise invalid_parameter(FILTER_PROJECTION.format(index=index.name, names=", ".join(missing)))


def _on_attribute(term: ast.Condition, name: str) -> bool:
    """`name = ...` (either way round) or `name IN [...]`."""
    def is_it(node: object) -> bool:
        return isinstance(node, ast.Path) and node.elements == (name,)
    if isinstance(term, ast.Compare):
        return term.op == "=" and (is_it(term.left) or is_it(term.right))
    return isinstance(term, ast.In) and is_it(term.value)


def _attribute_names(node: object) -> list[str]:
    """The top-level attribute of every document path in a condition or operand, in order."""
    if isinstance(node, ast.Path):
        head = node.elements[0]
        return [head] if isinstance(head, str) else []
    if isinstance(node, ast.Compare):
        parts: tuple[object, ...] = (node.left, node.right)
    elif isinstance(node, ast.Between):
        parts = (node.value, node.low, node.high)
    elif isinstance(node, ast.In):
        parts = (node.value, *node.options)
    elif isinstance(node, (ast.And, ast.Or)):
        parts = (node.left, node.right)
    elif isinstance(node, ast.Not):
        parts = (node.operand,)
    elif isinstance(node, ast.Call):
        parts = node.args
    elif isinstance(node, ast.Arithmetic):
        parts = (node.left, node.right)
    else:
        parts = ()
    return [name for part in parts for name in _attribute_names(part)]


def _key_terms(shape: keys.KeyShape, terms: list[ast.Condition], partition: dict[str, Any]) -> ast.Condition:
    """The key condition a SELECT's WHERE implies: the partition equality and the first sort key
    comparison of the right type (the WHERE stays the filter, so the rest need no plan)."""
    out: ast.Condition = ast.Compare("=", ast.Path((shape.hash_name,)), ast.Literal(partition))
    if shape.range_name is None or shape.range_type is None:
        return out
    sort_type = shape.range_type
    for term in terms:
        if _sort_term(term, shape.range_name, sort_type):
            return ast.And(out, term)
    return out


def _check_key_literals(shape: keys.KeyShape, terms: list[ast.Condition], where: ast.Condition | None) -> None:
    """A SELECT comparing a key attribute with a literal of another type (DynamoDB Local): the
    partition equality and, beside it, the sort key's key-condition comparisons name the key; any other
    comparison of a key attribute is "Condition parameter type does not match schema type"."""
    types = {shape.hash_name: shape.hash_type}
    if shape.range_name is not None and shape.range_type is not None:
        types[shape.range_name] = shape.range_type
    handled: set[int] = set()
    for term in terms:
        eq = _equality(term)
        if eq is not None and eq[0] == shape.hash_name:
            _check_key_type(shape.hash_name, shape.hash_type, eq[1])
            handled.add(id(term))
            break
    if handled and shape.range_name is not None and shape.range_type is not None:
        for term in terms:
            literals = _sort_literals(term, shape.range_name)
            if literals is not None:
                for literal in literals:
                    _check_key_type(shape.range_name, shape.range_type, literal)
                handled.add(id(term))
    if where is not None:
        _check_key_comparisons(where, types, handled)


def _sort_literals(term: ast.Condition, name: str) -> list[dict[str, Any]] | None:
    """The literals of a sort key comparison a key condition could use, or None."""
    operands: tuple[ast.Operand, ...] = ()
    if isinstance(term, ast.Compare) and term.op in _SORT_OPS:
        operands = (term.left, term.right)
    elif isinstance(term, ast.Between):
        operands = (term.value, term.low, term.high)
    elif isinstance(term, ast.Call) and term.name == "begins_with" and len(term.args) == 2:
        operands = term.args
    if not any(_is_sort_path(o, name) for o in operands):
        return None
    return [o.value for o in operands if isinstance(o, ast.Literal)]


def _check_key_comparisons(node: ast.Condition, types: dict[str, str], handled: set[int]) -> None:
    if id(node) in handled:
        return
    if isinstance(node, (ast.And, ast.Or)):
        _check_key_comparisons(node.left, types, handled)
        _check_key_comparisons(node.right, types, handled)
        return
    if isinstance(node, ast.Not):
        _check_key_comparisons(node.operand, types, handled)
        return
    operands: tuple[ast.Operand, ...]
    if isinstance(node, ast.Compare):
        operands = (node.left, node.right)
    elif isinstance(node, ast.Between):
        operands = (node.value, node.low, node.high)
    elif isinstance(node, ast.In):
        operands = (node.value, *node.options)
    elif node.name in ("begins_with", "contains"):
        operands = node.args
    else:
        return
    key_types = {types[o.elements[0]] for o in operands if isinstance(o, ast.Path) and len(o.elements) == 1
                 and isinstance(o.elements[0], str) and o.elements[0] in types}
    for type_ in key_types:
        if any(isinstance(o, ast.Literal) and type_ not in o.value for o in operands):
            raise invalid_parameter(CONDITION_TYPE)


def _is_sort_path(node: ast.Operand, name: str) -> bool:
    return isinstance(node, ast.Path) and node.elements == (name,)


def _typed(node: ast.Operand, type_: str) -> bool:
    return isinstance(node, ast.Literal) and type_ in node.value


def _sort_term(term: ast.Condition, name: str, type_: str) -> bool:
    if isinstance(term, ast.Compare) and term.op in _SORT_OPS:
        return (_is_sort_path(term.left, name) and _typed(term.right, type_)) or \
            (_is_sort_path(term.right, name) and _typed(term.left, type_))
    if isinstance(term, ast.Between):
        return _is_sort_path(term.value, name) and _typed(term.low, type_) and _typed(term.high, type_)
    if isinstance(term, ast.Call) and term.name == "begins_with" and len(term.args) == 2:
        return _is_sort_path(term.args[0], name) and _typed(term.args[1], type_) and type_ != "N"
    return False


def _check_order(table: Table, source: Table | Index, stmt: st.Select, has_partition: bool) -> None:
    assert stmt.order_by is not None
    if stmt.where is None:
        raise validation(ORDER_WITHOUT_WHERE)
    if not has_partition:
        raise validation(ORDER_WITHOUT_HASH)
    path = stmt.order_by[0]
    head = path.elements[0]
    names = set(source.key.names) | set(table.key.names)
    if len(path.elements) > 1 or head not in names:
        raise validation(ORDER_NOT_KEY.format(name=head))


def check_columns(projected: tuple[ast.Path, ...]) -> None:
    """A SELECT's columns must have distinct names (`m.x, x` both read as `x`), then not overlap; DynamoDB
    names the later of two overlapping paths first (differential testing against DynamoDB Local)."""
    seen: set[str] = set()
    for path in projected:
        name = _column_name(path)
        if name in seen:
            raise validation(DUPLICATE_COLUMN.format(name=name))
        seen.add(name)
    paths.check_overlaps(projected[::-1])


def project(projected: tuple[ast.Path, ...]) -> Projection:
    """A SELECT's column list: each path's value under the path's last name (list indexes after
    it kept in the name, e.g. `l[1]`)."""
    columns = [(_column_name(p), p.elements) for p in projected]

    def apply(item: Item) -> Item:
        out: Item = {}
        for name, elements in columns:
            value = lookup(item, elements)
            if value is not None:
                out[name] = value
        return out
    return apply


def _column_name(path: ast.Path) -> str:
    elements = path.elements
    last_name = max(i for i, e in enumerate(elements) if isinstance(e, str))
    return str(elements[last_name]) + "".join(f"[{e}]" for e in elements[last_name + 1:])


# ---- writes ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WritePlan:
    op: PutOp | UpdateOp | DeleteOp
    returning: str | None
    modified: Projection | None = None   # the item onto the attributes updated (RETURNING MODIFIED)


def _absent(old: Item | None) -> bool:
    return old is None


def plan_insert(table: Table, stmt: st.Insert) -> WritePlan:
    item = stmt.item
    shape = table.key
    for name, type_ in ((shape.hash_name, shape.hash_type), (shape.range_name, shape.range_type)):
        if name is None or type_ is None:
            continue
        if name not in item:
            raise validation(KEY_ABSENT.format(name=name))
        _check_key_type(name, type_, item[name])
    values.check_key_values(shape, item)
    size = values.check_item_size(item)
    if table.indexes:
        indexes.check_item(table.indexes, item)
    key = values.key_of(shape, item)
    op = PutOp(table, key, keys.item_key(table.id, shape, key), item, size, _absent)
    return WritePlan(op, None)


def plan_update(table: Table, stmt: st.Update, return_old_on_fail: bool) -> WritePlan:
    check_condition(stmt.where)
    key, rest = key_of_where(table, stmt.where)
    update = ast.Update(stmt.actions)
    paths.check_overlaps([a.path for a in reversed(stmt.actions)])  # DynamoDB names the later path first
    check_update(update)
    for action in stmt.actions:
        head = action.path.elements[0]
        if head in table.key.names:
            raise invalid_parameter(KEY_UPDATE.format(name=head))
    exists = ast.Call("attribute_exists", (ast.Path((table.key.hash_name,)),))
    condition = compile_condition(and_all([exists, *rest]) or exists)
    nested = tuple(str(a.path.elements[0]) for a in stmt.actions if len(a.path.elements) > 1)
    op = UpdateOp(table, key, keys.item_key(table.id, table.key, key),
                  indexes.nested_guard(compile_update(update), table.indexes, nested), condition, return_old_on_fail)
    modified = None
    if stmt.returning in ("MODIFIED OLD", "MODIFIED NEW"):
        modified = _modified([a.path.elements for a in stmt.actions])
    return WritePlan(op, stmt.returning, modified)


def _modified(targets: list[tuple[Any, ...]]) -> Projection:
    """RETURNING MODIFIED: each top-level attribute, whole, holding an action's path in the
    item (the old one for OLD, the new one for NEW), as DynamoDB Local answers."""
    def modified(item: Item) -> Item:
        return {str(t[0]): item[t[0]] for t in targets if lookup(item, t) is not None}
    return modified


def plan_delete(table: Table, stmt: st.Delete, return_old_on_fail: bool) -> WritePlan:
    if stmt.returning is not None and stmt.returning != "ALL OLD":
        raise validation(DELETE_RETURNING.format(mode=stmt.returning))
    check_condition(stmt.where)
    key, rest = key_of_where(table, stmt.where)
    rest_condition = and_all(rest)
    condition = None
    if rest_condition is not None:  # DynamoDB checks it only against an item that exists
        compiled = compile_condition(rest_condition)

        def condition(old: Item | None) -> bool:
            return old is None or compiled(old)
    op = DeleteOp(table, key, keys.item_key(table.id, table.key, key), condition, return_old_on_fail)
    return WritePlan(op, stmt.returning)
