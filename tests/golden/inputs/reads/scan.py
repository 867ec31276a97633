"""Scan: filters, projections, Select, Limit and paging, counts, capacity, Segment/TotalSegments,
and the legacy ScanFilter / AttributesToGet / ConditionalOperator parameters. Tables hold a single
partition so the item order is the sort key order in every implementation."""

from typing import Any

from tests.golden.inputs.common import NOT_FOUND, N, S, case, enum_message, put, range_table, step, table

LIMIT_NOTE = ("DynamoDB Local omits LastEvaluatedKey when a page ends exactly at Limit; DynamoDB returns it "
              "whenever it stopped because of Limit (Scan docs on Limit and LastEvaluatedKey)")
SETUP = [range_table(), *[put({"pk": S("a"), "sk": N(i), "v": S(f"v{i}"), "n": N(i * 10), "odd": {"BOOL": bool(i % 2)}})
                          for i in range(1, 6)]]
DYNALITE_NOTE = ("DynamoDB Local words this its own way; the AWS message is DynamoDB's as recorded against AWS by "
                 "dynalite's test suite (scan validation tests)")
MODEL_NOTE = ("DynamoDB Local words this its own way (or accepts it); DynamoDB reports the service model's constraint "
              "('1 validation error detected: ...', botocore service-2.json; nubo-db/dynamodb-conformance tier1 scan "
              "validation)")
SEGMENT_NOTE = ("DynamoDB Local checks Segment against TotalSegments with a malformed constraint message; DynamoDB "
                "answers these texts (AWS captures, nubo-db/dynamodb-conformance tier1 scan validation and tier3 "
                "error-messages scan.test.ts)")
START_NOTE = ("Scan answers a start key of the wrong shape with the long form 'The provided starting key is invalid: "
              "The provided key element does not match the schema' (AWS captures, paritysuite/dynamodb-conformance "
              "tier3 error-messages scan.test.ts); DynamoDB Local has its own text")
LONG_START = "The provided starting key is invalid: The provided key element does not match the schema"


def error(message: str, note: str) -> dict[str, Any]:
    return {"aws": {"status": 400, "type": "ValidationException", "message": message, "body": {}}, "aws_note": note}


def constraint(value: str, member: str, rule: str) -> str:
    return f"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: Member must {rule}"


def not_less(seg: int, total: int) -> str:
    return (f"The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: {seg} is "
            f"not less than TotalSegments: {total}")


OVERRIDES = {
    "select-bad": error(enum_message("NONE", "select", ["ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES",
                                                         "SPECIFIC_ATTRIBUTES", "COUNT"]), MODEL_NOTE),
    "limit-0": error(constraint("0", "limit", "have value greater than or equal to 1"), MODEL_NOTE),
    "esk-missing-sk": error(LONG_START, START_NOTE),
    "esk-extra": error(LONG_START, START_NOTE),
    "segment-without-total": error("The TotalSegments parameter is required but was not present in the request when "
                                   "Segment parameter is present", SEGMENT_NOTE),
    "total-without-segment": error("The Segment parameter is required but was not present in the request when "
                                   "parameter TotalSegments is present", SEGMENT_NOTE),
    "segment-equals-total": error(not_less(2, 2), SEGMENT_NOTE),
    "segment-above-total": error(not_less(5, 2), SEGMENT_NOTE),
    "segment-1-of-1": error(not_less(1, 1), SEGMENT_NOTE),
    "segment-negative": error(constraint("-1", "segment", "have value greater than or equal to 0"), MODEL_NOTE),
    "total-zero": error(constraint("0", "totalSegments", "have value greater than or equal to 1"), MODEL_NOTE),
    "scan-filter-bad-operator": error(
        "1 validation error detected: Value 'LIKE' at 'scanFilter.n.member.comparisonOperator' failed to satisfy "
        "constraint: Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, "
        "LE, BEGINS_WITH, GE, CONTAINS]", MODEL_NOTE + "; the enum in DynamoDB's order as recorded by dynalite"),
    "esk-empty": error(LONG_START, START_NOTE),
    "attributes-to-get-empty": error(constraint("[]", "attributesToGet", "have length greater than or equal to 1"),
                                     MODEL_NOTE),
    "values-without-expression": error("ExpressionAttributeValues can only be specified when using expressions",
                                       DYNALITE_NOTE),
    "invalid-value-number": error("ExpressionAttributeValues contains invalid value: The parameter cannot be converted "
                                  "to a numeric value: abc for key :bad",
                                  "Scan checks values in DynamoDB's older layer, which wraps the value's error in "
                                  "'ExpressionAttributeValues contains invalid value: ... for key :v' (AWS captures, "
                                  "paritysuite/dynamodb-conformance valueLayers.test.ts); DynamoDB Local words the "
                                  "number error its own way"),
}
VALS = {":ten": N(10), ":t": {"BOOL": True}, ":x": S("x"), ":two": N(2), ":a": S("a"), ":v1": S("v1")}


