"""Query: key conditions (every operator and every invalid form), filters, projections, Select,
order, Limit and paging, counts, capacity, and the legacy KeyConditions / QueryFilter /
AttributesToGet parameters."""

from typing import Any

from tests.golden.inputs.common import (NOT_FOUND, WRAPPED_VALUE, N, S, case, enum_message, put, range_table, step,
                                        table)

LIMIT_NOTE = ("DynamoDB Local omits LastEvaluatedKey when a page ends exactly at Limit; DynamoDB returns it "
              "whenever it stopped because of Limit (Query/Scan docs: 'LastEvaluatedKey ... If LastEvaluatedKey is "
              "present in the response, you will need to paginate'; nubo-db/dynamodb-conformance query pagination tests)")
MISSED_NOTE = ("DynamoDB names the key it missed: 'Query condition missed key schema element: pk', and the sort key "
               "when a condition names another attribute (moto's tests recorded against AWS: 'missed key schema "
               "element: gsiK1SortKey'; brief fact 3); DynamoDB Local omits the name")
DYNALITE_NOTE = ("DynamoDB Local words this its own way; the AWS message is DynamoDB's as recorded against AWS by "
                 "dynalite's test suite (query/scan validation tests)")
MODEL_NOTE = ("DynamoDB Local words this its own way; DynamoDB reports the service model's constraint "
              "('1 validation error detected: ...', botocore service-2.json; nubo-db/dynamodb-conformance tier1 "
              "query/scan validation)")
NESTED_NOTE = ("DynamoDB rejects a nested path on a key attribute with 'Invalid KeyConditionExpression: "
               "KeyConditionExpressions cannot have conditions on nested attributes' (nubo-db/dynamodb-conformance "
               "tier1 query validation; dynoxide's changelog: confirmed against DynamoDB in eu-west-2); DynamoDB "
               "Local has its own text")
START_NOTE = ("Query answers a start key of the wrong shape with 'The provided starting key is invalid' (AWS captures, "
              "paritysuite/dynamodb-conformance tier3 error-messages query.test.ts vs scan.test.ts; dynalite)")


def error(message: str, note: str) -> dict[str, Any]:
    return {"aws": {"status": 400, "type": "ValidationException", "message": message, "body": {}}, "aws_note": note}


MISSED_KEY = {"non-key-attribute": "sk", "reserved-word": "sk"}


def missed(name: str) -> dict[str, Any]:
    key = MISSED_KEY.get(name, "pk")
    return {"aws": lambda r: ({"message": r["message"] + ": " + key}
                              if (r.get("message") or "").endswith("missed key schema element") else {}),
            "aws_note": MISSED_NOTE}


NESTED = "Invalid KeyConditionExpression: KeyConditionExpressions cannot have conditions on nested attributes"
KCE_NOTE = ("DynamoDB's answer as captured against AWS in eu-west-2, October 2026 (paritysuite/dynamodb-conformance "
            "tier3 error-messages queryKeyConditionOperands.test.ts); DynamoDB Local words it its own way")
ONE_PER_KEY = "Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key"
TOO_MANY = "The number of query conditions (3) exceeds the number of key attributes defined in the schema (2)"
COUNT_NOTE = ("DynamoDB counts the conditions against the key's attributes first (AWS, eu-west-2, October 2026: "
              "paritysuite/dynamodb-conformance tier3 error-messages queryKeyConditionOperands.test.ts; a user's AWS "
              "report of 'The number of query conditions (2) exceeds the number of key attributes' on a table with a "
              "partition key only); DynamoDB Local answers 'Query key condition not supported'")
KCE_OVERRIDES = {"nested-path": error(NESTED, NESTED_NOTE), "list-index": error(NESTED, NESTED_NOTE),
                 "two-on-sk": error(ONE_PER_KEY, KCE_NOTE), "two-on-pk": error(ONE_PER_KEY, KCE_NOTE),
                 "three-attributes": error(TOO_MANY, KCE_NOTE)}


def items(pk: str = "a", n: int = 5, name: str = "{T}") -> list[dict[str, Any]]:
    return [put({"pk": S(pk), "sk": N(i), "v": S(f"v{i}"), "n": N(i * 10), "odd": {"BOOL": bool(i % 2)}}, name)
            for i in range(1, n + 1)]


