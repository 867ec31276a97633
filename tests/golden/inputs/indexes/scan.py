"""Scan with IndexName on global and local secondary indexes: which items an index holds
(sparse indexes), projections, Select, filters, ConsistentRead, paging, bad start keys,
segments, consumed capacity. (A Scan filtering a GSI on an attribute it does not project is
left out: DynamoDB Local evaluates it against the table's item, which a GSI cannot do, and
AWS's answer is not known.)

Each scanned index holds one partition with distinct index sort keys, so the order is the
index's key order in every implementation (partitions come in hash order, which differs
between implementations); the hash-only GSI is only counted."""

from __future__ import annotations

from typing import Any

from tests.golden.inputs.common import N, S, case, step
from tests.golden.inputs.indexes.query import MSETUP, SETUP, err

START_NOTE = ("Scan answers a start key of the wrong shape with the long form 'The provided starting key is invalid: "
              "The provided key element does not match the schema' (AWS captures, paritysuite/dynamodb-conformance "
              "tier3 error-messages scan.test.ts); DynamoDB Local has its own text")
LONG_START = "The provided starting key is invalid: The provided key element does not match the schema"
LIMIT_NOTE = ("DynamoDB Local omits LastEvaluatedKey when a page ends exactly at Limit; DynamoDB returns it whenever "
              "it stopped because of Limit, holding the index key and the table key of the last item (Scan docs)")
VALUES = {":A1": S("A1"), ":two": N(2), ":n15": N(15)}


def sc(index_name: str | None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"TableName": "{T}"}
    if index_name is not None:
        body["IndexName"] = index_name
    body.update(extra)
    text = str(body.get("FilterExpression") or "")
    values = {k: v for k, v in VALUES.items() if k in text.split()}
    if values:
        body["ExpressionAttributeValues"] = values
    return body


def with_lek(lek: dict[str, Any]) -> dict[str, Any]:
    return {"aws": lambda r: {} if r["status"] != 200 or "LastEvaluatedKey" in r["body"] else
            {"body": dict(r["body"], LastEvaluatedKey=lek)}, "aws_note": LIMIT_NOTE}


CASES: list[dict[str, Any]] = []


def add(name: str, body: dict[str, Any], **kw: Any) -> None:
    CASES.append(case(name, "Scan", body, setup=kw.pop("setup", SETUP), **kw))


LEK_X20 = {"gk": S("x"), "gr": N(20), "pk": S("p"), "sk": N(4)}
LEK_M2 = {"pk": S("p"), "sk": N(4), "lk": S("m2")}
add("gall", sc("gall"))
add("gall-limit-2", sc("gall", Limit=2))
add("gall-resume", sc("gall", ExclusiveStartKey=LEK_X20))
add("gall-limit-exact", sc("gall", Limit=4), **with_lek({"gk": S("x"), "gr": N(40), "pk": S("p"), "sk": N(3)}))
add("gall-filter", sc("gall", FilterExpression="a = :A1"))
add("gall-filter-on-index-key", sc("gall", FilterExpression="gr > :n15"))
add("gall-count", sc("gall", Select="COUNT"))
add("gall-select-all-attributes", sc("gall", Select="ALL_ATTRIBUTES"))
add("gall-projection", sc("gall", ProjectionExpression="b, gr"))
add("gall-consistent-read", sc("gall", ConsistentRead=True))
add("gall-capacity-indexes", sc("gall", ReturnConsumedCapacity="INDEXES"))
add("gall-capacity-total", sc("gall", ReturnConsumedCapacity="TOTAL"))
add("gall-one-segment", sc("gall", Segment=0, TotalSegments=1))
add("gall-segment-out-of-range", sc("gall", Segment=1, TotalSegments=1), **err(
    "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 1 is not less than "
    "TotalSegments: 1", "DynamoDB Local checks Segment against TotalSegments with a malformed constraint message; "
    "DynamoDB answers this text (nubo-db/dynamodb-conformance tier1 scan validation)"))
add("gko", sc("gko"))
add("gko-select-all-attributes", sc("gko", Select="ALL_ATTRIBUTES"))
add("gko-select-all-projected", sc("gko", Select="ALL_PROJECTED_ATTRIBUTES"))
add("gko-projection-unprojected", sc("gko", ProjectionExpression="a, pk"))
add("gko-capacity-indexes", sc("gko", ReturnConsumedCapacity="INDEXES"))
add("ginc", sc("ginc"))
add("ginc-filter-included", sc("ginc", FilterExpression="a = :A1"))
add("ghash-count", sc("ghash", Select="COUNT"))
add("lko", sc("lko"))
add("lko-limit-2", sc("lko", Limit=2))
add("lko-resume", sc("lko", ExclusiveStartKey=LEK_M2))
add("lko-select-all-attributes", sc("lko", Select="ALL_ATTRIBUTES"))
add("lko-projection-fetches", sc("lko", ProjectionExpression="a"))
add("lko-consistent-read", sc("lko", ConsistentRead=True))
add("linc", sc("linc"))
add("linc-count", sc("linc", Select="COUNT"))
add("unknown-index", sc("nope"))
add("unknown-index-consistent-read", sc("nope", ConsistentRead=True))
add("index-on-table-without-indexes", sc("gall"),
    setup=[step("CreateTable", {"TableName": "{T}", "BillingMode": "PAY_PER_REQUEST",
                                "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                                "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}]})])
add("esk-table-key-only", sc("gall", ExclusiveStartKey={"pk": S("p"), "sk": N(4)}), **err(LONG_START, START_NOTE))
add("esk-index-key-only", sc("gall", ExclusiveStartKey={"gk": S("x"), "gr": N(20)}), **err(LONG_START, START_NOTE))
add("esk-lsi-without-index-key", sc("lko", ExclusiveStartKey={"pk": S("p"), "sk": N(4)}), **err(LONG_START, START_NOTE))
add("multi-attribute-gsi", {"TableName": "{T}", "IndexName": "gsi"}, setup=MSETUP)
add("multi-attribute-gsi-limit", {"TableName": "{T}", "IndexName": "gsi", "Limit": 3}, setup=MSETUP)
add("table-scan-unchanged", sc(None, Select="COUNT"))
