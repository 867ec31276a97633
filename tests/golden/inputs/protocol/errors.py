"""The wire protocol: targets, authentication header, JSON bodies and member types."""

from tests.golden.inputs.common import AUTH_NOTE, SER_NOTE, case, hash_table, K

SER = "SerializationException"

CASES = [
    case("unknown-operation", "DescribeSomething", {}),
    case("unknown-operation-lowercase", "listTables", {}),
    case("missing-authorization", "ListTables", {}, headers={"Authorization": None}),
    case("missing-authorization-unknown-op", "Foo", {}, headers={"Authorization": None}),
    case("describe-ok", "DescribeTable", {"TableName": "{T}"}, setup=[hash_table()]),
    case("json-content-type", "DescribeTable", {"TableName": "{T}"}, setup=[hash_table()],
         headers={"Content-Type": "application/json"}),
    case("unknown-member-ignored", "DescribeTable", {"TableName": "{T}", "Foo": "bar"}, setup=[hash_table()]),
    case("missing-authorization-bad-body", "DescribeTable", {"TableName": 5}, headers={"Authorization": None}),
    case("unknown-operation-before-body", "Foo", {"TableName": 5}),
    case("body-is-array", "ListTables", raw="[]",
         aws={"status": 400, "type": SER, "message": "Start of list found where not expected", "body": {}}, aws_note=SER_NOTE),
    case("table-name-number", "DescribeTable", {"TableName": 23},
         aws={"status": 400, "type": SER, "message": "NUMBER_VALUE cannot be converted to String", "body": {}}, aws_note=SER_NOTE),
    case("table-name-true", "DescribeTable", {"TableName": True},
         aws={"status": 400, "type": SER, "message": "TRUE_VALUE cannot be converted to String", "body": {}}, aws_note=SER_NOTE),
    case("table-name-object", "DescribeTable", {"TableName": {}},
         aws={"status": 400, "type": SER, "message": "Start of structure or map found where not expected", "body": {}}, aws_note=SER_NOTE),
    case("limit-string", "ListTables", {"Limit": "5", "ExclusiveStartTableName": "zzzzzzzz"},
         aws={"status": 400, "type": SER, "message": "STRING_VALUE cannot be converted to Integer", "body": {}}, aws_note=SER_NOTE),
    case("item-is-list", "PutItem", {"TableName": "{T}", "Item": []}, setup=[hash_table()],
         aws={"status": 400, "type": SER, "message": "Start of list found where not expected", "body": {}}, aws_note=SER_NOTE),
    case("n-value-number", "PutItem", {"TableName": "{T}", "Item": {"pk": {"S": "a"}, "n": {"N": 5}}}, setup=[hash_table()],
         aws={"status": 400, "type": SER, "message": "NUMBER_VALUE cannot be converted to String", "body": {}}, aws_note=SER_NOTE),
    case("consistent-read-string", "GetItem", {"TableName": "{T}", "Key": K(), "ConsistentRead": "yes"}, setup=[hash_table()],
         aws={"status": 400, "type": SER, "message": "STRING_VALUE cannot be converted to Boolean", "body": {}}, aws_note=SER_NOTE),
]
