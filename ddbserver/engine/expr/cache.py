"""Parsed expressions cached by (kind, text), so a repeated request never re-parses.

A parse error is cached too (it depends only on the text). The cache is bounded: when full,
it is cleared, which keeps it cheap and safe against a client sending endless distinct texts.
"""

from __future__ import annotations

from typing import Any

from ddbserver.engine.expr import ast, parser
from ddbserver.errors import DynamoError

MAX_ENTRIES = 4096

_cache: dict[tuple[str, str], Any] = {}


def _parse(kind: str, text: str) -> Any:
    if kind == parser.UPDATE:
        return parser.parse_update(text)
    if kind == parser.PROJECTION:
        return parser.parse_projection(text)
    return parser.parse_condition(text, kind)


def parsed(kind: str, text: str) -> Any:
    """The unresolved tree of `text` as expression `kind`; raises its (unprefixed) error."""
    key = (kind, text)
    hit = _cache.get(key)
    if hit is None:
        try:
            hit = _parse(kind, text)
        except DynamoError as err:
            hit = err
        if len(_cache) >= MAX_ENTRIES:
            _cache.clear()
        _cache[key] = hit
    if isinstance(hit, DynamoError):
        raise DynamoError(hit.type, hit.message, hit.status, hit.extra, hit.prefix)
    return hit


def condition(text: str, kind: str = parser.CONDITION) -> ast.Condition:
    return parsed(kind, text)  # type: ignore[no-any-return]


def update(text: str) -> ast.Update:
    return parsed(parser.UPDATE, text)  # type: ignore[no-any-return]


def projection(text: str) -> ast.Projection:
    return parsed(parser.PROJECTION, text)  # type: ignore[no-any-return]
