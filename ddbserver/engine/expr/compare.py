"""Equality and order of AttributeValues, by DynamoDB's rules.

Numbers compare by value, strings by their UTF-8 bytes (the same order as code points),
binaries by unsigned bytes; sets are equal when they hold the same elements in any order;
lists and maps compare element by element. Values of different types are never equal and
never ordered.
"""

from __future__ import annotations

import base64
from decimal import Decimal
from typing import Any

Value = dict[str, Any]


def type_of(value: Value) -> str:
    for type_ in value:
        return type_
    raise AssertionError("empty AttributeValue")


def decode_binary(text: str) -> bytes:
    return base64.b64decode(text)


def equal(a: Value, b: Value) -> bool:
    (ta, va), = a.items()
    (tb, vb), = b.items()
    if ta != tb:
        return False
    if va == vb:
        return True
    if ta == "N":
        return Decimal(va) == Decimal(vb)
    if ta == "B":
        return decode_binary(va) == decode_binary(vb)
    if ta == "SS":
        return len(va) == len(vb) and set(va) == set(vb)
    if ta == "NS":
        return len(va) == len(vb) and {Decimal(x) for x in va} == {Decimal(x) for x in vb}
    if ta == "BS":
        return len(va) == len(vb) and {decode_binary(x) for x in va} == {decode_binary(x) for x in vb}
    if ta == "L":
        return len(va) == len(vb) and all(equal(x, y) for x, y in zip(va, vb))
    if ta == "M":
        return va.keys() == vb.keys() and all(equal(x, vb[k]) for k, x in va.items())
    return False


def compare_values(a: Value, b: Value) -> int:
    """-1, 0 or 1 for two values of the same ordered type (S, N or B)."""
    (ta, va), = a.items()
    vb = b[ta]
    if ta == "N":
        x: Any = Decimal(va)
        y: Any = Decimal(vb)
    elif ta == "B":
        x, y = decode_binary(va), decode_binary(vb)
    else:
        x, y = va, vb
    return int(x > y) - int(x < y)


def ordered(a: Value | None, b: Value | None) -> int | None:
    """compare_values when both exist and share an ordered type; None otherwise."""
    if a is None or b is None:
        return None
    ta = type_of(a)
    if ta not in ("S", "N", "B") or ta not in b:
        return None
    return compare_values(a, b)
