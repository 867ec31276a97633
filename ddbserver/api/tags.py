"""Tag rules shared by CreateTable's Tags and TagResource.

DynamoDB allows 50 tags per table; keys are 1-128 characters, values 0-256 (the service model
states the lengths, api/shapes.py checks them); keys and values use letters, digits, spaces and
`+ - = . _ : / @` (letters and digits in any script); the `aws:` key prefix (any case) is
reserved, in UntagResource too. AWS reports a key or value of the wrong length with its own
"The Tag Key provided is invalid" text, not the service model's constraint message. Tagging a key again replaces its value. The messages are AWS's
as recorded by ack-api-quirks (DDB-TABLE-105/106/108/457).
https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Tagging.html
"""

from __future__ import annotations

import unicodedata
from typing import Any

from ddbserver.errors import DynamoError, validation

MAX_TAGS = 50
MAX_KEY = 128
MAX_VALUE = 256
_PUNCTUATION = frozenset("_.:/=+-@")

NO_TAGS = "Atleast one Tag needs to be provided as Input."
NO_TAG_KEYS = "Atleast one Tag Key needs to be provided as Input."
TOO_MANY = "Number of Tags exceed the current limit for the provided ResourceArn"
BAD_KEY = "The Tag Key provided is invalid, Key: {key}"
BAD_VALUE = "The Tag Value provided is invalid, Value: {value}"
RESERVED = "Tag Key cannot be prefixed with aws:, Key: {key}"
DUPLICATE = "Duplicate Tag Keys provided as input: Duplicate Tag Key found {key}"


def _allowed(text: str) -> bool:
    """AWS's tag pattern [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*: letters, separators and numbers of any
    script, and these punctuation marks."""
    return all(c in _PUNCTUATION or unicodedata.category(c)[0] in "LZN" for c in text)


def check_key(key: str | None) -> str:
    """A tag key: 1-128 allowed characters, not starting with `aws:` in any case."""
    if key is None or not key or len(key) > MAX_KEY or not _allowed(key):
        raise validation(BAD_KEY.format(key="null" if key is None else key))
    if key.lower().startswith("aws:"):
        raise validation(RESERVED.format(key=key))
    return key


def check(tags: list[dict[str, Any]]) -> list[dict[str, str]]:
    """A request's Tags list, checked tag by tag; all or nothing."""
    by_key: dict[str, str] = {}
    for tag in tags:
        key = check_key(tag.get("Key"))
        value = tag.get("Value")
        if value is None or len(value) > MAX_VALUE or not _allowed(value):
            raise validation(BAD_VALUE.format(value="null" if value is None else value))
        if key in by_key:
            raise validation(DUPLICATE.format(key=key))
        by_key[key] = value
    if len(by_key) > MAX_TAGS:
        raise too_many()
    return [{"Key": k, "Value": v} for k, v in by_key.items()]


def too_many() -> DynamoError:
    return validation(TOO_MANY)


def merged(current: list[dict[str, str]], new: list[dict[str, str]]) -> list[dict[str, str]]:
    """`current` with `new` applied (a key tagged again takes the new value); the 50-tag limit
    applies to the result."""
    by_key = {t["Key"]: t["Value"] for t in current}
    by_key.update((t["Key"], t["Value"]) for t in new)
    if len(by_key) > MAX_TAGS:
        raise too_many()
    return [{"Key": k, "Value": v} for k, v in by_key.items()]


def require_some(tags: list[Any], message: str = NO_TAGS) -> None:
    if not tags:
        raise validation(message)


def check_keys(keys: list[str | None]) -> set[str]:
    """UntagResource's TagKeys: at least one, at most 50, each a valid key."""
    require_some(keys, NO_TAG_KEYS)
    checked = {check_key(k) for k in keys}
    if len(keys) > MAX_TAGS:
        raise too_many()
    return checked
