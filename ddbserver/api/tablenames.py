"""DynamoDB's table and index name rule, checked where a request names a table."""

from __future__ import annotations

import re

from ddbserver.errors import validation

_NAME = re.compile(r"[a-zA-Z0-9_.\-]{3,255}")
INVALID_NAME = (
    "Invalid table/index name.  Table/index names must be between 3 and 255 characters long, "
    "and may contain only the characters a-z, A-Z, 0-9, '_', '-', and '.'"
)


def check(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise validation(INVALID_NAME)
    return name
