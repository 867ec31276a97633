"""The wire protocol: targets, authentication header, JSON bodies and member types."""

from tests.golden.inputs.common import AUTH_NOTE, SER_NOTE, case, hash_table, K

SER = "SerializationException"
DYNALITE = ("DynamoDB's answer as recorded against AWS by dynalite's test suite; DynamoDB Local differs "
            "(message text, 500s, or the order of checks)")
UNKNOWN_OP = {"aws": {"status": 400, "type": "UnknownOperationException", "message": None, "body": {}}, "aws_note": DYNALITE}
MISSING_AUTH = {"aws": {"status": 400, "type": "MissingAuthenticationTokenException",
                        "message": "Request is missing Authentication Token", "body": {}}, "aws_note": DYNALITE}


def incomplete(message):
    return {"aws": {"status": 400, "type": "IncompleteSignatureException", "message": message, "body": {}}, "aws_note": DYNALITE}


CASES = [
    case("unknown-operation", "DescribeSomething", {}, **UNKNOWN_OP),
    case("unknown-operation-lowercase", "listTables", {}, **UNKNOWN_OP),
    case("unknown-operation-near-miss", "ListTable", {}, **UNKNOWN_OP),
    case("missing-authorization", "ListTables", {}, headers={"Authorization": None}, **MISSING_AUTH),
    case("missing-authorization-unknown-op", "Foo", {}, headers={"Authorization": None}, **UNKNOWN_OP),
    case("authorization-aws4-only", "ListTables", {}, headers={"Authorization": "AWS4"}, **MISSING_AUTH),
    case("authorization-incomplete", "ListTables", {}, headers={"Authorization": "AWS4-", "X-Amz-Date": None}, **incomplete(
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. "
        "Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either "
        "a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-")),
    case("authorization-no-signed-headers", "ListTables", {},
         headers={"Authorization": "AWS4- Signature=b, Credential=a", "X-Amz-Date": None, "Date": "a"}, **incomplete(
             "Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4- Signature=b, Credential=a")),
    case("malformed-json", "ListTables", raw="hi", aws={"status": 400, "type": SER, "message": None, "body": {}}, aws_note=DYNALITE),
    case("malformed-json-unknown-op", "Foo", raw="hi", aws={"status": 400, "type": SER, "message": None, "body": {}}, aws_note=DYNALITE),
    case("describe-ok", "DescribeTable", {"TableName": "{T}"}, setup=[hash_table()]),
    case("json-content-type", "DescribeTable", {"TableName": "{T}"}, setup=[hash_table()],
         headers={"Content-Type": "application/json"}),
    case("unknown-member-ignored", "DescribeTable", {"TableName": "{T}", "Foo": "bar"}, setup=[hash_table()]),
    case("missing-authorization-bad-body", "DescribeTable", {"TableName": 5}, headers={"Authorization": None}, **MISSING_AUTH),
    case("unknown-operation-before-body", "Foo", {"TableName": 5}, **UNKNOWN_OP),
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
    case("n-value-number", "PutItem", {"TableName": "{T}", "Item": {"pk": {"S": "a"}, "n": {"N": 5}}}, setup=[hash_table()],
         aws={"status": 400, "type": SER, "message": "NUMBER_VALUE cannot be converted to String", "body": {}}, aws_note=SER_NOTE),
]
