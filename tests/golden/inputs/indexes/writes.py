"""Writes to tables with secondary indexes: index key values of the wrong type, empty or too
large; sparse items; ReturnConsumedCapacity INDEXES for writes that insert, move, update and
remove index entries; ReturnItemCollectionMetrics on a table with local secondary indexes."""

from __future__ import annotations

from typing import Any

from tests.golden.inputs.common import N, S, case, put, step
from tests.golden.inputs.indexes._shared import ad, include, index, in_local_order, ks, lsi

INVALID = "One or more parameter values were invalid: "

# One attribute per index key, so a bad value names exactly one index.
#   gko   GSI  gk (S)              KEYS_ONLY
#   ginc  GSI  gi (S) / gs (S)     INCLUDE [proj]
#   gbin  GSI  gb (B)              ALL
#   lall  LSI  pk / lk (S)         ALL
#   lnum  LSI  pk / ln (N)         KEYS_ONLY
TABLE = step("CreateTable", {
    "TableName": "{T}", "BillingMode": "PAY_PER_REQUEST",
    "KeySchema": ks(("pk", "HASH"), ("sk", "RANGE")),
    "AttributeDefinitions": ad(pk="S", sk="N", gk="S", gi="S", gs="S", gb="B", lk="S", ln="N"),
    "GlobalSecondaryIndexes": in_local_order([
        index("gko", (("gk", "HASH"),), "KEYS_ONLY"),
        index("ginc", (("gi", "HASH"), ("gs", "RANGE")), include("proj")),
        index("gbin", (("gb", "HASH"),), "ALL")]),
    "LocalSecondaryIndexes": in_local_order([lsi("lall", "lk", "ALL"), lsi("lnum", "ln", "KEYS_ONLY")]),
})
INDEX_OF = {"gk": ("gko", "S"), "gi": ("ginc", "S"), "gs": ("ginc", "S"), "gb": ("gbin", "B"), "lk": ("lall", "S"),
            "ln": ("lnum", "N")}
KEY = {"pk": S("p"), "sk": N(1)}
FULL = {**KEY, "gk": S("g"), "gi": S("i"), "gs": S("s"), "gb": {"B": "AQID"}, "lk": S("l"), "ln": N(7),
        "proj": S("p1"), "zz": S("o1")}
TYPE_NOTE = ("DynamoDB Local says only 'Type mismatch for Index Key' (and 'Invalid attribute value type' for a set); "
             "DynamoDB names the attribute, both types and the index (dynalite's putItem/updateItem/batchWriteItem "
             "tests recorded against AWS; AWS error reports quoting 'Type mismatch for Index Key webLinkToken "
             "Expected: S Actual: NULL IndexName: webLinkToken-index')")
SIZE_NOTE = ("DynamoDB Local says only 'Size limit exceeded'; DynamoDB names the attribute, its size, the limit and "
             "the index (AWS error reports: 'Size limit exceeded for Index Key componentId Actual Size: 2175 bytes "
             "Max Size: 2048 bytes IndexName: work-sets-index'; 1024 bytes for an index sort key, as for table keys)")
TYPES = {"S": S("x"), "N": N(1), "B": {"B": "AQ=="}, "BOOL": {"BOOL": True}, "NULL": {"NULL": True},
         "SS": {"SS": ["x"]}, "L": {"L": []}, "M": {"M": {}}}


def err(message: str, note: str) -> dict[str, Any]:
    return {"aws": {"status": 400, "type": "ValidationException", "message": message, "body": {}}, "aws_note": note}


def mismatch(attr: str, actual: str) -> dict[str, Any]:
    name, want = INDEX_OF[attr]
    return err(f"{INVALID}Type mismatch for Index Key {attr} Expected: {want} Actual: {actual} IndexName: {name}",
               TYPE_NOTE)


def too_big(attr: str, size: int, limit: int) -> dict[str, Any]:
    name, _ = INDEX_OF[attr]
    return err(f"{INVALID}Size limit exceeded for Index Key {attr} Actual Size: {size} bytes Max Size: {limit} bytes "
               f"IndexName: {name}", SIZE_NOTE)


def put_body(item: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"TableName": "{T}", "Item": item, **extra}


def update_body(expr: str, values: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"TableName": "{T}", "Key": KEY, "UpdateExpression": expr, **extra}
    if values:
        body["ExpressionAttributeValues"] = values
    return body


def batch_body(*items: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"RequestItems": {"{T}": [{"PutRequest": {"Item": i}} for i in items]}, **extra}


