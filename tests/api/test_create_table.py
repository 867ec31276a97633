"""CreateTable through boto3: serialization, validation (DynamoDB's messages), functionality."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from ddbserver.api.context import ACCOUNT_ID
from tests.conftest import error_of, unique

HASH = [{"AttributeName": "pk", "KeyType": "HASH"}]
DEFS = [{"AttributeName": "pk", "AttributeType": "S"}]
PT = {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}
INVALID = "One or more parameter values were invalid: "


def create(client, **kw):
    body = {"TableName": unique("ct"), "KeySchema": HASH, "AttributeDefinitions": DEFS,
            "BillingMode": "PAY_PER_REQUEST"}
    body.update(kw)
    return client.create_table(**{k: v for k, v in body.items() if v is not None})


def rejected(client, **kw):
    with pytest.raises(ClientError) as e:
        create(client, **kw)
    return error_of(e)


# ---- serialization -------------------------------------------------------------------

def test_response_is_a_table_description(ddb):
    """CreateTable answers with the new table's description, CREATING as AWS says; here the table
    is ACTIVE at once."""
    name = unique("ct")
    d = create(ddb, TableName=name)["TableDescription"]
    assert d["TableName"] == name
    assert d["TableStatus"] == "CREATING"
    assert ddb.describe_table(TableName=name)["Table"]["TableStatus"] == "ACTIVE"
    assert d["KeySchema"] == HASH
    assert d["AttributeDefinitions"] == DEFS
    assert d["ItemCount"] == 0 and d["TableSizeBytes"] == 0
    assert d["TableArn"] == f"arn:aws:dynamodb:us-east-1:{ACCOUNT_ID}:table/{name}"
    assert len(d["TableId"]) == 36
    assert d["DeletionProtectionEnabled"] is False


def test_on_demand_summary_without_timestamp_in_create_response(ddb):
    """AWS's CreateTable response has BillingModeSummary without LastUpdateToPayPerRequestDateTime
    and no WarmThroughput; DescribeTable then shows both."""
    name = create(ddb)["TableDescription"]["TableName"]
    d = ddb.describe_table(TableName=name)["Table"]
    created = ddb.describe_table(TableName=name)["Table"]["CreationDateTime"]
    assert d["BillingModeSummary"]["LastUpdateToPayPerRequestDateTime"] == created
    assert d["WarmThroughput"] == {"ReadUnitsPerSecond": 12000, "WriteUnitsPerSecond": 4000, "Status": "ACTIVE"}
    r = create(ddb)["TableDescription"]
    assert r["BillingModeSummary"] == {"BillingMode": "PAY_PER_REQUEST"}
    assert "WarmThroughput" not in r


def test_provisioned_table_has_no_billing_summary(ddb):
    """A table created PROVISIONED reports its capacity and no BillingModeSummary."""
    d = create(ddb, BillingMode=None, ProvisionedThroughput={"ReadCapacityUnits": 3, "WriteCapacityUnits": 4})
    d = d["TableDescription"]
    assert "BillingModeSummary" not in d
    assert d["ProvisionedThroughput"] == {"NumberOfDecreasesToday": 0, "ReadCapacityUnits": 3, "WriteCapacityUnits": 4}


# ---- validation ----------------------------------------------------------------------

def test_invalid_table_name(ddb_raw):
    """Table names are 3-255 characters of a-z, A-Z, 0-9, '_', '-', '.'."""
    assert rejected(ddb_raw, TableName="a!b") == (
        "ValidationException", "1 validation error detected: Value 'a!b' at 'tableName' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")


def test_key_schema_and_definitions_are_required(ddb_raw):
    """Without KeySchema or AttributeDefinitions DynamoDB reports null members."""
    code, msg = rejected(ddb_raw, KeySchema=None)
    assert (code, msg) == ("ValidationException", "1 validation error detected: Value null at 'keySchema' "
                           "failed to satisfy constraint: Member must not be null")
    _, msg = rejected(ddb_raw, KeySchema=None, AttributeDefinitions=None)
    assert msg.startswith("2 validation errors detected: Value null at 'attributeDefinitions'")


@pytest.mark.parametrize("keys,defs,message", [
    (["pk:HASH", "sk:RANGE"], ["pk"], "Invalid KeySchema: Some index key attribute have no definition"),
    (["pk:HASH"], ["other"], INVALID + "Some index key attributes are not defined in AttributeDefinitions. "
                                       "Keys: [pk], AttributeDefinitions: [other]"),
    (["pk:HASH", "sk:RANGE"], ["pk", "typo"], INVALID + "Some index key attributes are not defined in "
                                                       "AttributeDefinitions. Keys: [pk, sk], AttributeDefinitions: [pk, typo]"),
    (["pk:HASH", "pk:RANGE"], ["pk", "sk"], "Both the Hash Key and the Range Key element in the KeySchema have the same name"),
    (["sk:RANGE", "pk:HASH"], ["pk", "sk"], "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"),
    (["sk:RANGE"], ["sk"], "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"),
    (["pk:HASH", "sk:HASH"], ["pk", "sk"], "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type"),
    (["pk:HASH"], ["pk", "x"], INVALID + "Number of attributes in KeySchema does not exactly match number of "
                                         "attributes defined in AttributeDefinitions"),
    (["pk:HASH"], ["pk", "pk"], "Attribute Name is duplicated: pk"),
])
def test_key_schema_rules(ddb_raw, keys, defs, message):
    """The key is HASH then optionally RANGE, each defined exactly once, nothing else defined."""
    ks = [{"AttributeName": k.split(":")[0], "KeyType": k.split(":")[1]} for k in keys]
    ad = [{"AttributeName": d, "AttributeType": "S"} for d in defs]
    assert rejected(ddb_raw, KeySchema=ks, AttributeDefinitions=ad) == ("ValidationException", message)


def test_key_schema_of_three(ddb_raw):
    """A table key has at most two elements; AWS echoes each element's fields (nubo-db
    dynamodb-conformance captures/cross-region-latest.json, probe c_ct_3keys, 2026-06-23)."""
    ks = [{"AttributeName": n, "KeyType": t} for n, t in (("pk", "HASH"), ("sk", "RANGE"), ("extra", "RANGE"))]
    ad = [{"AttributeName": n, "AttributeType": "S"} for n in ("pk", "sk", "extra")]
    assert rejected(ddb_raw, KeySchema=ks, AttributeDefinitions=ad) == (
        "ValidationException",
        "1 validation error detected: Value '[KeySchemaElement(attributeName=pk, keyType=HASH), "
        "KeySchemaElement(attributeName=sk, keyType=RANGE), KeySchemaElement(attributeName=extra, keyType=RANGE)]' "
        "at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2")


def test_provisioned_needs_throughput(ddb_raw):
    """PROVISIONED (the default) needs ProvisionedThroughput."""
    expected = ("ValidationException", INVALID + "ReadCapacityUnits and WriteCapacityUnits must both be "
                "specified when BillingMode is PROVISIONED")
    assert rejected(ddb_raw, BillingMode=None) == expected
    assert rejected(ddb_raw, BillingMode="PROVISIONED") == expected


def test_pay_per_request_refuses_throughput(ddb_raw):
    """PAY_PER_REQUEST takes no ProvisionedThroughput (AWS; DynamoDB Local ignores it)."""
    assert rejected(ddb_raw, ProvisionedThroughput=PT) == (
        "ValidationException", INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified "
        "when BillingMode is PAY_PER_REQUEST")


def test_billing_checked_before_key_schema(ddb_raw):
    """A missing throughput is reported before a bad key schema."""
    code, msg = rejected(ddb_raw, BillingMode=None, KeySchema=[{"AttributeName": "pk", "KeyType": "RANGE"}])
    assert "ReadCapacityUnits and WriteCapacityUnits must both be specified" in msg


def test_throughput_out_of_bounds(ddb_raw):
    """Capacity units above 10^12 are out of bounds."""
    pt = {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1000000000001}
    assert rejected(ddb_raw, BillingMode=None, ProvisionedThroughput=pt) == (
        "ValidationException", "Given value 1000000000001 for WriteCapacityUnits is out of bounds")


def test_on_demand_throughput_rules(ddb_raw):
    """OnDemandThroughput needs PAY_PER_REQUEST and positive maxima."""
    assert rejected(ddb_raw, BillingMode=None, ProvisionedThroughput=PT,
                    OnDemandThroughput={"MaxReadRequestUnits": 5}) == (
        "ValidationException", INVALID + "MaxReadRequestUnits for OnDemandThroughput cannot be specified "
        "when table BillingMode is PROVISIONED.")
    assert rejected(ddb_raw, OnDemandThroughput={"MaxReadRequestUnits": 0, "MaxWriteRequestUnits": 0}) == (
        "ValidationException", INVALID + "Requested MaxReadRequestUnits for OnDemandThroughput for table is "
        "outside of valid range")


def test_stream_specification_rules(ddb_raw):
    """An enabled stream needs a view type; a disabled one must not have one."""
    _, msg = rejected(ddb_raw, StreamSpecification={"StreamEnabled": True})
    assert msg == INVALID + "Table is being created with a stream enabled, UpdateViewType is required"
    _, msg = rejected(ddb_raw, StreamSpecification={"StreamEnabled": False, "StreamViewType": "KEYS_ONLY"})
    assert msg == INVALID + "Table is being created with a stream disabled, UpdateViewType should not be specified"


@pytest.mark.parametrize("sse,message", [
    ({"Enabled": False, "SSEType": "KMS"}, "SSEType can not be specified if Enabled is false"),
    ({"Enabled": False, "KMSMasterKeyId": "k"}, "KMSMasterKeyId can not be specified if Enabled is false"),
    ({"Enabled": True, "SSEType": "AES256"}, "SSEType AES256 is not supported"),
    ({"Enabled": True, "KMSMasterKeyId": "k"}, "SSEType KMS is required if KMSMasterKeyId is specified"),
])
def test_sse_specification_rules(ddb_raw, sse, message):
    """SSESpecification members must agree with Enabled; only KMS is supported."""
    assert rejected(ddb_raw, SSESpecification=sse) == ("ValidationException", INVALID + message)


def test_invalid_table_class(ddb_raw):
    """An unknown TableClass gets DynamoDB's own text, not the model's enum constraint."""
    assert rejected(ddb_raw, TableClass="GLACIER") == (
        "ValidationException", "Invalid table-class parameter provided. Please try again with a valid table-class "
        "value: [STANDARD, STANDARD_INFREQUENT_ACCESS].")


def test_existing_table_is_in_use(ddb):
    """Creating a table that exists is ResourceInUseException."""
    name = create(ddb)["TableDescription"]["TableName"]
    code, msg = rejected(ddb, TableName=name)
    assert (code, msg) == ("ResourceInUseException", f"Table already exists: {name}")


def test_too_many_tags_creates_nothing(ddb):
    """More than 50 tags is a ValidationException, and no table is created."""
    name = unique("ct")
    assert rejected(ddb, TableName=name, Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(51)]) == (
        "ValidationException", "Number of Tags exceed the current limit for the provided ResourceArn")
    assert rejected(ddb, TableName=name, Tags=[{"Key": "aws:foo", "Value": "v"}]) == (
        "ValidationException", "Tag Key cannot be prefixed with aws:, Key: aws:foo")
    with pytest.raises(ClientError) as e:
        ddb.describe_table(TableName=name)
    assert error_of(e)[0] == "ResourceNotFoundException"


# ---- functionality -------------------------------------------------------------------

def test_all_options_are_described(ddb):
    """Streams, SSE, table class, deletion protection and on-demand maxima are kept and described."""
    d = create(
        ddb, TableClass="STANDARD_INFREQUENT_ACCESS", DeletionProtectionEnabled=True,
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
        SSESpecification={"Enabled": True}, OnDemandThroughput={"MaxReadRequestUnits": 10, "MaxWriteRequestUnits": 20},
    )["TableDescription"]
    name = d["TableName"]
    t = ddb.describe_table(TableName=name)["Table"]
    assert t["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
    assert t["LatestStreamArn"] == f"{t['TableArn']}/stream/{t['LatestStreamLabel']}"
    assert len(t["LatestStreamLabel"]) == len("2026-11-28T11:49:49.989")
    assert t["TableClassSummary"] == {"TableClass": "STANDARD_INFREQUENT_ACCESS"}
    assert t["DeletionProtectionEnabled"] is True
    assert t["SSEDescription"]["Status"] == "ENABLED" and t["SSEDescription"]["SSEType"] == "KMS"
    assert t["SSEDescription"]["KMSMasterKeyArn"].startswith(f"arn:aws:kms:us-east-1:{ACCOUNT_ID}:key/")
    assert t["OnDemandThroughput"] == {"MaxReadRequestUnits": 10, "MaxWriteRequestUnits": 20}
    ddb.update_table(TableName=name, DeletionProtectionEnabled=False)


def test_defaults_leave_optional_members_out(ddb):
    """Without the options, no stream, SSE, class or on-demand members are described."""
    t = ddb.describe_table(TableName=create(ddb)["TableDescription"]["TableName"])["Table"]
    for member in ("StreamSpecification", "LatestStreamArn", "SSEDescription", "TableClassSummary",
                   "OnDemandThroughput"):
        assert member not in t


def test_sse_type_without_enabled_enables_kms(ddb):
    """SSESpecification with SSEType but no Enabled turns KMS encryption on; {} leaves it off."""
    t = create(ddb, SSESpecification={"SSEType": "KMS"})["TableDescription"]
    assert t["SSEDescription"]["SSEType"] == "KMS"
    assert "SSEDescription" not in create(ddb, SSESpecification={})["TableDescription"]


def test_created_by_arn(ddb):
    """TableName may be the table's ARN."""
    name = unique("ct")
    d = create(ddb, TableName=f"arn:aws:dynamodb:us-east-1:000000000000:table/{name}")["TableDescription"]
    assert d["TableName"] == name


