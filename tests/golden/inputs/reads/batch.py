"""BatchGetItem and BatchWriteItem: requests, limits, duplicates, unknown tables, projections,
item validation and consumed capacity."""

from typing import Any

import json

from tests.golden.inputs.common import (NOT_FOUND, NOT_NUMERIC, SCHEMA_MISMATCH, N, S, case, enum_message, get,
                                        hash_table, put, range_table, step)

SETUP = [hash_table("{T}"), put({"pk": S("a"), "v": S("x"), "n": N(1)}), put({"pk": S("b"), "v": S("y")}),
         range_table("{T2}"), put({"pk": S("a"), "sk": N(1), "v": S("z")}, "{T2}")]
MISS_NOTE = ("DynamoDB Local reports 0 capacity units for a BatchGetItem key that matches no item; DynamoDB "
             "charges the read (0.5 per eventually consistent key) (ddblocal-vs-aws.md, Capacity)")
DELETE_NOTE = ("DynamoDB Local reports 2.0 write units for a BatchWriteItem delete of a missing key; DynamoDB "
               "charges 1.0 (ddblocal-vs-aws.md, Capacity)")

PARITY_NOTE = ("DynamoDB Local words this its own way; DynamoDB's answer as captured against AWS in 2026 "
               "(paritysuite/dynamodb-conformance tier3 error-messages batchGetItem.test.ts / batchWriteItem.test.ts)")
SCHEMA_NOTE = ("DynamoDB answers a key that does not fit the table's key schema with 'The provided key element does "
               "not match the schema' (AWS captures in four regions, paritysuite/dynamodb-conformance "
               "batchWriteItem.test.ts; GetItem's answer); DynamoDB Local words it its own way")
VALUE_NOTE = ("BatchGetItem checks values in DynamoDB's current layer: 'The parameter cannot be converted to a numeric "
              "value: <text>' (AWS captures, paritysuite/dynamodb-conformance valueLayers.test.ts)")
MODEL_NOTE = ("DynamoDB Local words this its own way; DynamoDB reports the service model's constraint "
              "(botocore service-2.json)")


def error(message: str, note: str) -> dict[str, Any]:
    return {"aws": {"status": 400, "type": "ValidationException", "message": message, "body": {}}, "aws_note": note}


def keys_length(table: str, rule: str) -> str:
    return (f"1 validation error detected: Value at 'RequestItems.{table}.member.Keys' failed to satisfy constraint: "
            f"Member must have length {rule}")


def bad_name_map(items: dict[str, Any]) -> str:
    return (f"1 validation error detected: Value '{json.dumps(items, separators=(',', ':'))}' at 'requestItems' failed "
            f"to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to "
            f"255, Member must have length greater than or equal to 3, Member must satisfy regular expression pattern: "
            f"[a-zA-Z0-9_.-]+]")


def java_put(pk: str) -> str:
    """A PutRequest of {pk: S} as DynamoDB echoes it in a constraint message (Java toString)."""
    fields = ", ".join(f"{f}=null" for f in ("n", "b", "iNT", "dECIMAL", "dOUBLE", "sS", "nS", "bS", "iNTSET",
                                             "dECIMALSET", "dOUBLESET", "m", "l", "nULL", "bOOL"))
    return (f"WriteRequest(putRequest=PutRequest(item={{pk=AttributeValue(s={pk}, {fields})}}, "
            f"workloadProfileName=null), deleteRequest=null)")


def K(pk: str) -> dict[str, Any]:
    return {"pk": S(pk)}


def bg(items: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"RequestItems": items, **extra}


def bw(items: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"RequestItems": items, **extra}


PUT = lambda item: {"PutRequest": {"Item": item}}  # noqa: E731
DEL = lambda key: {"DeleteRequest": {"Key": key}}  # noqa: E731

