"""DynamoDB's table-name and table-ARN rules, and the one lookup every operation uses.

AWS checks a TableName that is not an ARN against the old TableName shape (3-255 characters
of [a-zA-Z0-9_.-]) with its generic constraint messages; DynamoDB Local's "Invalid table/index
name" text is not what AWS says.

Wherever a request names a table (`TableName`), DynamoDB accepts either the name or the
table's ARN (`arn:<partition>:dynamodb:<region>:<account>:table/<name>`); `table(ctx, value)`
resolves both. Tagging operations name tables only by ARN (`ResourceArn`), see `from_arn`.
"""

from __future__ import annotations

import re

from ddbserver.api.constraints import ERROR_LINE, MAX_LENGTH, MIN_LENGTH, PATTERN
from ddbserver.api.context import Context
from ddbserver.engine.catalog import Table
from ddbserver.errors import DynamoError, access_denied, invalid_parameter, validation

_PATTERN = re.compile(r"[a-zA-Z0-9_.\-]+")
NAME_PATTERN = "[a-zA-Z0-9_.-]+"
MIN_NAME, MAX_NAME = 3, 255
MAX_ARN = 1024
INVALID_ARN = (
    "Valid ARN format is 'arn:<awsPartition>:<vendor>:<region>:<subscriber>:resourceType/resourceName', "
    "where Resource name must have length less than or equal to 255, Resource name must have length "
    "greater than or equal to 3, Resource name must satisfyregular expression pattern: [a-zA-Z0-9_.-]+"
)
ARN_PART = "1 validation error detected: Invalid {part} in '{arn}'"
# Tagging operations (ResourceArn), as AWS words them.
ARN_MUST_START = "ARNs must start with 'arn:': {arn}"
NOT_DYNAMODB_ARN = "Provided Arn is not a DynamoDB resource arn: {arn}"
NOT_TABLE_ARN = "Invalid resource arn provided, only table or stream is accepted. Provided resource arn: {arn}"
INVALID_TABLE_ARN = "Invalid TableArn: Invalid ResourceArn provided as input {arn}"
ARN_PREFIX = "arn:"


def constraint_error(violations: list[str]) -> DynamoError:
    """The service's generic shape-validation error for these violations."""
    count = len(violations)
    head = f"{count} validation error{'s' if count > 1 else ''} detected: "
    return validation(head + "; ".join(violations))


def _line(value: str, member: str, rule: str) -> str:
    return ERROR_LINE.format(value=f"'{value}'", path=member, rule=rule)


def check(name: str, member: str = "tableName") -> str:
    """A plain table name: 3-255 characters of [a-zA-Z0-9_.-], reported as the generic
    constraint errors (in the order api/shapes.py lists them, which checks this first)."""
    violations = []
    if not _PATTERN.fullmatch(name):
        violations.append(_line(name, member, PATTERN.format(pattern=NAME_PATTERN)))
    if len(name) < MIN_NAME:
        violations.append(_line(name, member, MIN_LENGTH.format(n=MIN_NAME)))
    elif len(name) > MAX_NAME:
        violations.append(_line(name, member, MAX_LENGTH.format(n=MAX_NAME)))
    if violations:
        raise constraint_error(violations)
    return name


def name_of(value: str, region: str | None = None) -> str:
    """The table name in a TableName parameter, which may be a name or a table ARN.

    An ARN has six colon-separated fields: partition `aws`, service `dynamodb`, this server's
    region (when `region` is given), any account, and resource `table/<name>`.
    """
    if not value.startswith(ARN_PREFIX):
        return check(value)
    if len(value) > MAX_ARN:
        raise constraint_error([_line(value, "tableName", MAX_LENGTH.format(n=MAX_ARN))])
    parts = value.split(":")
    if len(parts) != 6 or not parts[1] or parts[2] != "dynamodb" or "/" not in parts[5]:
        raise validation(INVALID_ARN)
    if parts[1] != "aws":
        raise validation(ARN_PART.format(part="AWS partition", arn=value))
    if region is not None and parts[3] != region:
        raise validation(ARN_PART.format(part="AWS region", arn=value))
    kind, _, name = parts[5].partition("/")
    if kind != "table":
        raise validation(ARN_PART.format(part="resource type", arn=value))
    if not _PATTERN.fullmatch(name) or not MIN_NAME <= len(name) <= MAX_NAME:
        raise validation(INVALID_ARN)
    return name


def from_arn(arn: str, region: str, account: str) -> str:
    """The table name in a tagging operation's ResourceArn: only a table ARN of this region.
    An ARN of another account is AccessDeniedException, whether or not that table exists."""
    if not arn.startswith(ARN_PREFIX):
        raise invalid_parameter(ARN_MUST_START.format(arn=arn))
    parts = arn.split(":")
    if len(parts) != 6 or parts[2] != "dynamodb":
        raise invalid_parameter(NOT_DYNAMODB_ARN.format(arn=arn))
    kind, _, name = parts[5].partition("/")
    if kind != "table" or "/" in name:
        raise invalid_parameter(NOT_TABLE_ARN.format(arn=arn))
    if parts[1] != "aws" or parts[3] != region or not _PATTERN.fullmatch(name) or not MIN_NAME <= len(name) <= MAX_NAME:
        raise validation(INVALID_TABLE_ARN.format(arn=arn))
    if parts[4] != account:
        raise access_denied()
    return name


def table(ctx: Context, value: str) -> Table:
    """The table a TableName parameter (name or ARN) names, or ResourceNotFoundException."""
    return ctx.db.catalog.get(name_of(value, ctx.region))
