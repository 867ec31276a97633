"""Bind one request's #names and :values into a parsed tree, checking what depends on them.

`Resolver` walks a tree in post-order (operands before the operator that uses them, left to
right), replacing `Name` with the attribute name and `ValueRef` with a `Literal`, recording
which placeholders were used, and raising DynamoDB's errors in DynamoDB's order: undefined
placeholders, function arity, functions that need a document path, operand types of literal
values, operands that must be distinct, BETWEEN bounds. Messages carry no prefix.
"""

from __future__ import annotations

from typing import Any

from ddbserver.engine.expr import ast
from ddbserver.engine.expr.compare import compare_values, decode_binary, type_of
from ddbserver.engine.expr.parser import FUNCTIONS
from ddbserver.errors import validation

NAME_UNDEFINED = "An expression attribute name used in the document path is not defined; attribute name: {name}"
VALUE_UNDEFINED = "An expression attribute value used in expression is not defined; attribute value: {name}"
ARITY = "Incorrect number of operands for operator or function; operator or function: {name}, number of operands: {count}"
NEEDS_PATH = "Operator or function requires a document path; operator or function: {name}"
OPERAND_TYPE = "Incorrect operand type for operator or function; operator or function: {name}, operand type: {type}"
ACTION_OPERAND_TYPE = ("Incorrect operand type for operator or function; operator: {op}, operand type: {type}, "
                       "typeSet: ALLOWED_FOR_{op}_OPERAND")
NOT_DISTINCT = ("The first operand must be distinct from the remaining operands for this operator or function; "
                "operator: {op}, first operand: {path}")
BETWEEN_ORDER = ("The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
                 "lower bound operand: AttributeValue: {low}, upper bound operand: AttributeValue: {high}")
BETWEEN_TYPES = ("The BETWEEN operator requires same data type for lower and upper bounds; "
                 "lower bound operand: AttributeValue: {low}, upper bound operand: AttributeValue: {high}")
# DynamoDB's text when attribute_type's second operand is not a :value (its internal type list).
TYPE_OPERAND = ("Incorrect operand type for operator or function; operator or function: attribute_type, operand type: "
                "{HD,NULL,DOUBLE,DECIMALSET,FS,L,N,DOUBLESET,DICT,BS,FLOAT,DECIMAL,B,INT,M,S,HDS,BOOL,SS,NS,INTSET}")
BAD_TYPE_NAME = "Invalid attribute type name found; type: {type}, valid types: {{N,BS,L,B,NULL,M,S,SS,NS,BOOL}}"

TYPE_NAMES = frozenset(("S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL"))
LONG_TYPE_NAMES = {"S": "STRING", "N": "NUMBER", "B": "BINARY", "BOOL": "BOOLEAN", "NULL": "NULL",
                   "L": "LIST", "M": "MAP", "SS": "STRING_SET", "NS": "NUMBER_SET", "BS": "BINARY_SET"}
ORDERED_TYPES = frozenset(("S", "N", "B"))
# Literal operand types each function accepts, by argument position (None: any type).
FUNCTION_TYPES: dict[str, tuple[frozenset[str] | None, ...]] = {
    "size": (frozenset(("S", "B", "SS", "NS", "BS", "L", "M")),),
    "begins_with": (frozenset(("S", "B")), frozenset(("S", "B"))),
    "attribute_type": (None, frozenset(("S",))),
    "list_append": (frozenset(("L",)), frozenset(("L",))),
}
ADD_TYPES = frozenset(("N", "SS", "NS", "BS"))
DELETE_TYPES = frozenset(("SS", "NS", "BS"))
# functions whose first (path) operand may not reappear among the others, checked before the
# operand types (observed on DynamoDB Local: attribute_type(a, a), if_not_exists(a, a))
DISTINCT_FUNCTIONS = frozenset(("begins_with", "contains", "attribute_type", "if_not_exists"))


STATIC_TYPES = {"size": "N", "list_append": "L"}  # the type a function call always yields


def static_type(node: ast.Operand) -> str | None:
    """The type an operand is known to have before evaluation (a literal's, size()'s), else None."""
    if isinstance(node, ast.Literal):
        return type_of(node.value)
    if isinstance(node, ast.Call):
        return STATIC_TYPES.get(node.name)
    return None