GETS = {
    "one": {"{T}": {"Keys": [K("a")]}},
    "missing-key": {"{T}": {"Keys": [K("zz")]}},
    "two-tables": {"{T}": {"Keys": [K("b")]}, "{T2}": {"Keys": [{"pk": S("a"), "sk": N(1)}]}},
    "projection": {"{T}": {"Keys": [K("a")], "ProjectionExpression": "v"}},
    "projection-names": {"{T}": {"Keys": [K("a")], "ProjectionExpression": "#x",
                                 "ExpressionAttributeNames": {"#x": "n"}}},
    "projection-unused-name": {"{T}": {"Keys": [K("a")], "ProjectionExpression": "v",
                                       "ExpressionAttributeNames": {"#x": "n"}}},
    "projection-syntax-error": {"{T}": {"Keys": [K("a")], "ProjectionExpression": "v,"}},
    "attributes-to-get": {"{T}": {"Keys": [K("a")], "AttributesToGet": ["n"]}},
    "attributes-to-get-and-projection": {"{T}": {"Keys": [K("a")], "AttributesToGet": ["n"], "ProjectionExpression": "v"}},
    "consistent": {"{T}": {"Keys": [K("a")], "ConsistentRead": True}},
    "duplicate-keys": {"{T}": {"Keys": [K("a"), K("a")]}},
    "empty-keys": {"{T}": {"Keys": []}},
    "empty-request": {},
    "unknown-table": {"{T3}": {"Keys": [K("a")]}},
    "unknown-and-known-table": {"{T}": {"Keys": [K("a")]}, "{T3}": {"Keys": [K("a")]}},
    "wrong-key-type": {"{T}": {"Keys": [{"pk": N(1)}]}},
    "extra-key-attribute": {"{T}": {"Keys": [{"pk": S("a"), "v": S("x")}]}},
    "missing-sort-key": {"{T2}": {"Keys": [K("a")]}},
    "empty-key": {"{T}": {"Keys": [{}]}},
    "empty-string-key": {"{T}": {"Keys": [K("")]}},
    "bad-number-key": {"{T2}": {"Keys": [{"pk": S("a"), "sk": N("x1")}]}},
    "101-keys": {"{T}": {"Keys": [K(f"k{i}") for i in range(101)]}},
    "100-keys": {"{T}": {"Keys": [K(f"k{i}") for i in range(100)]}},
    "51-and-50-keys": {"{T}": {"Keys": [K(f"k{i}") for i in range(51)]},
                       "{T2}": {"Keys": [{"pk": S("a"), "sk": N(i)} for i in range(50)]}},
    "no-keys-member": {"{T}": {"ProjectionExpression": "v"}},
    "table-name-short": {"ab": {"Keys": [K("a")]}},
    "table-name-bad-chars": {"a b c": {"Keys": [K("a")]}},
}
GET_OVERRIDES = {
    "empty-keys": error(keys_length("{T}", "greater than or equal to 1"), PARITY_NOTE),
    "empty-request": error("1 validation error detected: Value at 'RequestItems' failed to satisfy constraint: Member "
                           "must have length greater than or equal to 1",
                           PARITY_NOTE + "; the region split settled on this text everywhere but me-central-1"),
    "unknown-table": NOT_FOUND,
    "unknown-and-known-table": NOT_FOUND,
    "wrong-key-type": error(SCHEMA_MISMATCH, SCHEMA_NOTE),
    "extra-key-attribute": error(SCHEMA_MISMATCH, SCHEMA_NOTE),
    "missing-sort-key": error(SCHEMA_MISMATCH, SCHEMA_NOTE),
    "empty-key": error(SCHEMA_MISMATCH, SCHEMA_NOTE),
    "bad-number-key": error(NOT_NUMERIC + "x1", VALUE_NOTE),
    "101-keys": error(keys_length("{T}", "less than or equal to 100"), PARITY_NOTE),
    "no-keys-member": error("1 validation error detected: Value null at 'requestItems.{T}.member.keys' failed to "
                            "satisfy constraint: Member must not be null", MODEL_NOTE),
    "table-name-short": error(bad_name_map(GETS["table-name-short"]), PARITY_NOTE),
    "table-name-bad-chars": error(bad_name_map(GETS["table-name-bad-chars"]), PARITY_NOTE),
}
CASES = [case(f"get-{name}", "BatchGetItem", bg(items), setup=SETUP, **GET_OVERRIDES.get(name, {}))
         for name, items in GETS.items()]
