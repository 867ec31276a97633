"""UpdateTable through boto3: billing switches, throughput, protection, class, streams, errors."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from tests.conftest import error_of, make_table, unique

INVALID = "One or more parameter values were invalid: "
NOTHING = (
    "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, "
    "SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, "
    "DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required"
)


def provisioned(ddb, r=5, w=5):
    name = unique("ut")
    ddb.create_table(TableName=name, KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                     ProvisionedThroughput={"ReadCapacityUnits": r, "WriteCapacityUnits": w})
    return name


def update_error(client, **kw):
    with pytest.raises(ClientError) as e:
        client.update_table(**kw)
    return error_of(e)


def pt(r, w):
    return {"ReadCapacityUnits": r, "WriteCapacityUnits": w}


# ---- serialization -------------------------------------------------------------------

def test_response_shows_old_throughput_while_updating(ddb):
    """As AWS does, the response says UPDATING with the old capacity; DescribeTable shows the new."""
    name = provisioned(ddb)
    d = ddb.update_table(TableName=name, ProvisionedThroughput=pt(7, 8))["TableDescription"]
    assert d["TableStatus"] == "UPDATING"
    assert (d["ProvisionedThroughput"]["ReadCapacityUnits"], d["ProvisionedThroughput"]["WriteCapacityUnits"]) == (5, 5)
    t = ddb.describe_table(TableName=name)["Table"]
    assert t["TableStatus"] == "ACTIVE"
    assert (t["ProvisionedThroughput"]["ReadCapacityUnits"], t["ProvisionedThroughput"]["WriteCapacityUnits"]) == (7, 8)


# ---- validation ----------------------------------------------------------------------

def test_nothing_to_update(ddb, hash_table):
    """A request that changes nothing is refused, even before the table is looked up."""
    assert update_error(ddb, TableName=hash_table) == ("ValidationException", NOTHING)
    assert update_error(ddb, TableName=unique("none")) == ("ValidationException", NOTHING)


def test_missing_table(ddb):
    """Updating a table that does not exist is ResourceNotFoundException."""
    name = unique("none")
    assert update_error(ddb, TableName=name, DeletionProtectionEnabled=True) == (
        "ResourceNotFoundException", f"Requested resource not found: Table: {name} not found")


def test_same_throughput(ddb):
    """Asking for the current capacity is refused with both values named."""
    name = provisioned(ddb, 5, 6)
    code, msg = update_error(ddb, TableName=name, ProvisionedThroughput=pt(5, 6))
    assert code == "ValidationException"
    assert msg == (
        "The provisioned throughput for the table will not change. The requested value equals the current value. "
        "Current ReadCapacityUnits provisioned for the table: 5. Requested ReadCapacityUnits: 5. "
        "Current WriteCapacityUnits provisioned for the table: 6. Requested WriteCapacityUnits: 6. "
        "Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.")
    assert update_error(ddb, TableName=name, BillingMode="PROVISIONED", ProvisionedThroughput=pt(5, 6))[1] == msg


def test_throughput_on_on_demand_table(ddb, hash_table):
    """An on-demand table takes no ProvisionedThroughput unless switching to PROVISIONED."""
    assert update_error(ddb, TableName=hash_table, ProvisionedThroughput=pt(1, 1)) == (
        "ValidationException", INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified "
        "when BillingMode is PAY_PER_REQUEST")


def test_switch_to_provisioned_needs_throughput(ddb):
    """PAY_PER_REQUEST -> PROVISIONED needs ProvisionedThroughput in the same request."""
    name = make_table(ddb)
    assert update_error(ddb, TableName=name, BillingMode="PROVISIONED") == (
        "ValidationException", INVALID + "ReadCapacityUnits and WriteCapacityUnits must both be specified "
        "when BillingMode is PROVISIONED")


def test_on_demand_throughput_on_provisioned(ddb):
    """OnDemandThroughput is for on-demand tables only."""
    name = provisioned(ddb)
    assert update_error(ddb, TableName=name, OnDemandThroughput={"MaxReadRequestUnits": 5}) == (
        "ValidationException", INVALID + "MaxReadRequestUnits for OnDemandThroughput cannot be specified when "
        "the table BillingMode is PROVISIONED")


def test_stream_already_enabled_or_absent(ddb):
    """A stream cannot be enabled twice, nor disabled when there is none."""
    name = make_table(ddb)
    assert update_error(ddb, TableName=name, StreamSpecification={"StreamEnabled": False}) == (
        "ValidationException", "Table has no stream to disable")
    ddb.update_table(TableName=name, StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
    assert update_error(ddb, TableName=name, StreamSpecification={"StreamEnabled": True,
                                                                  "StreamViewType": "KEYS_ONLY"}) == (
        "ValidationException", "Table already has an enabled stream")


# ---- functionality -------------------------------------------------------------------

def test_throughput_decrease_is_counted(ddb):
    """A decrease sets LastDecreaseDateTime and counts in NumberOfDecreasesToday; an increase sets
    LastIncreaseDateTime."""
    name = provisioned(ddb, 5, 5)
    ddb.update_table(TableName=name, ProvisionedThroughput=pt(3, 5))
    t = ddb.describe_table(TableName=name)["Table"]["ProvisionedThroughput"]
    assert t["NumberOfDecreasesToday"] == 1 and "LastDecreaseDateTime" in t and "LastIncreaseDateTime" not in t
    ddb.update_table(TableName=name, ProvisionedThroughput=pt(4, 5))
    t = ddb.describe_table(TableName=name)["Table"]["ProvisionedThroughput"]
    assert t["NumberOfDecreasesToday"] == 1 and "LastIncreaseDateTime" in t


def test_billing_switches(ddb):
    """PROVISIONED -> PAY_PER_REQUEST -> PROVISIONED keeps BillingModeSummary once on demand."""
    name = provisioned(ddb)
    ddb.update_table(TableName=name, BillingMode="PAY_PER_REQUEST")
    t = ddb.describe_table(TableName=name)["Table"]
    assert t["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert t["ProvisionedThroughput"]["ReadCapacityUnits"] == 0
    switched = t["BillingModeSummary"]["LastUpdateToPayPerRequestDateTime"]
    ddb.update_table(TableName=name, BillingMode="PROVISIONED", ProvisionedThroughput=pt(2, 3))
    t = ddb.describe_table(TableName=name)["Table"]
    assert t["BillingModeSummary"] == {"BillingMode": "PROVISIONED", "LastUpdateToPayPerRequestDateTime": switched}
    assert (t["ProvisionedThroughput"]["ReadCapacityUnits"], t["ProvisionedThroughput"]["WriteCapacityUnits"]) == (2, 3)


def test_pay_per_request_again_is_accepted(ddb):
    """Re-sending PAY_PER_REQUEST for an on-demand table is accepted."""
    name = make_table(ddb)
    assert ddb.update_table(TableName=name, BillingMode="PAY_PER_REQUEST")["TableDescription"]["TableName"] == name


def test_deletion_protection_and_class(ddb):
    """Deletion protection applies at once; a class change is described with its time."""
    name = make_table(ddb)
    d = ddb.update_table(TableName=name, DeletionProtectionEnabled=True)["TableDescription"]
    assert d["TableStatus"] == "ACTIVE" and d["DeletionProtectionEnabled"] is True
    d = ddb.update_table(TableName=name, TableClass="STANDARD_INFREQUENT_ACCESS")["TableDescription"]
    assert "TableClassSummary" not in d
    t = ddb.describe_table(TableName=name)["Table"]
    assert t["TableClassSummary"]["TableClass"] == "STANDARD_INFREQUENT_ACCESS"
    assert "LastUpdateDateTime" in t["TableClassSummary"]
    ddb.update_table(TableName=name, DeletionProtectionEnabled=False)


def test_stream_enable_disable(ddb):
    """Disabling a stream drops StreamSpecification but keeps LatestStreamArn."""
    name = make_table(ddb)
    d = ddb.update_table(TableName=name, StreamSpecification={"StreamEnabled": True,
                                                              "StreamViewType": "NEW_IMAGE"})["TableDescription"]
    assert d["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"}
    arn = d["LatestStreamArn"]
    ddb.update_table(TableName=name, StreamSpecification={"StreamEnabled": False})
    t = ddb.describe_table(TableName=name)["Table"]
    assert "StreamSpecification" not in t and t["LatestStreamArn"] == arn


def test_on_demand_throughput_merges(ddb):
    """OnDemandThroughput merges member by member; -1 clears a member."""
    name = make_table(ddb)
    ddb.update_table(TableName=name, OnDemandThroughput={"MaxReadRequestUnits": 100, "MaxWriteRequestUnits": 50})
    ddb.update_table(TableName=name, OnDemandThroughput={"MaxWriteRequestUnits": 60})
    assert ddb.describe_table(TableName=name)["Table"]["OnDemandThroughput"] == {
        "MaxReadRequestUnits": 100, "MaxWriteRequestUnits": 60}
    ddb.update_table(TableName=name, OnDemandThroughput={"MaxReadRequestUnits": -1, "MaxWriteRequestUnits": -1})
    assert "OnDemandThroughput" not in ddb.describe_table(TableName=name)["Table"]


def test_warm_throughput_tracks_highest_capacity(ddb):
    """A provisioned table is warm to the highest capacity it had; warm throughput never decreases."""
    name = provisioned(ddb, 5, 5)
    ddb.update_table(TableName=name, ProvisionedThroughput=pt(9, 2))
    assert ddb.describe_table(TableName=name)["Table"]["WarmThroughput"] == {
        "ReadUnitsPerSecond": 9, "WriteUnitsPerSecond": 5, "Status": "ACTIVE"}
    code, msg = update_error(ddb, TableName=name, WarmThroughput={"ReadUnitsPerSecond": 1})
    assert code == "ValidationException" and "decreasing WarmThroughput is not supported" in msg
