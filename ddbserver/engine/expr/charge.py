"""What UpdateItem charges an UpdateExpression against the 400 KB item limit.

Besides the finished item, standalone UpdateItem measures the statement itself: 3 bytes for the
update, plus for each clause

    SET target = operand      19 + target + operand
    ADD target :v             19 + target + v (for a set, only the members not already there)
    REMOVE target             1 + target
    DELETE target :v          1 + target (nothing removed is charged)

where a target costs its first name plus 4 and the element for each later element, and an
operand costs

    :v                        its size (at every use, documents included)
    a path                    1, plus 14 and the element for each element (what it reads is free)
    x + y / x - y             34 / 37 plus both operands
    if_not_exists(p, v)       39 plus both operands
    list_append(x, y)         37 plus both operands

An element is a name's UTF-8 bytes or a list index's digits. The key attributes, and every
attribute the statement leaves alone, are outside the figure, so at a short key the ceiling is
below 409,600 bytes. Measured against AWS (eu-west-2 and 21 other regions, 2026-08 to 2026-10;
nubo-db and paritysuite dynamodb-conformance tests/tier3/limits/itemSizeBySurface.test.ts);
ten regions measure only the finished item. AttributeUpdates, a transacted Update and PartiQL
UPDATE measure only the finished item.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ddbserver.engine import values
from ddbserver.engine.expr import ast
from ddbserver.engine.expr.evaluate import lookup

Item = dict[str, Any]

BASE = 3
WRITE_CLAUSE = 19      # SET, ADD
ERASE_CLAUSE = 1       # REMOVE, DELETE
TARGET_STEP = 4
OPERAND_PATH = 1
OPERAND_STEP = 14
OPERATORS = {"+": 34, "-": 37}
FUNCTIONS = {"if_not_exists": 39, "list_append": 37}
SET_TYPES = ("SS", "NS", "BS")


@dataclass(frozen=True, slots=True)
class SetAdd:
    """An ADD of set members: charged only for those the stored attribute lacks."""

    path: tuple[Any, ...]
    type: str
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Charge:
    fixed: int
    set_adds: tuple[SetAdd, ...] = ()

    def total(self, old: Item | None) -> int:
        """The statement's charge against the stored item `old` (None when there is none)."""
        out = self.fixed
        for add in self.set_adds:
            current = lookup(old, add.path) if old is not None else None
            present = set(current[add.type]) if current is not None and add.type in current else set()
            out += sum(_member_size(add.type, m) for m in add.members if m not in present)
        return out


def charge_of(update: ast.Update) -> Charge:
    """The charge of a resolved UpdateExpression."""
    fixed = BASE
    adds: list[SetAdd] = []
    for action in update.actions:
        elements = action.path.elements
        if isinstance(action, ast.SetAction):
            fixed += WRITE_CLAUSE + _target(elements) + _operand(action.value)
        elif isinstance(action, ast.AddAction):
            fixed += WRITE_CLAUSE + _target(elements)
            value = action.value.value if isinstance(action.value, ast.Literal) else {}
            set_type = next((t for t in SET_TYPES if t in value), None)
            if set_type is not None:
                adds.append(SetAdd(elements, set_type, tuple(value[set_type])))
            else:
                fixed += _operand(action.value)
        else:  # REMOVE, DELETE
            fixed += ERASE_CLAUSE + _target(elements)
    return Charge(fixed, tuple(adds))


def _element(e: Any) -> int:
    return len(str(e)) if isinstance(e, int) else len(str(e).encode("utf-8"))


def _target(elements: tuple[Any, ...]) -> int:
    return _element(elements[0]) + sum(TARGET_STEP + _element(e) for e in elements[1:])


def _operand(node: Any) -> int:
    if isinstance(node, ast.Literal):
        return values.value_size(node.value)
    if isinstance(node, ast.Path):
        return OPERAND_PATH + sum(OPERAND_STEP + _element(e) for e in node.elements)
    if isinstance(node, ast.Arithmetic):
        return OPERATORS[node.op] + _operand(node.left) + _operand(node.right)
    if isinstance(node, ast.Call):
        return FUNCTIONS.get(node.name, 0) + sum(_operand(a) for a in node.args)
    return 0


def _member_size(type_: str, member: str) -> int:
    return values.value_size({type_: [member]})