CASES += [
    case("get-capacity-total", "BatchGetItem", bg({"{T}": {"Keys": [K("a")]}}, ReturnConsumedCapacity="TOTAL"),
         setup=SETUP),
    # one table per request: DynamoDB does not order ConsumedCapacity's entries
    case("get-capacity-indexes", "BatchGetItem",
         bg({"{T2}": {"Keys": [{"pk": S("a"), "sk": N(1)}], "ConsistentRead": True}}, ReturnConsumedCapacity="INDEXES"),
         setup=SETUP),
    case("get-capacity-miss", "BatchGetItem", bg({"{T}": {"Keys": [K("zz")]}}, ReturnConsumedCapacity="TOTAL"),
         setup=SETUP, aws=lambda r: {} if r["status"] != 200 else
         {"body": dict(r["body"], ConsumedCapacity=[{"TableName": "{T}", "CapacityUnits": 0.5}])}, aws_note=MISS_NOTE),
    case("get-capacity-bad", "BatchGetItem", bg({"{T}": {"Keys": [K("a")]}}, ReturnConsumedCapacity="ALL"), setup=SETUP,
         **error(enum_message("ALL", "returnConsumedCapacity", ["INDEXES", "TOTAL", "NONE"]),
                 "DynamoDB Local accepts any ReturnConsumedCapacity; DynamoDB checks the enum (ddblocal-vs-aws.md)")),
]

