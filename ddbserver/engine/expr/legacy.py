"""The legacy parameters, translated into the expression AST.

Expected + ConditionalOperator become a condition, QueryFilter / ScanFilter (+ ConditionalOperator)
a filter, KeyConditions a key condition, AttributeUpdates an update and AttributesToGet a
projection: resolved trees (plain attribute names, `Literal` values) that the expression
evaluator runs like any other. This module owns the legacy parameters' request rules and
messages, checked in DynamoDB's order (entries in request order; for each, its shape, then its
values, then its operator's arity and types). See
https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.html

Translation of Expected (the attribute is always a top-level name, never a path):

    Exists false                 attribute_not_exists(a)
    Value v (Exists absent/true) a = v
    EQ NE LT LE GT GE v          a = v, a <> v, a < v, ...
    NULL / NOT_NULL              attribute_not_exists(a) / attribute_exists(a)
    CONTAINS v                   contains(a, v)
    NOT_CONTAINS v               attribute_exists(a) AND NOT contains(a, v)
    BEGINS_WITH v                begins_with(a, v)
    IN v1 .. vn                  a IN (v1, .., vn)
    BETWEEN lo hi                a BETWEEN lo AND hi

and of AttributeUpdates: PUT -> SET a = v; DELETE -> REMOVE a; DELETE set -> DELETE a set;
ADD number or set -> ADD a v; ADD list (no expression twin) -> SET a = list_append(
if_not_exists(a, []), v). ADD and DELETE also require the stored attribute, when present, to be
of the value's type ("Type mismatch for attribute to update"): `LegacyUpdate.check`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from ddbserver.engine import values
from ddbserver.engine.expr import ast
from ddbserver.engine.expr.compare import compare_values
from ddbserver.engine.expr.parser import CONDITION, FILTER, KEY_CONDITION, PROJECTION, UPDATE
from ddbserver.errors import invalid_parameter, validation

Item = dict[str, Any]

# ---- messages (each exactly as DynamoDB words it) -------------------------------------------

MIXED = ("Can not use both expression and non-expression parameters in the same request: "
         "Non-expression parameters: {{{legacy}}} Expression parameters: {{{expression}}}")
EXISTS_WITH_OPERATOR = "Exists and ComparisonOperator cannot be used together for Attribute: {name}"
VALUE_WITH_LIST = "Value and AttributeValueList cannot be used together for Attribute: {name}"
LIST_WITHOUT_OPERATOR = "AttributeValueList can only be used with a ComparisonOperator for Attribute: {name}"
VALUE_WHEN_NOT_EXISTS = "Value cannot be used when Exists is false for Attribute: {name}"
OPERATOR_WITHOUT_VALUES = "Value or AttributeValueList must be used with ComparisonOperator: {op} for Attribute: {name}"
VALUE_REQUIRED = "Value must be provided when Exists is {exists} for Attribute: {name}"
ARGUMENT_COUNT = "Invalid number of argument(s) for the {op} ComparisonOperator"
ARGUMENT_TYPE = "ComparisonOperator {op} is not valid for {type} AttributeValue type"
MIXED_TYPES = "AttributeValues inside AttributeValueList must be of same type"
BETWEEN_ORDER = "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound"
UNKNOWN_OPERATOR = "Comparison type does not exist in DynamoDB"
OPERATOR_WITHOUT_EXPECTED = "ConditionalOperator cannot be used without Filter or Expected"
OPERATOR_WITH_ONE = "ConditionalOperator can only be used when Filter or Expected has two or more elements"
NO_VALUE_NOT_DELETE = "Only DELETE action is allowed when no attribute value is specified"
KEY_UPDATE = "Cannot update attribute {name}. This attribute is part of the key"
ADD_TYPE = "ADD action is not supported for the type {type}"
DELETE_TYPE = "DELETE action with value is not supported for the type {type}"
TYPE_MISMATCH = "Type mismatch for attribute to update"
UPDATE_TOO_LARGE = "Item size to update has exceeded the maximum allowed size"
DUPLICATE_NAME = "Duplicate value in attribute name: {name}"

# ---- tables -------------------------------------------------------------------------------

# Which parameters conflict, in the order DynamoDB lists them in MIXED (no operation takes both
# AttributesToGet and AttributeUpdates, nor ProjectionExpression and UpdateExpression).
LEGACY_PARAMETERS = ("AttributesToGet", "AttributeUpdates", "Expected", "QueryFilter", "ScanFilter",
                     "ConditionalOperator", "KeyConditions")
EXPRESSION_PARAMETERS = ("ProjectionExpression", "UpdateExpression", "ConditionExpression", "FilterExpression",
                         "KeyConditionExpression")
FILTERS = ("QueryFilter", "ScanFilter")
# The expression kinds an operation must accept for a parameter to be one of its members: DynamoDB
# ignores members an operation does not have (FilterExpression sent to GetItem or PutItem mixes
# with nothing). QueryFilter goes with KeyConditionExpression, i.e. only Query has it.
KINDS_OF: dict[str, tuple[str, ...]] = {
    "AttributesToGet": (PROJECTION,), "AttributeUpdates": (UPDATE,), "Expected": (CONDITION,),
    "QueryFilter": (KEY_CONDITION,), "ScanFilter": (FILTER,), "ConditionalOperator": (CONDITION, FILTER),
    "KeyConditions": (KEY_CONDITION,), **{p: (p,) for p in EXPRESSION_PARAMETERS}}

SCALARS = frozenset({"S", "N", "B"})
ALL_TYPES = frozenset(values.TYPES)

# operator -> (fewest values, most values or None, the value types it accepts)
OPERATORS: dict[str, tuple[int, int | None, frozenset[str]]] = {
    "EQ": (1, 1, ALL_TYPES),
    "NE": (1, 1, ALL_TYPES),
    "LE": (1, 1, SCALARS),
    "LT": (1, 1, SCALARS),
    "GE": (1, 1, SCALARS),
    "GT": (1, 1, SCALARS),
    "NOT_NULL": (0, 0, ALL_TYPES),
    "NULL": (0, 0, ALL_TYPES),
    "CONTAINS": (1, 1, SCALARS | {"BOOL", "NULL"}),
    "NOT_CONTAINS": (1, 1, SCALARS | {"BOOL", "NULL"}),
    "BEGINS_WITH": (1, 1, frozenset({"S", "B"})),
    "IN": (1, None, SCALARS),
    "BETWEEN": (2, 2, SCALARS),
}
COMPARATORS = {"EQ": "=", "NE": "<>", "LE": "<=", "LT": "<", "GE": ">=", "GT": ">"}

# DynamoDB's names for the types, in the AttributeUpdates messages
TYPE_NAMES = {"S": "STRING", "N": "NUMBER", "B": "BINARY", "SS": "STRING_SET", "NS": "NUMBER_SET",
              "BS": "BINARY_SET", "L": "LIST", "M": "MAP", "BOOL": "BOOLEAN", "NULL": "NULL"}
ADD_TYPES = frozenset({"N", "SS", "NS", "BS", "L"})
DELETE_TYPES = frozenset({"SS", "NS", "BS"})


# ---- the translated request -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LegacyUpdate:
    """AttributeUpdates as an update AST plus the legacy-only check against the stored item.

    `guards` holds, for each ADD / DELETE-with-value, the attribute and the one stored type it
    accepts; `check(item)` raises "Type mismatch for attribute to update" before the update runs.
    """

    update: ast.Update
    guards: tuple[tuple[str, str], ...]

    def check(self, item: Item) -> None:
        for name, type_ in self.guards:
            stored = item.get(name)
            if stored is not None and type_ not in stored:
                raise validation(TYPE_MISMATCH)

    @staticmethod
    def check_size(item: Item) -> None:
        """The updated item must fit DynamoDB's item size limit."""
        if values.item_size(item) > values.MAX_ITEM_SIZE:
            raise validation(UPDATE_TOO_LARGE)