SETUP = [range_table(), *items("a"), *items("b", 2)]
STR_SETUP = [table("{T}", ("pk", "S"), ("sk", "S")),
             *[put({"pk": S("a"), "sk": S(s)}) for s in ("apple", "apricot", "banana", "b", "ba")]]
VALS = {":a": S("a"), ":b": S("b"), ":zz": S("zz"), ":one": N(1), ":two": N(2), ":three": N(3), ":four": N(4),
        ":five": N(5), ":x": S("x"), ":ap": S("ap"), ":s1": S("v1"), ":ten": N(10), ":t": {"BOOL": True},
        ":ba": S("ba"), ":c": S("c"), ":ss": {"SS": ["a"]}, ":nul": {"NULL": True}, ":bin": {"B": "AQ=="}}
NAMES = {"#pk": "pk", "#sk": "sk", "#v": "v", "#n": "n"}


def used(body: dict[str, Any]) -> dict[str, Any]:
    text = " ".join(str(body.get(k) or "") for k in
                    ("KeyConditionExpression", "FilterExpression", "ProjectionExpression"))
    vals = {k: v for k, v in VALS.items() if any(
        text[i + len(k):i + len(k) + 1] in ("", " ", ")", ",") for i in _find(text, k))}
    names = {k: v for k, v in NAMES.items() if k in text}
    if vals and "ExpressionAttributeValues" not in body:
        body["ExpressionAttributeValues"] = vals
    if names and "ExpressionAttributeNames" not in body:
        body["ExpressionAttributeNames"] = names
    return body


def _find(text: str, sub: str) -> list[int]:
    out, i = [], text.find(sub)
    while i >= 0:
        out.append(i)
        i = text.find(sub, i + 1)
    return out


def q(kce: str | None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"TableName": "{T}"}
    if kce is not None:
        body["KeyConditionExpression"] = kce
    body.update(extra)
    return used(body)


KEY_CONDITIONS = {
    "pk-only": "pk = :a",
    "pk-other-partition": "pk = :b",
    "pk-absent-partition": "pk = :zz",
    "reversed-operands": ":a = pk",
    "sk-eq": "pk = :a AND sk = :three",
    "sk-lt": "pk = :a AND sk < :three",
    "sk-le": "pk = :a AND sk <= :three",
    "sk-gt": "pk = :a AND sk > :three",
    "sk-ge": "pk = :a AND sk >= :three",
    "sk-between": "pk = :a AND sk BETWEEN :two AND :four",
    "sk-between-same": "pk = :a AND sk BETWEEN :two AND :two",
    "sk-first": "sk = :three AND pk = :a",
    "sk-reversed-lt": "pk = :a AND :three < sk",
    "parens": "(pk = :a) AND (sk > :one)",
    "outer-parens": "(pk = :a AND sk > :one)",
    "names": "#pk = :a AND #sk >= :two",
    "sk-gt-none": "pk = :a AND sk > :ten",
    # invalid
    "non-key-attribute": "pk = :a AND v = :s1",
    "only-non-key": "v = :s1",
    "or": "pk = :a OR sk = :one",
    "not": "NOT pk = :a",
    "not-sk": "pk = :a AND NOT sk = :one",
    "two-on-sk": "pk = :a AND sk > :one AND sk < :four",
    "two-on-pk": "pk = :a AND pk = :b",
    "three-attributes": "pk = :a AND sk > :one AND v = :s1",
    "pk-lt": "pk < :a",
    "pk-ne": "pk <> :a",
    "sk-ne": "pk = :a AND sk <> :one",
    "pk-in": "pk IN (:a, :b)",
    "sk-in": "pk = :a AND sk IN (:one, :two)",
    "missing-pk": "sk = :one",
    "pk-begins-with": "begins_with(pk, :a)",
    "attribute-exists": "pk = :a AND attribute_exists(sk)",
    "attribute-not-exists": "attribute_not_exists(pk)",
    "contains": "pk = :a AND contains(sk, :one)",
    "size": "pk = :a AND size(sk) > :one",
    "attribute-type": "pk = :a AND attribute_type(sk, :a)",
    "pk-wrong-type": "pk = :one",
    "sk-wrong-type": "pk = :a AND sk = :a",
    "sk-between-wrong-type": "pk = :a AND sk BETWEEN :a AND :b",
    "sk-between-reversed": "pk = :a AND sk BETWEEN :four AND :two",
    "sk-between-mixed-types": "pk = :a AND sk BETWEEN :one AND :b",
    "begins-with-number-sk": "pk = :a AND begins_with(sk, :one)",
    "pk-bool": "pk = :t",
    "pk-set": "pk = :ss",
    "pk-null": "pk = :nul",
    "pk-binary": "pk = :bin",
    "attr-vs-attr": "pk = sk",
    "value-vs-value": ":a = :b",
    "nested-path": "pk.x = :a",
    "list-index": "pk[0] = :a",
    "empty": "",
    "syntax-error": "pk = ",
    "trailing-and": "pk = :a AND",
    "unknown-function": "pk = :a AND foo(sk)",
    "undefined-value": "pk = :undef",
    "undefined-name": "#nope = :a",
    "reserved-word": "pk = :a AND size = :one",
}
CASES = [case(f"kce-{name}", "Query", q(kce), setup=SETUP, **KCE_OVERRIDES.get(name, missed(name)))
         for name, kce in KEY_CONDITIONS.items()]

