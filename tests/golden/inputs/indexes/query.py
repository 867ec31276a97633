"""Query with IndexName on global and local secondary indexes: results and their order,
projections, Select, ProjectionExpression, ConsistentRead, paging (LastEvaluatedKey holds the
index key and the table key), bad ExclusiveStartKey, key conditions that miss the index's key,
consumed capacity, and multi-attribute GSI keys with their key-condition rules.

Every GSI query reads one index partition whose items have distinct index sort keys, so the
order is the index's key order in every implementation (DynamoDB documents no order for items
with equal index keys; docs/index-facts.md says what DynamoDB Local does)."""

from __future__ import annotations

from typing import Any

from tests.golden.inputs.common import N, S, case, put, step
from tests.golden.inputs.indexes._shared import ad, include, index, in_local_order, ks, lsi

#   gall  GSI  gk / gr (N)   ALL
#   gko   GSI  gk / gr (N)   KEYS_ONLY
#   ginc  GSI  gk / gr (N)   INCLUDE [a]
#   ghash GSI  gh            KEYS_ONLY (hash only; its partitions hold one item each)
#   lko   LSI  pk / lk (S)   KEYS_ONLY
#   linc  LSI  pk / ln (N)   INCLUDE [a]
TABLE = step("CreateTable", {
    "TableName": "{T}", "BillingMode": "PAY_PER_REQUEST",
    "KeySchema": ks(("pk", "HASH"), ("sk", "RANGE")),
    "AttributeDefinitions": ad(pk="S", sk="N", gk="S", gr="N", gh="S", lk="S", ln="N"),
    "GlobalSecondaryIndexes": in_local_order([
        index("gall", (("gk", "HASH"), ("gr", "RANGE")), "ALL"),
        index("gko", (("gk", "HASH"), ("gr", "RANGE")), "KEYS_ONLY"),
        index("ginc", (("gk", "HASH"), ("gr", "RANGE")), include("a")),
        index("ghash", (("gh", "HASH"),), "KEYS_ONLY")]),
    "LocalSecondaryIndexes": in_local_order([lsi("lko", "lk", "KEYS_ONLY"), lsi("linc", "ln", include("a"))]),
})
ITEMS = [
    {"sk": N(1), "gk": S("x"), "gr": N(30), "gh": S("h1"), "lk": S("m3"), "ln": N(5), "a": S("A1"), "b": S("B1")},
    {"sk": N(2), "gk": S("x"), "gr": N(10), "lk": S("m1"), "ln": N(3), "a": S("A2"), "b": S("B2")},
    {"sk": N(3), "gk": S("x"), "gr": N(40), "gh": S("h3"), "lk": S("m4"), "a": S("A3"), "b": S("B3")},
    {"sk": N(4), "gk": S("x"), "gr": N(20), "lk": S("m2"), "ln": N(1), "a": S("A4")},
    {"sk": N(5), "lk": S("m5"), "ln": N(9), "a": S("A5"), "b": S("B5")},  # in no GSI
    {"sk": N(6), "a": S("A6")},                                           # in no index at all
]
SETUP = [TABLE, *[put({"pk": S("p"), **i}) for i in ITEMS]]
VALUES = {":x": S("x"), ":y": S("y"), ":p": S("p"), ":q": S("q"), ":h1": S("h1"), ":h2": S("h2"), ":m": S("m"),
          ":m2": S("m2"), ":m4": S("m4"), ":n15": N(15), ":n20": N(20), ":n35": N(35), ":n3": N(3), ":one": N(1),
          ":A1": S("A1"), ":B": S("B"), ":num": N(1), ":two": N(2)}
NAMES = {"#a": "a", "#gk": "gk"}


def q(index_name: str | None, kce: str | None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"TableName": "{T}"}
    if index_name is not None:
        body["IndexName"] = index_name
    if kce is not None:
        body["KeyConditionExpression"] = kce
    body.update(extra)
    text = " ".join(str(body.get(k) or "") for k in ("KeyConditionExpression", "FilterExpression", "ProjectionExpression"))
    tokens = set(text.replace("(", " ").replace(")", " ").replace(",", " ").split())
    values = {k: v for k, v in VALUES.items() if k in tokens}
    names = {k: v for k, v in NAMES.items() if k in tokens}
    if values and "ExpressionAttributeValues" not in body:
        body["ExpressionAttributeValues"] = values
    if names and "ExpressionAttributeNames" not in body:
        body["ExpressionAttributeNames"] = names
    return body


