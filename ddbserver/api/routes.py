"""OPERATIONS: the single registry of the DynamoDB operations ddbserver answers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from ddbserver.api.context import Context
from ddbserver.api.ops import (
    create_table,
    delete_item,
    delete_table,
    describe_table,
    get_item,
    list_tables,
    put_item,
    update_item,
)

Handler = Callable[[Context, dict[str, Any]], Awaitable[Any]]

OPERATIONS: dict[str, Handler] = {
    "CreateTable": create_table.handle,
    "DeleteTable": delete_table.handle,
    "DescribeTable": describe_table.handle,
    "ListTables": list_tables.handle,
    "PutItem": put_item.handle,
    "GetItem": get_item.handle,
    "DeleteItem": delete_item.handle,
    "UpdateItem": update_item.handle,
}
