"""A request's expressions and legacy parameters, compiled for the engine.

`prepare(body, ...)` reads ConditionExpression / UpdateExpression / ProjectionExpression with
ExpressionAttributeNames / ExpressionAttributeValues (or the legacy Expected, AttributeUpdates,
AttributesToGet, ConditionalOperator) and returns callables for the engine, raising DynamoDB's
validation errors for everything that depends only on the request.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ddbserver.engine.writes import Condition, Update
from ddbserver.errors import validation

Projection = Any  # Callable[[Item], Item]


@dataclass(frozen=True, slots=True)
class Prepared:
    condition: Condition | None = None
    update: Update | None = None
    projection: Projection | None = None


def prepare(body: dict[str, Any], *, condition: bool = False, update: bool = False, projection: bool = False,
            key_names: tuple[str, ...] = ()) -> Prepared:
    for member in ("ConditionExpression", "UpdateExpression", "ProjectionExpression", "Expected",
                   "AttributeUpdates", "AttributesToGet"):
        if member in body:
            raise validation(f"{member} is not supported yet")
    return Prepared()