STRING_KEYS = {
    "begins-with": "pk = :a AND begins_with(sk, :ap)",
    "begins-with-names": "#pk = :a AND begins_with(#sk, :ap)",
    "begins-with-no-match": "pk = :a AND begins_with(sk, :c)",
    "string-between": "pk = :a AND sk BETWEEN :b AND :ba",
    "string-gt": "pk = :a AND sk > :b",
    "string-lt": "pk = :a AND sk < :b",
    "begins-with-reversed-args": "pk = :a AND begins_with(:ap, sk)",
    "begins-with-one-arg": "pk = :a AND begins_with(sk)",
    "begins-with-binary-operand": "pk = :a AND begins_with(sk, :bin)",
}
CASES += [case(f"string-sk-{name}", "Query", q(kce), setup=STR_SETUP) for name, kce in STRING_KEYS.items()]

CASES += [
    case("no-key-condition", "Query", {"TableName": "{T}"}, setup=SETUP),
    case("missing-table", "Query", q("pk = :a", TableName="{T2}"), setup=SETUP, **NOT_FOUND),
    case("hash-table-sk-condition", "Query", q("pk = :a AND sk = :one"),
         setup=[table("{T}", ("pk", "S")), put({"pk": S("a")})],
         **error("The number of query conditions (2) exceeds the number of key attributes defined in the schema (1)",
                 COUNT_NOTE)),
    case("hash-table-pk", "Query", q("pk = :a"), setup=[table("{T}", ("pk", "S")), put({"pk": S("a"), "x": N(1)})]),
    case("unused-value", "Query", q("pk = :a", ExpressionAttributeValues={":a": S("a"), ":b": S("b")}), setup=SETUP),
    case("unused-name", "Query", q("pk = :a", ExpressionAttributeNames={"#x": "x"}), setup=SETUP),
    case("empty-values-map", "Query", q("pk = :a", ExpressionAttributeValues={}), setup=SETUP),
    case("empty-string-pk-value", "Query", q("pk = :a", ExpressionAttributeValues={":a": S("")}), setup=SETUP),
    case("invalid-value-empty-set", "Query", q("pk = :a", ExpressionAttributeValues={":a": {"SS": []}}), setup=SETUP,
         aws=lambda r: {"message": WRAPPED_VALUE.sub(r"\1", r["message"])},
         aws_note="Query checks values in DynamoDB's current layer, which reports a bad ExpressionAttributeValues value "
                  "bare (AWS captures, paritysuite/dynamodb-conformance tier3 error-messages valueLayers.test.ts); "
                  "DynamoDB Local wraps it"),
]

