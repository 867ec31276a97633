"""Request validation generated from botocore's service model (placeholder: members' JSON types)."""

from __future__ import annotations

from typing import Any


def validate(operation: str, body: dict[str, Any]) -> None:
    return None
