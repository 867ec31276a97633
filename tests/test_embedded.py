"""Embedded mode: a data directory opened in-process, used through the Python API and through
real botocore/boto3 clients whose requests never touch a socket."""

from __future__ import annotations

import asyncio
import os
import socket
from decimal import Decimal
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from ddbserver.embedded import Embedded
from ddbserver.errors import DynamoError

KEYS = {"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "BillingMode": "PAY_PER_REQUEST"}


@pytest.fixture
def engine(tmp_path: Any) -> Any:
    with Embedded(str(tmp_path / "data")) as db:
        db.create_table(TableName="things", **KEYS)
        yield db


def test_python_api_runs_operations_on_wire_dicts(engine):
    """Each DynamoDB operation is a method taking and returning DynamoDB's JSON form."""
    engine.put_item(TableName="things", Item={"pk": {"S": "a"}, "n": {"N": "1.50"}})
    assert engine.get_item(TableName="things", Key={"pk": {"S": "a"}}) == {"Item": {"pk": {"S": "a"}, "n": {"N": "1.5"}}}
    out = engine.update_item(TableName="things", Key={"pk": {"S": "a"}}, UpdateExpression="ADD n :one",
                             ExpressionAttributeValues={":one": {"N": "1"}}, ReturnValues="UPDATED_NEW")
    assert out == {"Attributes": {"n": {"N": "2.5"}}}
    assert engine.call("Scan", {"TableName": "things"})["Count"] == 1
    assert engine.list_tables() == {"TableNames": ["things"]}


def test_python_api_raises_dynamodb_errors(engine):
    """Errors are DynamoError with the type and message the server would answer."""
    with pytest.raises(DynamoError) as err:
        engine.get_item(TableName="missing", Key={"pk": {"S": "a"}})
    assert (err.value.type, err.value.message) == ("ResourceNotFoundException", "Requested resource not found")
    with pytest.raises(DynamoError) as err:
        engine.put_item(TableName="things", Item={"pk": {"N": "1"}})
    assert err.value.type == "ValidationException"
    with pytest.raises(DynamoError) as err:  # the service model's validation runs too
        engine.get_item(TableName="x", Key={"pk": {"S": "a"}})
    assert "failed to satisfy constraint" in (err.value.message or "")
    with pytest.raises(AttributeError):
        engine.no_such_operation()


def test_client_talks_to_the_engine_without_a_socket(engine, monkeypatch):
    """A botocore client from client() works unchanged, and opens no connection."""
    def no_network(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the embedded client opened a socket")

    monkeypatch.setattr(socket, "create_connection", no_network)
    client = engine.client()
    client.put_item(TableName="things", Item={"pk": {"S": "b"}, "v": {"SS": ["x", "y"]}})
    assert client.get_item(TableName="things", Key={"pk": {"S": "b"}})["Item"]["v"]["SS"] == ["x", "y"]
    with pytest.raises(client.exceptions.ConditionalCheckFailedException) as err:
        client.put_item(TableName="things", Item={"pk": {"S": "b"}}, ConditionExpression="attribute_not_exists(pk)")
    assert err.value.response["Error"]["Message"] == "The conditional request failed"
    pages = client.get_paginator("scan").paginate(TableName="things", Limit=1)
    assert sum(p["Count"] for p in pages) == 1


def test_resource_and_attach(engine):
    """boto3's resource layer and any existing client can use the engine."""
    table = engine.resource().Table("things")
    table.put_item(Item={"pk": "c", "n": 5})
    assert table.get_item(Key={"pk": "c"})["Item"] == {"pk": "c", "n": Decimal(5)}
    other = boto3.client("dynamodb", region_name="us-east-1", endpoint_url="http://127.0.0.1:9",
                         aws_access_key_id="k", aws_secret_access_key="s")
    engine.attach(other)
    assert other.get_item(TableName="things", Key={"pk": {"S": "c"}})["Item"]["n"] == {"N": "5"}
    with pytest.raises(ClientError) as err:
        other.describe_table(TableName="missing")
    assert err.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_acall_inside_an_event_loop(engine):
    """From async code, acall() runs the operation on the caller's loop; call() refuses."""
    async def main() -> dict[str, Any]:
        with pytest.raises(RuntimeError):
            engine.put_item(TableName="things", Item={"pk": {"S": "d"}})
        await engine.acall("PutItem", TableName="things", Item={"pk": {"S": "d"}})
        return await engine.acall("GetItem", TableName="things", Key={"pk": {"S": "d"}})

    assert asyncio.run(main()) == {"Item": {"pk": {"S": "d"}}}


def test_data_outlives_the_process_view(tmp_path):
    """Writes are durable in the directory: a second open sees them; in-memory ones vanish."""
    path = str(tmp_path / "d")
    with Embedded(path) as db:
        db.create_table(TableName="kept", **KEYS)
        db.put_item(TableName="kept", Item={"pk": {"S": "x"}})
    with Embedded(path) as db:
        assert db.get_item(TableName="kept", Key={"pk": {"S": "x"}}) == {"Item": {"pk": {"S": "x"}}}
    temp = Embedded(in_memory=True)
    where = temp.db.path
    temp.create_table(TableName="gone", **KEYS)
    temp.close()
    assert not os.path.exists(where)
