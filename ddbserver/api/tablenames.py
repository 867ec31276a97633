"""DynamoDB's table-name and table-ARN rules, and the one lookup every operation uses.

Wherever a request names a table (`TableName`), DynamoDB accepts either the name or the
table's ARN (`arn:<partition>:dynamodb:<region>:<account>:table/<name>`); `table(ctx, value)`
resolves both. Tagging operations name tables only by ARN (`ResourceArn`), see `from_arn`.
"""

from __future__ import annotations

import re

from ddbserver.api.context import Context
from ddbserver.engine.catalog import Table
from ddbserver.errors import validation

_NAME = re.compile(r"[a-zA-Z0-9_.\-]{3,255}")
INVALID_NAME = (
    "Invalid table/index name.  Table/index names must be between 3 and 255 characters long, "
    "and may contain only the characters a-z, A-Z, 0-9, '_', '-', and '.'"
)
INVALID_ARN = (
    "Valid ARN format is 'arn:<awsPartition>:<vendor>:<region>:<subscriber>:resourceType/resourceName', "
    "where Resource name must have length less than or equal to 255, Resource name must have length "
    "greater than or equal to 3, Resource name must satisfyregular expression pattern: [a-zA-Z0-9_.-]+"
)
INVALID_TABLE_ARN = "Invalid TableArn: Invalid ResourceArn provided as input {arn}"
ARN_PREFIX = "arn:"


def check(name: str) -> str:
    """A plain table name, or "Invalid table/index name" (names are 3-255 of [a-zA-Z0-9_.-])."""
    if not _NAME.fullmatch(name):
        raise validation(INVALID_NAME)
    return name


def name_of(value: str) -> str:
    """The table name in a TableName parameter, which may be a name or a table ARN.

    An ARN has six colon-separated fields; its service must be `dynamodb`, its partition
    non-empty and its resource `table/<name>` (region and account are not checked).
    """
    if not value.startswith(ARN_PREFIX):
        return check(value)
    parts = value.split(":")
    if len(parts) != 6 or not parts[1] or parts[2] != "dynamodb" or not parts[5].startswith("table/"):
        raise validation(INVALID_ARN)
    return check(parts[5][len("table/"):])


def from_arn(arn: str) -> str:
    """The table name in a tagging operation's ResourceArn: only a table ARN will do."""
    parts = arn.split(":")
    if (len(parts) != 6 or parts[0] != "arn" or not parts[1] or parts[2] != "dynamodb"
            or not parts[5].startswith("table/") or not _NAME.fullmatch(parts[5][len("table/"):])):
        raise validation(INVALID_TABLE_ARN.format(arn=arn))
    return parts[5][len("table/"):]


def table(ctx: Context, value: str) -> Table:
    """The table a TableName parameter (name or ARN) names, or ResourceNotFoundException."""
    return ctx.db.catalog.get(name_of(value))