def path_text(path: ast.Path) -> str:
    """A resolved path as DynamoDB prints it in messages: [a, b, [0]]."""
    return "[" + ", ".join(f"[{e}]" if isinstance(e, int) else str(e) for e in path.elements) + "]"


def value_text(value: dict[str, Any]) -> str:
    """A literal as DynamoDB prints it in messages: {N:1}; a binary as its Java buffer."""
    (type_, v), = value.items()
    if type_ == "B":
        n = len(decode_binary(v))
        v = f"java.nio.HeapByteBuffer[pos=0 lim={n} cap={n}]"
    return "{" + f"{type_}:{v}" + "}"


class Resolver:
    """Resolves the trees of one request; `used_names` / `used_values` collect across them."""

    __slots__ = ("names", "values", "written", "used_names", "used_values", "checking")

    def __init__(self, names: dict[str, str] | None, values: dict[str, Any] | None,
                 written: dict[str, Any] | None = None) -> None:
        self.names = names or {}
        self.values = values or {}
        self.written = written or {}  # the values as the request wrote them, for messages
        self.used_names: set[str] = set()
        self.used_values: set[str] = set()
        self.checking = True  # off while an update's placeholders are bound (checked later)

    # ---- operands ----------------------------------------------------------------------

    def path(self, path: ast.Path) -> ast.Path:
        if all(not isinstance(e, ast.Name) for e in path.elements):
            return path
        out: list[str | int] = []
        for e in path.elements:
            if isinstance(e, ast.Name):
                name = self.names.get(e.placeholder)
                if name is None:
                    raise validation(NAME_UNDEFINED.format(name=e.placeholder))
                self.used_names.add(e.placeholder)
                out.append(name)
            else:
                out.append(e)
        return ast.Path(tuple(out))

    def operand(self, node: ast.Operand) -> ast.Operand:
        if isinstance(node, ast.Path):
            return self.path(node)
        if isinstance(node, ast.ValueRef):
            value = self.values.get(node.placeholder)
            if value is None:
                raise validation(VALUE_UNDEFINED.format(name=node.placeholder))
            self.used_values.add(node.placeholder)
            return ast.Literal(value)
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Arithmetic):
            arithmetic = ast.Arithmetic(node.op, self.operand(node.left), self.operand(node.right))
            if self.checking:
                _check_arithmetic(arithmetic)
            return arithmetic
        return node  # Literal (legacy trees)

    def call(self, node: ast.Call) -> ast.Call:
        call = ast.Call(node.name, tuple(self.operand(a) for a in node.args))
        if self.checking:
            _check_call(call)
        return call

    # ---- conditions --------------------------------------------------------------------

    def condition(self, node: ast.Condition) -> ast.Condition:
        if isinstance(node, ast.And):
            return ast.And(self.condition(node.left), self.condition(node.right))
        if isinstance(node, ast.Or):
            return ast.Or(self.condition(node.left), self.condition(node.right))
        if isinstance(node, ast.Not):
            return ast.Not(self.condition(node.operand))
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Compare):
            left, right = self.operand(node.left), self.operand(node.right)
            if node.op not in ("=", "<>"):
                _check_ordered(node.op, (left, right))
            _check_distinct(node.op, left, (right,))
            return ast.Compare(node.op, left, right)
        if isinstance(node, ast.Between):
            value, low, high = self.operand(node.value), self.operand(node.low), self.operand(node.high)
            _check_ordered("BETWEEN", (value, low, high))
            _check_distinct("BETWEEN", value, (low, high))
            if isinstance(low, ast.Literal) and isinstance(high, ast.Literal):
                texts = {"low": self.shown(node.low, low), "high": self.shown(node.high, high)}
                if type_of(low.value) != type_of(high.value):
                    raise validation(BETWEEN_TYPES.format(**texts))
                if compare_values(low.value, high.value) > 0:
                    raise validation(BETWEEN_ORDER.format(**texts))
            return ast.Between(value, low, high)
        assert isinstance(node, ast.In)
        value = self.operand(node.value)
        options = tuple(self.operand(o) for o in node.options)
        _check_distinct("IN", value, options)
        return ast.In(value, options)

    def shown(self, node: ast.Operand, literal: ast.Literal) -> str:
        """A literal as a message shows it: as the request wrote it (a number is not
        normalised: {N:1E+3}, {N:10.50}; observed on DynamoDB Local)."""
        written = self.written.get(node.placeholder) if isinstance(node, ast.ValueRef) else None
        return value_text(written if isinstance(written, dict) and len(written) == 1 else literal.value)

    # ---- update and projection ---------------------------------------------------------

    def update(self, node: ast.Update) -> ast.Update:
        """Bind an update's placeholders only; `check_update` runs the other checks once the
        caller has checked the paths for overlaps, as DynamoDB does."""
        self.checking = False
        try:
            actions: list[ast.Action] = []
            for action in node.actions:
                path = self.path(action.path)
                if isinstance(action, ast.RemoveAction):
                    actions.append(ast.RemoveAction(path))
                else:
                    actions.append(type(action)(path, self.operand(action.value)))
            return ast.Update(tuple(actions))
        finally:
            self.checking = True

    def projection(self, node: ast.Projection) -> ast.Projection:
        return ast.Projection(tuple(self.path(p) for p in node.paths))


