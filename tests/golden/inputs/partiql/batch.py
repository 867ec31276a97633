"""BatchExecuteStatement and ExecuteTransaction: reads, writes, per-statement errors, refusals."""

import uuid
from typing import Any

from tests.golden.inputs.common import N, S, case, get, put, table

BATCH_KEY = "Select statements within BatchExecuteStatement must specify the primary key in the where clause."
BATCH_NOTE = ("DynamoDB Local answers 'Only single item select is supported' / 'Invalid operation. Only select, insert, "
              "update and delete operations are valid'; AWS's per-statement messages as captured in "
              "nubo-db/dynamodb-conformance and paritysuite/dynamodb-conformance (executeStatementIndex.test.ts, "
              "partiqlFunctions.test.ts, batchExecuteStatement tests; eu-west-1/eu-west-2, 2026)")
PARAM_NOTE = ("AWS reports a parameter it cannot convert in the statement's own slot (ValidationError, 'The parameter "
              "cannot be converted to a numeric value: <text>', paritysuite partiqlParameterNumbers.test.ts); DynamoDB "
              "Local refuses the whole request")
INERT_NOTE = ("ReturnValuesOnConditionCheckFailure is inert on a BatchExecuteStatement member on AWS (no Item; "
              "nubo-db/dynamodb-conformance batchExecuteStatement tests, eu-west-2); DynamoDB Local returns the item")

TOKEN = str(uuid.uuid4())  # new at each recording (the oracle remembers tokens for 10 minutes); 36 characters at most
SETUP = [table("{T}", ("pk", "S")), put({"pk": S("a"), "n": N(1)}), put({"pk": S("b"), "n": N(2)})]
T = "\"{T}\""


def st(statement: str, **extra: Any) -> dict[str, Any]:
    return {"Statement": statement, **extra}


def batch(*statements: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"Statements": list(statements), **extra}


def tx(*statements: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"TransactStatements": list(statements), **extra}


def slots(replace: dict[int, dict[str, Any]], note: str) -> dict[str, Any]:
    """An aws override replacing some Responses slots of the recorded answer."""
    def override(resp: dict[str, Any]) -> dict[str, Any]:
        responses = list(resp["body"]["Responses"])
        for i, slot in replace.items():
            responses[i] = slot
        return {"body": {**resp["body"], "Responses": responses}}
    return {"aws": override, "aws_note": note}


