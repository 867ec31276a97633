"""Resolved condition trees compiled to closures over an item.

`compile_condition(tree)` returns `f(item) -> bool` (item None means "no item": every path is
missing). Evaluation never raises a request validation error: a comparison between values of
different types, a missing attribute or a function applied to a type it does not handle is
simply false, as in DynamoDB.
https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ddbserver.engine.expr import ast
from ddbserver.engine.expr.compare import decode_binary, equal, ordered, type_of

Item = dict[str, Any]
Value = dict[str, Any]
Getter = Callable[[Item], "Value | None"]
Predicate = Callable[[Item], bool]

_EMPTY: Item = {}


def lookup(item: Item, elements: tuple[Any, ...]) -> Value | None:
    """The value at a resolved document path (str and int elements), or None when any step is missing."""
    value: Value | None = item.get(elements[0])
    for e in elements[1:]:
        if value is None:
            return None
        if isinstance(e, int):
            seq = value.get("L")
            value = seq[e] if seq is not None and e < len(seq) else None
        else:
            mapping = value.get("M")
            value = mapping.get(e) if mapping is not None else None
    return value


def compile_path(path: ast.Path) -> Getter:
    elements: tuple[Any, ...] = path.elements
    if len(elements) == 1:
        name: str = elements[0]
        return lambda item: item.get(name)
    return lambda item: lookup(item, elements)


def _size(value: Value | None) -> Value | None:
    """size(): a string's length counts UTF-16 code units (a character outside the Basic
    Multilingual Plane counts 2), a binary's its bytes, a set, list or map its members."""
    if value is None:
        return None
    (type_, v), = value.items()
    if type_ == "S":
        n = len(v) if v.isascii() else len(v.encode("utf-16-le")) // 2
    elif type_ == "B":
        n = len(decode_binary(v))
    elif type_ in ("SS", "NS", "BS", "L", "M"):
        n = len(v)
    else:
        return None
    return {"N": str(n)}


def compile_operand(node: ast.Operand) -> Getter:
    """Operands of conditions: paths, literals and size()."""
    if isinstance(node, ast.Path):
        return compile_path(node)
    if isinstance(node, ast.Literal):
        value = node.value
        return lambda item: value
    if isinstance(node, ast.Call) and node.name == "size":
        inner = compile_operand(node.args[0])
        return lambda item: _size(inner(item))
    raise AssertionError(f"not a condition operand: {node!r}")


# ---- functions --------------------------------------------------------------------------


def _begins_with(a: Value | None, b: Value | None) -> bool:
    if a is None or b is None:
        return False
    ta, tb = type_of(a), type_of(b)
    if ta != tb:
        return False
    if ta == "S":
        return bool(a["S"].startswith(b["S"]))
    if ta == "B":
        return decode_binary(a["B"]).startswith(decode_binary(b["B"]))
    return False


_SET_ELEMENT = {"SS": "S", "NS": "N", "BS": "B"}


def _contains(a: Value | None, b: Value | None) -> bool:
    if a is None or b is None:
        return False
    ta, tb = type_of(a), type_of(b)
    if ta == "S":
        return tb == "S" and b["S"] in a["S"]
    if ta == "B":
        return tb == "B" and decode_binary(b["B"]) in decode_binary(a["B"])
    if ta in _SET_ELEMENT:
        if _SET_ELEMENT[ta] != tb:
            return False
        if ta == "SS":
            return b["S"] in a["SS"]
        if ta == "NS":
            target = Decimal(b["N"])
            return any(Decimal(x) == target for x in a["NS"])
        target_bytes = decode_binary(b["B"])
        return any(decode_binary(x) == target_bytes for x in a["BS"])
    if ta == "L":
        return any(equal(x, b) for x in a["L"])
    return False


def _compile_call(node: ast.Call) -> Predicate:
    args = [compile_operand(a) for a in node.args]
    name = node.name
    if name == "attribute_exists":
        get = args[0]
        return lambda item: get(item) is not None
    if name == "attribute_not_exists":
        get = args[0]
        return lambda item: get(item) is None
    first, second = args[0], args[1]
    if name == "attribute_type":
        def attribute_type(item: Item) -> bool:
            value, wanted = first(item), second(item)
            return value is not None and wanted is not None and wanted.get("S") == type_of(value)
        return attribute_type
    if name == "begins_with":
        return lambda item: _begins_with(first(item), second(item))
    if name == "contains":
        return lambda item: _contains(first(item), second(item))
    raise AssertionError(f"not a condition function: {name}")


# ---- conditions -------------------------------------------------------------------------

_ORDER_TESTS: dict[str, Callable[[int], bool]] = {
    "<": lambda c: c < 0,
    "<=": lambda c: c <= 0,
    ">": lambda c: c > 0,
    ">=": lambda c: c >= 0,
}


def _equal(a: Value | None, b: Value | None) -> bool:
    return a is not None and b is not None and equal(a, b)


def _compile_compare(node: ast.Compare) -> Predicate:
    left, right = compile_operand(node.left), compile_operand(node.right)
    if node.op == "=":
        return lambda item: _equal(left(item), right(item))
    if node.op == "<>":
        return lambda item: not _equal(left(item), right(item))
    test = _ORDER_TESTS[node.op]

    def compare(item: Item) -> bool:
        c = ordered(left(item), right(item))
        return c is not None and test(c)
    return compare


def _compile(node: ast.Condition) -> Predicate:
    if isinstance(node, ast.And):
        a, b = _compile(node.left), _compile(node.right)
        return lambda item: a(item) and b(item)
    if isinstance(node, ast.Or):
        a, b = _compile(node.left), _compile(node.right)
        return lambda item: a(item) or b(item)
    if isinstance(node, ast.Not):
        a = _compile(node.operand)
        return lambda item: not a(item)
    if isinstance(node, ast.Compare):
        return _compile_compare(node)
    if isinstance(node, ast.Between):
        value, low, high = (compile_operand(x) for x in (node.value, node.low, node.high))

        def between(item: Item) -> bool:
            v = value(item)
            lo = ordered(v, low(item))
            if lo is None or lo < 0:
                return False
            hi = ordered(v, high(item))
            return hi is not None and hi <= 0
        return between
    if isinstance(node, ast.In):
        value = compile_operand(node.value)
        options = [compile_operand(o) for o in node.options]

        def in_(item: Item) -> bool:
            v = value(item)
            return v is not None and any(_equal(v, o(item)) for o in options)
        return in_
    assert isinstance(node, ast.Call)
    return _compile_call(node)


def compile_condition(node: ast.Condition) -> Callable[[Item | None], bool]:
    """A resolved condition as `f(item_or_None) -> bool`."""
    f = _compile(node)
    return lambda item: f(item if item is not None else _EMPTY)
