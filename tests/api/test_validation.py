"""Request validation generated from botocore's model: exact SerializationException and
"N validation errors detected" texts, as AWS DynamoDB answers them (recorded from AWS captures;
DynamoDB Local answers 500 to type errors and skips most constraint checks)."""

from __future__ import annotations

import timeit
from typing import Any

import pytest
from botocore.exceptions import ClientError

from ddbserver.api import shapes
from ddbserver.errors import DynamoError
from tests.api.wire import post
from tests.conftest import error_of

RV_ENUM = "Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]"
RCC_ENUM = "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]"
RICM_ENUM = "Member must satisfy enum value set: [SIZE, NONE]"


def message(operation: str, body: dict[str, Any]) -> tuple[str, str | None]:
    with pytest.raises(DynamoError) as e:
        shapes.validate(operation, body)
    return e.value.type, e.value.message


# --- ordering: Java's hash order, recovered from the names -------------------------------


@pytest.mark.parametrize("shape,listed", [
    ("ReturnValue", ["ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW"]),
    ("ReturnConsumedCapacity", ["INDEXES", "TOTAL", "NONE"]),
    ("ReturnItemCollectionMetrics", ["SIZE", "NONE"]),
    ("ScalarAttributeType", ["B", "N", "S"]),
    ("KeyType", ["HASH", "RANGE"]),
    ("BillingMode", ["PROVISIONED", "PAY_PER_REQUEST"]),
])
def test_enum_values_are_listed_in_dynamodbs_order(shape, listed):
    """DynamoDB lists an enum's values in its hash set's order, not the model's."""
    enum = shapes.model().shapes[shape]["enum"]
    assert shapes.java_order(enum, buckets=32) == listed


# AWS's newer wording of an invalid ReturnValues on the item writes (us-east-1 since 2026-08,
# nubo-db/dynamodb-conformance captures/2026-08-12-wording-drift.json).
RV_NEWER = ("Failed to satisfy constraint: Member must satisfy enum value set: "
            "[ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATE_NEW, NONE]")


def test_members_are_reported_in_dynamodbs_order():
    """PutItem reports returnConsumedCapacity, returnValues (in the newer wording),
    returnItemCollectionMetrics in this order (AWS us-east-1, 2026-08-12)."""
    body = {"TableName": "abc", "Item": {"pk": {"S": "a"}}, "ReturnConsumedCapacity": "INVALID",
            "ReturnItemCollectionMetrics": "INVALID", "ReturnValues": "INVALID"}
    assert message("PutItem", body) == ("ValidationException", (
        f"3 validation errors detected: Value 'INVALID' at 'returnConsumedCapacity' failed to satisfy constraint: "
        f"{RCC_ENUM}; {RV_NEWER}; "
        f"Value 'INVALID' at 'returnItemCollectionMetrics' failed to satisfy constraint: {RICM_ENUM}"))


def test_update_item_reports_consumed_capacity_before_return_values():
    """UpdateItem's class declares ReturnConsumedCapacity first; DynamoDB's order follows it
    when a structural fault (here the missing Key) makes it list every fault."""
    body = {"TableName": "abc", "ReturnValues": "INVALID", "ReturnConsumedCapacity": "INVALID"}
    assert message("UpdateItem", body)[1] == (
        f"3 validation errors detected: Value 'INVALID' at 'returnConsumedCapacity' failed to satisfy constraint: "
        f"{RCC_ENUM}; Value 'INVALID' at 'returnValues' failed to satisfy constraint: {RV_ENUM}; "
        "Value null at 'key' failed to satisfy constraint: Member must not be null")