def err(message: str, note: str) -> dict[str, Any]:
    return {"aws": {"status": 400, "type": "ValidationException", "message": message, "body": {}}, "aws_note": note}


LIMIT_NOTE = ("DynamoDB Local omits LastEvaluatedKey when a page ends exactly at Limit; DynamoDB returns it whenever "
              "it stopped because of Limit, holding the index key and the table key of the last item (Query docs; "
              "nubo-db/dynamodb-conformance gsiHashOnlyPagination.test.ts)")
MISSED_NOTE = ("DynamoDB names the index key attribute the condition misses: 'Query condition missed key schema "
               "element: <name>' (moto's tests recorded against AWS: 'missed key schema element: gsiK1SortKey'); "
               "DynamoDB Local omits the name")
START_NOTE = ("Query answers a start key of the wrong shape with 'The provided starting key is invalid' (AWS captures, "
              "paritysuite/dynamodb-conformance tier3 error-messages query.test.ts)")
MULTI_NOTE = ("DynamoDB's text for a multi-attribute key condition that skips or ranges an earlier RANGE attribute "
              "(paritysuite/dynamodb-conformance tier1 query/multiAttributeGsiKey.test.ts, verified on AWS in "
              "eu-central-1, us-east-1, eu-west-2, 2026-10); DynamoDB Local words it its own way")


def with_lek(lek: dict[str, Any]) -> dict[str, Any]:
    return {"aws": lambda r: {} if r["status"] != 200 or "LastEvaluatedKey" in r["body"] else
            {"body": dict(r["body"], LastEvaluatedKey=lek)}, "aws_note": LIMIT_NOTE}


def missed(name: str) -> dict[str, Any]:
    return {"aws": lambda r: ({"message": r["message"] + ": " + name}
                              if (r.get("message") or "").endswith("missed key schema element") else {}),
            "aws_note": MISSED_NOTE}


CASES: list[dict[str, Any]] = []


def add(name: str, body: dict[str, Any], **kw: Any) -> None:
    CASES.append(case(name, "Query", body, setup=kw.pop("setup", SETUP), **kw))


# ---------------------------------------------------------------- GSI with ALL projection
LEK_X20 = {"gk": S("x"), "gr": N(20), "pk": S("p"), "sk": N(4)}
add("gall-partition", q("gall", "gk = :x"))
add("gall-empty-partition", q("gall", "gk = :y"))
add("gall-sort-gt", q("gall", "gk = :x AND gr > :n15"))
add("gall-sort-between", q("gall", "gk = :x AND gr BETWEEN :n15 AND :n35"))
add("gall-backward", q("gall", "gk = :x", ScanIndexForward=False))
add("gall-limit-2", q("gall", "gk = :x", Limit=2))
add("gall-resume", q("gall", "gk = :x", Limit=2, ExclusiveStartKey=LEK_X20))
add("gall-resume-backward", q("gall", "gk = :x", ScanIndexForward=False, ExclusiveStartKey=LEK_X20))
add("gall-limit-exact-page", q("gall", "gk = :x", Limit=4),
    **with_lek({"gk": S("x"), "gr": N(40), "pk": S("p"), "sk": N(3)}))
add("gall-filter", q("gall", "gk = :x", FilterExpression="a = :A1"))
add("gall-filter-on-table-key", q("gall", "gk = :x", FilterExpression="sk > :two"))
add("gall-filter-limit", q("gall", "gk = :x", FilterExpression="attribute_exists(b)", Limit=3))
add("gall-count", q("gall", "gk = :x", Select="COUNT"))
add("gall-select-all-attributes", q("gall", "gk = :x", Select="ALL_ATTRIBUTES"))
add("gall-select-all-projected", q("gall", "gk = :x", Select="ALL_PROJECTED_ATTRIBUTES"))
add("gall-projection", q("gall", "gk = :x", ProjectionExpression="a, sk"))
add("gall-select-specific", q("gall", "gk = :x", Select="SPECIFIC_ATTRIBUTES", ProjectionExpression="#a"))
add("gall-capacity-indexes", q("gall", "gk = :x", ReturnConsumedCapacity="INDEXES"))
add("gall-capacity-total", q("gall", "gk = :x", ReturnConsumedCapacity="TOTAL"))
add("gall-consistent-read", q("gall", "gk = :x", ConsistentRead=True))
add("gall-consistent-read-false", q("gall", "gk = :x", ConsistentRead=False))
add("gall-condition-on-table-key", q("gall", "pk = :p"), **missed("gk"))
add("gall-condition-on-table-sort-key", q("gall", "gk = :x AND sk = :one"), **missed("gr"))
add("gall-hash-wrong-type", q("gall", "gk = :num"))
add("gall-sort-wrong-type", q("gall", "gk = :x AND gr = :x"))
add("gall-names", q("gall", "#gk = :x"))

