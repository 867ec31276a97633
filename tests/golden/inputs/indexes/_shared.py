"""Builders shared by the index groups: key schemas, attribute definitions, index definitions,
and the order DynamoDB Local lists indexes in."""

from __future__ import annotations

from typing import Any


def ks(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"AttributeName": a, "KeyType": t} for a, t in pairs]


def ad(**types: str) -> list[dict[str, str]]:
    return [{"AttributeName": a, "AttributeType": t} for a, t in types.items()]


def index(name: str = "gsi1", keys: tuple[tuple[str, str], ...] = (("gk", "HASH"),), projection: Any = "ALL",
          **extra: Any) -> dict[str, Any]:
    """A GSI (or LSI) definition; `projection` is a type name, a Projection, or None for none."""
    out: dict[str, Any] = {"IndexName": name, "KeySchema": ks(*keys)}
    if isinstance(projection, str):
        out["Projection"] = {"ProjectionType": projection}
    elif projection is not None:
        out["Projection"] = projection
    out.update(extra)
    return out


def lsi(name: str = "lsi1", range_: str = "lk", projection: Any = "ALL", **extra: Any) -> dict[str, Any]:
    return index(name, (("pk", "HASH"), (range_, "RANGE")), projection, **extra)


def include(*names: str) -> dict[str, Any]:
    return {"ProjectionType": "INCLUDE", "NonKeyAttributes": list(names)}


def java_hash(text: str) -> int:
    h = 0
    for ch in text:
        h = (31 * h + ord(ch)) & 0xFFFFFFFF
    return h


def local_order(names: list[str]) -> list[str]:
    """`names` in the order DynamoDB Local lists indexes: a Java HashMap's iteration order (buckets
    of the spread String.hashCode, 16 or more of them). Requests list their indexes in this order,
    so the description's order is the request's whichever rule a server follows."""
    buckets = 16
    while len(names) > buckets * 3 // 4:
        buckets *= 2

    def bucket(name: str) -> int:
        h = java_hash(name)
        return (h ^ (h >> 16)) & (buckets - 1)
    return [n for _, n in sorted(enumerate(names), key=lambda p: (bucket(p[1]), p[0]))]


def in_local_order(indexes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`indexes` reordered as DynamoDB Local lists them."""
    by_name = {i["IndexName"]: i for i in indexes}
    return [by_name[n] for n in local_order(list(by_name))]
