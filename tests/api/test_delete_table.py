"""DeleteTable through boto3."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from tests.conftest import error_of, make_table, unique

PROTECTED = ("Resource cannot be deleted as it is currently protected against deletion. "
             "Disable deletion protection first.")


def test_returns_description_deleting(ddb):
    """DeleteTable answers with the table's description, TableStatus DELETING, and its items."""
    name = make_table(ddb, "S", "N")
    ddb.put_item(TableName=name, Item={"pk": {"S": "a"}, "sk": {"N": "1"}})
    d = ddb.delete_table(TableName=name)["TableDescription"]
    assert d["TableName"] == name
    assert d["TableStatus"] == "DELETING"
    assert d["ItemCount"] == 1


def test_table_and_items_are_gone(ddb):
    """After DeleteTable the table is not found, not listed, and a new one of the name is empty."""
    name = make_table(ddb)
    ddb.put_item(TableName=name, Item={"pk": {"S": "a"}})
    ddb.delete_table(TableName=name)
    with pytest.raises(ClientError) as e:
        ddb.describe_table(TableName=name)
    assert error_of(e)[0] == "ResourceNotFoundException"
    assert name not in ddb.list_tables(ExclusiveStartTableName=name[:-1] + "0", Limit=5)["TableNames"]
    make_table(ddb, name=name)
    assert "Item" not in ddb.get_item(TableName=name, Key={"pk": {"S": "a"}})
    assert ddb.describe_table(TableName=name)["Table"]["ItemCount"] == 0


def test_missing_table(ddb):
    """Deleting a table that does not exist is ResourceNotFoundException."""
    name = unique("none")
    with pytest.raises(ClientError) as e:
        ddb.delete_table(TableName=name)
    assert error_of(e) == ("ResourceNotFoundException", f"Requested resource not found: Table: {name} not found")


def test_deletion_protection(ddb):
    """A protected table cannot be deleted until protection is turned off."""
    name = unique("dp")
    ddb.create_table(TableName=name, KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                     BillingMode="PAY_PER_REQUEST", DeletionProtectionEnabled=True)
    with pytest.raises(ClientError) as e:
        ddb.delete_table(TableName=name)
    assert error_of(e) == ("ValidationException", PROTECTED)
    assert ddb.describe_table(TableName=name)["Table"]["TableStatus"] == "ACTIVE"
    ddb.update_table(TableName=name, DeletionProtectionEnabled=False)
    ddb.delete_table(TableName=name)


def test_by_arn(ddb):
    """DeleteTable takes the table's ARN too."""
    name = make_table(ddb)
    arn = ddb.describe_table(TableName=name)["Table"]["TableArn"]
    assert ddb.delete_table(TableName=arn)["TableDescription"]["TableName"] == name
