"""DescribeTable through boto3: the TableDescription, names and ARNs, missing tables."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from tests.conftest import error_of, make_table, unique

INVALID_ARN = (
    "Valid ARN format is 'arn:<awsPartition>:<vendor>:<region>:<subscriber>:resourceType/resourceName', "
    "where Resource name must have length less than or equal to 255, Resource name must have length "
    "greater than or equal to 3, Resource name must satisfyregular expression pattern: [a-zA-Z0-9_.-]+"
)
PATTERN = "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"


def name_error(value, *rules):
    count = f"{len(rules)} validation error{'s' if len(rules) > 1 else ''} detected: "
    return count + "; ".join(f"Value '{value}' at 'tableName' failed to satisfy constraint: {r}" for r in rules)


def describe_error(client, name):
    with pytest.raises(ClientError) as e:
        client.describe_table(TableName=name)
    return error_of(e)


# ---- serialization -------------------------------------------------------------------

def test_description_members(ddb, range_table):
    """DescribeTable reports the schema, status, counts, ARN, id and billing of the table."""
    t = ddb.describe_table(TableName=range_table)["Table"]
    assert t["TableName"] == range_table
    assert t["TableStatus"] == "ACTIVE"
    assert t["KeySchema"] == [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]
    assert t["AttributeDefinitions"] == [{"AttributeName": "pk", "AttributeType": "S"},
                                         {"AttributeName": "sk", "AttributeType": "N"}]
    assert t["ProvisionedThroughput"] == {"NumberOfDecreasesToday": 0, "ReadCapacityUnits": 0, "WriteCapacityUnits": 0}
    assert t["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert t["TableArn"].endswith(":table/" + range_table)
    assert t["DeletionProtectionEnabled"] is False
    assert t["CreationDateTime"].year >= 2024


# ---- validation ----------------------------------------------------------------------

def test_missing_table(ddb):
    """A table that does not exist is ResourceNotFoundException naming the table (AWS's text;
    DynamoDB Local says "Cannot do operations on a non-existent table")."""
    name = unique("none")
    assert describe_error(ddb, name) == ("ResourceNotFoundException", f"Requested resource not found: Table: {name} not found")


@pytest.mark.parametrize("name,rules", [
    ("ab", ["Member must have length greater than or equal to 3"]),
    ("a!b", [PATTERN]),
    ("a" * 256, ["Member must have length less than or equal to 255"]),
])
def test_invalid_name(ddb_raw, name, rules):
    """A plain name is held to 3-255 characters of [a-zA-Z0-9_.-], reported as AWS's generic
    constraint errors (DynamoDB Local's "Invalid table/index name" text is not AWS's)."""
    assert describe_error(ddb_raw, name) == ("ValidationException", name_error(name, *rules))


@pytest.mark.parametrize("arn,message", [
    ("arn:aws:s3:us-east-1:000000000000:table/abc", INVALID_ARN),
    ("arn:aws:dynamodb:us-east-1:000000000000:abc", INVALID_ARN),
    ("arn::dynamodb:us-east-1:000000000000:table/abc", INVALID_ARN),
    ("arn:aws:dynamodb:us-east-1:000000000000:table/abc:x", INVALID_ARN),
    ("arn:aws:dynamodb:us-east-1:000000000000:table/ab", INVALID_ARN),
    ("arn:aws:dynamodb:us-east-1:000000000000:table/abc/stream/x", INVALID_ARN),
    ("arn:aws:dynamodb:us-east-1:000000000000:index/abc",
     "1 validation error detected: Invalid resource type in 'arn:aws:dynamodb:us-east-1:000000000000:index/abc'"),
    ("arn:aws:dynamodb:eu-west-1:000000000000:table/abc",
     "1 validation error detected: Invalid AWS region in 'arn:aws:dynamodb:eu-west-1:000000000000:table/abc'"),
    ("arn:aws-cn:dynamodb:us-east-1:000000000000:table/abc",
     "1 validation error detected: Invalid AWS partition in 'arn:aws-cn:dynamodb:us-east-1:000000000000:table/abc'"),
])
def test_invalid_arn(ddb_raw, arn, message):
    """An ARN must be a DynamoDB table ARN of this region naming a valid table name."""
    assert describe_error(ddb_raw, arn) == ("ValidationException", message)


# ---- functionality -------------------------------------------------------------------

def test_by_arn(ddb, hash_table):
    """A table ARN works wherever a table name does (DescribeTable and item operations)."""
    arn = ddb.describe_table(TableName=hash_table)["Table"]["TableArn"]
    assert ddb.describe_table(TableName=arn)["Table"]["TableName"] == hash_table
    key = {"pk": {"S": unique("k")}}
    ddb.put_item(TableName=arn, Item=key)
    assert ddb.get_item(TableName=hash_table, Key=key)["Item"] == key


def test_item_count_and_size_are_exact(ddb):
    """ItemCount and TableSizeBytes follow writes at once."""
    name = make_table(ddb)
    ddb.put_item(TableName=name, Item={"pk": {"S": "a"}, "x": {"S": "12345"}})
    ddb.put_item(TableName=name, Item={"pk": {"S": "b"}})
    t = ddb.describe_table(TableName=name)["Table"]
    assert t["ItemCount"] == 2
    assert t["TableSizeBytes"] == (2 + 1 + 6) + (2 + 1)
    ddb.delete_item(TableName=name, Key={"pk": {"S": "a"}})
    assert ddb.describe_table(TableName=name)["Table"]["ItemCount"] == 1
