"""UpdateTable with GlobalSecondaryIndexUpdates: Create, Update and Delete, their validation,
and what the table looks like afterwards.

DynamoDB builds a new index in the background (IndexStatus CREATING, Backfilling, the table
UPDATING) and drops a deleted one in the background (DELETING); DynamoDB Local does the same
on a shorter clock. Those transient index descriptions are not compared (`ignore`); what is
compared is everything else in the answer, and the errors."""

from __future__ import annotations

from typing import Any

from tests.golden.inputs.common import N, S, case, put, step
from tests.golden.inputs.indexes._shared import ad, index, ks, lsi
from tests.golden.inputs.indexes.create import GSI_PT_NOTE, gsi_throughput

INVALID = "One or more parameter values were invalid: "
PT = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}
GPT = {"ReadCapacityUnits": 2, "WriteCapacityUnits": 2}


def table(provisioned: bool = False, with_lsi: bool = False) -> dict[str, Any]:
    """A table with GSI gsi1 on gk (and LSI lsi1 on lk)."""
    gsi: dict[str, Any] = index("gsi1", (("gk", "HASH"),), "ALL")
    body: dict[str, Any] = {"TableName": "{T}", "KeySchema": ks(("pk", "HASH"), ("sk", "RANGE")),
                            "AttributeDefinitions": ad(pk="S", sk="N", gk="S", **({"lk": "S"} if with_lsi else {}))}
    if with_lsi:
        body["LocalSecondaryIndexes"] = [lsi("lsi1", "lk", "KEYS_ONLY")]
    if provisioned:
        gsi["ProvisionedThroughput"] = GPT
        body["ProvisionedThroughput"] = PT
    else:
        body["BillingMode"] = "PAY_PER_REQUEST"
    body["GlobalSecondaryIndexes"] = [gsi]
    return body


ON_DEMAND = step("CreateTable", table())
PROVISIONED = step("CreateTable", table(provisioned=True))
WITH_LSI = step("CreateTable", table(with_lsi=True))
TWO_GSIS = step("CreateTable", {
    "TableName": "{T}", "KeySchema": ks(("pk", "HASH"), ("sk", "RANGE")), "BillingMode": "PAY_PER_REQUEST",
    "AttributeDefinitions": ad(pk="S", sk="N", gk="S", g3="S"),
    "GlobalSecondaryIndexes": [index("gsi1", (("gk", "HASH"),), "ALL"), index("gsi3", (("g3", "HASH"),), "ALL")]})
INDEX_NOT_FOUND_NOTE = ("DynamoDB names the index and the table (ack-api-quirks live capture, 2026-10-09: "
                        "'Requested resource not found: Index ghost for table ackq-220c6b-d5-gsi'); DynamoDB Local "
                        "says 'Requested resource not found' (Delete) or fails with 500 (Update)")
PLAIN = step("CreateTable", {"TableName": "{T}", "KeySchema": ks(("pk", "HASH"), ("sk", "RANGE")),
                             "AttributeDefinitions": ad(pk="S", sk="N"), "BillingMode": "PAY_PER_REQUEST"})


def create(name: str = "gsi2", key: str = "g2", projection: Any = "ALL", **extra: Any) -> dict[str, Any]:
    return {"Create": index(name, ((key, "HASH"),), projection, **extra)}


def upd(*updates: dict[str, Any], defs: list[dict[str, str]] | None = None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"TableName": "{T}"}
    if defs is not None:
        body["AttributeDefinitions"] = defs
    body["GlobalSecondaryIndexUpdates"] = list(updates)
    body.update(extra)
    return body


def err(message: str, note: str, type_: str = "ValidationException") -> dict[str, Any]:
    return {"aws": {"status": 400, "type": type_, "message": message, "body": {}}, "aws_note": note}


CATALOGUE = ("DynamoDB Local words this its own way (or fails with 500); DynamoDB's text as listed in the "
             "ack-api-quirks ValidationException catalogue (AWS, us-east-1/us-west-2, 2026-10-09)")
AT_LEAST_ONE = ("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, "
                "SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, "
                "DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required")
