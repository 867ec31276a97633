"""Tag rules shared by CreateTable's Tags and TagResource.

DynamoDB allows 50 tags per table; keys are 1-128 characters, values 0-256 (the service model
states the lengths, api/shapes.py checks them); keys and values use letters, digits, spaces and
`+ - = . _ : / @`; the `aws:` key prefix is reserved. Tagging a key again replaces its value.
https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Tagging.html
"""

from __future__ import annotations

import re
from typing import Any

from ddbserver.errors import DynamoError, invalid_parameter, validation

MAX_TAGS = 50
_ALLOWED = re.compile(r"[\w\s+\-=.:/@]*", re.UNICODE)

NO_TAGS = "Atleast one Tag needs to be provided as Input."
TOO_MANY = "The number of tags exceeds the limit of 50"  # not recorded from AWS: see the report
DUPLICATE_KEY = "Duplicate tag keys found. Tag keys must be unique."  # not recorded from AWS
BAD_KEY = "Invalid tag key: {key}. Tag keys may only contain letters, digits, spaces and _.:/=+-@"
BAD_VALUE = "Invalid tag value: {value}. Tag values may only contain letters, digits, spaces and _.:/=+-@"
RESERVED = "Tag keys may not begin with the reserved prefix aws:"


def check(tags: list[dict[str, Any]]) -> list[dict[str, str]]:
    """A request's Tags list, checked; raises the first problem DynamoDB would report."""
    seen: set[str] = set()
    for tag in tags:
        key, value = tag["Key"], tag["Value"]
        if key in seen:
            raise invalid_parameter(DUPLICATE_KEY)
        seen.add(key)
        if key.lower().startswith("aws:"):
            raise invalid_parameter(RESERVED)
        if not _ALLOWED.fullmatch(key):
            raise invalid_parameter(BAD_KEY.format(key=key))
        if not _ALLOWED.fullmatch(value):
            raise invalid_parameter(BAD_VALUE.format(value=value))
    if len(tags) > MAX_TAGS:
        raise too_many()
    return [{"Key": t["Key"], "Value": t["Value"]} for t in tags]


def too_many() -> DynamoError:
    return invalid_parameter(TOO_MANY)


def merged(current: list[dict[str, str]], new: list[dict[str, str]]) -> list[dict[str, str]]:
    """`current` with `new` applied (a key tagged again takes the new value), at most 50 tags."""
    by_key = {t["Key"]: t["Value"] for t in current}
    by_key.update((t["Key"], t["Value"]) for t in new)
    if len(by_key) > MAX_TAGS:
        raise too_many()
    return [{"Key": k, "Value": v} for k, v in by_key.items()]


def require_some(tags: list[Any]) -> None:
    if not tags:
        raise validation(NO_TAGS)