def s(**extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"TableName": "{T}", **extra}
    text = " ".join(str(extra.get(k) or "") for k in ("FilterExpression", "ProjectionExpression"))
    vals = {k: v for k, v in VALS.items() if k in text}
    if vals and "ExpressionAttributeValues" not in body:
        body["ExpressionAttributeValues"] = vals
    return body


def with_lek(lek: dict[str, Any]):
    def override(r: dict[str, Any]) -> dict[str, Any]:
        if r["status"] != 200 or "LastEvaluatedKey" in r["body"]:
            return {}
        return {"body": dict(r["body"], LastEvaluatedKey=lek)}
    return override


def c(op: str, *vals: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"ComparisonOperator": op}
    if vals:
        out["AttributeValueList"] = list(vals)
    return out


OPTIONS = {
    "plain": {},
    "filter": dict(FilterExpression="n > :ten"),
    "filter-none-match": dict(FilterExpression="v = :x"),
    "filter-on-key": dict(FilterExpression="sk >= :two"),
    "filter-pk": dict(FilterExpression="pk = :a"),
    "filter-function": dict(FilterExpression="begins_with(v, :v1) OR attribute_not_exists(n)"),
    "filter-syntax-error": dict(FilterExpression="n >"),
    "filter-empty": dict(FilterExpression=""),
    "filter-undefined-value": dict(FilterExpression="n > :undef"),
    "filter-limit": dict(FilterExpression="odd = :t", Limit=3),
    "projection": dict(ProjectionExpression="v, sk"),
    "projection-missing": dict(ProjectionExpression="nothing"),
    "projection-syntax-error": dict(ProjectionExpression="v,"),
    "select-count": dict(Select="COUNT"),
    "select-count-filter": dict(Select="COUNT", FilterExpression="odd = :t"),
    "select-all": dict(Select="ALL_ATTRIBUTES"),
    "select-specific-projection": dict(Select="SPECIFIC_ATTRIBUTES", ProjectionExpression="v"),
    "select-specific-alone": dict(Select="SPECIFIC_ATTRIBUTES"),
    "select-all-with-projection": dict(Select="ALL_ATTRIBUTES", ProjectionExpression="v"),
    "select-count-with-projection": dict(Select="COUNT", ProjectionExpression="v"),
    "select-all-projected-no-index": dict(Select="ALL_PROJECTED_ATTRIBUTES"),
    "select-bad": dict(Select="NONE"),
    "limit-1": dict(Limit=1),
    "limit-3": dict(Limit=3),
    "limit-10": dict(Limit=10),
    "limit-0": dict(Limit=0),
    "consistent": dict(ConsistentRead=True),
    "capacity-total": dict(ReturnConsumedCapacity="TOTAL"),
    "capacity-indexes": dict(ReturnConsumedCapacity="INDEXES"),
    "esk": dict(ExclusiveStartKey={"pk": S("a"), "sk": N(3)}),
    "esk-limit": dict(ExclusiveStartKey={"pk": S("a"), "sk": N(1)}, Limit=2),
    "esk-last": dict(ExclusiveStartKey={"pk": S("a"), "sk": N(5)}),
    "esk-missing-sk": dict(ExclusiveStartKey={"pk": S("a")}),
    "esk-extra": dict(ExclusiveStartKey={"pk": S("a"), "sk": N(1), "v": S("x")}),
    "esk-empty": dict(ExclusiveStartKey={}),
    "segment-0-of-1": dict(Segment=0, TotalSegments=1),
    "segment-without-total": dict(Segment=0),
    "total-without-segment": dict(TotalSegments=2),
    "segment-equals-total": dict(Segment=2, TotalSegments=2),
    "segment-above-total": dict(Segment=5, TotalSegments=2),
    "segment-negative": dict(Segment=-1, TotalSegments=2),
    "total-zero": dict(Segment=0, TotalSegments=0),
    "total-too-big": dict(Segment=0, TotalSegments=1000001),
    "total-max": dict(Segment=999999, TotalSegments=1000000, Select="COUNT"),
    "segment-1-of-1": dict(Segment=1, TotalSegments=1),
    # legacy
    "scan-filter": dict(ScanFilter={"n": c("GT", N(20))}),
    "scan-filter-or": dict(ScanFilter={"n": c("GT", N(40)), "v": c("EQ", S("v1"))}, ConditionalOperator="OR"),
    "scan-filter-and": dict(ScanFilter={"n": c("GT", N(10)), "odd": c("EQ", {"BOOL": True})}, ConditionalOperator="AND"),
    "scan-filter-contains": dict(ScanFilter={"v": c("CONTAINS", S("3"))}),
    "scan-filter-not-null": dict(ScanFilter={"nothing": c("NOT_NULL")}),
    "scan-filter-null": dict(ScanFilter={"nothing": c("NULL")}),
    "scan-filter-in": dict(ScanFilter={"n": c("IN", N(10), N(30))}),
    "scan-filter-between": dict(ScanFilter={"n": c("BETWEEN", N(20), N(40))}),
    "scan-filter-between-reversed": dict(ScanFilter={"n": c("BETWEEN", N(40), N(20))}),
    "scan-filter-eq-no-value": dict(ScanFilter={"n": c("EQ")}),
    "scan-filter-bad-operator": dict(ScanFilter={"n": c("LIKE", N(1))}),
    "scan-filter-empty": dict(ScanFilter={}),
    "attributes-to-get": dict(AttributesToGet=["v", "pk"]),
    "attributes-to-get-count": dict(AttributesToGet=["v"], Select="COUNT"),
    "attributes-to-get-empty": dict(AttributesToGet=[]),
    "mix-scan-filter-filter-expression": dict(ScanFilter={"n": c("GT", N(20))}, FilterExpression="n > :ten"),
    "mix-attributes-to-get-projection": dict(AttributesToGet=["v"], ProjectionExpression="v"),
    "mix-filter-expression-conditional-operator": dict(FilterExpression="n > :ten", ConditionalOperator="OR"),
    "conditional-operator-alone": dict(ConditionalOperator="OR"),
    "values-without-expression": dict(ExpressionAttributeValues={":a": S("a")}),
    "names-without-expression": dict(ExpressionAttributeNames={"#a": "a"}),
    "invalid-value-number": dict(FilterExpression="n > :bad", ExpressionAttributeValues={":bad": N("abc")}),
    "invalid-value-empty-set": dict(FilterExpression="n > :bad", ExpressionAttributeValues={":bad": {"NS": []}}),
}
CASES = [case(f"opt-{name}", "Scan", s(**extra), setup=SETUP, **OVERRIDES.get(name, {}))
         for name, extra in OPTIONS.items()]
