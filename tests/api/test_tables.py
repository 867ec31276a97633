"""CreateTable / DescribeTable / ListTables / DeleteTable through boto3."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from tests.conftest import error_of, make_table, unique


def test_create_describe_delete(ddb):
    """A new table is ACTIVE, described with its schema, listed, and gone after DeleteTable."""
    name = make_table(ddb, "S", "N")
    t = ddb.describe_table(TableName=name)["Table"]
    assert t["TableStatus"] == "ACTIVE"
    assert t["KeySchema"][1] == {"AttributeName": "sk", "KeyType": "RANGE"}
    assert t["TableArn"].endswith(":table/" + name)
    assert name in ddb.list_tables(Limit=100)["TableNames"] or name in ddb.list_tables()["TableNames"]
    d = ddb.delete_table(TableName=name)["TableDescription"]
    assert d["TableName"] == name
    with pytest.raises(ClientError) as e:
        ddb.describe_table(TableName=name)
    assert error_of(e)[0] == "ResourceNotFoundException"


def test_create_existing_table_is_in_use(ddb):
    """Creating a table that exists is ResourceInUseException."""
    name = make_table(ddb)
    with pytest.raises(ClientError) as e:
        make_table(ddb, name=name)
    assert error_of(e)[0] == "ResourceInUseException"


def test_invalid_table_name(ddb_raw):
    """Names must be 3-255 characters of [a-zA-Z0-9_.-]."""
    with pytest.raises(ClientError) as e:
        ddb_raw.describe_table(TableName="a!")
    assert error_of(e)[0] == "ValidationException"
    assert "Invalid table/index name" in error_of(e)[1] or "failed to satisfy constraint" in error_of(e)[1]


def test_item_count_and_size_are_exact(ddb):
    """DescribeTable's ItemCount and TableSizeBytes follow writes."""
    name = make_table(ddb)
    ddb.put_item(TableName=name, Item={"pk": {"S": "a"}, "x": {"S": "12345"}})
    ddb.put_item(TableName=name, Item={"pk": {"S": "b"}})
    t = ddb.describe_table(TableName=name)["Table"]
    assert t["ItemCount"] == 2
    assert t["TableSizeBytes"] == (2 + 1 + 6) + (2 + 1)
    ddb.delete_item(TableName=name, Key={"pk": {"S": "a"}})
    assert ddb.describe_table(TableName=name)["Table"]["ItemCount"] == 1


def test_list_tables_pages(ddb):
    """Limit and ExclusiveStartTableName page through the names in order."""
    names = sorted(make_table(ddb, name=unique("page")) for _ in range(3))
    seen, start = [], None
    while True:
        kw = {"Limit": 2}
        if start:
            kw["ExclusiveStartTableName"] = start
        r = ddb.list_tables(**kw)
        seen += r["TableNames"]
        start = r.get("LastEvaluatedTableName")
        if not start:
            break
    assert seen == sorted(seen)
    assert set(names) <= set(seen)