def test_update_item_reports_only_the_first_bad_enum():
    """UpdateItem whose only faults are enum values reports one: ReturnValues, in the newer
    wording, before ReturnConsumedCapacity (AWS us-east-1 2026-09-02, exoego/dynamodb-conformance
    registry row update-item-validation-error-aggregation); PutItem and DeleteItem list them all."""
    body = {"TableName": "abc", "Key": {"pk": {"S": "a"}}, "ReturnValues": "INVALID", "ReturnConsumedCapacity": "INVALID"}
    assert message("UpdateItem", body)[1] == f"1 validation error detected: {RV_NEWER}"
    body = {"TableName": "abc", "Key": {"pk": {"S": "a"}}, "ReturnConsumedCapacity": "INVALID",
            "ReturnItemCollectionMetrics": "INVALID"}
    assert message("UpdateItem", body)[1] == (
        f"1 validation error detected: Value 'INVALID' at 'returnConsumedCapacity' failed to satisfy constraint: {RCC_ENUM}")
    assert message("DeleteItem", {**body, "ReturnValues": "INVALID"})[1].startswith("3 validation errors detected: ")


def test_put_item_reports_only_a_faulty_table_name():
    """PutItem whose table name is at fault reports the table name alone, not a bad ReturnValues
    beside it, naming an empty one 'TableName' without its value (AWS us-east-1 2026-09-02,
    exoego/dynamodb-conformance registry row put-item-validation-error-aggregation); a missing
    required member still makes it list every fault."""
    body = {"TableName": "", "Item": {}, "ReturnValues": "INVALID"}
    assert message("PutItem", body)[1] == (
        "1 validation error detected: Value at 'TableName' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1")
    assert message("PutItem", {"ReturnValues": "INVALID", "Item": {}})[1].startswith("2 validation errors detected: ")


def test_delete_item_reports_return_values_after_consumed_capacity():
    """DeleteItem lists returnConsumedCapacity, then returnValues in the newer wording (AWS
    us-east-1, 2026-08-12); an empty table name alone is named 'TableName' without its value."""
    body = {"TableName": "abc", "Key": {}, "ReturnValues": "INVALID", "ReturnConsumedCapacity": "INVALID"}
    assert message("DeleteItem", body)[1] == (
        f"2 validation errors detected: Value 'INVALID' at 'returnConsumedCapacity' failed to satisfy constraint: "
        f"{RCC_ENUM}; {RV_NEWER}")
    assert message("DeleteItem", {"TableName": "", "Key": {}})[1] == (
        "1 validation error detected: Value at 'TableName' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1")


def test_nested_required_members_follow_the_same_order():
    """An empty ProvisionedThroughput in a GSI update: writeCapacityUnits is listed first."""
    body = {"TableName": "abc", "GlobalSecondaryIndexUpdates": [{"Update": {"IndexName": "idx", "ProvisionedThroughput": {}}}]}
    prefix = "globalSecondaryIndexUpdates.1.member.update.provisionedThroughput"
    assert message("UpdateTable", body)[1] == (
        f"2 validation errors detected: Value null at '{prefix}.writeCapacityUnits' failed to satisfy constraint: "
        f"Member must not be null; Value null at '{prefix}.readCapacityUnits' failed to satisfy constraint: "
        "Member must not be null")


def test_create_table_reports_in_observed_order():
    """CreateTable lists attributeDefinitions, tableName, then keySchema (as AWS was observed to)."""
    assert message("CreateTable", {"TableName": "abc;"})[1] == (
        "3 validation errors detected: Value null at 'attributeDefinitions' failed to satisfy constraint: "
        "Member must not be null; Value 'abc;' at 'tableName' failed to satisfy constraint: Member must satisfy "
        "regular expression pattern: [a-zA-Z0-9_.-]+; Value null at 'keySchema' failed to satisfy constraint: "
        "Member must not be null")


def test_map_entries_are_named_key_then_member():
    """A structure inside a map is '<map>.<key>.member'; ComparisonOperator's values in DynamoDB's order."""
    assert message("Scan", {"TableName": "abc", "ScanFilter": {"b": {"ComparisonOperator": ""}}})[1] == (
        "1 validation error detected: Value '' at 'scanFilter.b.member.comparisonOperator' failed to satisfy "
        "constraint: Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, "
        "NE, LE, BEGINS_WITH, GE, CONTAINS]")


