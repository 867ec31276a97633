"""UpdateTable GlobalSecondaryIndexUpdates through boto3: Create (CREATING -> Backfilling ->
ACTIVE), Delete (DELETING -> gone), Update (throughput), and every validation error, with the
messages AWS answers (public captures of AWS responses, 2026-10)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.conftest import ServerProcess, client, error_of, unique

INVALID = "One or more parameter values were invalid: "
NOTHING = (
    "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, "
    "SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, "
    "DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required"
)
ONE_ONLINE = "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table"
IN_USE = "Attempt to change a resource which is still in use: "
G = [{"AttributeName": "g", "AttributeType": "S"}]


def pt(r: int, w: int) -> dict[str, int]:
    return {"ReadCapacityUnits": r, "WriteCapacityUnits": w}


def table(ddb: Any, billing: str = "PAY_PER_REQUEST", gsi: bool = True, lsi: bool = False) -> str:
    """pk/sk table, optionally with GSI `gsi1` on `h` and LSI `lsi1` on `l`."""
    name = unique("gu")
    defs = [{"AttributeName": n, "AttributeType": "S"} for n in ("pk", "sk")]
    kw: dict[str, Any] = {"TableName": name, "AttributeDefinitions": defs,
                          "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                                        {"AttributeName": "sk", "KeyType": "RANGE"}]}
    if billing == "PAY_PER_REQUEST":
        kw["BillingMode"] = billing
    else:
        kw["ProvisionedThroughput"] = pt(5, 5)
    if gsi:
        defs.append({"AttributeName": "h", "AttributeType": "S"})
        index: dict[str, Any] = {"IndexName": "gsi1", "KeySchema": [{"AttributeName": "h", "KeyType": "HASH"}],
                                 "Projection": {"ProjectionType": "ALL"}}
        if billing != "PAY_PER_REQUEST":
            index["ProvisionedThroughput"] = pt(5, 5)
        kw["GlobalSecondaryIndexes"] = [index]
    if lsi:
        defs.append({"AttributeName": "l", "AttributeType": "S"})
        kw["LocalSecondaryIndexes"] = [{"IndexName": "lsi1", "Projection": {"ProjectionType": "KEYS_ONLY"},
                                        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                                                      {"AttributeName": "l", "KeyType": "RANGE"}]}]
    ddb.create_table(**kw)
    return name


def create(name: str = "gsi2", attr: str = "g", **extra: Any) -> dict[str, Any]:
    spec = {"IndexName": name, "KeySchema": [{"AttributeName": attr, "KeyType": "HASH"}],
            "Projection": {"ProjectionType": "ALL"}, **extra}
    return {"Create": spec}


def refused(ddb: Any, **kw: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as e:
        ddb.update_table(**kw)
    return error_of(e)


def gsi(ddb: Any, name: str, index: str) -> dict[str, Any] | None:
    t = ddb.describe_table(TableName=name)["Table"]
    return next((g for g in t.get("GlobalSecondaryIndexes") or [] if g["IndexName"] == index), None)


def wait_for(check: Any, timeout: float = 30.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        out = check()
        if out:
            return out
        time.sleep(0.05)
    raise AssertionError("condition not reached")


@pytest.fixture(scope="module")
def slow() -> Iterator[Any]:
    """A server whose index changes stay in their transient states for a minute."""
    srv = ServerProcess(["--in-memory", "--index-delay", "60"]).start()
    yield client(srv.url)
    srv.stop()


# ---- serialization -------------------------------------------------------------------

def test_create_response_and_describe(ddb):
    """The response shows the table UPDATING and the new index CREATING, not yet backfilling,
    with its ARN and zero counts; only the new key attribute joins AttributeDefinitions."""
    name = table(ddb)
    d = ddb.update_table(TableName=name, AttributeDefinitions=G + [{"AttributeName": "unused", "AttributeType": "N"}],
                         GlobalSecondaryIndexUpdates=[create()])["TableDescription"]
    assert d["TableStatus"] == "UPDATING"
    new = next(g for g in d["GlobalSecondaryIndexes"] if g["IndexName"] == "gsi2")
    assert (new["IndexStatus"], new["Backfilling"], new["ItemCount"], new["IndexSizeBytes"]) == ("CREATING", False, 0, 0)
    assert new["IndexArn"].endswith(f"table/{name}/index/gsi2")
    assert [a["AttributeName"] for a in d["AttributeDefinitions"]] == ["g", "h", "pk", "sk"]
    assert [g["IndexName"] for g in d["GlobalSecondaryIndexes"]] == ["gsi1", "gsi2"]


def test_update_response_shows_old_throughput(ddb):
    """A throughput Update answers with the index UPDATING and its old capacity; DescribeTable
    shows the new capacity at once."""
    name = table(ddb, "PROVISIONED")
    d = ddb.update_table(TableName=name, GlobalSecondaryIndexUpdates=[
        {"Update": {"IndexName": "gsi1", "ProvisionedThroughput": pt(7, 5)}}])["TableDescription"]
    assert d["TableStatus"] == "ACTIVE"
    g, = d["GlobalSecondaryIndexes"]
    assert g["IndexStatus"] == "UPDATING" and g["ProvisionedThroughput"]["ReadCapacityUnits"] == 5
    g = gsi(ddb, name, "gsi1")
    assert g["IndexStatus"] == "ACTIVE" and g["ProvisionedThroughput"]["ReadCapacityUnits"] == 7
    assert "LastIncreaseDateTime" in g["ProvisionedThroughput"]


# ---- validation ----------------------------------------------------------------------

@pytest.mark.parametrize("kw, expected", [
    ({"GlobalSecondaryIndexUpdates": []}, ("ValidationException", NOTHING)),
    ({"GlobalSecondaryIndexUpdates": [], "DeletionProtectionEnabled": False},
     ("ValidationException", INVALID + "List of GlobalSecondaryIndexUpdates is empty")),
    ({"GlobalSecondaryIndexUpdates": [{}]},
     ("ValidationException", INVALID + "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
      "GlobalSecondaryIndexUpdate.Delete must not be null")),
    ({"GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": "gsi1"}, "Update": {"IndexName": "gsi1"}}]},
     ("ValidationException", INVALID + "Only one global secondary index action is allowed per "
      "GlobalSecondaryIndexUpdate object")),
    ({"GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": "gsi1"}},
                                      {"Update": {"IndexName": "gsi1", "OnDemandThroughput": {"MaxReadRequestUnits": 5}}}]},
     ("ValidationException", INVALID + "Only one global secondary index update per index is allowed "
      "simultaneously. Index: gsi1")),
    ({"AttributeDefinitions": G + [{"AttributeName": "f", "AttributeType": "S"}],
      "GlobalSecondaryIndexUpdates": [create(), create("gsi3", "f")]}, ("LimitExceededException", ONE_ONLINE)),
    ({"AttributeDefinitions": G, "GlobalSecondaryIndexUpdates": [create(), {"Delete": {"IndexName": "gsi1"}}]},
     ("LimitExceededException", ONE_ONLINE)),
    ({"AttributeDefinitions": G, "GlobalSecondaryIndexUpdates": [create()], "ProvisionedThroughput": pt(1, 1)},
     ("ValidationException", INVALID + "You cannot create or delete index while updating table IOPS")),
    ({"GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": "gsi1"}}],
      "StreamSpecification": {"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"}},
     ("ValidationException", INVALID + "You cannot create or delete index while changing stream status")),
    ({"AttributeDefinitions": G, "GlobalSecondaryIndexUpdates": [create()], "DeletionProtectionEnabled": True},
     ("ValidationException", INVALID + "DeletionProtection modification must be the only operation in the request")),
    ({"AttributeDefinitions": G, "GlobalSecondaryIndexUpdates": [create()],
      "WarmThroughput": {"ReadUnitsPerSecond": 13000}},
     ("ValidationException", INVALID + "Create global secondary index cannot be specified when updating WarmThroughput")),
])
def test_request_rules(ddb_raw, kw, expected):
    """Rules of the request itself, checked before the table is looked up."""
    name = unique("none")
    assert refused(ddb_raw, TableName=name, **kw) == expected


def test_missing_table(ddb):
    """A valid index update of a table that does not exist is ResourceNotFoundException."""
    name = unique("none")
    assert refused(ddb, TableName=name, AttributeDefinitions=G, GlobalSecondaryIndexUpdates=[create()]) == (
        "ResourceNotFoundException", f"Requested resource not found: Table: {name} not found")


@pytest.mark.parametrize("updates, defs, expected", [
    ([create("gsi1")], None, ("ValidationException", "Attempting to create an index which already exists")),
    ([create("lsi1")], G, ("ValidationException", "Attempting to create an index which already exists")),
    ([create()], None, ("ValidationException", INVALID + "AttributeDefinitions is not specified for index: gsi2")),
    ([create(attr="q")], G, ("ValidationException", INVALID + "Some index key attributes are not defined in "
                             "AttributeDefinitions. Keys: [q], AttributeDefinitions: [pk, sk]")),
    ([create(attr="pk")], [{"AttributeName": "pk", "AttributeType": "N"}],
     ("ValidationException", INVALID + "Attributes cannot be redefined. Please check that your attribute has the same "
      "type as previously defined. Existing schema: Schema:[SchemaElement: key{{pk:S:HASH}}] New schema: "
      "Schema:[SchemaElement: key{{pk:N:HASH}}]")),
    ([create(Projection={"ProjectionType": "INCLUDE"})], G,
     ("ValidationException", INVALID + "ProjectionType is INCLUDE, but NonKeyAttributes is not specified")),
    ([create(KeySchema=[{"AttributeName": "g", "KeyType": "RANGE"}])], G,
     ("ValidationException", "Invalid KeySchema: The first KeySchemaElement is not a HASH key type")),
    ([create(ProvisionedThroughput=pt(1, 1))], G,
     ("ValidationException", INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified for "
      "index: gsi2 when BillingMode is PAY_PER_REQUEST")),
    ([create(OnDemandThroughput={"MaxReadRequestUnits": 0})], G,
     ("ValidationException", INVALID + "Requested MaxReadRequestUnits for OnDemandThroughput for index : gsi2 is "
      "outside of valid range")),
    ([{"Delete": {"IndexName": "nope"}}], None,
     ("ResourceNotFoundException", "Requested resource not found: Index nope for table {table}")),
    ([{"Update": {"IndexName": "nope", "OnDemandThroughput": {"MaxReadRequestUnits": 5}}}], None,
     ("ResourceNotFoundException", "Requested resource not found: Index nope for table {table}")),
    ([{"Delete": {"IndexName": "lsi1"}}], None,
     ("ValidationException", "Cannot delete an index that is not a GlobalSecondaryIndex: lsi1")),
    ([{"Update": {"IndexName": "lsi1", "OnDemandThroughput": {"MaxReadRequestUnits": 5}}}], None,
     ("ValidationException", "Cannot update an index that is not a GlobalSecondaryIndex: lsi1")),
    ([{"Update": {"IndexName": "gsi1", "ProvisionedThroughput": pt(1, 1)}}], None,
     ("ValidationException", INVALID + "The only Updates for index: gsi1 when TableThroughputMode is "
      "PAY_PER_REQUEST can be to OnDemandThroughput, WarmThroughput")),
])
def test_rules_on_demand_table(ddb_raw, updates, defs, expected):
    """Rules checked against an on-demand table with a GSI and an LSI; a Create of a name in use
    is refused before its definition is looked at."""
    name = table(ddb_raw, lsi=True)
    kw: dict[str, Any] = {"AttributeDefinitions": defs} if defs else {}
    code, message = refused(ddb_raw, TableName=name, GlobalSecondaryIndexUpdates=updates, **kw)
    assert (code, message) == (expected[0], expected[1].format(table=name))


@pytest.mark.parametrize("updates, defs, expected", [
    ([create()], G, INVALID + "Both ReadCapacityUnits and WriteCapacityUnits must be specified for index: gsi2"),
    ([create(ProvisionedThroughput=pt(1, 1), OnDemandThroughput={"MaxReadRequestUnits": 5})], G,
     INVALID + "MaxReadRequestUnits for OnDemandThroughput for index : gsi2 cannot be specified when the table "
     "BillingMode is PROVISIONED"),
    ([{"Update": {"IndexName": "gsi1", "ProvisionedThroughput": pt(5, 5)}}], None,
     "The provisioned throughput for the index gsi1 will not change. The requested value equals the current "
     "value. Current ReadCapacityUnits provisioned for index gsi1: 5. Requested ReadCapacityUnits: 5. Current "
     "WriteCapacityUnits provisioned for index gsi1: 5. Requested WriteCapacityUnits: 5. Refer to the Amazon "
     "DynamoDB Developer Guide for current limits and how to request higher limits."),
    ([{"Update": {"IndexName": "gsi1"}}], None, "No provisioned throughput specified for the global secondary index"),
])
def test_rules_provisioned_table(ddb_raw, updates, defs, expected):
    """Throughput rules on a provisioned table."""
    name = table(ddb_raw, "PROVISIONED")
    kw: dict[str, Any] = {"AttributeDefinitions": defs} if defs else {}
    assert refused(ddb_raw, TableName=name, GlobalSecondaryIndexUpdates=updates, **kw) == ("ValidationException",
                                                                                         expected)


def test_index_keys_must_be_defined_in_the_request(ddb):
    """Every key attribute of a new index must be in the request's AttributeDefinitions, even
    one the table already defines (AWS, eu-west-2 2026-07); defining it again is accepted."""
    name = table(ddb)
    keyed_on_pk = create(KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "g", "KeyType": "RANGE"}])
    assert refused(ddb, TableName=name, AttributeDefinitions=G, GlobalSecondaryIndexUpdates=[keyed_on_pk]) == (
        "ValidationException", INVALID + "Some index key attributes are not defined in AttributeDefinitions. "
                               "Keys: [pk], AttributeDefinitions: [g]")
    d = ddb.update_table(TableName=name, AttributeDefinitions=G + [{"AttributeName": "pk", "AttributeType": "S"}],
                         GlobalSecondaryIndexUpdates=[keyed_on_pk])["TableDescription"]
    assert [g["IndexName"] for g in d["GlobalSecondaryIndexes"]] == ["gsi1", "gsi2"]


def test_attribute_defined_twice_in_the_request(ddb_raw):
    """A new key attribute defined twice in UpdateTable's AttributeDefinitions is defined once,
    with the type given last (DynamoDB Local 3.3.0), and the index is keyed on that type."""
    name = table(ddb_raw)
    twice = [{"AttributeName": "g", "AttributeType": "S"}, {"AttributeName": "g", "AttributeType": "N"}]
    d = ddb_raw.update_table(TableName=name, AttributeDefinitions=twice,
                             GlobalSecondaryIndexUpdates=[create()])["TableDescription"]
    assert [a for a in d["AttributeDefinitions"] if a["AttributeName"] == "g"] == [twice[1]]
    t = ddb_raw.describe_table(TableName=name)["Table"]
    assert [a for a in t["AttributeDefinitions"] if a["AttributeName"] == "g"] == [twice[1]]
    ddb_raw.put_item(TableName=name, Item={"pk": {"S": "a"}, "sk": {"S": "b"}, "g": {"N": "1"}})
    with pytest.raises(ClientError) as e:
        ddb_raw.put_item(TableName=name, Item={"pk": {"S": "a"}, "sk": {"S": "c"}, "g": {"S": "x"}})
    assert error_of(e)[0] == "ValidationException"


def test_twenty_one_indexes(ddb):
    """A 21st GSI by UpdateTable is LimitExceededException (at CreateTable a ValidationException)."""
    name = unique("gu")
    defs = [{"AttributeName": f"a{i}", "AttributeType": "S"} for i in range(20)]
    ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                     KeySchema=[{"AttributeName": "a0", "KeyType": "HASH"}], AttributeDefinitions=defs,
                     GlobalSecondaryIndexes=[{"IndexName": f"i{i:02d}", "Projection": {"ProjectionType": "KEYS_ONLY"},
                                              "KeySchema": [{"AttributeName": f"a{i}", "KeyType": "HASH"}]}
                                             for i in range(20)])
    assert refused(ddb, TableName=name, AttributeDefinitions=G, GlobalSecondaryIndexUpdates=[create()]) == (
        "LimitExceededException",
        "Subscriber limit exceeded: Number of global secondary indexes exceeds per-table limit of 20")


def test_one_index_operation_at_a_time(slow):
    """While an index is being created (or deleted) another Create or Delete is
    LimitExceededException; deleting the index during its resource allocation, changing table
    capacity or streams, and deleting the table are ResourceInUseException."""
    name = table(slow, "PROVISIONED")
    slow.update_table(TableName=name, AttributeDefinitions=G,
                      GlobalSecondaryIndexUpdates=[create(ProvisionedThroughput=pt(1, 1))])
    assert refused(slow, TableName=name, AttributeDefinitions=[{"AttributeName": "f", "AttributeType": "S"}],
                   GlobalSecondaryIndexUpdates=[create("gsi3", "f", ProvisionedThroughput=pt(1, 1))]) == (
        "LimitExceededException", ONE_ONLINE)
    assert refused(slow, TableName=name, GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "gsi1"}}]) == (
        "LimitExceededException", ONE_ONLINE)
    assert refused(slow, TableName=name, GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "gsi2"}}]) == (
        "ResourceInUseException", IN_USE + "Index creation is in resource allocation phase. Retry deletion during "
        f"backfilling phase or when the index is active. Table: {name} Index: gsi2")
    assert refused(slow, TableName=name, ProvisionedThroughput=pt(9, 9)) == (
        "ResourceInUseException", IN_USE + "Can't update table while indexes are in CREATING, isBackfilling=false "
        f"status. Table: {name} Index: gsi2")
    assert refused(slow, TableName=name, StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"}) == (
        "ResourceInUseException", IN_USE + "Can't change stream status when an index is being created")
    with pytest.raises(ClientError) as e:
        slow.delete_table(TableName=name)
    assert error_of(e) == ("ResourceInUseException", IN_USE + "Cannot delete table while indexes are being created, "
                           "updated, or deleted.")
    # another index's throughput may change meanwhile
    slow.update_table(TableName=name, GlobalSecondaryIndexUpdates=[
        {"Update": {"IndexName": "gsi1", "ProvisionedThroughput": pt(2, 2)}}])


def test_index_being_deleted(slow):
    """While an index is DELETING: the table reads UPDATING, the index cannot be updated, and
    table capacity cannot change."""
    name = table(slow, "PROVISIONED")
    d = slow.update_table(TableName=name, GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "gsi1"}}])
    assert d["TableDescription"]["TableStatus"] == "UPDATING"
    assert d["TableDescription"]["GlobalSecondaryIndexes"][0]["IndexStatus"] == "DELETING"
    assert slow.describe_table(TableName=name)["Table"]["TableStatus"] == "UPDATING"
    assert refused(slow, TableName=name, GlobalSecondaryIndexUpdates=[
        {"Update": {"IndexName": "gsi1", "ProvisionedThroughput": pt(2, 2)}}]) == (
        "ResourceInUseException", IN_USE + f"Index is being deleted. Table: {name} Index: gsi1")
    assert refused(slow, TableName=name, ProvisionedThroughput=pt(9, 9)) == (
        "ResourceInUseException", IN_USE + f"Can't change table IOPS when an index is being deleted. Table: {name} "
        "Indexes: [gsi1]")


# ---- functionality -------------------------------------------------------------------

def test_create_on_populated_table(ddb):
    """CREATING (allocation, table UPDATING) -> CREATING with Backfilling (table ACTIVE) ->
    ACTIVE; the index then holds every item whose index key is valid; writes made while it was
    being created are in it too."""
    name = table(ddb, gsi=False)
    good = 0
    for i in range(60):
        item: dict[str, Any] = {"pk": {"S": f"p{i % 3}"}, "sk": {"S": f"s{i}"}}
        if i % 4 == 0:
            item["g"] = {"N": str(i)}       # another type: left out of the index
        elif i % 4 == 1:
            pass                              # no g: sparse
        else:
            item["g"] = {"S": f"g{i % 5}"}
            good += 1
        ddb.put_item(TableName=name, Item=item)
    ddb.update_table(TableName=name, AttributeDefinitions=G, GlobalSecondaryIndexUpdates=[create()])
    assert ddb.describe_table(TableName=name)["Table"]["TableStatus"] == "UPDATING"
    ddb.put_item(TableName=name, Item={"pk": {"S": "late"}, "sk": {"S": "1"}, "g": {"S": "x"}})
    with pytest.raises(ClientError) as e:  # the new index's key type holds for writes at once
        ddb.put_item(TableName=name, Item={"pk": {"S": "late"}, "sk": {"S": "2"}, "g": {"N": "1"}})
    assert error_of(e)[0] == "ValidationException"
    with pytest.raises(ClientError) as e:
        ddb.scan(TableName=name, IndexName="gsi2")
    assert error_of(e) == ("ValidationException", "Cannot read from backfilling global secondary index: gsi2")
    backfilling = wait_for(lambda: (g := gsi(ddb, name, "gsi2")) and g.get("Backfilling") and g)
    assert backfilling["IndexStatus"] == "CREATING"
    assert ddb.describe_table(TableName=name)["Table"]["TableStatus"] == "ACTIVE"
    active = wait_for(lambda: (g := gsi(ddb, name, "gsi2")) and g["IndexStatus"] == "ACTIVE" and g)
    assert "Backfilling" not in active
    assert active["ItemCount"] == good + 1 and active["IndexSizeBytes"] > 0
    table_items = ddb.scan(TableName=name)["Items"]
    expected = sorted((i["pk"]["S"], i["sk"]["S"]) for i in table_items if "S" in i.get("g", {}))
    found = sorted((i["pk"]["S"], i["sk"]["S"]) for i in ddb.scan(TableName=name, IndexName="gsi2")["Items"])
    assert found == expected and len(found) == good + 1  # each item once
    one = ddb.query(TableName=name, IndexName="gsi2", KeyConditionExpression="g = :g",
                    ExpressionAttributeValues={":g": {"S": "g2"}})["Items"]
    assert sorted(i["sk"]["S"] for i in one) == sorted(sk for i in table_items if i.get("g") == {"S": "g2"}
                                                      for sk in [i["sk"]["S"]])


def test_delete_index(ddb):
    """Delete: DELETING at once, then gone with the key attribute only it used; the table keeps
    working."""
    name = table(ddb)
    ddb.put_item(TableName=name, Item={"pk": {"S": "a"}, "sk": {"S": "b"}, "h": {"S": "x"}})
    assert gsi(ddb, name, "gsi1")["ItemCount"] == 1
    ddb.update_table(TableName=name, GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "gsi1"}}])
    assert gsi(ddb, name, "gsi1")["IndexStatus"] == "DELETING"
    with pytest.raises(ClientError) as e:  # no longer readable
        ddb.scan(TableName=name, IndexName="gsi1")
    assert error_of(e) == ("ValidationException", "The table does not have the specified index: gsi1")
    t = wait_for(lambda: "GlobalSecondaryIndexes" not in (t := ddb.describe_table(TableName=name)["Table"]) and t)
    assert t["TableStatus"] == "ACTIVE"
    assert [a["AttributeName"] for a in t["AttributeDefinitions"]] == ["pk", "sk"]
    ddb.put_item(TableName=name, Item={"pk": {"S": "a"}, "sk": {"S": "c"}, "h": {"N": "1"}})  # no longer an index key
    ddb.update_table(TableName=name, AttributeDefinitions=[{"AttributeName": "h", "AttributeType": "N"}],
                     GlobalSecondaryIndexUpdates=[create("gsi1", "h")])  # the name is free again


def test_on_demand_index_limits(ddb):
    """An on-demand table's index takes OnDemandThroughput at creation and by Update; -1 clears."""
    name = table(ddb)
    ddb.update_table(TableName=name, GlobalSecondaryIndexUpdates=[
        {"Update": {"IndexName": "gsi1", "OnDemandThroughput": {"MaxReadRequestUnits": 50}}}])
    assert gsi(ddb, name, "gsi1")["OnDemandThroughput"] == {"MaxReadRequestUnits": 50}
    ddb.update_table(TableName=name, GlobalSecondaryIndexUpdates=[
        {"Update": {"IndexName": "gsi1", "OnDemandThroughput": {"MaxReadRequestUnits": -1}}}])
    assert "OnDemandThroughput" not in gsi(ddb, name, "gsi1")
    ddb.update_table(TableName=name, AttributeDefinitions=G,
                     GlobalSecondaryIndexUpdates=[create(OnDemandThroughput={"MaxWriteRequestUnits": 9})])
    assert gsi(ddb, name, "gsi2")["OnDemandThroughput"] == {"MaxWriteRequestUnits": 9}


