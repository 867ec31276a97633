"""The AST shared by every expression kind and by the legacy parameters.

Nodes are frozen, slotted dataclasses. The parser produces *unresolved* trees: a document path
may hold `Name("#n")` placeholders and operands may be `ValueRef(":v")`. `resolve` turns them into
*resolved* trees, where every path element is a plain `str` (an attribute or map key) or `int`
(a list index) and every value is a `Literal` holding a wire-form AttributeValue. The legacy
parameters (Expected, AttributeUpdates, AttributesToGet, ...) are translated straight into
resolved trees. Evaluation and update only ever see resolved trees.

    condition  := Compare | Between | In | And | Or | Not | Call (a boolean function)
    operand    := Path | ValueRef | Literal | Call (size, if_not_exists, list_append) | Arithmetic
    update     := Update(actions: SetAction | RemoveAction | AddAction | DeleteAction, ...)
    projection := Projection(paths)

Function names used in `Call` (the table of arities and where each may appear is in `parser`):
attribute_exists, attribute_not_exists, attribute_type, begins_with, contains, size,
if_not_exists, list_append.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Union

# ---- operands ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Name:
    """An `#name` placeholder in a document path (unresolved trees only)."""

    placeholder: str  # including the '#'


PathElement = Union[str, int, Name]  # attribute / map key, list index, unresolved #name


@dataclass(frozen=True, slots=True)
class Path:
    """A document path: `a.b[1].c` is Path(("a", "b", 1, "c"))."""

    elements: tuple[PathElement, ...]


@dataclass(frozen=True, slots=True)
class ValueRef:
    """An `:value` placeholder (unresolved trees only)."""

    placeholder: str  # including the ':'


@dataclass(frozen=True, slots=True, eq=False)
class Literal:
    """A constant AttributeValue in wire form, e.g. {"N": "1"} (numbers normalised)."""

    value: dict[str, Any]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Literal) and other.value == self.value

    def __hash__(self) -> int:
        return hash(repr(self.value))


@dataclass(frozen=True, slots=True)
class Call:
    """A function call: `size(a)`, `begins_with(a, :p)`, `if_not_exists(a, :v)`, ..."""

    name: str
    args: tuple["Operand", ...]


@dataclass(frozen=True, slots=True)
class Arithmetic:
    """`left + right` or `left - right` (only in an UpdateExpression SET value)."""

    op: str  # "+" or "-"
    left: "Operand"
    right: "Operand"


Operand = Union[Path, ValueRef, Literal, Call, Arithmetic]

# ---- conditions ----------------------------------------------------------------------------

COMPARATORS = ("=", "<>", "<", "<=", ">", ">=")


@dataclass(frozen=True, slots=True)
class Compare:
    op: str  # one of COMPARATORS
    left: Operand
    right: Operand


@dataclass(frozen=True, slots=True)
class Between:
    value: Operand
    low: Operand
    high: Operand


@dataclass(frozen=True, slots=True)
class In:
    value: Operand
    options: tuple[Operand, ...]


@dataclass(frozen=True, slots=True)
class And:
    left: "Condition"
    right: "Condition"


@dataclass(frozen=True, slots=True)
class Or:
    left: "Condition"
    right: "Condition"


@dataclass(frozen=True, slots=True)
class Not:
    operand: "Condition"


Condition = Union[Compare, Between, In, And, Or, Not, Call]

# ---- UpdateExpression ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SetAction:
    path: Path
    value: Operand


@dataclass(frozen=True, slots=True)
class RemoveAction:
    path: Path


@dataclass(frozen=True, slots=True)
class AddAction:
    path: Path
    value: Operand


@dataclass(frozen=True, slots=True)
class DeleteAction:
    path: Path
    value: Operand


Action = Union[SetAction, RemoveAction, AddAction, DeleteAction]


@dataclass(frozen=True, slots=True)
class Update:
    """The actions of an UpdateExpression, in the order written (SET/REMOVE/ADD/DELETE)."""

    actions: tuple[Action, ...]


# ---- ProjectionExpression ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Projection:
    paths: tuple[Path, ...]


Node = Union[Operand, Condition, Action, Update, Projection]
