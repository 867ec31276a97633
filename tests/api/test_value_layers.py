"""DynamoDB checks attribute values in one of two layers, and the operation decides which: the
current layer (PutItem, UpdateItem, DeleteItem inside the validation envelope; GetItem,
BatchGetItem and Query bare) and the older one (BatchWriteItem and Scan, bare, with expression
values inside "ExpressionAttributeValues contains invalid value: ... for key :v"). As captured
against AWS in four regions in 2026-10."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from tests.conftest import error_of

NOT_NUMERIC = "The parameter cannot be converted to a numeric value"


def message(call) -> str:
    with pytest.raises(ClientError) as e:
        call()
    code, text = error_of(e)
    assert code == "ValidationException"
    return text


def test_current_layer_on_single_item_writes(ddb_raw, hash_table):
    """PutItem reports a bad number in a condition value inside the envelope, with no wrapper."""
    assert message(lambda: ddb_raw.put_item(
        TableName=hash_table, Item={"pk": {"S": "vl"}}, ConditionExpression="attribute_not_exists(pk) OR n = :v",
        ExpressionAttributeValues={":v": {"N": "abc"}})) == f"1 validation error detected: {NOT_NUMERIC}: abc"


def test_current_layer_bare_on_query_and_get(ddb_raw, hash_table):
    """Query and GetItem report the value's own error, bare."""
    assert message(lambda: ddb_raw.query(
        TableName=hash_table, KeyConditionExpression="pk = :p", FilterExpression="n = :v",
        ExpressionAttributeValues={":p": {"S": "vl"}, ":v": {"N": "abc"}})) == f"{NOT_NUMERIC}: abc"
    assert message(lambda: ddb_raw.get_item(TableName=hash_table, Key={"pk": {"N": "abc"}})) == f"{NOT_NUMERIC}: abc"


def test_older_layer_on_scan_and_batch_write(ddb_raw, hash_table):
    """Scan wraps a bad expression value; BatchWriteItem says an empty number has no colon."""
    assert message(lambda: ddb_raw.scan(
        TableName=hash_table, FilterExpression="n = :v", ExpressionAttributeValues={":v": {"N": "abc"}})) == (
        f"ExpressionAttributeValues contains invalid value: {NOT_NUMERIC}: abc for key :v")
    assert message(lambda: ddb_raw.batch_write_item(RequestItems={hash_table: [
        {"PutRequest": {"Item": {"pk": {"S": "vl"}, "n": {"N": ""}}}}]})) == NOT_NUMERIC