@dataclass(frozen=True, slots=True)
class Legacy:
    """What a request's legacy parameters translate to (None where a parameter was absent)."""

    condition: ast.Condition | None = None
    update: LegacyUpdate | None = None
    projection: ast.Projection | None = None
    filter: ast.Condition | None = None
    key_condition: ast.Condition | None = None


def translate(body: dict[str, Any], *, condition: bool = False, update: bool = False, projection: bool = False,
              filter: bool = False, key_condition: bool = False, key_names: tuple[str, ...] = ()) -> Legacy:
    """Check a request's legacy parameters and translate them (the caller checked mixing).

    The flags say which kinds the operation takes, as for expressions: `condition` Expected,
    `filter` QueryFilter / ScanFilter, `key_condition` KeyConditions; ConditionalOperator goes
    with Expected or with the filter.
    """
    cond = expected_condition(body) if condition else None
    keys = key_conditions(body.get("KeyConditions")) if key_condition else None  # before QueryFilter
    filt = filter_condition(body) if filter else None
    upd = attribute_updates(body.get("AttributeUpdates"), key_names) if update else None
    proj = attributes_to_get(body.get("AttributesToGet")) if projection else None
    return Legacy(cond, upd, proj, filt, keys)


def check_not_mixed(body: dict[str, Any], accepts: Collection[str] | None = None) -> None:
    """Legacy and expression parameters may not appear in one request.

    `accepts` names the expression kinds the operation takes (None: all); parameters of other
    kinds are not the operation's members and are ignored. KeyConditions conflicts only with
    KeyConditionExpression (a Query may combine KeyConditions with FilterExpression and
    ProjectionExpression).
    """
    def member(p: str) -> bool:
        return body.get(p) is not None and (accepts is None or any(k in accepts for k in KINDS_OF[p]))

    expression = [p for p in EXPRESSION_PARAMETERS if member(p)]
    if not expression:
        return
    legacy = [p for p in LEGACY_PARAMETERS if member(p)
              and (p != "KeyConditions" or body.get("KeyConditionExpression") is not None)]
    if legacy:
        raise validation(MIXED.format(legacy=", ".join(legacy), expression=", ".join(expression)))