WRITES = {
    "put-one": {"{T}": [PUT({"pk": S("new"), "v": S("1")})]},
    "put-overwrite": {"{T}": [PUT({"pk": S("a"), "w": S("2")})]},
    "delete-one": {"{T}": [DEL(K("a"))]},
    "delete-missing": {"{T}": [DEL(K("zz"))]},
    "mixed-put-delete": {"{T}": [PUT({"pk": S("c")}), DEL(K("b"))], "{T2}": [DEL({"pk": S("a"), "sk": N(1)})]},
    "duplicate-put": {"{T}": [PUT({"pk": S("c")}), PUT({"pk": S("c"), "x": N(1)})]},
    "duplicate-delete": {"{T}": [DEL(K("a")), DEL(K("a"))]},
    "duplicate-put-delete": {"{T}": [PUT({"pk": S("a")}), DEL(K("a"))]},
    "duplicate-number-keys-scale": {"{T2}": [DEL({"pk": S("a"), "sk": N("1")}), DEL({"pk": S("a"), "sk": N("1.0")})]},
    "empty-request": {},
    "empty-list": {"{T}": []},
    "26-requests": {"{T}": [PUT({"pk": S(f"k{i}")}) for i in range(26)]},
    "25-requests": {"{T}": [PUT({"pk": S(f"k{i}")}) for i in range(25)]},
    "13-and-13": {"{T}": [PUT({"pk": S(f"k{i}")}) for i in range(13)],
                  "{T2}": [PUT({"pk": S("a"), "sk": N(i)}) for i in range(13)]},
    "unknown-table": {"{T3}": [PUT({"pk": S("a")})]},
    "put-and-delete-in-one": {"{T}": [{"PutRequest": {"Item": {"pk": S("q")}}, "DeleteRequest": {"Key": K("q")}}]},
    "empty-write-request": {"{T}": [{}]},
    "put-missing-key": {"{T}": [PUT({"v": S("x")})]},
    "put-wrong-key-type": {"{T}": [PUT({"pk": N(1)})]},
    "put-empty-string-key": {"{T}": [PUT({"pk": S("")})]},
    "put-missing-sort-key": {"{T2}": [PUT({"pk": S("a")})]},
    "put-empty-set": {"{T}": [PUT({"pk": S("c"), "s": {"SS": []}})]},
    "put-bad-number": {"{T}": [PUT({"pk": S("c"), "n": N("1e999")})]},
    "put-two-types": {"{T}": [PUT({"pk": S("c"), "x": {"S": "a", "N": "1"}})]},
    "put-empty-value": {"{T}": [PUT({"pk": S("c"), "x": {}})]},
    "put-empty-string-attr": {"{T}": [PUT({"pk": S("c"), "x": S("")})]},
    "put-null-false": {"{T}": [PUT({"pk": S("c"), "x": {"NULL": False}})]},
    "put-too-big": {"{T}": [PUT({"pk": S("c"), "x": S("<<a*409600>>")})]},
    "delete-extra-attribute": {"{T}": [DEL({"pk": S("a"), "v": S("x")})]},
    "delete-wrong-type": {"{T}": [DEL({"pk": N(1)})]},
    "delete-missing-sort-key": {"{T2}": [DEL({"pk": S("a")})]},
}
WRITE_OVERRIDES = {
    "empty-request": error("The requestItems parameter is required for BatchWriteItem",
                           PARITY_NOTE + " (regions answer this or the generic constraint text)"),
    "empty-list": error("1 validation error detected: Value '{{T}=[]}' at 'requestItems' failed to satisfy constraint: "
                        "Map value must satisfy constraint: [Member must have length less than or equal to 25, Member "
                        "must have length greater than or equal to 1]", PARITY_NOTE),
    "26-requests": error("1 validation error detected: Value '{{T}=[" + ", ".join(java_put(f"k{i}") for i in range(26))
                         + "]}' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: "
                         "[Member must have length less than or equal to 25, Member must have length greater than or "
                         "equal to 1]", PARITY_NOTE + " (the request-echo cohort)"),
    "unknown-table": NOT_FOUND,
    **{name: error(SCHEMA_MISMATCH, SCHEMA_NOTE) for name in (
        "put-missing-key", "put-wrong-key-type", "put-missing-sort-key", "delete-extra-attribute",
        "delete-wrong-type", "delete-missing-sort-key")},
}
CASES += [case(f"write-{name}", "BatchWriteItem", bw(items), setup=SETUP, **WRITE_OVERRIDES.get(name, {}),
               then=[step("Scan", {"TableName": "{T}", "Select": "COUNT"})] if not name.startswith(("26", "empty", "unknown", "table")) else [])
          for name, items in WRITES.items()]
CASES += [
    case("write-then-get", "BatchWriteItem", bw({"{T}": [PUT({"pk": S("c"), "v": S("new")}), DEL(K("a"))]}), setup=SETUP,
         then=[get(K("c")), get(K("a"))]),
    case("write-capacity-total", "BatchWriteItem", bw({"{T}": [PUT({"pk": S("c")})]}, ReturnConsumedCapacity="TOTAL"),
         setup=SETUP),
    case("write-capacity-indexes", "BatchWriteItem",
         bw({"{T2}": [PUT({"pk": S("c"), "sk": N(1)}), PUT({"pk": S("c"), "sk": N(2)})]}, ReturnConsumedCapacity="INDEXES"),
         setup=SETUP),
    case("write-capacity-delete-missing", "BatchWriteItem", bw({"{T}": [DEL(K("zz"))]}, ReturnConsumedCapacity="TOTAL"),
         setup=SETUP, aws=lambda r: {} if r["status"] != 200 else
         {"body": dict(r["body"], ConsumedCapacity=[{"TableName": "{T}", "CapacityUnits": 1.0}])}, aws_note=DELETE_NOTE),
    case("write-item-collection-metrics", "BatchWriteItem",
         bw({"{T}": [PUT({"pk": S("c")})]}, ReturnItemCollectionMetrics="SIZE"), setup=SETUP),
]