def test_attribute_definitions_described_by_name(ddb):
    """DescribeTable lists AttributeDefinitions sorted by name, whatever the request's order."""
    ks = [{"AttributeName": "z", "KeyType": "HASH"}, {"AttributeName": "a", "KeyType": "RANGE"}]
    ad = [{"AttributeName": "z", "AttributeType": "S"}, {"AttributeName": "a", "AttributeType": "N"}]
    name = create(ddb, KeySchema=ks, AttributeDefinitions=ad)["TableDescription"]["TableName"]
    t = ddb.describe_table(TableName=name)["Table"]
    assert [d["AttributeName"] for d in t["AttributeDefinitions"]] == ["a", "z"]
    assert t["KeySchema"] == ks


# ---- secondary-index definitions (checked, stored and described) ---------------------

def _index(name, *keys, projection="ALL", **extra):
    ks = [{"AttributeName": k.split(":")[0], "KeyType": k.split(":")[1]} for k in keys]
    return {"IndexName": name, "KeySchema": ks, "Projection": {"ProjectionType": projection}, **extra}


RANGE_KEYS = [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]


def _defs(*names):
    return [{"AttributeName": n, "AttributeType": "S"} for n in names]


def test_indexes_are_described(ddb):
    """GSIs and LSIs given to CreateTable are described with their ARNs and status."""
    d = create(ddb, KeySchema=RANGE_KEYS, AttributeDefinitions=_defs("pk", "sk", "g", "l"),
               GlobalSecondaryIndexes=[_index("by-g", "g:HASH", projection="KEYS_ONLY")],
               LocalSecondaryIndexes=[_index("by-l", "pk:HASH", "l:RANGE")])["TableDescription"]
    t = ddb.describe_table(TableName=d["TableName"])["Table"]
    gsi, = t["GlobalSecondaryIndexes"]
    assert gsi["IndexName"] == "by-g" and gsi["IndexStatus"] == "ACTIVE"
    assert gsi["Projection"] == {"ProjectionType": "KEYS_ONLY"}
    assert gsi["IndexArn"] == t["TableArn"] + "/index/by-g"
    lsi, = t["LocalSecondaryIndexes"]
    assert lsi["KeySchema"] == [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "l", "KeyType": "RANGE"}]


