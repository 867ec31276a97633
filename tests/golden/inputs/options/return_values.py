"""ReturnValues, ReturnValuesOnConditionCheckFailure, ReturnConsumedCapacity and ConsistentRead
across PutItem / UpdateItem / DeleteItem / GetItem."""

from tests.golden.inputs.common import (K, N, S, enum_message, TRIM_NOTE, case, expr_params, hash_table, put, rich_setup, step, table,
                                        validation_override)

OLD = {"pk": S("k"), "a": N("1"), "m": {"M": {"x": N("1"), "y": N("2")}}, "keep": S("same")}


def enum_msg(value, member, values):
    return enum_message(value, member, values.split(", "))


RV_ENUM = "ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW"
RV_ENUM_VALUES = RV_ENUM.split(", ")
RV_BAD = "ReturnValues can only be ALL_OLD or NONE"
# An invalid ReturnValues of PutItem / DeleteItem / UpdateItem in AWS's newer wording (us-east-1
# since 2026-08: nubo-db/dynamodb-conformance captures/2026-08-12-wording-drift.json, exoego
# registry/splits.json update-item-validation-error-aggregation).
RV_NEWER = ("1 validation error detected: Failed to satisfy constraint: Member must satisfy enum value set: "
            "[ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATE_NEW, NONE]")
RV_NEWER_NOTE = "AWS us-east-1 2026-08/09 captures (nubo-db and exoego dynamodb-conformance): newer enum wording"
DELETE_MISSING_NOTE = ("DynamoDB Local reports ConsumedCapacity for a delete of a missing item although "
                       "ReturnConsumedCapacity was not requested; DynamoDB returns it only when asked")
CAP_ENUM = "INDEXES, TOTAL, NONE"
CASES = []
for rv in ["NONE", "ALL_OLD", "ALL_NEW", "UPDATED_OLD", "UPDATED_NEW", "BOGUS"]:
    for exists in (True, False):
        setup = [hash_table()] + ([put(OLD)] if exists else [])
        tag = "existing" if exists else "new"
        put_only = rv in ("NONE", "ALL_OLD")
        bad = validation_override(RV_BAD if rv in RV_ENUM_VALUES else RV_NEWER)
        if rv not in RV_ENUM_VALUES:
            bad["aws_note"] = RV_NEWER_NOTE
        CASES.append(case(f"put-{rv.lower()}-{tag}", "PutItem", {"TableName": "{T}", "Item": {"pk": S("k"), "b": N("2")}, "ReturnValues": rv},
                          setup=setup, **({} if put_only else bad)))
        delete_kw = {} if put_only else bad
        if put_only and not exists:
            delete_kw = {"aws": {"body": {}}, "aws_note": DELETE_MISSING_NOTE}
        CASES.append(case(f"delete-{rv.lower()}-{tag}", "DeleteItem", {"TableName": "{T}", "Key": K(), "ReturnValues": rv},
                          setup=setup, **delete_kw))
        update = ("SET a = :two, m.y = :two, keep = :same, fresh = :one REMOVE m.x" if exists
                  else "SET a = :two, keep = :same REMOVE m")
        CASES.append(case(f"update-{rv.lower()}-{tag}", "UpdateItem", {
            "TableName": "{T}", "Key": K(), "ReturnValues": rv, "UpdateExpression": update,
            **expr_params(update)}, setup=setup,
            **({} if rv in RV_ENUM_VALUES else dict(validation_override(RV_NEWER), aws_note=RV_NEWER_NOTE))))