GET = step("GetItem", {"TableName": "{T}", "Key": KEY, "ConsistentRead": True})
CASES: list[dict[str, Any]] = []

# ---------------------------------------------------------------- index key of the wrong type
WRONG = [("gk", "N"), ("gk", "B"), ("gi", "N"), ("gs", "N"), ("gb", "S"), ("lk", "N"), ("ln", "S"),
         ("gk", "BOOL"), ("gk", "NULL"), ("gk", "SS"), ("gk", "L"), ("gk", "M")]
for attr, actual in WRONG:
    CASES.append(case(f"put-{attr}-as-{actual}", "PutItem", put_body({**KEY, attr: TYPES[actual]}), setup=[TABLE],
                      then=[GET], **mismatch(attr, actual)))
CASES += [
    case("update-gk-as-N", "UpdateItem", update_body("SET gk = :v", {":v": N(1)}), setup=[TABLE, put(KEY)],
         then=[GET], **mismatch("gk", "N")),
    case("update-ln-as-S", "UpdateItem", update_body("SET ln = :v", {":v": S("7")}), setup=[TABLE, put(KEY)],
         then=[step("GetItem", {"TableName": "{T}", "Key": KEY, "ConsistentRead": True},
                    aws={"body": {"Item": KEY}}, aws_note="DynamoDB Local accepts this update (an LSI key of the "
                    "wrong type); DynamoDB refuses it, so the item keeps no ln")],
         **mismatch("ln", "S")),
    case("update-new-item-gb-as-N", "UpdateItem", update_body("SET gb = :v", {":v": N(1)}), setup=[TABLE],
         then=[GET], **mismatch("gb", "N")),
    case("batch-put-gs-as-N", "BatchWriteItem", batch_body({**KEY, "gs": N(1)}), setup=[TABLE], then=[GET],
         **mismatch("gs", "N")),
    case("update-non-key-attribute-any-type", "UpdateItem", update_body("SET proj = :v", {":v": N(1)}),
         setup=[TABLE, put(KEY)], then=[GET]),
]

# ---------------------------------------------------------------- empty values as index keys
CASES += [
    case("put-empty-string-gsi-key", "PutItem", put_body({**KEY, "gk": S("")}), setup=[TABLE], then=[GET]),
    case("put-empty-string-gsi-sort-key", "PutItem", put_body({**KEY, "gi": S("i"), "gs": S("")}), setup=[TABLE]),
    case("put-empty-binary-gsi-key", "PutItem", put_body({**KEY, "gb": {"B": ""}}), setup=[TABLE]),
    case("put-empty-string-lsi-key", "PutItem", put_body({**KEY, "lk": S("")}), setup=[TABLE]),
    case("update-to-empty-string-gsi-key", "UpdateItem", update_body("SET gk = :v", {":v": S("")}),
         setup=[TABLE, put(FULL)], then=[GET]),
    case("batch-put-empty-string-lsi-key", "BatchWriteItem", batch_body({**KEY, "lk": S("")}), setup=[TABLE]),
    case("put-empty-string-non-key", "PutItem", put_body({**KEY, "proj": S("")}), setup=[TABLE], then=[GET]),
]

# ---------------------------------------------------------------- sparse items and key sizes
CASES += [
    case("put-sparse-no-index-keys", "PutItem", put_body({**KEY, "proj": S("p")}), setup=[TABLE], then=[GET]),
    case("put-gsi-hash-without-sort", "PutItem", put_body({**KEY, "gi": S("i")}), setup=[TABLE], then=[GET]),
    case("put-gsi-key-2048", "PutItem", put_body({**KEY, "gk": S("<<g*2048>>")}), setup=[TABLE]),
    case("put-gsi-key-2049", "PutItem", put_body({**KEY, "gk": S("<<g*2049>>")}), setup=[TABLE],
         **too_big("gk", 2049, 2048)),
    case("put-gsi-sort-key-1024", "PutItem", put_body({**KEY, "gi": S("i"), "gs": S("<<s*1024>>")}), setup=[TABLE]),
    case("put-gsi-sort-key-1025", "PutItem", put_body({**KEY, "gi": S("i"), "gs": S("<<s*1025>>")}), setup=[TABLE],
         **too_big("gs", 1025, 1024)),
    case("put-lsi-sort-key-1024", "PutItem", put_body({**KEY, "lk": S("<<l*1024>>")}), setup=[TABLE]),
    case("put-lsi-sort-key-1025", "PutItem", put_body({**KEY, "lk": S("<<l*1025>>")}), setup=[TABLE],
         **too_big("lk", 1025, 1024)),
    case("update-gsi-key-2049", "UpdateItem", update_body("SET gk = :v", {":v": S("<<g*2049>>")}),
         setup=[TABLE, put(KEY)], **too_big("gk", 2049, 2048)),
    case("batch-put-gsi-key-2049", "BatchWriteItem", batch_body({**KEY, "gk": S("<<g*2049>>")}), setup=[TABLE],
         **too_big("gk", 2049, 2048)),
]

