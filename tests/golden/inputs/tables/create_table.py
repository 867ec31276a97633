"""CreateTable: names, key schemas, attribute definitions, billing, throughput, indexes."""

from tests.golden.inputs.common import table_name_length_error, PAY, case, enum_message, slug, step, table, validation_override

KS = [{"AttributeName": "pk", "KeyType": "HASH"}]
AD = [{"AttributeName": "pk", "AttributeType": "S"}]
PT = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}


def create(name: str = "{T}", ks=KS, ad=AD, **extra):
    body = {"TableName": name}
    if ks is not None:
        body["KeySchema"] = ks
    if ad is not None:
        body["AttributeDefinitions"] = ad
    body.update(extra)
    return body


def hr(h="pk", ht="S", r="sk", rt="N"):
    return ([{"AttributeName": h, "KeyType": "HASH"}, {"AttributeName": r, "KeyType": "RANGE"}],
            [{"AttributeName": h, "AttributeType": ht}, {"AttributeName": r, "AttributeType": rt}])


def gsi(name="gsi1", keys=(("gk", "HASH"),), projection=None, **extra):
    out = {"IndexName": name, "KeySchema": [{"AttributeName": a, "KeyType": t} for a, t in keys],
           "Projection": projection if projection is not None else {"ProjectionType": "ALL"}}
    out.update(extra)
    return out


INVALID = "One or more parameter values were invalid: "
VE1 = "1 validation error detected: "


def null_at(path):
    return f"{VE1}Value null at '{path}' failed to satisfy constraint: Member must not be null"


def enum_at(value, path, values):
    return enum_message(value, path, values.split(", "))


# What AWS answers where DynamoDB Local's message differs (DynamoDB's messages as recorded
# against AWS by dynalite's test suite, and botocore's enum orders).
AWS = {
    "no-key-schema": null_at("keySchema"),
    "no-attribute-definitions": null_at("attributeDefinitions"),
    "empty-key-schema": f"{VE1}Value '[]' at 'keySchema' failed to satisfy constraint: Member must have length greater than or equal to 1",
    "empty-attribute-definitions": INVALID + "Some index key attributes are not defined in AttributeDefinitions. Keys: [pk], AttributeDefinitions: []",
    "range-only": "Invalid KeySchema: The first KeySchemaElement is not a HASH key type",
    "two-hash": "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type",
    "range-first": "Invalid KeySchema: The first KeySchemaElement is not a HASH key type",
    "same-name-twice": "Both the Hash Key and the Range Key element in the KeySchema have the same name",
    "bad-key-type": enum_at("PRIMARY", "keySchema.1.member.keyType", "HASH, RANGE"),
    "bad-attribute-type": enum_at("SS", "attributeDefinitions.1.member.attributeType", "B, N, S"),
    "bool-attribute-type": enum_at("BOOL", "attributeDefinitions.1.member.attributeType", "B, N, S"),
    "hash-not-defined": INVALID + "Some index key attributes are not defined in AttributeDefinitions. Keys: [pk], AttributeDefinitions: [other]",
    "range-not-defined": "Invalid KeySchema: Some index key attribute have no definition",
    "extra-definition": INVALID + "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions",
    "key-schema-missing-keytype": null_at("keySchema.1.member.keyType"),
    "key-schema-missing-name": null_at("keySchema.1.member.attributeName"),
    "definition-missing-type": null_at("attributeDefinitions.1.member.attributeType"),
    "provisioned-without-throughput": INVALID + "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED",
    "provisioned-explicit-without-throughput": INVALID + "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED",
    "pay-per-request-with-throughput": INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST",
    "bad-billing-mode": enum_at("FREE", "billingMode", "PROVISIONED, PAY_PER_REQUEST"),
    "throughput-zero": f"{VE1}Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1",
    "throughput-negative-read": f"{VE1}Value '-1' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1",
    "throughput-missing-write": null_at("provisionedThroughput.writeCapacityUnits"),
    "throughput-too-high": "Given value 1000000000001 for ReadCapacityUnits is out of bounds",
    # AWS words this one itself, not with the model's enum constraint (AWS-verified notes of 2026-10,
    # and CloudFormation preflight rules quoting the CreateTable failure).
    "bad-table-class": ("Invalid table-class parameter provided. Please try again with a valid table-class value: "
                        "[STANDARD, STANDARD_INFREQUENT_ACCESS]."),
    "bad-stream-view-type": enum_at("ALL", "streamSpecification.streamViewType", "NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY"),
    "gsi-key-not-defined": INVALID + "Some index key attributes are not defined in AttributeDefinitions. Keys: [gk], AttributeDefinitions: [pk]",
    "gsi-unused-definition": INVALID + "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions",
    "gsi-duplicate-names": INVALID + "Duplicate index name: gsi1",
    "gsi-short-name": f"{VE1}Value 'gs' at 'globalSecondaryIndexes.1.member.indexName' failed to satisfy constraint: Member must have length greater than or equal to 3",
    "gsi-no-projection-type": INVALID + "Unknown ProjectionType: null",
    "gsi-all-with-attributes": INVALID + "ProjectionType is ALL, but NonKeyAttributes is specified",
    "gsi-empty-list": INVALID + "List of GlobalSecondaryIndexes is empty",
    "lsi-on-hash-only-table": INVALID + "Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex",
    "lsi-different-hash": INVALID + "Index KeySchema does not have the same leading hash key as table KeySchema for index: gsi1. index hash key: gk, table hash key: pk",
    "lsi-hash-only": INVALID + "Index KeySchema does not have a range key for index: gsi1",
}