for op, body in [
    ("PutItem", {"Item": {"pk": S("k"), "b": N("2")}, "ConditionExpression": "a = :two", "ExpressionAttributeValues": {":two": N("2")}}),
    ("UpdateItem", {"Key": K(), "UpdateExpression": "SET b = :two", "ConditionExpression": "a = :two", "ExpressionAttributeValues": {":two": N("2")}}),
    ("DeleteItem", {"Key": K(), "ConditionExpression": "a = :two", "ExpressionAttributeValues": {":two": N("2")}}),
]:
    for mode in ["ALL_OLD", "NONE", "ALL_NEW"]:
        kw = {}
        if mode == "ALL_NEW":
            kw = validation_override(enum_msg("ALL_NEW", "returnValuesOnConditionCheckFailure", "ALL_OLD, NONE"))
            kw["aws_note"] = "DynamoDB Local accepts any ReturnValuesOnConditionCheckFailure; DynamoDB checks the enum"
        CASES.append(case(f"{op.lower()}-on-failure-{mode.lower()}", op, {"TableName": "{T}", "ReturnValuesOnConditionCheckFailure": mode, **body},
                          setup=[hash_table(), put(OLD)], **kw))
    CASES.append(case(f"{op.lower()}-on-failure-missing-item", op, {"TableName": "{T}", "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
                                                                     **dict(body, **({"Key": K("none")} if "Key" in body else {"Item": {"pk": S("none")}}))},
                      setup=[hash_table()]))

GSI_TABLE = table("{T}", ("pk", "S"), None, BillingMode="PAY_PER_REQUEST",
                  AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "g", "AttributeType": "S"}],
                  GlobalSecondaryIndexes=[{"IndexName": "byg", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                           "Projection": {"ProjectionType": "ALL"}}])
BIG = {"pk": S("k"), "data": S("<<d*3000>>")}
for cap in ["TOTAL", "INDEXES", "NONE", "BOGUS"]:
    kw = {}
    if cap == "BOGUS":
        kw = validation_override(enum_msg("BOGUS", "returnConsumedCapacity", CAP_ENUM))
        kw["aws_note"] = "DynamoDB Local accepts any ReturnConsumedCapacity; DynamoDB checks the enum"
    elif cap == "NONE":
        kw = {}
    CASES += [
        case(f"capacity-{cap.lower()}-put", "PutItem", {"TableName": "{T}", "Item": {"pk": S("k"), "g": S("x")}, "ReturnConsumedCapacity": cap},
             setup=[GSI_TABLE], **kw),
        case(f"capacity-{cap.lower()}-put-big-item", "PutItem", {"TableName": "{T}", "Item": BIG, "ReturnConsumedCapacity": cap},
             setup=[hash_table()], **kw),
        case(f"capacity-{cap.lower()}-get-consistent", "GetItem", {"TableName": "{T}", "Key": K(), "ConsistentRead": True, "ReturnConsumedCapacity": cap},
             setup=[hash_table(), put(BIG)], **kw),
        case(f"capacity-{cap.lower()}-get-eventual", "GetItem", {"TableName": "{T}", "Key": K(), "ConsistentRead": False, "ReturnConsumedCapacity": cap},
             setup=[hash_table(), put(BIG)], **kw),
        case(f"capacity-{cap.lower()}-get-missing", "GetItem", {"TableName": "{T}", "Key": K("none"), "ReturnConsumedCapacity": cap},
             setup=[hash_table()], **kw),
        case(f"capacity-{cap.lower()}-update-indexed", "UpdateItem", {"TableName": "{T}", "Key": K(), "UpdateExpression": "SET g = :x",
                                                                       "ReturnConsumedCapacity": cap, **expr_params(":x")},
             setup=[GSI_TABLE, put({"pk": S("k"), "g": S("a")})], **kw),
        case(f"capacity-{cap.lower()}-delete", "DeleteItem", {"TableName": "{T}", "Key": K(), "ReturnConsumedCapacity": cap},
             setup=[hash_table(), put(BIG)], **kw),
    ]
CASES += [
    case("capacity-failed-condition", "PutItem", {"TableName": "{T}", "Item": K(), "ConditionExpression": "attribute_not_exists(pk)",
                                                  "ReturnConsumedCapacity": "TOTAL"}, setup=[hash_table(), put(OLD)]),
    case("consistent-read-true", "GetItem", {"TableName": "{T}", "Key": K(), "ConsistentRead": True}, setup=[hash_table(), put(OLD)]),
    case("consistent-read-false", "GetItem", {"TableName": "{T}", "Key": K(), "ConsistentRead": False}, setup=[hash_table(), put(OLD)]),
    case("return-values-lowercase", "PutItem", {"TableName": "{T}", "Item": K(), "ReturnValues": "all_old"}, setup=[hash_table()],
         **dict(validation_override(RV_NEWER), aws_note=RV_NEWER_NOTE)),
]