# ---------------------------------------------------------------- consumed capacity of index writes
# AWS (nubo-db/dynamodb-conformance tier1 putItem/indexConsumedCapacity.test.ts, measured in
# eu-west-2): per index, insert 1, delete 1, key change 2, update of a projected attribute 1, of
# an unprojected one 0, identical overwrite 0; an index not written is absent from the answer.
CAP = {"ReturnConsumedCapacity": "INDEXES"}
CAP_NOTE = ("DynamoDB charges an index write only when the write changes what the index stores, one unit per "
            "entry written or removed (nubo-db/dynamodb-conformance tier1 putItem/indexConsumedCapacity.test.ts, "
            "measured on AWS in eu-west-2); DynamoDB Local's figures differ here")
ALL_INDEXES = ("gko", "ginc", "gbin", "lall", "lnum")
LOCAL = {"lall", "lnum"}


def capacity(gsi: dict[str, float], lsi_: dict[str, float], table: float = 1.0) -> dict[str, Any]:
    out: dict[str, Any] = {"TableName": "{T}", "CapacityUnits": table + sum(gsi.values()) + sum(lsi_.values()),
                           "Table": {"CapacityUnits": table}}
    if lsi_:
        out["LocalSecondaryIndexes"] = {k: {"CapacityUnits": v} for k, v in lsi_.items()}
    if gsi:
        out["GlobalSecondaryIndexes"] = {k: {"CapacityUnits": v} for k, v in gsi.items()}
    return out


def units(**per_index: float) -> dict[str, Any]:
    """AWS's ConsumedCapacity for a sub-1KB write costing `per_index` on each index."""
    gsi = {k: v for k, v in per_index.items() if k not in LOCAL and v}
    lsi_ = {k: v for k, v in per_index.items() if k in LOCAL and v}
    return capacity(gsi, lsi_)


def expect_capacity(expected: dict[str, Any]) -> dict[str, Any]:
    def fix(resp: dict[str, Any]) -> dict[str, Any]:
        if resp["status"] != 200 or resp["body"].get("ConsumedCapacity") == expected:
            return {}
        return {"body": dict(resp["body"], ConsumedCapacity=expected)}
    return {"aws": fix, "aws_note": CAP_NOTE}


SPARSE = {**KEY, "zz": S("o1")}
CAPACITY_CASES: list[tuple[str, str, dict[str, Any], list[Any], dict[str, Any]]] = [
    ("put-insert-all-indexes", "PutItem", put_body(FULL, **CAP), [],
     units(gko=1, ginc=1, gbin=1, lall=1, lnum=1)),
    ("put-insert-sparse", "PutItem", put_body(SPARSE, **CAP), [], units()),
    ("put-insert-gsi-only", "PutItem", put_body({**KEY, "gk": S("g")}, **CAP), [], units(gko=1)),
    ("put-insert-lsi-only", "PutItem", put_body({**KEY, "lk": S("l")}, **CAP), [], units(lall=1)),
    ("put-identical-overwrite", "PutItem", put_body(FULL, **CAP), [put(FULL)], units()),
    ("put-overwrite-moves-gsi-key", "PutItem", put_body({**FULL, "gk": S("g2")}, **CAP), [put(FULL)],
     units(gko=2, gbin=1, lall=1)),
    ("put-overwrite-drops-all-keys", "PutItem", put_body(SPARSE, **CAP), [put(FULL)],
     units(gko=1, ginc=1, gbin=1, lall=1, lnum=1)),
    ("update-unprojected-attribute", "UpdateItem", update_body("SET zz = :v", {":v": S("o2")}, **CAP), [put(FULL)],
     units(gbin=1, lall=1)),
    ("update-include-projected-attribute", "UpdateItem", update_body("SET proj = :v", {":v": S("p2")}, **CAP),
     [put(FULL)], units(ginc=1, gbin=1, lall=1)),
    ("update-moves-gsi-key", "UpdateItem", update_body("SET gk = :v", {":v": S("g2")}, **CAP), [put(FULL)],
     units(gko=2, gbin=1, lall=1)),
    ("update-moves-lsi-key", "UpdateItem", update_body("SET lk = :v", {":v": S("l2")}, **CAP), [put(FULL)],
     units(gbin=1, lall=2)),
    ("update-removes-gsi-key", "UpdateItem", update_body("REMOVE gk", **CAP), [put(FULL)],
     units(gko=1, gbin=1, lall=1)),
    ("update-adds-gsi-key", "UpdateItem", update_body("SET gk = :v", {":v": S("g")}, **CAP), [put(SPARSE)],
     units(gko=1)),
    ("update-same-value", "UpdateItem", update_body("SET proj = :v", {":v": S("p1")}, **CAP), [put(FULL)], units()),
    ("delete-indexed-item", "DeleteItem", {"TableName": "{T}", "Key": KEY, **CAP}, [put(FULL)],
     units(gko=1, ginc=1, gbin=1, lall=1, lnum=1)),
    ("delete-sparse-item", "DeleteItem", {"TableName": "{T}", "Key": KEY, **CAP}, [put(SPARSE)], units()),
]
for name, op, body, setup, expected in CAPACITY_CASES:
    CASES.append(case(f"capacity-{name}", op, body, setup=[TABLE, *setup], **expect_capacity(expected)))