DEFS = ad(g2="S")
# A new index's description is transient (AWS: CREATING, then Backfilling, sizes refreshed
# later; DynamoDB Local: CREATING without sizes, then ACTIVE): what is compared of each GSI is
# its name, key schema, projection, ARN and (normalised) status.
GSI_TRANSIENT = ["Backfilling", "IndexSizeBytes", "ItemCount", "OnDemandThroughput", "ProvisionedThroughput"]
TRANSIENT = ["TableDescription.GlobalSecondaryIndexes[]." + m for m in GSI_TRANSIENT]
# The table itself is UPDATING until the new index starts backfilling (AWS), ACTIVE at once in
# DynamoDB Local: DescribeTable's TableStatus right after is not compared either.
DESCRIBE = step("DescribeTable", {"TableName": "{T}"},
                ignore=["Table.TableStatus"] + ["Table.GlobalSecondaryIndexes[]." + m for m in GSI_TRANSIENT])
# A deleted index is DELETING in UpdateTable's answer; how long DescribeTable lists it, and when
# its key attributes leave AttributeDefinitions (DynamoDB Local: at once), is not compared.
DELETED = TRANSIENT + ["TableDescription.AttributeDefinitions"]
DESCRIBE_DELETED = step("DescribeTable", {"TableName": "{T}"},
                        ignore=["Table.TableStatus", "Table.GlobalSecondaryIndexes", "Table.AttributeDefinitions"])
MODEL_NOTE = ("DynamoDB Local words this its own way; DynamoDB reports the service model's constraint (botocore "
              "service-2.json)")