CASES += [
    case("missing-table", "Scan", {"TableName": "{T2}"}, setup=SETUP, **NOT_FOUND),
    case("empty-table", "Scan", {"TableName": "{T}"}, setup=[range_table()]),
    case("empty-table-count", "Scan", {"TableName": "{T}", "Select": "COUNT"}, setup=[range_table()]),
    case("limit-exact", "Scan", {"TableName": "{T}", "Limit": 5}, setup=SETUP,
         aws=with_lek({"pk": S("a"), "sk": N(5)}), aws_note=LIMIT_NOTE),
    case("limit-exact-filter", "Scan", s(Limit=5, FilterExpression="odd = :t"), setup=SETUP,
         aws=with_lek({"pk": S("a"), "sk": N(5)}), aws_note=LIMIT_NOTE),
    case("paging", "Scan", {"TableName": "{T}", "Limit": 2}, setup=SETUP,
         then=[step("Scan", {"TableName": "{T}", "Limit": 2, "ExclusiveStartKey": {"pk": S("a"), "sk": N(2)}}),
               step("Scan", {"TableName": "{T}", "Limit": 2, "ExclusiveStartKey": {"pk": S("a"), "sk": N(4)}})]),
    case("hash-table-esk", "Scan", {"TableName": "{T}", "ExclusiveStartKey": {"pk": S("zz")}},
         setup=[table("{T}", ("pk", "S"))]),
    case("hash-table-esk-with-sk", "Scan", {"TableName": "{T}", "ExclusiveStartKey": {"pk": S("a"), "sk": N(1)}},
         setup=[table("{T}", ("pk", "S"))], **error(LONG_START, START_NOTE)),
    case("hash-table-one-item", "Scan", {"TableName": "{T}", "ReturnConsumedCapacity": "TOTAL"},
         setup=[table("{T}", ("pk", "S")), put({"pk": S("a"), "x": S("y")})]),
]