BATCH_EXPECTED = capacity({"gko": 1.0}, {}, table=2.0)
CASES += [
    case("capacity-batch-indexed-and-sparse", "BatchWriteItem",
         batch_body({**KEY, "gk": S("g")}, {"pk": S("p"), "sk": N(2), "zz": S("o")}, **CAP), setup=[TABLE],
         aws=lambda r: {} if r["status"] != 200 or r["body"].get("ConsumedCapacity") == [BATCH_EXPECTED] else
         {"body": dict(r["body"], ConsumedCapacity=[BATCH_EXPECTED])}, aws_note=CAP_NOTE),
    case("capacity-total-folds-indexes", "PutItem", put_body(FULL, ReturnConsumedCapacity="TOTAL"), setup=[TABLE],
         aws=lambda r: {} if r["status"] != 200 else
         {"body": {"ConsumedCapacity": {"TableName": "{T}", "CapacityUnits": 6.0}}}, aws_note=CAP_NOTE),
]

# ---------------------------------------------------------------- item collection metrics (LSI table)
ICM_NOTE = ("DynamoDB Local returns no ItemCollectionMetrics; DynamoDB returns the partition key and a "
            "SizeEstimateRangeGB pair for tables with local secondary indexes (ItemCollectionMetrics API reference; "
            "nubo-db/dynamodb-conformance tier1 putItem/itemCollectionMetrics.test.ts)")
METRICS = {"ItemCollectionMetrics": {"ItemCollectionKey": {"pk": S("p")}, "SizeEstimateRangeGB": [0.0, 1.0]}}


def with_metrics(resp: dict[str, Any]) -> dict[str, Any]:
    return {} if resp["status"] != 200 else {"body": dict(resp["body"], **METRICS)}


NO_LSI = step("CreateTable", {"TableName": "{T}", "BillingMode": "PAY_PER_REQUEST",
                              "KeySchema": ks(("pk", "HASH"), ("sk", "RANGE")), "AttributeDefinitions": ad(pk="S", sk="N", gk="S"),
                              "GlobalSecondaryIndexes": [index("gko", (("gk", "HASH"),), "KEYS_ONLY")]})
CASES += [
    case("metrics-put", "PutItem", put_body(FULL, ReturnItemCollectionMetrics="SIZE"), setup=[TABLE],
         aws=with_metrics, aws_note=ICM_NOTE),
    case("metrics-update", "UpdateItem", update_body("SET proj = :v", {":v": S("p2")}, ReturnItemCollectionMetrics="SIZE"),
         setup=[TABLE, put(FULL)], aws=with_metrics, aws_note=ICM_NOTE),
    case("metrics-delete", "DeleteItem", {"TableName": "{T}", "Key": KEY, "ReturnItemCollectionMetrics": "SIZE"},
         setup=[TABLE, put(FULL)], aws=with_metrics, aws_note=ICM_NOTE),
    case("metrics-none", "PutItem", put_body(FULL, ReturnItemCollectionMetrics="NONE"), setup=[TABLE]),
    case("metrics-gsi-only-table", "PutItem", put_body({**KEY, "gk": S("g")}, ReturnItemCollectionMetrics="SIZE"),
         setup=[NO_LSI]),
]