# Not recorded (AWS's text not known): a Create without ProvisionedThroughput on a provisioned
# table, and BillingMode PROVISIONED without the GSIs' throughput (Local: 500 for both). The
# catalogue lists both "ProvisionedThroughput must be specified for index: <IDX>" and "Both
# ReadCapacityUnits and WriteCapacityUnits must be specified for index: <IDX>" for UpdateTable.
CASES: list[dict[str, Any]] = [
    # ------------------------------------------------------------ accepted
    case("create-on-demand", "UpdateTable", upd(create(), defs=DEFS), setup=[ON_DEMAND], ignore=TRANSIENT,
         then=[DESCRIBE]),
    case("create-on-table-without-indexes", "UpdateTable", upd(create(), defs=DEFS),
         setup=[PLAIN, put({"pk": S("a"), "sk": N(1), "g2": S("v")})], ignore=TRANSIENT, then=[DESCRIBE]),
    case("create-with-range-key", "UpdateTable",
         upd({"Create": index("gsi2", (("g2", "HASH"), ("g3", "RANGE")), "KEYS_ONLY")}, defs=ad(g2="S", g3="N")),
         setup=[ON_DEMAND], ignore=TRANSIENT, then=[DESCRIBE]),
    # Every key attribute of the new index is in the request, the table's sk too: AWS refuses a
    # Create whose key uses a table attribute the request leaves out (Local accepts it; see
    # tests/api/test_update_table_indexes.py).
    case("create-reusing-defined-attribute", "UpdateTable",
         upd({"Create": index("gsi2", (("gk", "HASH"), ("sk", "RANGE")), "ALL")}, defs=ad(gk="S", sk="N")),
         setup=[ON_DEMAND], ignore=TRANSIENT, then=[DESCRIBE]),
    case("create-provisioned", "UpdateTable", upd(create(ProvisionedThroughput=GPT), defs=DEFS),
         setup=[PROVISIONED], ignore=TRANSIENT, then=[DESCRIBE]),
    case("delete", "UpdateTable", upd({"Delete": {"IndexName": "gsi1"}}), setup=[ON_DEMAND], ignore=DELETED,
         then=[DESCRIBE_DELETED]),
    case("delete-keeps-lsi", "UpdateTable", upd({"Delete": {"IndexName": "gsi1"}}), setup=[WITH_LSI],
         ignore=DELETED, then=[DESCRIBE_DELETED]),
    case("update-throughput", "UpdateTable",
         upd({"Update": {"IndexName": "gsi1", "ProvisionedThroughput": {"ReadCapacityUnits": 3, "WriteCapacityUnits": 4}}}),
         setup=[PROVISIONED], ignore=TRANSIENT,
         then=[step("DescribeTable", {"TableName": "{T}"},
                    ignore=["Table.GlobalSecondaryIndexes[].ProvisionedThroughput.LastIncreaseDateTime"],
                    aws=gsi_throughput, aws_note=GSI_PT_NOTE)]),

    case("switch-to-provisioned-with-gsi-throughput", "UpdateTable",
         upd({"Update": {"IndexName": "gsi1", "ProvisionedThroughput": {"ReadCapacityUnits": 3, "WriteCapacityUnits": 4}}},
             BillingMode="PROVISIONED", ProvisionedThroughput=PT),
         setup=[ON_DEMAND], ignore=TRANSIENT + ["TableDescription.ProvisionedThroughput", "TableDescription.BillingModeSummary"],
         then=[step("DescribeTable", {"TableName": "{T}"},
                    ignore=["Table.TableStatus", "Table.GlobalSecondaryIndexes[].ProvisionedThroughput.LastIncreaseDateTime",
                            "Table.GlobalSecondaryIndexes[].IndexStatus"],
                    aws=gsi_throughput, aws_note=GSI_PT_NOTE)]),

    # ------------------------------------------------------------ refused
    case("create-existing-name", "UpdateTable", upd(create("gsi1"), defs=DEFS), setup=[ON_DEMAND]),
    case("create-lsi-name", "UpdateTable", upd(create("lsi1"), defs=DEFS), setup=[WITH_LSI]),
    case("create-without-attribute-definitions", "UpdateTable", upd(create()), setup=[ON_DEMAND],
         **err(INVALID + "AttributeDefinitions is not specified for index: gsi2", CATALOGUE)),
    case("create-two-indexes", "UpdateTable", upd(create(), create("gsi3", "g3"), defs=ad(g2="S", g3="S")),
         setup=[ON_DEMAND]),
    case("create-and-delete", "UpdateTable", upd(create(), {"Delete": {"IndexName": "gsi1"}}, defs=DEFS),
         setup=[ON_DEMAND]),
    case("delete-twice-in-one-request", "UpdateTable",
         upd({"Delete": {"IndexName": "gsi1"}}, {"Delete": {"IndexName": "gsi1"}}), setup=[ON_DEMAND],
         **err(INVALID + "Only one global secondary index update per index is allowed simultaneously. Index: gsi1",
               CATALOGUE)),
    case("delete-unknown-index", "UpdateTable", upd({"Delete": {"IndexName": "nope"}}), setup=[ON_DEMAND],
         **err("Requested resource not found: Index nope for table {T}", INDEX_NOT_FOUND_NOTE,
               "ResourceNotFoundException")),
    case("delete-lsi", "UpdateTable", upd({"Delete": {"IndexName": "lsi1"}}), setup=[WITH_LSI],
         **err("Cannot delete an index that is not a GlobalSecondaryIndex: lsi1", CATALOGUE)),
    case("delete-on-table-without-indexes", "UpdateTable", upd({"Delete": {"IndexName": "gsi1"}}), setup=[PLAIN],
         **err("Requested resource not found: Index gsi1 for table {T}", INDEX_NOT_FOUND_NOTE,
               "ResourceNotFoundException")),
    case("update-unknown-index", "UpdateTable",
         upd({"Update": {"IndexName": "nope", "ProvisionedThroughput": GPT}}), setup=[PROVISIONED],
         **err("Requested resource not found: Index nope for table {T}", INDEX_NOT_FOUND_NOTE,
               "ResourceNotFoundException")),
    case("delete-two-indexes", "UpdateTable",
         upd({"Delete": {"IndexName": "gsi1"}}, {"Delete": {"IndexName": "gsi3"}}), setup=[TWO_GSIS],
         **err("Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table",
               "ScyllaDB Alternator's tests, run against AWS: two Deletes in one request get LimitExceededException, "
               "as two Creates do", "LimitExceededException")),
    case("create-with-unused-attribute-definition", "UpdateTable", upd(create(), defs=ad(g2="S", zz="S")),
         setup=[ON_DEMAND], ignore=TRANSIENT + ["TableDescription.AttributeDefinitions"],
         then=[step("DescribeTable", {"TableName": "{T}"}, ignore=DESCRIBE["ignore"] + ["Table.AttributeDefinitions"])],
         note="DynamoDB accepts AttributeDefinitions no key uses in UpdateTable (ScyllaDB Alternator's tests, run "
              "against AWS), unlike CreateTable; whether it keeps them (DynamoDB Local does) is not known"),
    case("create-redefines-attribute-type", "UpdateTable",
         upd({"Create": index("gsi2", (("gk", "HASH"),), "ALL")}, defs=ad(gk="N")), setup=[ON_DEMAND],
         **err(INVALID + "Attributes cannot be redefined. Please check that your attribute has the same type as "
               "previously defined. Existing schema: Schema:[SchemaElement: key{gk:S:HASH}] New schema: "
               "Schema:[SchemaElement: key{gk:N:HASH}]",
               "DynamoDB Local words this its own way; DynamoDB's text as quoted from AWS in ScyllaDB Alternator's "
               "test_gsi_updatetable.py (test_gsi_key_type_conflict_on_update)")),
    case("empty-update-object", "UpdateTable", upd({}), setup=[ON_DEMAND],
         **err(INVALID + "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
               "GlobalSecondaryIndexUpdate.Delete must not be null", CATALOGUE)),
    case("two-actions-in-one-object", "UpdateTable",
         upd({"Delete": {"IndexName": "gsi1"}, "Create": create()["Create"]}, defs=DEFS), setup=[ON_DEMAND],
         **err(INVALID + "Only one global secondary index action is allowed per GlobalSecondaryIndexUpdate object",
               CATALOGUE)),
    case("empty-update-list", "UpdateTable", upd(), setup=[ON_DEMAND],
         **err(AT_LEAST_ONE, "An empty GlobalSecondaryIndexUpdates is no update at all (ScyllaDB Alternator's tests, "
               "run against AWS); DynamoDB Local says 'Nothing to update'")),
    case("create-include-without-non-key", "UpdateTable", upd(create(projection="INCLUDE"), defs=DEFS),
         setup=[ON_DEMAND],
         **err(INVALID + "ProjectionType is INCLUDE, but NonKeyAttributes is not specified", CATALOGUE)),
    case("create-on-demand-with-throughput", "UpdateTable", upd(create(ProvisionedThroughput=GPT), defs=DEFS),
         setup=[ON_DEMAND],
         **err(INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified for index: gsi2 when "
               "BillingMode is PAY_PER_REQUEST", CATALOGUE)),
    case("update-on-demand-throughput", "UpdateTable",
         upd({"Update": {"IndexName": "gsi1", "ProvisionedThroughput": GPT}}), setup=[ON_DEMAND],
         **err(INVALID + "The only Updates for index: gsi1 when TableThroughputMode is PAY_PER_REQUEST can be to "
               "OnDemandThroughput, WarmThroughput", CATALOGUE)),
    case("create-with-table-throughput-change", "UpdateTable",
         upd(create(ProvisionedThroughput=GPT), defs=DEFS, ProvisionedThroughput={"ReadCapacityUnits": 6,
                                                                                  "WriteCapacityUnits": 6}),
         setup=[PROVISIONED],
         **err(INVALID + "You cannot create or delete index while updating table IOPS", CATALOGUE)),
    case("delete-with-stream-change", "UpdateTable",
         upd({"Delete": {"IndexName": "gsi1"}}, StreamSpecification={"StreamEnabled": True,
                                                                      "StreamViewType": "KEYS_ONLY"}),
         setup=[ON_DEMAND],
         **err(INVALID + "You cannot create or delete index while changing stream status", CATALOGUE)),
    case("lsi-via-update-table", "UpdateTable",
         {"TableName": "{T}", "AttributeDefinitions": ad(l2="S"), "LocalSecondaryIndexes": [lsi("lsi2", "l2")]},
         setup=[ON_DEMAND],
         **err(AT_LEAST_ONE, "UpdateTable has no LocalSecondaryIndexes member (it is ignored); DynamoDB then asks for an "
               "update (ack-api-quirks catalogue: 'val_update_attrdefs_only' captured in us-east-1 and us-west-2); "
               "DynamoDB Local says 'Nothing to update'")),
    case("create-index-name-short", "UpdateTable", upd(create("g2"), defs=DEFS), setup=[ON_DEMAND],
         **err("1 validation error detected: Value 'g2' at 'globalSecondaryIndexUpdates.1.member.create.indexName' "
               "failed to satisfy constraint: Member must have length greater than or equal to 3", MODEL_NOTE)),
    case("create-key-type-bad", "UpdateTable",
         upd({"Create": index("gsi2", (("g2", "PRIMARY"),))}, defs=DEFS), setup=[ON_DEMAND],
         **err("1 validation error detected: Value 'PRIMARY' at "
               "'globalSecondaryIndexUpdates.1.member.create.keySchema.1.member.keyType' failed to satisfy constraint: "
               "Member must satisfy enum value set: [HASH, RANGE]", MODEL_NOTE)),
    case("unknown-table", "UpdateTable", upd(create(), defs=DEFS),
         **err("Requested resource not found: Table: {T} not found", "DynamoDB Local says 'Cannot do operations on a "
               "non-existent table'; DynamoDB names the table in UpdateTable", "ResourceNotFoundException")),
]
