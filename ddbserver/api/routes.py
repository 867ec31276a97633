"""OPERATIONS: the single registry of the DynamoDB operations ddbserver answers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from ddbserver.api.context import Context
from ddbserver.api.ops import (
    batch_execute_statement,
    batch_get_item,
    batch_write_item,
    create_table,
    delete_item,
    delete_table,
    describe_endpoints,
    describe_limits,
    describe_table,
    execute_statement,
    execute_transaction,
    get_item,
    list_tables,
    list_tags_of_resource,
    put_item,
    query,
    scan,
    tag_resource,
    transact_get_items,
    transact_write_items,
    untag_resource,
    update_item,
    update_table,
)

Handler = Callable[[Context, dict[str, Any]], Awaitable[Any]]

OPERATIONS: dict[str, Handler] = {
    "CreateTable": create_table.handle,
    "DeleteTable": delete_table.handle,
    "DescribeTable": describe_table.handle,
    "ListTables": list_tables.handle,
    "UpdateTable": update_table.handle,
    "TagResource": tag_resource.handle,
    "UntagResource": untag_resource.handle,
    "ListTagsOfResource": list_tags_of_resource.handle,
    "DescribeLimits": describe_limits.handle,
    "DescribeEndpoints": describe_endpoints.handle,
    "PutItem": put_item.handle,
    "GetItem": get_item.handle,
    "DeleteItem": delete_item.handle,
    "UpdateItem": update_item.handle,
    "Query": query.handle,
    "Scan": scan.handle,
    "BatchGetItem": batch_get_item.handle,
    "BatchWriteItem": batch_write_item.handle,
    "ExecuteStatement": execute_statement.handle,
    "BatchExecuteStatement": batch_execute_statement.handle,
    "ExecuteTransaction": execute_transaction.handle,
    "TransactWriteItems": transact_write_items.handle,
    "TransactGetItems": transact_get_items.handle,
}

# The DynamoDB Streams API, served on the same port (target prefix DynamoDBStreams_20120810.).
STREAM_OPERATIONS: dict[str, Handler] = {}