# options: filter, projection, Select, order, Limit, paging, capacity
OPTIONS = {
    "filter": dict(FilterExpression="n > :ten"),
    "filter-all-out": dict(FilterExpression="n > :ten AND v = :x"),
    "filter-on-sk": dict(FilterExpression="sk > :one"),
    "filter-on-pk": dict(FilterExpression="pk = :a"),
    "filter-bool": dict(FilterExpression="odd = :t"),
    "filter-limit": dict(FilterExpression="odd = :t", Limit=2),
    "filter-syntax-error": dict(FilterExpression="n >"),
    "filter-empty": dict(FilterExpression=""),
    "projection": dict(ProjectionExpression="v, sk"),
    "projection-names": dict(ProjectionExpression="#v"),
    "projection-missing-attr": dict(ProjectionExpression="nothing"),
    "projection-empty": dict(ProjectionExpression=""),
    "projection-overlap": dict(ProjectionExpression="v, v"),
    "select-all-attributes": dict(Select="ALL_ATTRIBUTES"),
    "select-count": dict(Select="COUNT"),
    "select-count-filter": dict(Select="COUNT", FilterExpression="odd = :t"),
    "select-count-limit": dict(Select="COUNT", Limit=2),
    "select-specific-with-projection": dict(Select="SPECIFIC_ATTRIBUTES", ProjectionExpression="v"),
    "select-specific-without-projection": dict(Select="SPECIFIC_ATTRIBUTES"),
    "select-all-with-projection": dict(Select="ALL_ATTRIBUTES", ProjectionExpression="v"),
    "select-count-with-projection": dict(Select="COUNT", ProjectionExpression="v"),
    "select-all-projected-no-index": dict(Select="ALL_PROJECTED_ATTRIBUTES"),
    "select-bad": dict(Select="SOME"),
    "backward": dict(ScanIndexForward=False),
    "backward-limit": dict(ScanIndexForward=False, Limit=2),
    "limit-1": dict(Limit=1),
    "limit-2": dict(Limit=2),
    "limit-4": dict(Limit=4),
    "limit-6": dict(Limit=6),
    "limit-0": dict(Limit=0),
    "limit-negative": dict(Limit=-1),
    "consistent-read": dict(ConsistentRead=True),
    "consistent-read-false": dict(ConsistentRead=False),
    "capacity-total": dict(ReturnConsumedCapacity="TOTAL"),
    "capacity-indexes": dict(ReturnConsumedCapacity="INDEXES"),
    "capacity-none": dict(ReturnConsumedCapacity="NONE"),
    "esk": dict(ExclusiveStartKey={"pk": S("a"), "sk": N(2)}),
    "esk-backward": dict(ExclusiveStartKey={"pk": S("a"), "sk": N(4)}, ScanIndexForward=False),
    "esk-absent-item": dict(ExclusiveStartKey={"pk": S("a"), "sk": N("2.5")}),
    "esk-last": dict(ExclusiveStartKey={"pk": S("a"), "sk": N(5)}),
    "esk-limit": dict(ExclusiveStartKey={"pk": S("a"), "sk": N(1)}, Limit=2),
    "esk-missing-sk": dict(ExclusiveStartKey={"pk": S("a")}),
    "esk-extra-attribute": dict(ExclusiveStartKey={"pk": S("a"), "sk": N(2), "v": S("x")}),
    "esk-other-partition": dict(ExclusiveStartKey={"pk": S("b"), "sk": N(1)}),
    "esk-empty": dict(ExclusiveStartKey={}),
}
SELECTS = ["ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT"]
# Query's Limit is checked in AWS's newer validation framework: no value echoed, the member named
# 'Limit' (Scan's still reads "Value '0' at 'limit'").
LIMIT_MIN = "1 validation error detected: Value at 'Limit' failed to satisfy constraint: Member must have value greater than or equal to 1"
LIMIT_NOTE_AWS = ("DynamoDB Local words this its own way; DynamoDB's answer as captured against AWS in 2026 "
                  "(nubo-db/dynamodb-conformance tier3 error-messages query.test.ts, 'Limit of 0')")