@pytest.mark.parametrize("kw,message", [
    ({"AttributeDefinitions": _defs("pk", "sk", "g", "x"), "GlobalSecondaryIndexes": [_index("idx1", "g:HASH")]},
     INVALID + "Some AttributeDefinitions are not used. AttributeDefinitions: [pk, sk, g, x], keys used: [pk, sk, g]"),
    ({"AttributeDefinitions": _defs("pk", "sk"), "GlobalSecondaryIndexes": [_index("idx1", "g:HASH")]},
     INVALID + "Some index key attributes are not defined in AttributeDefinitions. Keys: [g], "
               "AttributeDefinitions: [pk, sk]"),
    ({"AttributeDefinitions": _defs("pk", "sk"), "GlobalSecondaryIndexes": []},
     INVALID + "List of GlobalSecondaryIndexes is empty"),
    ({"AttributeDefinitions": _defs("pk", "sk", "g"),
      "GlobalSecondaryIndexes": [_index("idx1", "g:HASH"), _index("idx1", "g:HASH")]},
     INVALID + "Duplicate index name: idx1"),
    ({"AttributeDefinitions": _defs("pk", "sk", "g"),
      "GlobalSecondaryIndexes": [_index("idx1", "g:HASH", ProvisionedThroughput=PT)]},
     INVALID + "ProvisionedThroughput should not be specified for index: idx1 when BillingMode is PAY_PER_REQUEST"),
    ({"AttributeDefinitions": _defs("pk", "sk", "l"), "LocalSecondaryIndexes": [_index("idx1", "l:HASH", "sk:RANGE")]},
     INVALID + "Index KeySchema does not have the same leading hash key as table KeySchema for index: idx1. "
               "index hash key: l, table hash key: pk"),
    ({"AttributeDefinitions": _defs("pk", "sk", "g"),
      "GlobalSecondaryIndexes": [dict(_index("idx1", "g:HASH"), Projection={"ProjectionType": "ALL",
                                                                         "NonKeyAttributes": ["a"]})]},
     INVALID + "ProjectionType is ALL, but NonKeyAttributes is specified"),
    ({"AttributeDefinitions": _defs("pk", "sk", "g"),
      "GlobalSecondaryIndexes": [_index("idx1", "g:HASH", projection="INCLUDE")]},
     INVALID + "ProjectionType is INCLUDE, but NonKeyAttributes is not specified"),
    ({"AttributeDefinitions": _defs("pk", "sk", "g"), "BillingMode": "PROVISIONED", "ProvisionedThroughput": PT,
      "GlobalSecondaryIndexes": [_index("idx1", "g:HASH")]},
     INVALID + "ProvisionedThroughput is not specified for index: idx1"),
    ({"AttributeDefinitions": _defs("pk", "sk", "a", "b", "c"),
      "GlobalSecondaryIndexes": [_index("idx1", "a:HASH", "b:RANGE", "c:HASH")]},
     INVALID + "All HASH key attributes must precede RANGE key attributes in the KeySchema"),
])
def test_index_rules(ddb_raw, kw, message):
    """Index definitions follow DynamoDB's rules, attribute definitions first."""
    assert rejected(ddb_raw, KeySchema=RANGE_KEYS, **kw) == ("ValidationException", message)