def test_switch_to_provisioned_with_index_capacity(ddb):
    """On-demand -> provisioned needs every GSI's capacity in the same request."""
    name = table(ddb)
    assert refused(ddb, TableName=name, BillingMode="PROVISIONED", ProvisionedThroughput=pt(3, 3)) == (
        "ValidationException", INVALID + "ProvisionedThroughput must be specified for index: gsi1")
    d = ddb.update_table(TableName=name, BillingMode="PROVISIONED", ProvisionedThroughput=pt(3, 3),
                         GlobalSecondaryIndexUpdates=[{"Update": {"IndexName": "gsi1",
                                                                  "ProvisionedThroughput": pt(4, 4)}}])
    g, = d["TableDescription"]["GlobalSecondaryIndexes"]  # the switch's response shows the new capacity
    assert g["ProvisionedThroughput"]["ReadCapacityUnits"] == 4
    g = gsi(ddb, name, "gsi1")
    assert (g["ProvisionedThroughput"]["ReadCapacityUnits"], g["ProvisionedThroughput"]["WriteCapacityUnits"]) == (4, 4)


def test_multi_attribute_index_key(ddb):
    """A GSI with a multi-attribute key (up to 4 HASH then 4 RANGE attributes) can be added."""
    name = table(ddb, gsi=False)
    ddb.put_item(TableName=name, Item={"pk": {"S": "a"}, "sk": {"S": "b"}, "g": {"S": "x"}, "n": {"N": "1"},
                                       "m": {"S": "y"}})
    ddb.update_table(TableName=name, AttributeDefinitions=G + [{"AttributeName": "n", "AttributeType": "N"},
                                                               {"AttributeName": "m", "AttributeType": "S"}],
                     GlobalSecondaryIndexUpdates=[create(KeySchema=[
                         {"AttributeName": "g", "KeyType": "HASH"}, {"AttributeName": "n", "KeyType": "HASH"},
                         {"AttributeName": "m", "KeyType": "RANGE"}])])
    g = wait_for(lambda: (g := gsi(ddb, name, "gsi2")) and g["IndexStatus"] == "ACTIVE" and g)
    assert g["ItemCount"] == 1 and len(g["KeySchema"]) == 3