# ---------------------------------------------------------------- partial projections
add("gko-partition", q("gko", "gk = :x"))
add("gko-select-all-attributes", q("gko", "gk = :x", Select="ALL_ATTRIBUTES"))
add("gko-select-all-projected", q("gko", "gk = :x", Select="ALL_PROJECTED_ATTRIBUTES"))
add("gko-projection-unprojected", q("gko", "gk = :x", ProjectionExpression="a"))
add("gko-projection-unprojected-two", q("gko", "gk = :x", ProjectionExpression="a, b, pk"))
add("gko-projection-keys", q("gko", "gk = :x", ProjectionExpression="pk, gr"))
add("gko-select-specific-keys", q("gko", "gk = :x", Select="SPECIFIC_ATTRIBUTES", ProjectionExpression="sk"))
add("gko-attributes-to-get-unprojected", {"TableName": "{T}", "IndexName": "gko", "AttributesToGet": ["a"],
                                          "KeyConditions": {"gk": {"ComparisonOperator": "EQ",
                                                                   "AttributeValueList": [S("x")]}}})
add("gko-count", q("gko", "gk = :x", Select="COUNT"))
add("gko-filter-unprojected", q("gko", "gk = :x", FilterExpression="a = :A1"))
add("gko-capacity-indexes", q("gko", "gk = :x", ReturnConsumedCapacity="INDEXES"))
add("ginc-partition", q("ginc", "gk = :x"))
add("ginc-select-all-attributes", q("ginc", "gk = :x", Select="ALL_ATTRIBUTES"))
add("ginc-projection-included", q("ginc", "gk = :x", ProjectionExpression="a, gk"))
add("ginc-projection-unprojected", q("ginc", "gk = :x", ProjectionExpression="a, b"))
add("gh-hash-only", q("ghash", "gh = :h1"))
add("gh-hash-only-limit-1", q("ghash", "gh = :h1", Limit=1), **with_lek({"gh": S("h1"), "pk": S("p"), "sk": N(1)}))
add("gh-absent-partition", q("ghash", "gh = :h2"))
add("gh-sort-condition", q("ghash", "gh = :h1 AND sk = :one"), **err(
    "The number of query conditions (2) exceeds the number of key attributes defined in the schema (1)",
    "DynamoDB counts the conditions against the index key's attributes first (AWS captures, 2026: "
    "paritysuite/dynamodb-conformance tier3 error-messages queryKeyConditionOperands.test.ts, and a user's AWS report "
    "of '(2) exceeds the number of key attributes' on a partition-key-only schema); DynamoDB Local answers 'Query key "
    "condition not supported'"))

