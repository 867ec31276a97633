"""What the single-item operations share: the table and key of a request, ReturnValues, the
request-validation envelope, and splicing stored items into responses.

DynamoDB checks a request in two phases. First everything the request alone decides (attribute
values, ReturnValues, item size, expressions); a table that does not exist is only reported
after that. Then what needs the table: the key against the schema.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import orjson

from ddbserver.api import tablenames
from ddbserver.api.context import Context
from ddbserver.engine import codec, keys, values
from ddbserver.engine.catalog import Table
from ddbserver.errors import DynamoError, not_found, validation

Item = dict[str, Any]

TABLE_NOT_FOUND = "Requested resource not found"
RETURN_VALUES_OLD_OR_NONE = "ReturnValues can only be ALL_OLD or NONE"
ENVELOPE = "1 validation error detected: "
_ENVELOPED = re.compile(r"\d+ validation errors? detected: ")
# Raised in the request phase but reported bare by AWS (they come from other layers).
_BARE = frozenset((values.NESTING, values.ITEM_TOO_LARGE))


def table_of(ctx: Context, body: dict[str, Any]) -> Table:
    """The table a request's TableName names (a name or a table ARN); AWS's data-plane
    operations say only "Requested resource not found" when there is none."""
    table = ctx.db.catalog.find(tablenames.name_of(body["TableName"], ctx.region))
    if table is None:
        raise not_found(TABLE_NOT_FOUND)
    return table


@contextmanager
def request_checks() -> Iterator[None]:
    """PutItem / DeleteItem / UpdateItem: errors the request alone shows (attribute values,
    ReturnValues, expression parameters) are reported inside "1 validation error detected: "
    (AWS, every region captured in 2026-10, e.g. paritysuite/dynamodb-conformance
    tests/tier3/error-messages/valueLayers.test.ts and putItem/deleteItem envelope tests);
    GetItem reports the same errors bare. Nesting and item-size errors stay bare."""
    try:
        yield
    except DynamoError as err:
        message = err.message or ""
        if err.type != "ValidationException" or message in _BARE or _ENVELOPED.match(message):
            raise
        raise err.with_prefix(ENVELOPE) from None


def check_return_values(body: dict[str, Any]) -> bool:
    """PutItem / DeleteItem ReturnValues: NONE or ALL_OLD; True when the old item is wanted.

    Values outside the enum are refused earlier by the request shapes.
    """
    mode = body.get("ReturnValues") or "NONE"  # JSON null is an absent member
    if mode not in ("NONE", "ALL_OLD"):
        raise validation(RETURN_VALUES_OLD_OR_NONE)
    return bool(mode == "ALL_OLD")


def key_for_table(table: Table, key: Item) -> tuple[Item, bytes]:
    """A checked Key parameter against the table's schema, with its item-key bytes."""
    values.check_key(table.key, key)
    return key, keys.item_key(table.id, table.key, key)


def key_of_request(table: Table, raw_key: dict[str, Any]) -> tuple[Item, bytes]:
    """A raw Key parameter: its values checked, then matched against the table's schema."""
    return key_for_table(table, values.check_item(raw_key))


def splice_item(stored: bytes, member: str = "Item") -> bytes:
    """`{"Item": <stored JSON>` without decoding the item; the caller closes the object."""
    return b'{"' + member.encode() + b'":' + codec.json_of(stored)


def with_extra(head: bytes, extra: dict[str, Any]) -> bytes:
    """Close a spliced response object, adding `extra` members."""
    if not extra:
        return head + b"}"
    return head + b"," + orjson.dumps(extra)[1:]


def updated_attributes(old: Item | None, new: Item | None, mode: str) -> Item | None:
    """Attributes for ReturnValues UPDATED_OLD / UPDATED_NEW: those the update changed."""
    old = old or {}
    new = new or {}
    changed = {n for n in set(old) | set(new) if old.get(n) != new.get(n)}
    source = old if mode == "UPDATED_OLD" else new
    out = {n: source[n] for n in changed if n in source}
    return out or None