OPTION_OVERRIDES = {
    "select-bad": error(enum_message("SOME", "select", SELECTS), MODEL_NOTE),
    "limit-0": error(LIMIT_MIN, LIMIT_NOTE_AWS),
    "limit-negative": error(LIMIT_MIN, LIMIT_NOTE_AWS),
    "select-specific-without-projection": error(
        "1 validation error detected: Must specify the AttributesToGet or ProjectionExpression when choosing to get "
        "SPECIFIC_ATTRIBUTES",
        "DynamoDB's Query reports this inside the constraint envelope, Scan bare (AWS captures, 2026: "
        "nubo-db/dynamodb-conformance tier3 error-messages query.test.ts); DynamoDB Local answers it bare"),
    "esk-missing-sk": error("The provided starting key is invalid", START_NOTE),
    "esk-extra-attribute": error("The provided starting key is invalid", START_NOTE),
    "esk-other-partition": error("The provided starting key is outside query boundaries based on provided conditions",
                                 DYNALITE_NOTE),
}
CASES += [case(f"opt-{name}", "Query", q("pk = :a", **extra), setup=SETUP, **OPTION_OVERRIDES.get(name, {}))
          for name, extra in OPTIONS.items()]

# a page that ends exactly at Limit: partition "b" has two items
CASES += [
    case("limit-exact-page", "Query", q("pk = :b", Limit=2), setup=SETUP,
         aws=lambda r: {} if r["status"] != 200 or "LastEvaluatedKey" in r["body"] else
         {"body": dict(r["body"], LastEvaluatedKey={"pk": S("b"), "sk": N(2)})}, aws_note=LIMIT_NOTE),
    case("limit-exact-page-sk-range", "Query", q("pk = :a AND sk <= :three", Limit=3), setup=SETUP,
         aws=lambda r: {} if r["status"] != 200 or "LastEvaluatedKey" in r["body"] else
         {"body": dict(r["body"], LastEvaluatedKey={"pk": S("a"), "sk": N(3)})}, aws_note=LIMIT_NOTE),
    case("limit-past-end", "Query", q("pk = :b", Limit=3), setup=SETUP),
    case("paging-two-pages", "Query", q("pk = :a", Limit=3), setup=SETUP,
         then=[step("Query", q("pk = :a", Limit=3, ExclusiveStartKey={"pk": S("a"), "sk": N(3)}))]),
]

# legacy parameters
def kc(op: str, *vals: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"ComparisonOperator": op}
    if vals:
        out["AttributeValueList"] = list(vals)
    return out


LEGACY = {
    "kc-eq": {"pk": kc("EQ", S("a"))},
    "kc-sk-lt": {"pk": kc("EQ", S("a")), "sk": kc("LT", N(3))},
    "kc-sk-le": {"pk": kc("EQ", S("a")), "sk": kc("LE", N(3))},
    "kc-sk-gt": {"pk": kc("EQ", S("a")), "sk": kc("GT", N(3))},
    "kc-sk-ge": {"pk": kc("EQ", S("a")), "sk": kc("GE", N(3))},
    "kc-sk-between": {"pk": kc("EQ", S("a")), "sk": kc("BETWEEN", N(2), N(4))},
    "kc-sk-eq": {"pk": kc("EQ", S("a")), "sk": kc("EQ", N(4))},
    "kc-missing-pk": {"sk": kc("EQ", N(4))},
    "kc-pk-gt": {"pk": kc("GT", S("a"))},
    "kc-sk-ne": {"pk": kc("EQ", S("a")), "sk": kc("NE", N(3))},
    "kc-sk-in": {"pk": kc("EQ", S("a")), "sk": kc("IN", N(3))},
    "kc-non-key": {"pk": kc("EQ", S("a")), "v": kc("EQ", S("v1"))},
    "kc-eq-two-values": {"pk": kc("EQ", S("a"), S("b"))},
    "kc-between-one-value": {"pk": kc("EQ", S("a")), "sk": kc("BETWEEN", N(2))},
    "kc-wrong-type": {"pk": kc("EQ", N(1))},
    "kc-begins-with-number": {"pk": kc("EQ", S("a")), "sk": kc("BEGINS_WITH", N(1))},
    "kc-null": {"pk": kc("NULL")},
    "kc-empty": {},
}
LEGACY_OVERRIDES = {
    "kc-missing-pk": missed("kc-missing-pk"),
    "kc-non-key": {"aws": {"message": "Query condition missed key schema element: sk"}, "aws_note": MISSED_NOTE},
    "kc-sk-ne": error("Attempted conditional constraint is not an indexable operation",
                      "DynamoDB Local fails with 500 InternalFailure; " + DYNALITE_NOTE),
    "kc-null": error("Query key condition not supported", DYNALITE_NOTE),
    "kc-empty": error("Conditions can be of length 1 or 2 only", DYNALITE_NOTE),
}
CASES += [case(f"legacy-{name}", "Query", {"TableName": "{T}", "KeyConditions": cond}, setup=SETUP,
               **LEGACY_OVERRIDES.get(name, {}))
          for name, cond in LEGACY.items()]