def check_update(node: ast.Update) -> None:
    """Function, operator and ADD/DELETE operand checks of a resolved update; DynamoDB reports
    the last action's error first, so actions are checked from last to first."""
    for action in reversed(node.actions):
        if isinstance(action, ast.RemoveAction):
            continue
        _check_tree(action.value)
        if isinstance(action, (ast.AddAction, ast.DeleteAction)):
            value = action.value
            op, allowed = ("ADD", ADD_TYPES) if isinstance(action, ast.AddAction) else ("DELETE", DELETE_TYPES)
            if isinstance(value, ast.Literal) and type_of(value.value) not in allowed:
                raise validation(ACTION_OPERAND_TYPE.format(op=op, type=LONG_TYPE_NAMES[type_of(value.value)]))


def _check_tree(node: ast.Operand) -> None:
    if isinstance(node, ast.Call):
        for arg in node.args:
            _check_tree(arg)
        _check_call(node)
    elif isinstance(node, ast.Arithmetic):
        _check_tree(node.left)
        _check_tree(node.right)
        _check_arithmetic(node)


def _check_arithmetic(node: ast.Arithmetic) -> None:
    for side in (node.left, node.right):
        known = static_type(side)
        if known is not None and known != "N":
            raise validation(OPERAND_TYPE.format(name=node.op, type=known))


def _check_call(node: ast.Call) -> None:
    """Arity, document-path operands and literal operand types of a resolved function call."""
    args = node.args
    spec = FUNCTIONS[node.name]
    if len(args) != spec.arity:
        raise validation(ARITY.format(name=node.name, count=len(args)))
    if spec.path_first and not isinstance(args[0], ast.Path):
        raise validation(NEEDS_PATH.format(name=node.name))
    if node.name in DISTINCT_FUNCTIONS:
        _check_distinct(node.name, args[0], args[1:])
    for arg, allowed in zip(args, FUNCTION_TYPES.get(node.name, ())):
        known = static_type(arg)
        if allowed is not None and known is not None and known not in allowed:
            raise validation(OPERAND_TYPE.format(name=node.name, type=known))
    if node.name == "attribute_type":
        literal = args[1]
        if not isinstance(literal, ast.Literal):
            raise validation(TYPE_OPERAND)
        if literal.value["S"] not in TYPE_NAMES:
            raise validation(BAD_TYPE_NAME.format(type=literal.value["S"]))


def _check_ordered(op: str, operands: tuple[ast.Operand, ...]) -> None:
    for operand in operands:
        known = static_type(operand)
        if known is not None and known not in ORDERED_TYPES:
            raise validation(OPERAND_TYPE.format(name=op, type=known))


def _check_distinct(op: str, first: ast.Operand, rest: tuple[ast.Operand, ...]) -> None:
    if isinstance(first, ast.Path) and any(first == other for other in rest):
        raise validation(NOT_DISTINCT.format(op=op, path=path_text(first)))
