"""What the single-item operations share: the table and key of a request, ReturnValues."""

from __future__ import annotations

from typing import Any

from ddbserver.api import tablenames
from ddbserver.api.context import Context
from ddbserver.engine import codec, keys, values
from ddbserver.engine.catalog import Table

Item = dict[str, Any]


def table_of(ctx: Context, body: dict[str, Any]) -> Table:
    """The table a request's TableName names (a name or a table ARN)."""
    return tablenames.table(ctx, body["TableName"])


def key_of_request(table: Table, raw_key: dict[str, Any]) -> tuple[Item, bytes]:
    """A Key parameter checked against the table's schema, with its item-key bytes."""
    key = values.check_key(table.key, values.check_item(raw_key))
    return key, keys.item_key(table.id, table.key, key)


def splice_item(stored: bytes, member: str = "Item") -> bytes:
    """`{"Item": <stored JSON>` without decoding the item; the caller closes the object."""
    return b'{"' + member.encode() + b'":' + codec.json_of(stored)


def with_extra(head: bytes, extra: dict[str, Any]) -> bytes:
    """Close a spliced response object, adding `extra` members."""
    if not extra:
        return head + b"}"
    import orjson

    return head + b"," + orjson.dumps(extra)[1:]


def updated_attributes(old: Item | None, new: Item | None, mode: str) -> Item | None:
    """Attributes for ReturnValues UPDATED_OLD / UPDATED_NEW: those the update changed."""
    old = old or {}
    new = new or {}
    changed = {n for n in set(old) | set(new) if old.get(n) != new.get(n)}
    source = old if mode == "UPDATED_OLD" else new
    out = {n: source[n] for n in changed if n in source}
    return out or None