# ---------------------------------------------------------------- transactions, shared index keys
# AWS (nubo-db/dynamodb-conformance tier3 error-messages transactWriteItems.test.ts, eu-west-2): a
# wrong-typed index key cancels the transaction with a ValidationError reason carrying PutItem's
# text; an empty one is a top-level ValidationException. When one attribute keys several indexes
# the message names the alphabetically first of them.
TX_NOTE = ("DynamoDB cancels the transaction with a ValidationError reason carrying PutItem's text (nubo-db/"
           "dynamodb-conformance tier3 error-messages transactWriteItems.test.ts, captured on AWS in eu-west-2); "
           "DynamoDB Local words it its own way")
FIRST_NOTE = ("When one attribute keys several indexes DynamoDB names the alphabetically first index (nubo-db/"
              "dynamodb-conformance tier3 transactWriteItems.test.ts: 'Index-key messages name gsi1, the "
              "alphabetically-first index lsi1sk keys'); DynamoDB Local names none")


def cancelled(reason: str) -> dict[str, Any]:
    return {"aws": {"status": 400, "type": "TransactionCanceledException",
                    "message": "Transaction cancelled, please refer cancellation reasons for specific reasons "
                               "[ValidationError]",
                    "body": {"CancellationReasons": [{"Code": "ValidationError", "Message": reason}]}},
            "aws_note": TX_NOTE}


def tx(*actions: dict[str, Any]) -> dict[str, Any]:
    return {"TransactItems": list(actions)}


SHARED = step("CreateTable", {
    "TableName": "{T}", "BillingMode": "PAY_PER_REQUEST", "KeySchema": ks(("pk", "HASH"), ("sk", "RANGE")),
    "AttributeDefinitions": ad(pk="S", sk="N", sh="S"),
    "GlobalSecondaryIndexes": in_local_order([index("zeta", (("sh", "HASH"),), "KEYS_ONLY"),
                                              index("beta", (("sh", "HASH"),), "ALL")]),
    "LocalSecondaryIndexes": [lsi("gamma", "sh", "KEYS_ONLY")]})
CASES += [
    case("transact-put-gk-as-N", "TransactWriteItems", tx({"Put": {"TableName": "{T}", "Item": {**KEY, "gk": N(5)}}}),
         setup=[TABLE], then=[GET],
         **cancelled(f"{INVALID}Type mismatch for Index Key gk Expected: S Actual: N IndexName: gko")),
    case("transact-update-ln-as-L", "TransactWriteItems",
         tx({"Update": {"TableName": "{T}", "Key": KEY, "UpdateExpression": "SET ln = :v",
                        "ExpressionAttributeValues": {":v": {"L": [S("x")]}}}}),
         setup=[TABLE, put(KEY)], then=[GET],
         **cancelled(f"{INVALID}Type mismatch for Index Key ln Expected: N Actual: L IndexName: lnum")),
    case("transact-put-empty-gsi-key", "TransactWriteItems",
         tx({"Put": {"TableName": "{T}", "Item": {**KEY, "gs": S(""), "gi": S("i")}}}), setup=[TABLE], then=[GET]),
    case("transact-update-empty-lsi-key", "TransactWriteItems",
         tx({"Update": {"TableName": "{T}", "Key": KEY, "UpdateExpression": "SET lk = :v",
                        "ExpressionAttributeValues": {":v": S("")}}}), setup=[TABLE, put(KEY)], then=[GET]),
    case("transact-put-indexed", "TransactWriteItems",
         tx({"Put": {"TableName": "{T}", "Item": FULL}}), setup=[TABLE], then=[GET]),
    case("shared-key-wrong-type-names-first-index", "PutItem", put_body({**KEY, "sh": N(1)}), setup=[SHARED],
         **err(f"{INVALID}Type mismatch for Index Key sh Expected: S Actual: N IndexName: beta", FIRST_NOTE)),
    case("shared-key-empty-names-first-index", "PutItem", put_body({**KEY, "sh": S("")}), setup=[SHARED],
         **err("One or more parameter values are not valid. A value specified for a secondary index key is not "
               "supported. The AttributeValue for a key attribute cannot contain an empty string value. "
               "IndexName: beta, IndexKey: sh", FIRST_NOTE)),
    case("shared-key-capacity", "PutItem", put_body({**KEY, "sh": S("s")}, ReturnConsumedCapacity="INDEXES"),
         setup=[SHARED]),
]
