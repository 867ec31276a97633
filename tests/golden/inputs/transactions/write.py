"""TransactWriteItems: the four actions across tables, conditions and cancellation reasons,
ReturnValuesOnConditionCheckFailure, ClientRequestToken, consumed capacity, and bad input
(list limits, entries, duplicate targets, unknown tables, keys against the schema, values,
expressions, item and payload size)."""

from typing import Any

from tests.golden.inputs.common import (NOT_FOUND, N, S, case, enum_message, get, hash_table, put, range_table,
                                        step, table)

T = "{T}"
T2 = "{T2}"
SETUP = [hash_table(T), put({"pk": S("a"), "v": S("x"), "n": N(5)}), put({"pk": S("b"), "s": S("text")}),
         range_table(T2), put({"pk": S("r"), "sk": N(1), "v": S("y")}, T2)]
GSI_SETUP = [table(T, ("pk", "S"), None, BillingMode="PAY_PER_REQUEST",
                   AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                         {"AttributeName": "g", "AttributeType": "S"}],
                   GlobalSecondaryIndexes=[{"IndexName": "gsi1", "Projection": {"ProjectionType": "ALL"},
                                            "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}]}])]

ONE = "1 validation error detected: "
CANCELLED = "Transaction cancelled, please refer cancellation reasons for specific reasons [{}]"
CCF = "The conditional request failed"
PARITY = ("DynamoDB's answer as captured against AWS in 2026 (paritysuite/dynamodb-conformance tier3 "
          "transactWriteItems.test.ts / transactions validation-ordering); DynamoDB Local words it its own way")
LAYER = ("Transactions check values in DynamoDB's older layer: 'The parameter cannot be converted to a numeric "
         "value: <text>', expression values wrapped 'ExpressionAttributeValues contains invalid value' (AWS captures "
         "in us-east-1, eu-west-1, us-west-2, paritysuite/dynamodb-conformance valueLayers.test.ts); DynamoDB Local "
         "says 'A value provided cannot be converted into a number'")
CAPACITY = ("A transactional write costs twice a plain one, a ConditionCheck is charged as a write, and transactions "
            "report the WriteCapacityUnits split (AWS developer guide 'Capacity management for transactions'; "
            "measurements against DynamoDB published by martinhicks.dev, 2026); DynamoDB Local reports single units "
            "without the split")
REPLAY = ("A ClientRequestToken replay is charged as reads of the stored result, 2 RCU per item (TransactWriteItems "
          "API reference, ClientRequestToken; martinhicks.dev's 2026 measurements); DynamoDB Local repeats the first "
          "answer's capacity")
REASONS = ("CancellationReasons has one entry per action, in request order (TransactWriteItems API reference, "
           "TransactionCanceledException); DynamoDB Local lists only the key-update reason here")
DUPLICATE = ("No two actions may target the same item (TransactWriteItems API reference); DynamoDB Local misses the "
             "duplicate when the key has a number sort key and runs both actions")
SIZE_NOTE = ("A transacted Update over 400 KB is a cancellation whether or not the item exists (AWS, eu-west-2, "
             "paritysuite/dynamodb-conformance tier3 limits itemSizeBySurface.test.ts); DynamoDB Local refuses an "
             "update whose written values alone pass the limit before the transaction")
INDEX_CAPTURE = ("A wrong-typed or non-scalar index key cancels with the PutItem-style reason (AWS, eu-west-2, "
                 "Ketlark/dynamodb-conformance tier3 transactIndexKeys.test.ts); DynamoDB Local shortens the message")
INDEX_NOTE = ("DynamoDB names the key, the types and the index: 'Type mismatch for Index Key g Expected: S Actual: N "
              "IndexName: gsi1' (AWS, as PutItem reports it; see docs/index-facts.md); DynamoDB Local shortens it")
KEY_NOTE = ("DynamoDB reports the key's name and types in a Put's reason and 'The provided key element does not match "
            "the schema' for the Key of other actions (AWS captures, paritysuite/dynamodb-conformance "
            "transactWriteItems.test.ts); DynamoDB Local shortens both to 'Type mismatch for key'")
MODEL = ("DynamoDB reports the service model's constraint inside '1 validation error detected: ' with the value "
         "echoed (AWS captures, paritysuite/dynamodb-conformance transactWriteItems.test.ts); DynamoDB Local omits "
         "the envelope and the quotes")


def tw(*items: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"TransactItems": list(items), **extra}


def P(pk: str, name: str = T, **kw: Any) -> dict[str, Any]:
    item = {"pk": S(pk), **kw.pop("attrs", {})}
    return {"Put": {"TableName": name, "Item": item, **kw}}


def U(pk: str, expr: str, name: str = T, **kw: Any) -> dict[str, Any]:
    return {"Update": {"TableName": name, "Key": kw.pop("key", {"pk": S(pk)}), "UpdateExpression": expr, **kw}}


def D(pk: str, name: str = T, **kw: Any) -> dict[str, Any]:
    return {"Delete": {"TableName": name, "Key": kw.pop("key", {"pk": S(pk)}), **kw}}


def C(pk: str, cond: str, name: str = T, **kw: Any) -> dict[str, Any]:
    return {"ConditionCheck": {"TableName": name, "Key": kw.pop("key", {"pk": S(pk)}), "ConditionExpression": cond,
                               **kw}}


def error(message: str, note: str, type_: str = "ValidationException") -> dict[str, Any]:
    return {"aws": {"status": 400, "type": type_, "message": message, "body": {}}, "aws_note": note}


def cancelled(reasons: list[dict[str, Any]], note: str) -> dict[str, Any]:
    codes = ", ".join(r["Code"] for r in reasons)
    return {"aws": {"status": 400, "type": "TransactionCanceledException", "message": CANCELLED.format(codes),
                    "body": {"CancellationReasons": reasons}}, "aws_note": note}


def capacity(entries: list[tuple[str, float, str]], indexes: bool = False, note: str = CAPACITY,
             gsi: dict[str, float] | None = None) -> dict[str, Any]:
    out = []
    for name, units, member in entries:
        total = units + sum((gsi or {}).values())
        entry: dict[str, Any] = {"TableName": name, "CapacityUnits": total, member: total}
        if indexes:
            entry["Table"] = {"CapacityUnits": units, member: units}
            if gsi:
                entry["GlobalSecondaryIndexes"] = {n: {"CapacityUnits": u, member: u} for n, u in gsi.items()}
        out.append(entry)
    return {"aws": {"body": {"ConsumedCapacity": out}}, "aws_note": note}


def then_get(*pks: str, name: str = T) -> list[dict[str, Any]]:
    return [get({"pk": S(pk)}, name) for pk in pks]


VAL = {":v": S("new")}
GOOD: list[tuple[str, dict[str, Any], list[str], dict[str, Any]]] = [
    # (name, request, keys to read back afterwards, aws override)
    ("put-new", tw(P("new", attrs={"v": S("1")})), ["new"], {}),
    ("put-replace", tw(P("a", attrs={"w": S("2")})), ["a"], {}),
    ("update-set", tw(U("a", "SET v = :v", ExpressionAttributeValues=VAL)), ["a"], {}),
    ("update-add-new-item", tw(U("z", "ADD c :one", ExpressionAttributeValues={":one": N(1)})), ["z"], {}),
    ("update-remove", tw(U("a", "REMOVE v")), ["a"], {}),
    ("delete-existing", tw(D("a")), ["a"], {}),
    ("delete-missing", tw(D("nothing")), ["nothing"], {}),
    ("check-pass", tw(C("a", "attribute_exists(pk)")), ["a"], {}),
    ("check-and-put", tw(C("a", "v = :x", ExpressionAttributeValues={":x": S("x")}), P("c")), ["a", "c"], {}),
    ("all-four", tw(P("c"), U("a", "SET n = n + :one", ExpressionAttributeValues={":one": N(1)}), D("b"),
                    C("r", "attribute_exists(v)", T2, key={"pk": S("r"), "sk": N(1)})), ["a", "b", "c"], {}),
    ("two-tables", tw(P("c"), P("r2", T2, attrs={"sk": N(2)})), ["c"], {}),
    ("put-condition-pass", tw(P("c", ConditionExpression="attribute_not_exists(pk)")), ["c"], {}),
    ("update-condition-pass", tw(U("a", "SET v = :v", ConditionExpression="n > :m",
                                   ExpressionAttributeValues={":v": S("y"), ":m": N(1)})), ["a"], {}),
    ("delete-condition-pass", tw(D("a", ConditionExpression="v = :x", ExpressionAttributeValues={":x": S("x")})),
     ["a"], {}),
    ("names-and-values", tw(U("a", "SET #v = :v", ConditionExpression="#n = :five",
                              ExpressionAttributeNames={"#v": "v", "#n": "n"},
                              ExpressionAttributeValues={":v": S("q"), ":five": N(5)})), ["a"], {}),
    ("update-upsert-not-exists", tw(U("u", "SET v = :v", ConditionExpression="attribute_not_exists(pk)",
                                      ExpressionAttributeValues=VAL)), ["u"], {}),
    ("rvoccf-none-pass", tw(D("a", ReturnValuesOnConditionCheckFailure="NONE")), ["a"], {}),
    ("ricm-size", tw(P("c"), ReturnItemCollectionMetrics="SIZE"), ["c"], {}),
    ("rcc-none", tw(P("c"), ReturnConsumedCapacity="NONE"), ["c"], {}),
    ("rcc-total-put", tw(P("c"), ReturnConsumedCapacity="TOTAL"), ["c"], capacity([(T, 2.0, "WriteCapacityUnits")])),
    ("rcc-total-two-tables", tw(P("c"), P("r3", T2, attrs={"sk": N(3)}), D("a"), ReturnConsumedCapacity="TOTAL"), [],
     capacity([(T, 4.0, "WriteCapacityUnits"), (T2, 2.0, "WriteCapacityUnits")])),
    ("rcc-indexes", tw(P("c"), C("a", "attribute_exists(pk)"), ReturnConsumedCapacity="INDEXES"), [],
     capacity([(T, 4.0, "WriteCapacityUnits")], indexes=True)),
    ("rcc-big-item", tw(P("c", attrs={"d": S("x" * 2500)}), ReturnConsumedCapacity="TOTAL"), [],
     capacity([(T, 6.0, "WriteCapacityUnits")])),
]

FAILING: list[tuple[str, dict[str, Any], list[str], dict[str, Any]]] = [
    ("put-condition-fails", tw(P("a", ConditionExpression="attribute_not_exists(pk)")), ["a"], {}),
    ("update-condition-fails", tw(U("a", "SET v = :v", ConditionExpression="n > :m",
                                    ExpressionAttributeValues={":v": S("y"), ":m": N(10)})), ["a"], {}),
    ("update-missing-item-exists-check", tw(U("zz", "ADD c :one", ConditionExpression="attribute_exists(pk)",
                                              ExpressionAttributeValues={":one": N(1)})), ["zz"], {}),
    ("delete-condition-fails", tw(D("a", ConditionExpression="v = :y", ExpressionAttributeValues={":y": S("y")})),
     ["a"], {}),
    ("check-fails", tw(C("a", "attribute_not_exists(pk)")), ["a"], {}),
    ("check-fails-missing", tw(C("nope", "attribute_exists(pk)")), [], {}),
    ("second-fails", tw(P("c"), C("a", "attribute_not_exists(pk)")), ["c"], {}),
    ("first-fails", tw(C("a", "attribute_not_exists(pk)"), P("c")), ["c"], {}),
    ("both-fail", tw(P("a", ConditionExpression="attribute_not_exists(pk)"),
                     P("b", ConditionExpression="attribute_not_exists(pk)")), [], {}),
    ("rvoccf-all-old-put", tw(P("a", ConditionExpression="attribute_not_exists(pk)",
                                ReturnValuesOnConditionCheckFailure="ALL_OLD")), [], {}),
    ("rvoccf-all-old-check", tw(P("c"), C("a", "attribute_not_exists(pk)", ReturnValuesOnConditionCheckFailure="ALL_OLD")),
     ["c"], {}),
    ("rvoccf-all-old-missing-item", tw(C("nope", "attribute_exists(pk)", ReturnValuesOnConditionCheckFailure="ALL_OLD")),
     [], {}),
    ("rvoccf-all-old-update", tw(U("a", "SET v = :v", ConditionExpression="v = :y",
                                   ExpressionAttributeValues={":v": S("1"), ":y": S("y")},
                                   ReturnValuesOnConditionCheckFailure="ALL_OLD")), [], {}),
    ("rvoccf-all-old-delete", tw(D("b", ConditionExpression="attribute_not_exists(s)",
                                   ReturnValuesOnConditionCheckFailure="ALL_OLD")), [], {}),
    ("update-key-attribute", tw(U("a", "SET pk = :v", ExpressionAttributeValues=VAL)), [], {}),
    ("failed-condition-and-key-update", tw(C("a", "attribute_not_exists(pk)"),
                                           U("b", "SET pk = :v", ExpressionAttributeValues=VAL)), [],
     cancelled([{"Code": "ConditionalCheckFailed", "Message": CCF + "."},
                {"Code": "ValidationError", "Message": "One or more parameter values were invalid: Cannot update "
                                                       "attribute pk. This attribute is part of the key"}], REASONS)),
]


def _cases() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for name, body, keys, aws in GOOD:
        out.append(case(name, "TransactWriteItems", body, setup=SETUP, then=then_get(*keys), **aws))
    for name, body, keys, aws in FAILING:
        out.append(case(name, "TransactWriteItems", body, setup=SETUP, then=then_get(*keys), **aws))
    out += [
        case("replay-same-token", "TransactWriteItems",
             tw(U("a", "ADD n :one", ExpressionAttributeValues={":one": N(1)}), ClientRequestToken=T),
             setup=SETUP, then=[
                 step("TransactWriteItems", tw(U("a", "ADD n :one", ExpressionAttributeValues={":one": N(1)}),
                                               ClientRequestToken=T)),
                 *then_get("a")]),
        case("replay-token-capacity", "TransactWriteItems", tw(P("c"), ClientRequestToken=T,
                                                               ReturnConsumedCapacity="TOTAL"),
             setup=SETUP, then=[step("TransactWriteItems", tw(P("c"), ClientRequestToken=T,
                                                              ReturnConsumedCapacity="TOTAL"),
                                     **capacity([(T, 2.0, "ReadCapacityUnits")], note=REPLAY))],
             **capacity([(T, 2.0, "WriteCapacityUnits")])),
        case("replay-token-other-options", "TransactWriteItems", tw(P("c"), ClientRequestToken=T),
             setup=SETUP, then=[step("TransactWriteItems", tw(P("c"), ClientRequestToken=T,
                                                              ReturnItemCollectionMetrics="SIZE"))]),
        case("token-mismatch", "TransactWriteItems", tw(P("c"), ClientRequestToken=T),
             setup=SETUP, then=[step("TransactWriteItems", tw(P("d"), ClientRequestToken=T)), *then_get("c", "d")]),
        case("token-after-cancel-runs-again", "TransactWriteItems",
             tw(C("x", "attribute_exists(pk)"), ClientRequestToken=T),
             setup=SETUP, then=[put({"pk": S("x")}),
                                step("TransactWriteItems", tw(C("x", "attribute_exists(pk)"), ClientRequestToken=T))]),
        case("update-too-large-with-stored-item", "TransactWriteItems",
             tw(P("c"), U("big", "SET e = :v", ExpressionAttributeValues={":v": S("y" * 200_000)})),
             setup=[*SETUP, put({"pk": S("big"), "d": S("x" * 300_000)})], then=then_get("c")),
        case("update-too-large-fresh-key", "TransactWriteItems",
             tw(U("fresh", "SET p = :p", ExpressionAttributeValues={":p": S("x" * 409_593)})),
             setup=SETUP, then=then_get("fresh"),
             **cancelled([{"Code": "ValidationError", "Message": "Item size to update has exceeded the maximum "
                           "allowed size"}], SIZE_NOTE)),
        case("gsi-put", "TransactWriteItems", tw(P("g1", attrs={"g": S("v")}), ReturnConsumedCapacity="INDEXES"),
             setup=GSI_SETUP, **capacity([(T, 2.0, "WriteCapacityUnits")], indexes=True, gsi={"gsi1": 2.0})),
        case("gsi-key-type-mismatch", "TransactWriteItems", tw(P("g1", attrs={"g": N(1)})), setup=GSI_SETUP,
             **cancelled([{"Code": "ValidationError", "Message": "One or more parameter values were invalid: Type "
                           "mismatch for Index Key g Expected: S Actual: N IndexName: gsi1"}], INDEX_NOTE)),
        case("gsi-key-non-scalar", "TransactWriteItems", tw(P("g1", attrs={"g": {"L": [S("x")]}})), setup=GSI_SETUP,
             **cancelled([{"Code": "ValidationError", "Message": "One or more parameter values were invalid: Type "
                           "mismatch for Index Key g Expected: S Actual: L IndexName: gsi1"}], INDEX_CAPTURE)),
        case("gsi-key-empty", "TransactWriteItems", tw(P("g1", attrs={"g": S("")})), setup=GSI_SETUP),
        case("gsi-update-key-empty", "TransactWriteItems",
             tw(U("g1", "SET g = :v", ExpressionAttributeValues={":v": S("")})), setup=GSI_SETUP),
        case("gsi-update-key-empty-after-failed-check", "TransactWriteItems",
             tw(C("zz", "attribute_exists(pk)"), U("g1", "SET g = :v", ExpressionAttributeValues={":v": S("")})),
             setup=GSI_SETUP),
        case("gsi-update-key-type-mismatch", "TransactWriteItems", tw(U("g1", "SET g = :n",
                                                                         ExpressionAttributeValues={":n": N(1)})),
             setup=GSI_SETUP,
             **cancelled([{"Code": "ValidationError", "Message": "One or more parameter values were invalid: Type "
                           "mismatch for Index Key g Expected: S Actual: N IndexName: gsi1"}], INDEX_NOTE)),
    ]
    return out + _bad_cases()


def _bad_cases() -> list[dict[str, Any]]:
    nope = "{T9}"
    deep: dict[str, Any] = {"S": "leaf"}
    for _ in range(32):
        deep = {"M": {"n": deep}}
    big = [P(f"m{i:02d}", attrs={"d": S("x" * 390_000)}) for i in range(11)]
    rows: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
        ("empty-list", tw(), error("1 validation error detected: Value '[]' at 'transactItems' failed to satisfy "
                                   "constraint: Member must have length greater than or equal to 1", MODEL)),
        ("entry-without-action", tw({}), {}),
        ("entry-with-two-actions", tw({**P("a"), **D("b")}), {}),
        ("duplicate-puts", tw(P("a"), P("a")), {}),
        ("duplicate-put-delete", tw(P("c"), D("c")), {}),
        ("duplicate-check-update", tw(C("a", "attribute_exists(pk)"), U("a", "REMOVE v")), {}),
        ("duplicate-across-kinds-range", tw(D("r", T2, key={"pk": S("r"), "sk": N(1)}),
                                            C("r", "attribute_exists(pk)", T2, key={"pk": S("r"), "sk": N(1)})),
         error("Transaction request cannot include multiple operations on one item", DUPLICATE)),
        ("unknown-table", tw(P("a", nope)), NOT_FOUND),
        ("unknown-table-second", tw(P("c"), D("a", nope)), NOT_FOUND),
        ("item-too-large", tw(P("big", attrs={"d": S("x" * 410_000)})), {}),
        ("item-too-large-before-missing-table", tw(P("a", nope), P("big", attrs={"d": S("x" * 420_000)})), {}),
        ("payload-over-4mb", tw(*big), {}),
        ("payload-over-4mb-before-missing-table", tw(*big, D("q", nope)), {}),
        ("put-key-wrong-type", tw({"Put": {"TableName": T, "Item": {"pk": N(5)}}}),
         cancelled([{"Code": "ValidationError", "Message": "One or more parameter values were invalid: Type mismatch "
                     "for key pk expected: S actual: N"}], KEY_NOTE)),
        ("delete-key-wrong-type", tw(D("x", key={"pk": N(5)})),
         cancelled([{"Code": "ValidationError", "Message": "The provided key element does not match the schema"}],
                   KEY_NOTE)),
        ("check-key-wrong-type", tw(C("x", "attribute_exists(pk)", key={"pk": N(5)})),
         cancelled([{"Code": "ValidationError", "Message": "The provided key element does not match the schema"}],
                   KEY_NOTE)),
        ("update-key-wrong-type", tw(U("x", "REMOVE v", key={"pk": N(5)})),
         cancelled([{"Code": "ValidationError", "Message": "The provided key element does not match the schema"}],
                   KEY_NOTE)),
        ("second-key-wrong-type", tw(P("c"), D("x", key={"pk": N(5)})),
         cancelled([{"Code": "None"}, {"Code": "ValidationError", "Message": "The provided key element does not "
                                                                            "match the schema"}], KEY_NOTE)),
        ("failed-check-and-wrong-key", tw(C("a", "attribute_not_exists(pk)"), D("x", key={"pk": N(5)})),
         cancelled([{"Code": "ConditionalCheckFailed", "Message": CCF + "."},
                    {"Code": "ValidationError", "Message": "The provided key element does not match the schema"}],
                   KEY_NOTE)),
        ("put-empty-key", tw(P("")), {}),
        ("delete-empty-key", tw(D("")), {}),
        ("check-empty-key", tw(C("", "attribute_exists(pk)")), {}),
        ("update-type-error", tw(U("b", "SET s = s + :one", ExpressionAttributeValues={":one": N(1)})), {}),
        ("update-type-error-after-failed-check", tw(C("a", "attribute_not_exists(pk)"),
                                                    U("b", "SET s = s + :one", ExpressionAttributeValues={":one": N(1)})),
         {}),
        ("update-missing-path", tw(U("a", "SET v = nope.x")), {}),
        ("condition-syntax", tw(C("a", "attribute_not_exists(")), {}),
        ("condition-syntax-before-missing-table", tw(P("a", nope), C("a", "attribute_not_exists(")), {}),
        ("nesting-before-condition-syntax", tw(P("a", attrs={"d": deep}), C("c", "attribute_not_exists(")), {}),
        ("unused-value", tw(C("a", "attribute_exists(pk)", ExpressionAttributeValues={":v": S("x")})), {}),
        ("unused-value-before-missing-table", tw(P("a", nope), C("c", "attribute_exists(pk)",
                                                                  ExpressionAttributeValues={":v": S("x")})), {}),
        ("unused-value-before-duplicate", tw(P("a"), C("a", "attribute_exists(pk)",
                                                       ExpressionAttributeValues={":v": S("x")})), {}),
        ("unused-name", tw(D("a", ConditionExpression="attribute_exists(pk)", ExpressionAttributeNames={"#n": "n"})), {}),
        ("undefined-value", tw(D("a", ConditionExpression="v = :nope")), {}),
        ("update-syntax", tw(U("a", "SET")), {}),
        ("put-bad-number", tw(P("a", attrs={"n": N("abc")})),
         error("The parameter cannot be converted to a numeric value: abc", LAYER)),
        ("value-bad-number", tw(C("a", "n = :v", ExpressionAttributeValues={":v": N("abc")})),
         error("ExpressionAttributeValues contains invalid value: The parameter cannot be converted to a numeric value: "
               "abc for key :v", LAYER)),
        ("put-empty-set", tw(P("a", attrs={"s": {"SS": []}})), {}),
        ("rcc-bad-enum", tw(P("a"), ReturnConsumedCapacity="BOGUS"),
         error(enum_message("BOGUS", "returnConsumedCapacity", ["INDEXES", "TOTAL", "NONE"]), MODEL)),
        ("token-too-long", tw(P("a"), ClientRequestToken="x" * 37),
         error("1 validation error detected: Value '" + "x" * 37 + "' at 'clientRequestToken' failed to satisfy "
               "constraint: Member must have length less than or equal to 36", MODEL)),
        ("token-too-long-and-rcc-bad", tw(P("a"), ClientRequestToken="x" * 37, ReturnConsumedCapacity="BOGUS"),
         error("2 validation errors detected: Value '" + "x" * 37 + "' at 'clientRequestToken' failed to satisfy "
               "constraint: Member must have length less than or equal to 36; "
               + enum_message("BOGUS", "returnConsumedCapacity", ["INDEXES", "TOTAL", "NONE"])[len(ONE):], MODEL)),
        ("rcc-and-ricm-bad", tw(P("a"), ReturnConsumedCapacity="BOGUS", ReturnItemCollectionMetrics="BOGUS2"),
         error("2 validation errors detected: "
               + enum_message("BOGUS", "returnConsumedCapacity", ["INDEXES", "TOTAL", "NONE"])[len(ONE):] + "; "
               + enum_message("BOGUS2", "returnItemCollectionMetrics", ["SIZE", "NONE"])[len(ONE):], MODEL)),
        ("rcc-bad-before-missing-table", tw(P("a", nope), ReturnConsumedCapacity="BOGUS"),
         error(enum_message("BOGUS", "returnConsumedCapacity", ["INDEXES", "TOTAL", "NONE"]), MODEL)),
        ("rcc-bad-before-duplicate", tw(P("c"), D("c"), ReturnConsumedCapacity="BOGUS"),
         error(enum_message("BOGUS", "returnConsumedCapacity", ["INDEXES", "TOTAL", "NONE"]), MODEL)),
        ("check-without-condition", tw({"ConditionCheck": {"TableName": T, "Key": {"pk": S("a")}}}),
         error("1 validation error detected: Value null at 'transactItems.1.member.conditionCheck.conditionExpression' "
               "failed to satisfy constraint: Member must not be null", MODEL)),
    ]
    return [case(name, "TransactWriteItems", body, setup=SETUP, **aws) for name, body, aws in rows]


CASES = _cases()
