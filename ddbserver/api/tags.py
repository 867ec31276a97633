"""Tag rules shared by CreateTable's Tags and TagResource.

DynamoDB allows 50 tags per table; keys are 1-128 characters, values 0-256 (the service model
states the lengths, api/shapes.py checks them); keys and values use letters, digits, spaces and
`+ - = . _ : / @` (letters and digits in any script); the `aws:` key prefix (any case) is
reserved, in UntagResource too. Tagging a key again replaces its value. The messages are AWS's
as recorded by ack-api-quirks (DDB-TABLE-105/106/108/457).
https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Tagging.html
"""

from __future__ import annotations

import re
from typing import Any

from ddbserver.errors import DynamoError, validation

MAX_TAGS = 50
_ALLOWED = re.compile(r"[\w\s+\-=.:/@]*", re.UNICODE)

NO_TAGS = "Atleast one Tag needs to be provided as Input."
NO_TAG_KEYS = "Atleast one Tag Key needs to be provided as Input."
TOO_MANY = "Number of Tags exceed the current limit for the provided ResourceArn"
BAD_KEY = "The Tag Key provided is invalid, Key: {key}"
BAD_VALUE = "The Tag Value provided is invalid, Value: {value}"
RESERVED = "Tag Key cannot be prefixed with aws:, Key: {key}"


def check_key(key: str | None) -> str:
    """A tag key: 1-128 allowed characters, not starting with `aws:` in any case."""
    if key is None or not key or not _ALLOWED.fullmatch(key):
        raise validation(BAD_KEY.format(key="null" if key is None else key))
    if key.lower().startswith("aws:"):
        raise validation(RESERVED.format(key=key))
    return key


def check(tags: list[dict[str, Any]]) -> list[dict[str, str]]:
    """A request's Tags list, checked; a key given twice keeps its last value."""
    by_key: dict[str, str] = {}
    for tag in tags:
        key = check_key(tag.get("Key"))
        value = tag.get("Value")
        if value is None or not _ALLOWED.fullmatch(value):
            raise validation(BAD_VALUE.format(value="null" if value is None else value))
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