# ---------------------------------------------------------------- LSIs
LEK_M2 = {"pk": S("p"), "sk": N(4), "lk": S("m2")}
add("lko-partition", q("lko", "pk = :p"))
add("lko-sort-gt", q("lko", "pk = :p AND lk > :m2"))
add("lko-begins-with", q("lko", "pk = :p AND begins_with(lk, :m)"))
add("lko-backward", q("lko", "pk = :p", ScanIndexForward=False))
add("lko-limit-2", q("lko", "pk = :p", Limit=2))
add("lko-resume", q("lko", "pk = :p", Limit=2, ExclusiveStartKey=LEK_M2))
add("lko-select-all-attributes", q("lko", "pk = :p", Select="ALL_ATTRIBUTES"))
add("lko-select-all-projected", q("lko", "pk = :p", Select="ALL_PROJECTED_ATTRIBUTES"))
add("lko-projection-fetches", q("lko", "pk = :p", ProjectionExpression="a, lk"))
add("lko-consistent-read", q("lko", "pk = :p", ConsistentRead=True))
add("lko-count", q("lko", "pk = :p", Select="COUNT"))
add("lko-filter-unprojected", q("lko", "pk = :p", FilterExpression="attribute_exists(b)"))
add("lko-capacity-indexes", q("lko", "pk = :p", ReturnConsumedCapacity="INDEXES"))
add("lko-capacity-fetch", q("lko", "pk = :p", Select="ALL_ATTRIBUTES", ReturnConsumedCapacity="INDEXES"))
add("lko-other-partition", q("lko", "pk = :q"))
add("lko-condition-on-table-sort-key", q("lko", "pk = :p AND sk = :one"), **missed("lk"))
add("linc-partition", q("linc", "pk = :p"))
add("linc-sort-le", q("linc", "pk = :p AND ln <= :n3"))
add("linc-projection-fetches", q("linc", "pk = :p", ProjectionExpression="b"))
add("linc-capacity-fetch", q("linc", "pk = :p", ProjectionExpression="b", ReturnConsumedCapacity="INDEXES"))

# ---------------------------------------------------------------- index names and start keys
add("unknown-index", q("nope", "gk = :x"))
add("unknown-index-consistent-read", q("nope", "gk = :x", ConsistentRead=True))
add("index-name-short", q("gi", "gk = :x"), **err(
    "1 validation error detected: Value 'gi' at 'indexName' failed to satisfy constraint: Member must have length "
    "greater than or equal to 3", "DynamoDB Local skips the service model's IndexName constraint (3..255); DynamoDB "
    "reports it (botocore service-2.json)"))
add("index-on-table-without-indexes", q("gall", "pk = :p"),
    setup=[step("CreateTable", {"TableName": "{T}", "BillingMode": "PAY_PER_REQUEST",
                                "KeySchema": ks(("pk", "HASH")), "AttributeDefinitions": ad(pk="S")})])
add("esk-table-key-only", q("gall", "gk = :x", ExclusiveStartKey={"pk": S("p"), "sk": N(4)}),
    **err("The provided starting key is invalid", START_NOTE))
add("esk-index-key-only", q("gall", "gk = :x", ExclusiveStartKey={"gk": S("x"), "gr": N(20)}),
    **err("The provided starting key is invalid", START_NOTE))
add("esk-lsi-without-index-key", q("lko", "pk = :p", ExclusiveStartKey={"pk": S("p"), "sk": N(4)}),
    **err("The provided starting key is invalid", START_NOTE))
add("esk-extra-attribute", q("gall", "gk = :x", ExclusiveStartKey={**LEK_X20, "a": S("A4")}),
    **err("The provided starting key is invalid", START_NOTE))
add("esk-absent-item", q("gall", "gk = :x", ExclusiveStartKey={"gk": S("x"), "gr": N(25), "pk": S("zz"), "sk": N(9)}))

# ---------------------------------------------------------------- multi-attribute GSI keys
# paritysuite's layout: one HASH attribute and four RANGE attributes; p6 lacks c (not indexed).
MTABLE = step("CreateTable", {
    "TableName": "{T}", "BillingMode": "PAY_PER_REQUEST", "KeySchema": ks(("pk", "HASH")),
    "AttributeDefinitions": ad(pk="S", h="S", a="S", b="S", c="S", d="S"),
    "GlobalSecondaryIndexes": [index("gsi", (("h", "HASH"), ("a", "RANGE"), ("b", "RANGE"), ("c", "RANGE"),
                                             ("d", "RANGE")))]})
MITEMS = [("p1", "T", "live", "b", "r1"), ("p2", "T", "live", "a", "r2"), ("p3", "T", "live", "a", "r1"),
          ("p4", "T", "draft", "c", "r1"), ("p5", "F", "live", "a", "r0"), ("p6", "T", "live", None, "r1")]
MSETUP = [MTABLE, *[put({k: S(v) for k, v in (("pk", pk), ("h", "o1"), ("a", a), ("b", b), ("c", c), ("d", d))
                         if v is not None}) for pk, a, b, c, d in MITEMS]]
MVALUES = {":h": S("o1"), ":a": S("T"), ":b": S("live"), ":c": S("a"), ":d": S("r"), ":x": S("r1"), ":y": S("r1"),
           ":n": N(1)}


