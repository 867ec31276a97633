"""The statements a PartiQL text parses to. Conditions and update actions are engine/expr AST
nodes (resolved form: plain path elements, `?` parameters already bound as Literals)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Union

from ddbserver.engine.expr import ast


@dataclass(frozen=True, slots=True)
class Select:
    table: str
    index: str | None
    projection: tuple[ast.Path, ...] | None      # None: SELECT *
    where: ast.Condition | None
    order_by: tuple[ast.Path, bool] | None      # (path, descending)
    refused: str | None = None                  # a call among the columns: refused once planned


@dataclass(frozen=True, slots=True)
class Insert:
    table: str
    item: dict[str, Any]                        # wire form


@dataclass(frozen=True, slots=True)
class Update:
    table: str
    actions: tuple[ast.Action, ...]
    where: ast.Condition | None
    returning: str | None                       # "ALL OLD", "MODIFIED OLD", "ALL NEW", "MODIFIED NEW"


@dataclass(frozen=True, slots=True)
class Delete:
    table: str
    where: ast.Condition | None
    returning: str | None


@dataclass(frozen=True, slots=True)
class Exists:
    """`EXISTS(SELECT ...)`: a condition check on one item (ExecuteTransaction only)."""

    select: Select


Statement = Union[Select, Insert, Update, Delete, Exists]