def test_multi_attribute_gsi_key(ddb):
    """A GSI key may have up to 4 HASH then up to 4 RANGE attributes."""
    d = create(ddb, KeySchema=RANGE_KEYS, AttributeDefinitions=_defs("pk", "sk", "a", "b", "c"),
               GlobalSecondaryIndexes=[_index("multi", "a:HASH", "b:HASH", "c:RANGE")])["TableDescription"]
    assert [k["KeyType"] for k in d["GlobalSecondaryIndexes"][0]["KeySchema"]] == ["HASH", "HASH", "RANGE"]


def test_gsi_key_of_two_hash_attributes(ddb, ddb_raw):
    """A GSI's partition key may be two HASH attributes and no sort key; an LSI's second element
    must still be its RANGE key."""
    d = create(ddb, KeySchema=RANGE_KEYS, AttributeDefinitions=_defs("pk", "sk", "a", "b"),
               GlobalSecondaryIndexes=[_index("two", "a:HASH", "b:HASH")])["TableDescription"]
    assert [k["KeyType"] for k in d["GlobalSecondaryIndexes"][0]["KeySchema"]] == ["HASH", "HASH"]
    assert rejected(ddb_raw, KeySchema=RANGE_KEYS, AttributeDefinitions=_defs("pk", "sk", "l"),
                    LocalSecondaryIndexes=[_index("idx1", "pk:HASH", "l:HASH")]) == (
        "ValidationException", "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type")