BATCH_CASES = [
    case("batch-reads", "BatchExecuteStatement", batch(
        st(f"SELECT * FROM {T} WHERE pk = 'a'"), st(f"SELECT n FROM {T} WHERE pk = ?", Parameters=[S("b")]),
        st(f"SELECT * FROM {T} WHERE pk = 'zzz'", ConsistentRead=True)), setup=SETUP),
    case("batch-read-projection-absent", "BatchExecuteStatement", batch(st(f"SELECT nope FROM {T} WHERE pk = 'a'")),
         setup=SETUP),
    case("batch-read-key-type", "BatchExecuteStatement", batch(st(f"SELECT * FROM {T} WHERE pk = 1")), setup=SETUP),
    case("batch-read-non-key", "BatchExecuteStatement", batch(
        st(f"SELECT * FROM {T} WHERE n = 1"), st(f"SELECT * FROM {T} WHERE pk = 'a' AND attribute_exists(n)"),
        st(f"SELECT * FROM {T} WHERE pk = 'b'")), setup=SETUP,
         **slots({0: {"Error": {"Code": "ValidationError", "Message": BATCH_KEY}},
                  1: {"Error": {"Code": "ValidationError", "Message": BATCH_KEY}}}, BATCH_NOTE)),
    case("batch-misspelled", "BatchExecuteStatement", batch(st("SLECT * FROM t"), st(f"SELECT * FROM {T} WHERE pk = 'a'")),
         setup=SETUP, **slots({0: {"Error": {"Code": "ValidationError", "Message":
                                             "Statement wasn't well formed, can't be processed: Expected data manipulation"}}},
                              BATCH_NOTE)),
    case("batch-bad-parameter", "BatchExecuteStatement",
         batch(st(f"SELECT * FROM {T} WHERE pk = 'a' AND n = ?", Parameters=[N("abc")])), setup=SETUP,
         aws={"status": 200, "type": None, "message": None, "body": {"Responses": [{"Error": {
             "Code": "ValidationError", "Message": "The parameter cannot be converted to a numeric value: abc"}}]}},
         aws_note=PARAM_NOTE),
    case("batch-writes", "BatchExecuteStatement", batch(
        st(f"INSERT INTO {T} VALUE {{'pk': 'c'}}"), st(f"UPDATE {T} SET n = 5 WHERE pk = 'a' RETURNING ALL NEW *"),
        st(f"DELETE FROM {T} WHERE pk = 'b'")), setup=SETUP, then=[get({"pk": S("c")}), get({"pk": S("b")})]),
    case("batch-write-errors", "BatchExecuteStatement", batch(
        st(f"UPDATE {T} SET x = 1 WHERE pk = 'zzz'"), st(f"DELETE FROM {T} WHERE pk = 'b' AND n = 9"),
        st(f"UPDATE {T} SET x = 1 WHERE n = 1"), st(f"INSERT INTO {T} VALUE {{'pk': 'd'}}")), setup=SETUP,
         then=[get({"pk": S("d")})]),
    case("batch-write-return-old-inert", "BatchExecuteStatement", batch(
        st(f"UPDATE {T} SET x = 1 WHERE pk = 'a' AND n = 9", ReturnValuesOnConditionCheckFailure="ALL_OLD")),
         setup=SETUP, **slots({0: {"Error": {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed"},
                                   "TableName": "{T}"}}, INERT_NOTE)),
    case("batch-delete-returning-modified", "BatchExecuteStatement",
         batch(st(f"DELETE FROM {T} WHERE pk = 'a' RETURNING MODIFIED OLD *")), setup=SETUP),
    case("batch-mixed", "BatchExecuteStatement",
         batch(st(f"SELECT * FROM {T} WHERE pk = 'a'"), st(f"DELETE FROM {T} WHERE pk = 'b'")), setup=SETUP),
    case("batch-duplicate-reads", "BatchExecuteStatement",
         batch(st(f"SELECT * FROM {T} WHERE pk = 'a'"), st(f"SELECT n FROM {T} WHERE pk = 'a'")), setup=SETUP),
    case("batch-duplicate-writes", "BatchExecuteStatement",
         batch(st(f"UPDATE {T} SET x = 1 WHERE pk = 'a'"), st(f"DELETE FROM {T} WHERE pk = 'a'")), setup=SETUP),
    case("batch-exists", "BatchExecuteStatement",
         batch(st(f"EXISTS(SELECT * FROM {T} WHERE pk = 'a' AND n = 1)")), setup=SETUP),
]

TX_CASES = [
    case("tx-reads", "ExecuteTransaction", tx(st(f"SELECT * FROM {T} WHERE pk = 'a'"),
                                             st(f"SELECT n FROM {T} WHERE pk = 'zzz'")), setup=SETUP),
    case("tx-writes", "ExecuteTransaction", tx(
        st(f"INSERT INTO {T} VALUE {{'pk': 'c', 'n': 3}}"), st(f"UPDATE {T} SET n = n + 10 WHERE pk = 'a'"),
        st(f"DELETE FROM {T} WHERE pk = 'b' AND n = 2")), setup=SETUP,
         then=[get({"pk": S("a")}), get({"pk": S("b")}), get({"pk": S("c")})]),
    case("tx-canceled", "ExecuteTransaction", tx(
        st(f"UPDATE {T} SET n = 3 WHERE pk = 'a' AND n = 9"), st(f"INSERT INTO {T} VALUE {{'pk': 'b'}}"),
        st(f"DELETE FROM {T} WHERE pk = 'zz'")), setup=SETUP, then=[get({"pk": S("a")})]),
    case("tx-canceled-return-old", "ExecuteTransaction", tx(
        st(f"UPDATE {T} SET n = 3 WHERE pk = 'a' AND n = 9", ReturnValuesOnConditionCheckFailure="ALL_OLD")),
         setup=SETUP),
    case("tx-exists-holds", "ExecuteTransaction", tx(
        st(f"EXISTS(SELECT * FROM {T} WHERE pk = 'a' AND n = 1)"), st(f"UPDATE {T} SET x = 1 WHERE pk = 'b'")),
         setup=SETUP, then=[get({"pk": S("b")})]),
    case("tx-exists-fails", "ExecuteTransaction", tx(
        st(f"EXISTS(SELECT * FROM {T} WHERE pk = 'a' AND n = 7)"), st(f"UPDATE {T} SET x = 1 WHERE pk = 'b'")),
         setup=SETUP, then=[get({"pk": S("b")})]),
    case("tx-exists-without-condition", "ExecuteTransaction", tx(
        st(f"EXISTS(SELECT * FROM {T} WHERE pk = 'a')"), st(f"UPDATE {T} SET x = 1 WHERE pk = 'b'")), setup=SETUP),
    case("tx-mixed", "ExecuteTransaction", tx(st(f"SELECT * FROM {T} WHERE pk = 'a'"),
                                             st(f"INSERT INTO {T} VALUE {{'pk': 'c'}}")), setup=SETUP),
    case("tx-select-non-key", "ExecuteTransaction", tx(st(f"SELECT * FROM {T} WHERE n = 1")), setup=SETUP),
    case("tx-update-non-key", "ExecuteTransaction", tx(st(f"UPDATE {T} SET a = 1 WHERE n = 1")), setup=SETUP),
    case("tx-same-item", "ExecuteTransaction", tx(st(f"UPDATE {T} SET x = 1 WHERE pk = 'a'"),
                                                 st(f"UPDATE {T} SET x = 2 WHERE pk = 'a'")), setup=SETUP),
    case("tx-key-type", "ExecuteTransaction", tx(st(f"INSERT INTO {T} VALUE {{'pk': 1}}")), setup=SETUP),
    case("tx-select-key-type", "ExecuteTransaction", tx(st(f"SELECT * FROM {T} WHERE pk = 1")), setup=SETUP),
    case("tx-operand-type", "ExecuteTransaction", tx(st(f"UPDATE {T} SET n = n + 'x' WHERE pk = 'a'")), setup=SETUP),
    case("tx-missing-table", "ExecuteTransaction", tx(st("UPDATE \"{T}-missing\" SET a = 1 WHERE pk = 'a'")),
         setup=SETUP),
    case("tx-token-replay", "ExecuteTransaction",
         tx(st(f"UPDATE {T} SET n = n + 1 WHERE pk = 'a'"), ClientRequestToken=TOKEN), setup=SETUP,
         then=[{"op": "ExecuteTransaction", "body": tx(st(f"UPDATE {T} SET n = n + 1 WHERE pk = 'a'"),
                                                       ClientRequestToken=TOKEN)},
               get({"pk": S("a")}),
               {"op": "ExecuteTransaction", "body": tx(st(f"UPDATE {T} SET n = 5 WHERE pk = 'a'"),
                                                       ClientRequestToken=TOKEN)}]),
]

CASES = BATCH_CASES + TX_CASES