# ---- Expected and ConditionalOperator -------------------------------------------------------


def expected_condition(body: dict[str, Any]) -> ast.Condition | None:
    """Expected (+ ConditionalOperator) as one condition; None when there is nothing to check."""
    expected = body.get("Expected")
    conditions: list[ast.Condition] = []
    size = 0
    for name, entry in (expected or {}).items():
        if name == "":
            raise validation("Empty attribute name")
        cond, entry_size = _expected_entry(name, entry or {})
        conditions.append(cond)
        size += entry_size
        if size > values.MAX_ITEM_SIZE:
            raise validation(values.ITEM_TOO_LARGE)
    return _combine(conditions, _conditional_operator(body, expected))


def _conditional_operator(body: dict[str, Any], conditions: dict[str, Any] | None) -> type[ast.And] | type[ast.Or]:
    """How ConditionalOperator joins the entries of Expected or of a filter (AND by default)."""
    operator = body.get("ConditionalOperator")
    if operator is not None:
        if not conditions:
            raise validation(OPERATOR_WITHOUT_EXPECTED)
        if len(conditions) == 1:
            raise validation(OPERATOR_WITH_ONE)
    return ast.Or if operator == "OR" else ast.And


def _combine(conditions: list[ast.Condition], node: type[ast.And] | type[ast.Or]) -> ast.Condition | None:
    if not conditions:
        return None
    result = conditions[0]
    for cond in conditions[1:]:
        result = node(result, cond)
    return result