def test_lsi_needs_table_range_key(ddb_raw):
    """A local secondary index needs a table with a sort key."""
    assert rejected(ddb_raw, AttributeDefinitions=_defs("pk", "l"),
                    LocalSecondaryIndexes=[_index("idx1", "pk:HASH", "l:RANGE")]) == (
        "ValidationException", INVALID + "Table KeySchema does not have a range key, which is required when "
        "specifying a LocalSecondaryIndex")


def test_warm_throughput(ddb_raw):
    """WarmThroughput at creation is at least the initial level; a missing member keeps it."""
    code, msg = rejected(ddb_raw, WarmThroughput={"ReadUnitsPerSecond": 1, "WriteUnitsPerSecond": 1})
    assert (code, msg) == ("ValidationException", INVALID + "Requested ReadUnitsPerSecond for WarmThroughput for "
                           "table is lower than initial throughput for OnDemand. See: https://docs.aws.amazon.com/"
                           "amazondynamodb/latest/developerguide/on-demand-capacity-mode.html"
                           "#on-demand-capacity-mode-initial")
    assert rejected(ddb_raw, BillingMode=None, ProvisionedThroughput={"ReadCapacityUnits": 10, "WriteCapacityUnits": 10},
                    WarmThroughput={"ReadUnitsPerSecond": 5, "WriteUnitsPerSecond": 5})[1] == (
        INVALID + "Requested ReadUnitsPerSecond for WarmThroughput for table is lower than ReadCapacityUnits of "
        "ProvisionedThroughput")
    d = create(ddb_raw, WarmThroughput={"ReadUnitsPerSecond": 12001})["TableDescription"]
    assert d["WarmThroughput"] == {"ReadUnitsPerSecond": 12001, "WriteUnitsPerSecond": 4000, "Status": "ACTIVE"}
    t = ddb_raw.describe_table(TableName=d["TableName"])["Table"]
    assert t["WarmThroughput"]["ReadUnitsPerSecond"] == 12001
