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
        "ValidationException", INVALID + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED")


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
        "ValidationException", f"Table has no stream to disable: TableName: {name}")
    ddb.update_table(TableName=name, StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
    assert update_error(ddb, TableName=name, StreamSpecification={"StreamEnabled": True,
                                                                  "StreamViewType": "NEW_IMAGE"}) == (
        "ValidationException", f"Table already has an enabled stream: TableName: {name}")


def test_stream_view_type_rules(ddb_raw):
    """UpdateTable wants a view type exactly when enabling a stream."""
    name = make_table(ddb_raw)
    assert update_error(ddb_raw, TableName=name, StreamSpecification={"StreamEnabled": True}) == (
        "ValidationException", INVALID + "If stream is being enabled then UpdateViewType is required")
    assert update_error(ddb_raw, TableName=name, StreamSpecification={"StreamEnabled": False,
                                                                      "StreamViewType": "KEYS_ONLY"}) == (
        "ValidationException", INVALID + "If stream is being disabled, then UpdateViewType must not be specified")


def test_sse_switches(ddb):
    """SSE moves between the AWS-owned key and KMS; asking for the current setting is refused."""
    name = make_table(ddb)
    assert update_error(ddb, TableName=name, SSESpecification={"Enabled": False}) == (
        "ValidationException", INVALID + "Table is already encrypted by default")
    ddb.update_table(TableName=name, SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": "k-1"})
    assert ddb.describe_table(TableName=name)["Table"]["SSEDescription"]["KMSMasterKeyArn"].endswith(":key/k-1")
    assert update_error(ddb, TableName=name, SSESpecification={"Enabled": True, "SSEType": "KMS",
                                                               "KMSMasterKeyId": "k-1"}) == (
        "ValidationException", INVALID + "Table is already encrypted with given KMSMasterKeyId. Use KMSMasterKeyId "
        "parameter if you want to change Master Key")
    ddb.update_table(TableName=name, SSESpecification={"Enabled": True})  # back to the AWS-managed key
    ddb.update_table(TableName=name, SSESpecification={"Enabled": False})
    assert "SSEDescription" not in ddb.describe_table(TableName=name)["Table"]


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


@pytest.mark.parametrize("kw,message", [
    ({"SSESpecification": {"Enabled": True}, "DeletionProtectionEnabled": True},
     INVALID + "Server-Side Encryption modification must be the only operation in the request"),
    ({"TableClass": "STANDARD", "DeletionProtectionEnabled": True},
     INVALID + "TableClass modification must be the only operation in the request"),
    ({"DeletionProtectionEnabled": True, "BillingMode": "PAY_PER_REQUEST"},
     INVALID + "DeletionProtection modification must be the only operation in the request"),
    ({"WarmThroughput": {"ReadUnitsPerSecond": 20000}, "OnDemandThroughput": {"MaxReadRequestUnits": 5}},
     INVALID + "OnDemandThroughput can only be combined with BillingMode in an UpdateTable request"),
    ({"WarmThroughput": {"ReadUnitsPerSecond": 20000}, "StreamSpecification": {"StreamEnabled": False}},
     INVALID + "WarmThroughput must be the only operation in the request"),
    ({"StreamSpecification": {"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"},
      "ProvisionedThroughput": {"ReadCapacityUnits": 9, "WriteCapacityUnits": 9}},
     INVALID + "You cannot modify stream status while updating table IOPS"),
])
def test_one_change_per_request(ddb, kw, message):
    """UpdateTable makes one logical change per request; nothing is applied when refused."""
    name = make_table(ddb)
    assert update_error(ddb, TableName=name, **kw) == ("ValidationException", message)
    t = ddb.describe_table(TableName=name)["Table"]
    assert t["DeletionProtectionEnabled"] is False and "SSEDescription" not in t


def test_billing_combines_with_stream_and_on_demand(ddb):
    """BillingMode=PAY_PER_REQUEST may come with a stream change or on-demand limits."""
    name = provisioned(ddb)
    ddb.update_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                     StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
    ddb.update_table(TableName=name, BillingMode="PAY_PER_REQUEST", OnDemandThroughput={"MaxReadRequestUnits": 7})
    t = ddb.describe_table(TableName=name)["Table"]
    assert t["StreamSpecification"]["StreamViewType"] == "KEYS_ONLY"
    assert t["OnDemandThroughput"] == {"MaxReadRequestUnits": 7}


def test_fifth_decrease_of_the_day_is_refused(ddb):
    """Four decreases a UTC day are free; a fifth within the hour is LimitExceededException."""
    name = provisioned(ddb, 10, 10)
    for w in (9, 8, 7, 6):
        ddb.update_table(TableName=name, ProvisionedThroughput=pt(10, w))
    assert ddb.describe_table(TableName=name)["Table"]["ProvisionedThroughput"]["NumberOfDecreasesToday"] == 4
    code, msg = update_error(ddb, TableName=name, ProvisionedThroughput=pt(10, 5))
    assert code == "LimitExceededException"
    assert msg.startswith("Subscriber limit exceeded: Provisioned throughput decreases are limited within a given "
                          "UTC day. After the first 4 decreases, each subsequent decrease in the same UTC day can "
                          "be performed at most once every 3600 seconds. Number of decreases today: 4. Last decrease at ")
    assert msg.endswith(" Coordinated Universal Time.")
    ddb.update_table(TableName=name, ProvisionedThroughput=pt(11, 6))  # increases stay allowed


def test_response_counts_decreases_as_before(ddb):
    """The response shows the old units and count but the new LastDecreaseDateTime."""
    name = provisioned(ddb, 5, 5)
    d = ddb.update_table(TableName=name, ProvisionedThroughput=pt(4, 4))["TableDescription"]["ProvisionedThroughput"]
    assert (d["ReadCapacityUnits"], d["NumberOfDecreasesToday"]) == (5, 0)
    assert "LastDecreaseDateTime" in d


def test_empty_warm_throughput_is_ignored_beside_a_change(ddb_raw):
    """An empty WarmThroughput beside another change is ignored, not refused."""
    name = make_table(ddb_raw)
    d = ddb_raw.update_table(TableName=name, WarmThroughput={}, DeletionProtectionEnabled=True)["TableDescription"]
    assert d["DeletionProtectionEnabled"] is True
    ddb_raw.update_table(TableName=name, DeletionProtectionEnabled=False)


def test_switch_to_provisioned_with_a_gsi_needs_its_throughput(ddb):
    """Switching to PROVISIONED needs capacity for every GSI in the same request."""
    name = unique("ut")
    ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                           {"AttributeName": "g", "AttributeType": "S"}],
                     GlobalSecondaryIndexes=[{"IndexName": "by-g", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                              "Projection": {"ProjectionType": "ALL"}}])
    assert update_error(ddb, TableName=name, BillingMode="PROVISIONED", ProvisionedThroughput=pt(1, 1)) == (
        "ValidationException", INVALID + "ProvisionedThroughput must be specified for index: by-g")


def test_invalid_table_class(ddb_raw):
    """UpdateTable checks TableClass in DynamoDB's own words too."""
    name = make_table(ddb_raw)
    assert update_error(ddb_raw, TableName=name, TableClass="COLD") == (
        "ValidationException", "Invalid table-class parameter provided. Please try again with a valid table-class "
        "value: [STANDARD, STANDARD_INFREQUENT_ACCESS].")