def mq(kce: str, **extra: Any) -> dict[str, Any]:
    tokens = set(kce.replace("(", " ").replace(")", " ").replace(",", " ").split())
    return {"TableName": "{T}", "IndexName": "gsi", "KeyConditionExpression": kce,
            "ExpressionAttributeValues": {k: v for k, v in MVALUES.items() if k in tokens}, **extra}


def gap(missing: str, present: str) -> dict[str, Any]:
    return err(f"RANGE key attributes {missing} must have equality conditions specified in the query because a "
               f"condition is present on key attribute {present}", MULTI_NOTE)


# AWS prefixes it (eu-west-2, October 2026: paritysuite/dynamodb-conformance tier3 error-messages
# queryKeyConditionOperands.test.ts); DynamoDB Local does not.
ONE_PER_KEY = err("Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key",
                  "DynamoDB's answer as captured against AWS in 2026 (paritysuite/dynamodb-conformance tier3 "
                  "error-messages queryKeyConditionOperands.test.ts); DynamoDB Local omits the prefix")

MULTI = {
    "multi-hash-only": (mq("h = :h"), {}),
    "multi-first-range-eq": (mq("h = :h AND a = :a"), {}),
    "multi-backward": (mq("h = :h AND a = :a", ScanIndexForward=False), {}),
    "multi-two-range-eq": (mq("h = :h AND a = :a AND b = :b"), {}),
    "multi-three-range-eq": (mq("h = :h AND a = :a AND b = :b AND c = :c"), {}),
    "multi-range-gt-on-third": (mq("h = :h AND a = :a AND b = :b AND c > :c"), {}),
    "multi-begins-with-fourth": (mq("h = :h AND a = :a AND b = :b AND c = :c AND begins_with(d, :d)"), {}),
    "multi-between-fourth": (mq("h = :h AND a = :a AND b = :b AND c = :c AND d BETWEEN :x AND :y"), {}),
    "multi-range-lt-on-second": (mq("h = :h AND a = :a AND b < :b"), {}),
    "multi-any-clause-order": (mq("b = :b AND h = :h AND a = :a"), {}),
    "multi-limit-2": (mq("h = :h AND a = :a", Limit=2), {}),
    "multi-gap": (mq("h = :h AND a = :a AND c = :c"), gap("b", "c")),
    "multi-range-before-last": (mq("h = :h AND a = :a AND b > :b AND c = :c"), gap("b", "c")),
    "multi-skips-first-range": (mq("h = :h AND b = :b"), gap("a", "b")),
    "multi-no-hash": (mq("a = :a"), {}),
    "multi-hash-range-operator": (mq("h > :h"), {}),
    "multi-two-range-operators": (mq("h = :h AND a = :a AND b > :b AND b < :b"), ONE_PER_KEY),
    "multi-hash-wrong-type": (mq("h = :n"), {}),
}
for name, (body, override) in MULTI.items():
    CASES.append(case(name, "Query", body, setup=MSETUP, **override))

# two HASH attributes: both need an equality
M2TABLE = step("CreateTable", {
    "TableName": "{T}", "BillingMode": "PAY_PER_REQUEST", "KeySchema": ks(("pk", "HASH")),
    "AttributeDefinitions": ad(pk="S", h1="S", h2="N", r="S"),
    "GlobalSecondaryIndexes": [index("gsi", (("h1", "HASH"), ("h2", "HASH"), ("r", "RANGE")))]})
M2SETUP = [M2TABLE, *[put({"pk": S(pk), "h1": S("x"), "h2": N(h2), "r": S(r)})
                      for pk, h2, r in (("p1", 1, "b"), ("p2", 1, "a"), ("p3", 2, "a"), ("p4", 1, "c"))]]
M2VALUES = {":x": S("x"), ":one": N(1), ":a": S("a")}


def m2q(kce: str, **extra: Any) -> dict[str, Any]:
    tokens = set(kce.split())
    return {"TableName": "{T}", "IndexName": "gsi", "KeyConditionExpression": kce,
            "ExpressionAttributeValues": {k: v for k, v in M2VALUES.items() if k in tokens}, **extra}