def _expected_entry(name: str, entry: dict[str, Any]) -> tuple[ast.Condition, int]:
    """One Expected entry checked in DynamoDB's order, its condition and its size in bytes."""
    exists = entry.get("Exists")
    value = entry.get("Value")
    arguments = entry.get("AttributeValueList")
    op = entry.get("ComparisonOperator")
    _check_shape(name, exists, value, arguments, op)
    raw = [value] if value is not None else list(arguments or [])
    args = [values.check_value(v) for v in raw]
    size = len(name.encode("utf-8")) + sum(values.value_size(v) for v in args)
    path = ast.Path((name,))
    if op is None:
        if exists is False:
            return ast.Call("attribute_not_exists", (path,)), size
        return ast.Compare("=", path, ast.Literal(args[0])), size
    _check_arguments(op, args)
    return _operator_condition(op, path, [ast.Literal(v) for v in args]), size


# ---- QueryFilter, ScanFilter, KeyConditions ----------------------------------------------------


def filter_condition(body: dict[str, Any]) -> ast.Condition | None:
    """QueryFilter or ScanFilter (+ ConditionalOperator) as one condition."""
    member = next((m for m in FILTERS if body.get(m) is not None), None)
    conditions = body.get(member) if member is not None else None
    translated = [_condition_entry(name, entry or {}) for name, entry in (conditions or {}).items()]
    return _combine(translated, _conditional_operator(body, conditions))


def key_conditions(conditions: dict[str, Any] | None) -> ast.Condition | None:
    """KeyConditions as a condition joined with AND; which operators suit which key is the planner's rule."""
    if conditions is None:
        return None
    return _combine([_condition_entry(name, entry or {}) for name, entry in conditions.items()], ast.And)


def _condition_entry(name: str, entry: dict[str, Any]) -> ast.Condition:
    """One filter or key condition: its operator, then its values, then the operator's rules."""
    if name == "":
        raise validation("Empty attribute name")
    op = entry.get("ComparisonOperator")
    if op not in OPERATORS:
        raise validation(UNKNOWN_OPERATOR)
    args = [values.check_value(v) for v in entry.get("AttributeValueList") or []]
    _check_arguments(op, args)
    return _operator_condition(op, ast.Path((name,)), [ast.Literal(v) for v in args])


def _check_shape(name: str, exists: Any, value: Any, arguments: Any, op: Any) -> None:
    if exists is not None and op is not None:
        raise invalid_parameter(EXISTS_WITH_OPERATOR.format(name=name))
    if value is not None and arguments is not None:
        raise invalid_parameter(VALUE_WITH_LIST.format(name=name))
    if op is None and arguments is not None:
        raise invalid_parameter(LIST_WITHOUT_OPERATOR.format(name=name))
    if exists is False and value is not None:
        raise invalid_parameter(VALUE_WHEN_NOT_EXISTS.format(name=name))
    if value is None and arguments is None:
        if op is not None:
            if op not in ("NULL", "NOT_NULL"):
                raise invalid_parameter(OPERATOR_WITHOUT_VALUES.format(op=op, name=name))
        elif exists is not False:
            raise invalid_parameter(VALUE_REQUIRED.format(exists="null" if exists is None else "true", name=name))


def _check_arguments(op: str, args: list[dict[str, Any]]) -> None:
    """The operator's arity, the types it accepts, one type throughout, BETWEEN's bounds in order."""
    rule = OPERATORS.get(op)
    if rule is None:
        raise validation(UNKNOWN_OPERATOR)
    fewest, most, types = rule
    if len(args) < fewest or (most is not None and len(args) > most):
        raise invalid_parameter(ARGUMENT_COUNT.format(op=op))
    kinds = [next(iter(v)) for v in args]
    for kind in kinds:
        if kind not in types:
            raise invalid_parameter(ARGUMENT_TYPE.format(op=op, type=kind))
    if len(set(kinds)) > 1:
        raise invalid_parameter(MIXED_TYPES)
    if op == "BETWEEN" and compare_values(args[0], args[1]) > 0:
        raise validation(BETWEEN_ORDER)


def _operator_condition(op: str, path: ast.Path, args: list[ast.Literal]) -> ast.Condition:
    return CONDITIONS[op](path, args)


Builder = Callable[[ast.Path, list[ast.Literal]], ast.Condition]


