"""Reserved words: bare in projection and update expressions they are rejected; through
ExpressionAttributeNames they are ordinary attribute names."""

from tests.golden.inputs.common import K, N, case, hash_table

CASES = []
# DynamoDB's reserved words may not appear bare in any expression kind
RESERVED = ["status", "date", "data", "count", "key", "timestamp", "user", "year", "comment", "group", "order", "table",
            "items", "hash", "range", "ttl", "source", "level"]
for word in RESERVED:
    CASES.append(case(f"reserved-projection-{word}", "GetItem", {"TableName": "{T}", "Key": K(), "ProjectionExpression": f"pk, {word}"},
                      setup=[hash_table()]))
for word in ["status", "date", "size", "values", "comment"]:
    CASES.append(case(f"reserved-update-{word}", "UpdateItem", {"TableName": "{T}", "Key": K(), "UpdateExpression": f"SET {word} = :x",
                                                                "ExpressionAttributeValues": {":x": N("1")}}, setup=[hash_table()]))
    CASES.append(case(f"reserved-via-name-{word}", "UpdateItem", {
        "TableName": "{T}", "Key": K(), "UpdateExpression": "SET #w = :x", "ExpressionAttributeNames": {"#w": word},
        "ExpressionAttributeValues": {":x": N("1")}, "ReturnValues": "ALL_NEW"}, setup=[hash_table()]))