CASES += [
    case("multi-hash-both", "Query", m2q("h1 = :x AND h2 = :one"), setup=M2SETUP),
    case("multi-hash-both-range", "Query", m2q("h2 = :one AND h1 = :x AND r > :a"), setup=M2SETUP),
    case("multi-hash-both-limit", "Query", m2q("h1 = :x AND h2 = :one", Limit=1), setup=M2SETUP),
    case("multi-hash-one-missing", "Query", m2q("h1 = :x"), setup=M2SETUP),
    case("multi-hash-one-missing-with-range", "Query", m2q("h1 = :x AND r = :a"), setup=M2SETUP),
]

# an index key attribute that is also a table key attribute appears once in LastEvaluatedKey
OVERLAP = step("CreateTable", {
    "TableName": "{T}", "BillingMode": "PAY_PER_REQUEST", "KeySchema": ks(("pk", "HASH"), ("sk", "RANGE")),
    "AttributeDefinitions": ad(pk="S", sk="S", t="S", r="N"),
    "GlobalSecondaryIndexes": in_local_order([index("bytype", (("t", "HASH"), ("pk", "RANGE")), "KEYS_ONLY"),
                                              index("bypk", (("pk", "HASH"), ("r", "RANGE")), "KEYS_ONLY")])})
OSETUP = [OVERLAP, *[put({"pk": S(pk), "sk": S("s1"), "t": S("w"), "r": N(r)}) for pk, r in (("c", 1), ("a", 3), ("b", 2))],
          put({"pk": S("a"), "sk": S("s2"), "t": S("v"), "r": N(1)})]
CASES += [
    case("gsi-range-is-table-hash-limit", "Query",
         {"TableName": "{T}", "IndexName": "bytype", "KeyConditionExpression": "t = :w",
          "ExpressionAttributeValues": {":w": S("w")}, "Limit": 2}, setup=OSETUP),
    case("gsi-hash-is-table-hash-limit", "Query",
         {"TableName": "{T}", "IndexName": "bypk", "KeyConditionExpression": "pk = :a",
          "ExpressionAttributeValues": {":a": S("a")}, "Limit": 1}, setup=OSETUP),
    case("gsi-hash-is-table-hash-resume", "Query",
         {"TableName": "{T}", "IndexName": "bypk", "KeyConditionExpression": "pk = :a",
          "ExpressionAttributeValues": {":a": S("a")},
          "ExclusiveStartKey": {"pk": S("a"), "r": N(1), "sk": S("s2")}}, setup=OSETUP),
]

# a filter may not name the queried index's key attributes (the table's key attributes are fine)
CASES += [
    case("gall-filter-on-index-sort-key", "Query", q("gall", "gk = :x", FilterExpression="gr > :n15"), setup=SETUP),
    case("gall-filter-on-index-hash-key", "Query", q("gall", "gk = :x", FilterExpression="gk = :x"), setup=SETUP),
    case("gall-query-filter-on-index-key", "Query",
         {"TableName": "{T}", "IndexName": "gall",
          "KeyConditions": {"gk": {"ComparisonOperator": "EQ", "AttributeValueList": [S("x")]}},
          "QueryFilter": {"gr": {"ComparisonOperator": "GT", "AttributeValueList": [N(15)]}}}, setup=SETUP),
    case("lko-filter-on-index-sort-key", "Query", q("lko", "pk = :p", FilterExpression="lk = :m2"), setup=SETUP),
    case("lko-filter-on-table-sort-key", "Query", q("lko", "pk = :p", FilterExpression="sk > :two"), setup=SETUP),
    case("multi-filter-on-range-attribute", "Query",
         mq("h = :h AND a = :a", FilterExpression="c = :c", ExpressionAttributeValues={
             k: v for k, v in MVALUES.items() if k in (":h", ":a", ":c")}), setup=MSETUP),
    case("multi-filter-on-table-key", "Query",
         mq("h = :h AND a = :a", FilterExpression="pk = :p", ExpressionAttributeValues={**{k: v for k, v in MVALUES.items()
            if k in (":h", ":a")}, ":p": S("p2")}), setup=MSETUP),
    case("multi-esk-missing-attribute", "Query",
         mq("h = :h", ExclusiveStartKey={"h": S("o1"), "a": S("T"), "b": S("live"), "c": S("a"), "pk": S("p3")}),
         setup=MSETUP, **err("The provided starting key is invalid", START_NOTE)),
]