BAD_NAMES = ["ab", "", "a" * 256, "bad name", "bad/name", "tab!e", "ünïcode"]
GOOD_NAMES = ["abc", "A-b_c.9", "a" * 255]

CASES = []


def name_msg(n):
    if not 3 <= len(n) <= 255:
        return table_name_length_error(n)
    return (f"1 validation error detected: Value '{n}' at 'tableName' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")


for n in BAD_NAMES:
    CASES.append(case(f"bad-name-{BAD_NAMES.index(n)}-{slug(n)[:20]}-{len(n)}", "CreateTable", create(n, **PAY), **validation_override(name_msg(n))))
for n in GOOD_NAMES:
    CASES.append(case(f"good-name-{len(n)}", "CreateTable", create("{T}" if n == "abc" else n, **PAY),
                      then=[step("DeleteTable", {"TableName": n})] if n != "abc" else []))

# key schema / attribute definition problems
SCHEMA_CASES = {
    "no-key-schema": create(ks=None, **PAY),
    "no-attribute-definitions": create(ad=None, **PAY),
    "empty-key-schema": create(ks=[], **PAY),
    "range-only": create(ks=[{"AttributeName": "pk", "KeyType": "RANGE"}], **PAY),
    "two-hash": create(ks=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "HASH"}],
                       ad=hr()[1], **PAY),
    "range-first": create(ks=list(reversed(hr()[0])), ad=hr()[1], **PAY),
    "same-name-twice": create(ks=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "pk", "KeyType": "RANGE"}],
                              ad=hr()[1], **PAY),
    "bad-key-type": create(ks=[{"AttributeName": "pk", "KeyType": "PRIMARY"}], **PAY),
    "bad-attribute-type": create(ad=[{"AttributeName": "pk", "AttributeType": "SS"}], **PAY),
    "bool-attribute-type": create(ad=[{"AttributeName": "pk", "AttributeType": "BOOL"}], **PAY),
    "hash-not-defined": create(ad=[{"AttributeName": "other", "AttributeType": "S"}], **PAY),
    "range-not-defined": create(ks=hr()[0], ad=AD, **PAY),
    "extra-definition": create(ad=AD + [{"AttributeName": "x", "AttributeType": "S"}], **PAY),
    "key-schema-missing-keytype": create(ks=[{"AttributeName": "pk"}], **PAY),
    "key-schema-missing-name": create(ks=[{"KeyType": "HASH"}], **PAY),
    "definition-missing-type": create(ad=[{"AttributeName": "pk"}], **PAY),
}
for name, body in SCHEMA_CASES.items():
    CASES.append(case(name, "CreateTable", body, **validation_override(AWS.get(name))))

# billing and throughput
BILLING_CASES = {
    "provisioned-without-throughput": create(),
    "provisioned-explicit-without-throughput": create(BillingMode="PROVISIONED"),
    "pay-per-request-with-throughput": create(BillingMode="PAY_PER_REQUEST", ProvisionedThroughput=PT),
    "bad-billing-mode": create(BillingMode="FREE", ProvisionedThroughput=PT),
    "throughput-zero": create(ProvisionedThroughput={"ReadCapacityUnits": 0, "WriteCapacityUnits": 1}),
    "throughput-negative-read": create(ProvisionedThroughput={"ReadCapacityUnits": -1, "WriteCapacityUnits": 1}),
    "throughput-missing-write": create(ProvisionedThroughput={"ReadCapacityUnits": 1}),
    "throughput-too-high": create(ProvisionedThroughput={"ReadCapacityUnits": 1000000000001, "WriteCapacityUnits": 1}),
    "bad-table-class": create(TableClass="COLD", **PAY),
    "bad-stream-view-type": create(StreamSpecification={"StreamEnabled": True, "StreamViewType": "ALL"}, **PAY),
}
for name, body in BILLING_CASES.items():
    CASES.append(case(name, "CreateTable", body, **validation_override(AWS.get(name))))

