"""DescribeTable, DeleteTable, ListTables and UpdateTable: results and validation."""

from tests.golden.inputs.common import (K, NOT_FOUND, PAY, S, table_name_length_error, case, get, hash_table, null_at, put, step, table,
                                        validation_override)

NAMED_NOT_FOUND = DESCRIBE_NOT_FOUND = {"aws": {"status": 400, "type": "ResourceNotFoundException", "message": "Requested resource not found: Table: {T} not found",
                              "body": {}},
                      "aws_note": "DynamoDB names the table in DescribeTable/DeleteTable/UpdateTable: 'Requested resource not found: Table: <name> not found'"}
PT = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}
# While a table is UPDATING, AWS may answer with the throughput and billing mode being replaced;
# DynamoDB Local answers with the new ones at once. Compared in the DescribeTable that follows.
# (DynamoDB Local never sets LastIncreaseDateTime; AWS does after an increase.)
UPDATING = ["TableDescription.ProvisionedThroughput", "TableDescription.BillingModeSummary"]

CASES = [
    case("describe-not-found", "DescribeTable", {"TableName": "{T}"}, **DESCRIBE_NOT_FOUND),
    case("describe-no-name", "DescribeTable", {}, **validation_override(null_at("tableName"))),
    case("describe-short-name", "DescribeTable", {"TableName": "ab"}, **validation_override(table_name_length_error("ab"))),
    case("describe-bad-chars", "DescribeTable", {"TableName": "a b c"}, **validation_override(
        "1 validation error detected: Value 'a b c' at 'tableName' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")),
    case("describe-counts-items", "DescribeTable", {"TableName": "{T}"}, setup=[hash_table(), put(K("a")), put(K("b"))]),
    case("delete-table", "DeleteTable", {"TableName": "{T}"}, setup=[hash_table()],
         then=[step("DescribeTable", {"TableName": "{T}"}, **DESCRIBE_NOT_FOUND)]),
    case("delete-not-found", "DeleteTable", {"TableName": "{T}"}, **NAMED_NOT_FOUND),
    case("delete-twice", "DeleteTable", {"TableName": "{T}"}, setup=[hash_table(), step("DeleteTable", {"TableName": "{T}"})], **NAMED_NOT_FOUND),
    case("delete-protected", "DeleteTable", {"TableName": "{T}"}, setup=[table(DeletionProtectionEnabled=True, **PAY)],
         then=[step("UpdateTable", {"TableName": "{T}", "DeletionProtectionEnabled": False})]),
    case("delete-with-items", "DeleteTable", {"TableName": "{T}"}, setup=[hash_table(), put(K("a"))]),
    case("item-ops-after-delete", "GetItem", {"TableName": "{T}", "Key": K()},
         setup=[hash_table(), step("DeleteTable", {"TableName": "{T}"})], **NOT_FOUND),
    case("recreate-after-delete-is-empty", "GetItem", {"TableName": "{T}", "Key": K()},
         setup=[hash_table(), put(K()), step("DeleteTable", {"TableName": "{T}"}), hash_table()]),
    # ListTables: the case's tables sort as their labels ({T1} < {T2} < ...); other tables may exist
    case("list-page", "ListTables", {"ExclusiveStartTableName": "{T1}", "Limit": 2},
         setup=[hash_table("{T1}"), hash_table("{T2}"), hash_table("{T3}"), hash_table("{T4}")]),
    case("list-limit-one", "ListTables", {"ExclusiveStartTableName": "{T1}", "Limit": 1},
         setup=[hash_table("{T1}"), hash_table("{T2}"), hash_table("{T3}")]),
    case("list-start-not-a-table", "ListTables", {"ExclusiveStartTableName": "{T0}", "Limit": 1},
         setup=[hash_table("{T1}"), hash_table("{T2}")]),
    case("list-limit-zero", "ListTables", {"Limit": 0}, **validation_override(
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1")),
    case("list-limit-101", "ListTables", {"Limit": 101}, **validation_override(
        "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100")),
    case("list-start-short", "ListTables", {"ExclusiveStartTableName": "ab"}, **validation_override(
        "1 validation error detected: Value 'ab' at 'exclusiveStartTableName' failed to satisfy constraint: "
        "Member must have length greater than or equal to 3")),
    # UpdateTable
    case("update-throughput", "UpdateTable", {"TableName": "{T}", "ProvisionedThroughput": {"ReadCapacityUnits": 7, "WriteCapacityUnits": 9}},
         setup=[table(ProvisionedThroughput=PT)], ignore=UPDATING,
         then=[step("DescribeTable", {"TableName": "{T}"}, ignore=["Table.ProvisionedThroughput.LastIncreaseDateTime"])]),
    case("update-to-pay-per-request", "UpdateTable", {"TableName": "{T}", "BillingMode": "PAY_PER_REQUEST"},
         setup=[table(ProvisionedThroughput=PT)], ignore=UPDATING, then=[step("DescribeTable", {"TableName": "{T}"})]),
    case("update-to-provisioned", "UpdateTable", {"TableName": "{T}", "BillingMode": "PROVISIONED", "ProvisionedThroughput": PT},
         setup=[hash_table()], ignore=UPDATING, then=[step("DescribeTable", {"TableName": "{T}"})]),
    case("update-not-found", "UpdateTable", {"TableName": "{T}", "BillingMode": "PAY_PER_REQUEST"}, **NAMED_NOT_FOUND),
    case("update-deletion-protection", "UpdateTable", {"TableName": "{T}", "DeletionProtectionEnabled": True}, setup=[hash_table()],
         then=[step("DeleteTable", {"TableName": "{T}"}), step("UpdateTable", {"TableName": "{T}", "DeletionProtectionEnabled": False})]),
    case("update-throughput-zero", "UpdateTable", {"TableName": "{T}", "ProvisionedThroughput": {"ReadCapacityUnits": 0, "WriteCapacityUnits": 5}},
         setup=[table(ProvisionedThroughput=PT)], **validation_override(
             "1 validation error detected: Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: "
             "Member must have value greater than or equal to 1")),
    case("update-same-throughput", "UpdateTable", {"TableName": "{T}", "ProvisionedThroughput": PT}, setup=[table(ProvisionedThroughput=PT)],
         **validation_override(
             "The provisioned throughput for the table will not change. The requested value equals the current value. "
             "Current ReadCapacityUnits provisioned for the table: 5. Requested ReadCapacityUnits: 5. "
             "Current WriteCapacityUnits provisioned for the table: 5. Requested WriteCapacityUnits: 5. "
             "Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.")),
    case("update-stream-enable", "UpdateTable", {"TableName": "{T}", "StreamSpecification": {"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"}},
         setup=[hash_table()]),
]