KCA = {"pk": kc("EQ", S("a"))}
CASES += [
    case("legacy-query-filter", "Query", {"TableName": "{T}", "KeyConditions": KCA,
                                          "QueryFilter": {"n": kc("GT", N(20))}}, setup=SETUP),
    case("legacy-query-filter-or", "Query", {"TableName": "{T}", "KeyConditions": KCA, "ConditionalOperator": "OR",
                                             "QueryFilter": {"n": kc("GT", N(40)), "v": kc("EQ", S("v1"))}}, setup=SETUP),
    case("legacy-query-filter-on-key", "Query", {"TableName": "{T}", "KeyConditions": KCA,
                                                 "QueryFilter": {"sk": kc("GT", N(2))}}, setup=SETUP),
    case("legacy-attributes-to-get", "Query", {"TableName": "{T}", "KeyConditions": KCA, "AttributesToGet": ["v", "sk"]},
         setup=SETUP),
    case("legacy-attributes-to-get-select-specific", "Query", {"TableName": "{T}", "KeyConditions": KCA,
         "AttributesToGet": ["v"], "Select": "SPECIFIC_ATTRIBUTES"}, setup=SETUP),
    case("legacy-attributes-to-get-select-all", "Query", {"TableName": "{T}", "KeyConditions": KCA,
         "AttributesToGet": ["v"], "Select": "ALL_ATTRIBUTES"}, setup=SETUP),
    case("legacy-attributes-to-get-duplicate", "Query", {"TableName": "{T}", "KeyConditions": KCA,
         "AttributesToGet": ["v", "v"]}, setup=SETUP,
         **error("One or more parameter values were invalid: Duplicate value in attribute name: v", DYNALITE_NOTE)),
    case("legacy-conditional-operator-alone", "Query", {"TableName": "{T}", "KeyConditions": KCA,
                                                        "ConditionalOperator": "AND"}, setup=SETUP),
    case("mix-kc-and-kce", "Query", q("pk = :a", KeyConditions=KCA), setup=SETUP),
    case("mix-query-filter-and-filter-expression", "Query", q("pk = :a", FilterExpression="n > :ten",
                                                              QueryFilter={"n": kc("GT", N(20))}), setup=SETUP),
    case("mix-kc-and-filter-expression", "Query", q(None, KeyConditions=KCA, FilterExpression="n > :ten"), setup=SETUP),
    case("mix-kce-and-query-filter", "Query", q("pk = :a", QueryFilter={"n": kc("GT", N(20))}), setup=SETUP),
    case("mix-attributes-to-get-and-projection", "Query", q("pk = :a", ProjectionExpression="v",
                                                            AttributesToGet=["v"]), setup=SETUP),
    case("mix-kce-and-attributes-to-get", "Query", q("pk = :a", AttributesToGet=["v"]), setup=SETUP),
    case("mix-kce-and-conditional-operator", "Query", q("pk = :a", ConditionalOperator="OR"), setup=SETUP),
    case("kc-with-expression-values", "Query", {"TableName": "{T}", "KeyConditions": KCA,
                                                "ExpressionAttributeValues": {":a": S("a")}}, setup=SETUP,
         **error("ExpressionAttributeValues can only be specified when using expressions", DYNALITE_NOTE)),
]