def test_query_reports_ten_errors_in_observed_order():
    """A Query broken ten ways: the observed order, map entries last-first."""
    body = {"TableName": "abc;", "ReturnConsumedCapacity": "hi", "AttributesToGet": [], "IndexName": "abc;",
            "Select": "hi", "Limit": -1, "KeyConditions": {"a": {}, "b": {"ComparisonOperator": ""}},
            "QueryFilter": {"a": {}, "b": {"ComparisonOperator": ""}}}
    ops = ("[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]")
    assert message("Query", body)[1] == (
        "10 validation errors detected: "
        "Value at 'Limit' failed to satisfy constraint: Member must have value greater than or equal to 1; "
        f"Value 'hi' at 'returnConsumedCapacity' failed to satisfy constraint: {RCC_ENUM}; "
        "Value '[]' at 'attributesToGet' failed to satisfy constraint: Member must have length greater than or equal to 1; "
        f"Value '' at 'queryFilter.b.member.comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: {ops}; "
        "Value null at 'queryFilter.a.member.comparisonOperator' failed to satisfy constraint: Member must not be null; "
        "Value 'hi' at 'select' failed to satisfy constraint: Member must satisfy enum value set: "
        "[SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]; "
        f"Value '' at 'keyConditions.b.member.comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: {ops}; "
        "Value null at 'keyConditions.a.member.comparisonOperator' failed to satisfy constraint: Member must not be null; "
        "Value 'abc;' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
        "Value 'abc;' at 'indexName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")


def test_at_most_ten_errors_are_listed():
    """DynamoDB lists at most ten errors."""
    body = {"TableName": "abc", "Key": {}, "AttributesToGet": [""] * 0, "Select": "X", "Limit": 0,
            "Segment": -1, "TotalSegments": 0, "ReturnConsumedCapacity": "X", "ConditionalOperator": "X",
            "IndexName": "!", "ScanFilter": {"a": {"ComparisonOperator": "X"}, "b": {"ComparisonOperator": "Y"},
                                             "c": {"ComparisonOperator": "Z"}}}
    text = message("Scan", body)[1]
    assert text is not None and text.startswith("10 validation errors detected: ")
    assert text.count("failed to satisfy constraint") == 10


# --- constraint texts ----------------------------------------------------------------------