def test_index_warm_throughput(ddb):
    """An index's WarmThroughput only rises: a raise answers with the old level UPDATING (the
    index stays ACTIVE), the same level is accepted, a lower one refused; a new index takes one
    at least its initial level; a provisioned index stays warm to its highest capacity."""
    name = table(ddb)
    d = ddb.update_table(TableName=name, GlobalSecondaryIndexUpdates=[
        {"Update": {"IndexName": "gsi1", "WarmThroughput": {"ReadUnitsPerSecond": 12001, "WriteUnitsPerSecond": 4001}}}])
    g, = d["TableDescription"]["GlobalSecondaryIndexes"]
    assert g["IndexStatus"] == "ACTIVE"
    assert g["WarmThroughput"] == {"ReadUnitsPerSecond": 12000, "WriteUnitsPerSecond": 4000, "Status": "UPDATING"}
    assert gsi(ddb, name, "gsi1")["WarmThroughput"] == {"ReadUnitsPerSecond": 12001, "WriteUnitsPerSecond": 4001,
                                                         "Status": "ACTIVE"}
    ddb.update_table(TableName=name, GlobalSecondaryIndexUpdates=[
        {"Update": {"IndexName": "gsi1", "WarmThroughput": {"ReadUnitsPerSecond": 12001}}}])
    assert refused(ddb, TableName=name, GlobalSecondaryIndexUpdates=[
        {"Update": {"IndexName": "gsi1", "WarmThroughput": {"WriteUnitsPerSecond": 100}}}]) == (
        "ValidationException", INVALID + "Requested WriteUnitsPerSecond for WarmThroughput for index gsi1 is lower "
        "than current WarmThroughput, decreasing WarmThroughput is not supported")
    assert refused(ddb, TableName=name, AttributeDefinitions=G, GlobalSecondaryIndexUpdates=[
        create(WarmThroughput={"ReadUnitsPerSecond": 100})]) == (
        "ValidationException", INVALID + "Requested ReadUnitsPerSecond for WarmThroughput for index gsi2 is lower than "
        "initial throughput for OnDemand. See: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
        "on-demand-capacity-mode.html#on-demand-capacity-mode-initial")
    ddb.update_table(TableName=name, AttributeDefinitions=G, GlobalSecondaryIndexUpdates=[
        create(WarmThroughput={"ReadUnitsPerSecond": 13000})])
    assert gsi(ddb, name, "gsi2")["WarmThroughput"]["ReadUnitsPerSecond"] == 13000
    prov = table(ddb, "PROVISIONED")
    ddb.update_table(TableName=prov, GlobalSecondaryIndexUpdates=[
        {"Update": {"IndexName": "gsi1", "ProvisionedThroughput": pt(2, 2)}}])
    g = gsi(ddb, prov, "gsi1")
    assert g["ProvisionedThroughput"]["ReadCapacityUnits"] == 2 and g["ProvisionedThroughput"]["NumberOfDecreasesToday"] == 1
    assert g["WarmThroughput"] == {"ReadUnitsPerSecond": 5, "WriteUnitsPerSecond": 5, "Status": "ACTIVE"}