def _compare(comparator: str) -> Builder:
    return lambda path, args: ast.Compare(comparator, path, args[0])


def _not_contains(path: ast.Path, args: list[ast.Literal]) -> ast.Condition:
    """NOT_CONTAINS is false on a missing attribute (unlike NOT contains(...))."""
    return ast.And(ast.Call("attribute_exists", (path,)), ast.Not(ast.Call("contains", (path, args[0]))))


# operator -> its condition tree over the attribute's path and the operator's values
CONDITIONS: dict[str, Builder] = {
    **{op: _compare(comparator) for op, comparator in COMPARATORS.items()},
    "NULL": lambda p, a: ast.Call("attribute_not_exists", (p,)),
    "NOT_NULL": lambda p, a: ast.Call("attribute_exists", (p,)),
    "CONTAINS": lambda p, a: ast.Call("contains", (p, a[0])),
    "NOT_CONTAINS": _not_contains,
    "BEGINS_WITH": lambda p, a: ast.Call("begins_with", (p, a[0])),
    "IN": lambda p, a: ast.In(p, tuple(a)),
    "BETWEEN": lambda p, a: ast.Between(p, a[0], a[1]),
}


# ---- AttributeUpdates -----------------------------------------------------------------------


def attribute_updates(updates: dict[str, Any] | None, key_names: tuple[str, ...]) -> LegacyUpdate | None:
    """AttributeUpdates checked entry by entry and translated into update actions."""
    if updates is None:
        return None
    actions: list[ast.Action] = []
    guards: list[tuple[str, str]] = []
    size = 0
    for name, entry in updates.items():
        if name == "":
            raise validation("Empty attribute name")
        if name in key_names:
            raise invalid_parameter(KEY_UPDATE.format(name=name))
        entry = entry or {}
        action = entry.get("Action") or "PUT"  # PUT is the default (DynamoDB Local ignores such entries)
        raw = entry.get("Value")
        value = values.check_value(raw) if raw is not None else None
        actions.append(_update_action(name, action, value, guards))
        if action != "DELETE" and value is not None:
            size += len(name.encode("utf-8")) + values.value_size(value)
            if size > values.MAX_ITEM_SIZE:
                raise validation(UPDATE_TOO_LARGE)
    return LegacyUpdate(ast.Update(tuple(actions)), tuple(guards))


def _update_action(name: str, action: str, value: dict[str, Any] | None,
                   guards: list[tuple[str, str]]) -> ast.Action:
    path = ast.Path((name,))
    if value is None:
        if action != "DELETE":
            raise invalid_parameter(NO_VALUE_NOT_DELETE)
        return ast.RemoveAction(path)
    type_ = next(iter(value))
    literal = ast.Literal(value)
    if action == "PUT":
        return ast.SetAction(path, literal)
    if action == "DELETE":
        if type_ not in DELETE_TYPES:
            raise invalid_parameter(DELETE_TYPE.format(type=TYPE_NAMES[type_]))
        guards.append((name, type_))
        return ast.DeleteAction(path, literal)
    if type_ not in ADD_TYPES:
        raise invalid_parameter(ADD_TYPE.format(type=TYPE_NAMES[type_]))
    guards.append((name, type_))
    if type_ == "L":
        start = ast.Call("if_not_exists", (path, ast.Literal({"L": []})))
        return ast.SetAction(path, ast.Call("list_append", (start, literal)))
    return ast.AddAction(path, literal)


# ---- AttributesToGet ------------------------------------------------------------------------


def attributes_to_get(names: list[str] | None) -> ast.Projection | None:
    """AttributesToGet as a projection of top-level attributes (a name is never a path)."""
    if names is None:
        return None
    seen: set[str] = set()
    for name in names:
        if name == "":
            raise validation("Empty attribute name")
        if name in seen:
            raise invalid_parameter(DUPLICATE_NAME.format(name=name))
        seen.add(name)
    return ast.Projection(tuple(ast.Path((name,)) for name in names))