# successful creations, then described
GOOD = {
    "hash-string-pay": create(**PAY),
    "hash-number-provisioned": create(ad=[{"AttributeName": "pk", "AttributeType": "N"}], ProvisionedThroughput=PT),
    "hash-binary": create(ad=[{"AttributeName": "pk", "AttributeType": "B"}], **PAY),
    "hash-range": create(ks=hr()[0], ad=hr()[1], **PAY),
    "hash-range-binary-sort": create(ks=hr(rt="B")[0], ad=hr(rt="B")[1], **PAY),
    "provisioned-explicit": create(BillingMode="PROVISIONED", ProvisionedThroughput=PT),
    "deletion-protection": create(DeletionProtectionEnabled=True, **PAY),
    "table-class-ia": create(TableClass="STANDARD_INFREQUENT_ACCESS", **PAY),
    "stream-new-and-old": create(StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}, **PAY),
    "stream-disabled": create(StreamSpecification={"StreamEnabled": False}, **PAY),
}
# Successful GSI creations and descriptions live in indexes/create (with AWS's description of an
# on-demand GSI's throughput).
GOOD["lsi-include"] = create(ks=hr()[0], ad=hr()[1] + [{"AttributeName": "lk", "AttributeType": "S"}], LocalSecondaryIndexes=[
    {"IndexName": "lsi1", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "lk", "KeyType": "RANGE"}],
     "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["a", "b"]}}], **PAY)
def with_class_summary(member):
    def fix(resp):
        body = {k: dict(v) for k, v in resp["body"].items()}
        body[member]["TableClassSummary"] = {"TableClass": "STANDARD_INFREQUENT_ACCESS"}
        return {"body": body}
    return fix


CLASS_NOTE = "DynamoDB Local does not echo the table class; DynamoDB describes it in TableClassSummary"
for name, body in GOOD.items():
    if name == "table-class-ia":
        CASES.append(case(name, "CreateTable", body, aws=with_class_summary("TableDescription"), aws_note=CLASS_NOTE,
                          then=[step("DescribeTable", {"TableName": "{T}"}, aws=with_class_summary("Table"), aws_note=CLASS_NOTE)]))
        continue
    CASES.append(case(name, "CreateTable", body, then=[step("DescribeTable", {"TableName": "{T}"})]))

CASES.append(case("already-exists", "CreateTable", create(**PAY), setup=[table()], aws={"message": "Table already exists: {T}"},
                  aws_note="DynamoDB Local says 'Cannot create preexisting table'; DynamoDB names the table"))

# index validation
GSI_AD = AD + [{"AttributeName": "gk", "AttributeType": "S"}]
INDEX_CASES = {
    "gsi-key-not-defined": create(ad=AD, GlobalSecondaryIndexes=[gsi()], **PAY),
    "gsi-duplicate-names": create(ad=GSI_AD, GlobalSecondaryIndexes=[gsi(), gsi()], **PAY),
    "gsi-short-name": create(ad=GSI_AD, GlobalSecondaryIndexes=[gsi(name="gs")], **PAY),
    "gsi-no-projection-type": create(ad=GSI_AD, GlobalSecondaryIndexes=[gsi(projection={})], **PAY),
    "gsi-all-with-attributes": create(ad=GSI_AD, GlobalSecondaryIndexes=[gsi(projection={"ProjectionType": "ALL", "NonKeyAttributes": ["a"]})], **PAY),
    "gsi-empty-list": create(GlobalSecondaryIndexes=[], **PAY),
    "lsi-on-hash-only-table": create(ad=GSI_AD, LocalSecondaryIndexes=[gsi(keys=(("pk", "HASH"), ("gk", "RANGE")))], **PAY),
    "lsi-different-hash": create(ks=hr()[0], ad=hr()[1] + [{"AttributeName": "gk", "AttributeType": "S"}],
                                 LocalSecondaryIndexes=[gsi(keys=(("gk", "HASH"), ("sk", "RANGE")))], **PAY),
    "lsi-hash-only": create(ks=hr()[0], ad=hr()[1], LocalSecondaryIndexes=[gsi(keys=(("pk", "HASH"),))], **PAY),
}
for name, body in INDEX_CASES.items():
    CASES.append(case(name, "CreateTable", body, **validation_override(AWS.get(name))))