@pytest.mark.parametrize("operation,body,expected", [
    ("PutItem", {"Item": {"pk": {"S": "a"}}},
     "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null"),
    ("PutItem", {"TableName": "", "Item": {}, "ReturnValues": "INVALID"},  # older regions listed both
     "1 validation error detected: "
     "Value at 'TableName' failed to satisfy constraint: Member must have length greater than or equal to 1"),
    ("PutItem", {"TableName": "a" * 256, "Item": {}},
     f"1 validation error detected: Value '{'a' * 256}' at 'tableName' failed to satisfy constraint: "
     "Member must have length less than or equal to 255"),
    ("PutItem", {"TableName": "bad table!@#", "Item": {}},
     "1 validation error detected: Value 'bad table!@#' at 'tableName' failed to satisfy constraint: "
     "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"),
    ("CreateTable", {"TableName": "ab", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                     "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}]},
     "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: "
     "Member must have length greater than or equal to 3"),
    ("CreateTable", {"TableName": "abc", "KeySchema": [{"AttributeName": "pk", "KeyType": "INVALID"}],
                     "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}]},
     "1 validation error detected: Value 'INVALID' at 'keySchema.1.member.keyType' failed to satisfy constraint: "
     "Member must satisfy enum value set: [HASH, RANGE]"),
    ("CreateTable", {"TableName": "abc", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                     "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "INVALID"}]},
     "1 validation error detected: Value 'INVALID' at 'attributeDefinitions.1.member.attributeType' failed to "
     "satisfy constraint: Member must satisfy enum value set: [B, N, S]"),
    ("CreateTable", {"KeySchema": [], "AttributeDefinitions": []},
     "The parameter 'TableName' is required but was not present in the request"),
    ("BatchWriteItem", {"RequestItems": {}}, "The requestItems parameter is required for BatchWriteItem"),
    # AWS's newer wording for BatchGetItem's lengths (paritysuite/dynamodb-conformance,
    # tests/tier3/error-messages/batchGetItem.test.ts, captured 2026)
    ("BatchGetItem", {"RequestItems": {}},
     "1 validation error detected: Value at 'RequestItems' failed to satisfy constraint: "
     "Member must have length greater than or equal to 1"),
    ("TransactWriteItems", {"TransactItems": []},
     "1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: "
     "Member must have length greater than or equal to 1"),
    ("GetItem", {},
     "2 validation errors detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null; "
     "Value null at 'key' failed to satisfy constraint: Member must not be null"),
    ("ListTables", {"Limit": 1000},
     "1 validation error detected: Value '1000' at 'limit' failed to satisfy constraint: "
     "Member must have value less than or equal to 100"),
    ("GetItem", {"TableName": "abc", "Key": {}, "AttributesToGet": []},
     "1 validation error detected: Value '[]' at 'attributesToGet' failed to satisfy constraint: "
     "Member must have length greater than or equal to 1"),
])
def test_constraint_messages(operation, body, expected):
    """Each broken constraint is reported with DynamoDB's exact text."""
    assert message(operation, body)[1] == expected


def test_batch_write_over_25_requests_echoes_the_map():
    """A map value breaking its own length is reported once, at the map, with the whole map echoed."""
    table = "t_bw"
    requests = [{"PutRequest": {"Item": {"pk": {"S": f"bw-{i}"}}}} for i in range(26)]
    text = message("BatchWriteItem", {"RequestItems": {table: requests}})[1]
    value = ("AttributeValue(s=bw-0, n=null, b=null, iNT=null, dECIMAL=null, dOUBLE=null, sS=null, nS=null, "
             "bS=null, iNTSET=null, dECIMALSET=null, dOUBLESET=null, m=null, l=null, nULL=null, bOOL=null)")
    assert text is not None
    assert text.startswith(f"1 validation error detected: Value '{{{table}=[WriteRequest(putRequest=PutRequest("
                           f"item={{pk={value}}}, workloadProfileName=null), deleteRequest=null), ")
    assert text.endswith("' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: "
                         "[Member must have length less than or equal to 25, Member must have length greater than or equal to 1]")


def test_batch_get_over_100_keys_names_the_table_member():
    """Constraints inside a map value name it '<map>.<key>.member'; BatchGetItem's lengths use AWS's
    newer wording, without the value and with the model's member names (captured 2026,
    paritysuite/dynamodb-conformance tests/tier3/error-messages/batchGetItem.test.ts)."""
    text = message("BatchGetItem", {"RequestItems": {"tbl": {"Keys": [{"a": {"S": "x"}}] * 101}}})[1]
    assert text == ("1 validation error detected: Value at 'RequestItems.tbl.member.Keys' failed to satisfy "
                    "constraint: Member must have length less than or equal to 100")


def test_batch_get_bad_table_name_is_a_map_keys_constraint():
    """BatchGetItem reports a malformed table name as a constraint on RequestItems' keys, echoing the
    map as JSON, together with other member errors (captured 2026, paritysuite/dynamodb-conformance
    tests/tier3/validation-ordering/batchOperations.test.ts)."""
    text = message("BatchGetItem", {"RequestItems": {"bad!name": {"Keys": [{"pk": {"S": "a"}}]}},
                                    "ReturnConsumedCapacity": "BOGUS"})[1]
    assert text == (
        "2 validation errors detected: Value '{\"bad!name\":{\"Keys\":[{\"pk\":{\"S\":\"a\"}}]}}' at 'requestItems' "
        "failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or "
        "equal to 255, Member must have length greater than or equal to 3, Member must satisfy regular expression "
        "pattern: [a-zA-Z0-9_.-]+]; Value 'BOGUS' at 'returnConsumedCapacity' failed to satisfy constraint: "
        "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]")


def test_batch_get_absent_keys_keeps_the_older_wording():
    """A missing Keys is a not-null error in the older form, value and lower-case path (AWS, as
    recorded in tests/golden/cases/reads/batch.json get-no-keys-member)."""
    text = message("BatchGetItem", {"RequestItems": {"tbl": {}}})[1]
    assert text == ("1 validation error detected: Value null at 'requestItems.tbl.member.keys' failed to satisfy "
                    "constraint: Member must not be null")


def test_table_arn_is_accepted_as_table_name():
    """TableName takes a table ARN (up to 1024 characters) as well as a name."""
    shapes.validate("GetItem", {"TableName": "arn:aws:dynamodb:us-east-1:123456789012:table/" + "x" * 200, "Key": {}})


def test_fractional_integer_is_truncated():
    """A number with a fraction where an integer is expected is read as its integer part."""
    body = {"TableName": "abc", "Limit": 5.7}
    shapes.validate("Query", body)
    assert body["Limit"] == 5


def test_every_operation_in_the_model_compiles():
    """The validator is generated for any operation name in the model, registered or not."""
    for name in shapes.model().inputs:
        assert shapes.validator(name) is not None
    assert shapes.validator("NoSuchOperation") is None


def test_streams_operations_validate_from_their_own_model():
    """DynamoDB Streams requests are checked against the dynamodbstreams model."""
    with pytest.raises(DynamoError) as e:
        shapes.validate("GetShardIterator", {"StreamArn": "x" * 40, "ShardId": "s" * 30,
                                             "ShardIteratorType": "BAD"}, "dynamodbstreams")
    assert e.value.message == (
        "1 validation error detected: Value 'BAD' at 'shardIteratorType' failed to satisfy constraint: "
        "Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, AT_SEQUENCE_NUMBER, TRIM_HORIZON]")


def test_validation_is_cheap():
    """Validating a typical GetItem costs a few microseconds (generous bound for a shared machine)."""
    run = shapes.validator("GetItem")
    assert run is not None
    body = {"TableName": "my-table", "Key": {"pk": {"S": "abc"}, "sk": {"N": "12"}}}
    per_call = min(timeit.repeat(lambda: run(body), number=2000, repeat=3)) / 2000
    assert per_call < 50e-6


# --- serialization: wrong JSON types, over the wire ---------------------------------------


@pytest.mark.parametrize("body,expected", [
    ({"TableName": 23, "Key": {}}, "NUMBER_VALUE cannot be converted to String"),
    ({"TableName": True, "Key": {}}, "TRUE_VALUE cannot be converted to String"),
    ({"TableName": False, "Key": {}}, "FALSE_VALUE cannot be converted to String"),
    ({"TableName": 34.56, "Key": {}}, "DECIMAL_VALUE cannot be converted to String"),
    ({"TableName": [], "Key": {}}, "Unrecognized collection type class java.lang.String"),
    ({"TableName": {}, "Key": {}}, "Start of structure or map found where not expected"),
    ({"TableName": "abc", "Key": "x"}, "Unexpected field type"),
    ({"TableName": "abc", "Key": []},
     "Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>"),
    ({"TableName": "abc", "Key": {"a": 23}}, "Unexpected value type in payload"),
    ({"TableName": "abc", "Key": {"a": []}},
     "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue"),
    ({"TableName": "abc", "Key": {"a": {"S": 23}}}, "NUMBER_VALUE cannot be converted to String"),
    ({"TableName": "abc", "Key": {"a": {"N": 23}}}, "NUMBER_VALUE cannot be converted to String"),
    ({"TableName": "abc", "Key": {"a": {"B": 23}}}, "only base-64-encoded strings are convertible to bytes"),
    ({"TableName": "abc", "Key": {"a": {"B": "23456"}}}, "Base64 encoded length is expected a multiple of 4 bytes but found: 5"),
    ({"TableName": "abc", "Key": {"a": {"BOOL": "true"}}}, "Unexpected token received from parser"),
    ({"TableName": "abc", "Key": {"a": {"NULL": 23}}}, "NUMBER_VALUE cannot be converted to Boolean"),
    ({"TableName": "abc", "Key": {"a": {"SS": "x"}}}, "Unexpected field type"),
    ({"TableName": "abc", "Key": {"a": {"SS": [1]}}}, "NUMBER_VALUE cannot be converted to String"),
    ({"TableName": "abc", "Key": {"a": {"L": [23]}}}, "Unexpected value type in payload"),
    ({"TableName": "abc", "Key": {"a": {"M": {"b": {"BS": ["YQ==", 7]}}}}},
     "only base-64-encoded strings are convertible to bytes"),
    ({"TableName": "abc", "Key": {}, "ConsistentRead": 23}, "NUMBER_VALUE cannot be converted to Boolean"),
    ({"TableName": "abc", "Key": {}, "AttributesToGet": "a"}, "Unexpected field type"),
    ({"TableName": "", "Key": 5}, "Unexpected field type"),
])
def test_wrong_json_types_are_serialization_errors(server, body, expected):
    """A member of the wrong JSON type is a 400 SerializationException, before any constraint check."""
    reply = post(server.url, "GetItem", body)
    assert reply.status == 400
    assert reply.error == ("SerializationException", expected)
    assert reply.json()["__type"] == "com.amazon.coral.service#SerializationException"


def test_string_where_integer_expected(server):
    """A quoted number where an integer is expected does not convert."""
    reply = post(server.url, "ListTables", {"Limit": "5"})
    assert reply.error == ("SerializationException", "STRING_VALUE cannot be converted to Integer")


def test_unknown_members_are_ignored(server, hash_table):
    """Members the model does not know are ignored, at the top level as inside structures."""
    body = {"TableName": hash_table, "Key": {"pk": {"S": "nothing"}}, "Bogus": {"x": [1]}, "bogus": 5}
    reply = post(server.url, "GetItem", body)
    assert reply.status == 200
    assert reply.json() == {}


# --- through boto3 ------------------------------------------------------------------------


def test_missing_table_name_through_boto3(ddb_raw):
    """boto3 without client-side validation gets DynamoDB's message for a missing TableName."""
    with pytest.raises(ClientError) as e:
        ddb_raw.put_item(Item={"pk": {"S": "a"}})
    assert error_of(e) == ("ValidationException",
                           "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: "
                           "Member must not be null")


def test_invalid_enums_through_boto3(ddb_raw):
    """Three invalid enums on PutItem are reported together."""
    with pytest.raises(ClientError) as e:
        ddb_raw.put_item(TableName="abc", Item={"pk": {"S": "test"}}, ReturnConsumedCapacity="INVALID",
                         ReturnItemCollectionMetrics="INVALID", ReturnValues="INVALID")
    code, text = error_of(e)
    assert code == "ValidationException"
    assert text.startswith("3 validation errors detected: Value 'INVALID' at 'returnConsumedCapacity'")


def test_type_errors_win_over_constraints_through_boto3(ddb_raw):
    """A wrong type is reported instead of the constraint errors of the same request."""
    with pytest.raises(ClientError) as e:
        ddb_raw.get_item(TableName="", Key={"a": {"S": 5}})
    assert error_of(e) == ("SerializationException", "NUMBER_VALUE cannot be converted to String")


def test_table_name_too_short_through_boto3(ddb_raw):
    """A two-character table name breaks the name's minimum length."""
    with pytest.raises(ClientError) as e:
        ddb_raw.describe_table(TableName="ab")
    assert error_of(e) == ("ValidationException",
                           "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: "
                           "Member must have length greater than or equal to 3")
