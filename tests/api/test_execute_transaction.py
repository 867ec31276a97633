"""ExecuteTransaction through boto3 against a live server: serialization, validation,
functionality."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.conftest import refused


def key() -> str:
    return uuid.uuid4().hex


def tx(ddb: Any, *statements: str | dict[str, Any], **kw: Any) -> dict[str, Any]:
    reqs = [s if isinstance(s, dict) else {"Statement": s} for s in statements]
    return ddb.execute_transaction(TransactStatements=reqs, **kw)  # type: ignore[no-any-return]


def canceled(ddb: Any, *statements: str | dict[str, Any]) -> list[dict[str, Any]]:
    with pytest.raises(ClientError) as e:
        tx(ddb, *statements)
    assert e.value.response["Error"]["Code"] == "TransactionCanceledException"
    return e.value.response["CancellationReasons"]  # type: ignore[no-any-return]


def item(ddb: Any, table: str, k: str) -> dict[str, Any] | None:
    return ddb.get_item(TableName=table, Key={"pk": {"S": k}}, ConsistentRead=True).get("Item")  # type: ignore[no-any-return]


# --- serialization ------------------------------------------------------------------------


def test_reads_answer_one_entry_per_statement(ddb, hash_table):
    """A transaction of SELECTs answers each item (or {} when there is none), in order."""
    a, b = key(), key()
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": a}, "x": {"N": "1"}})
    r = tx(ddb, f"SELECT * FROM \"{hash_table}\" WHERE pk = '{a}'", f"SELECT x FROM \"{hash_table}\" WHERE pk = '{b}'")
    assert r["Responses"] == [{"Item": {"pk": {"S": a}, "x": {"N": "1"}}}, {}]


def test_writes_answer_an_empty_responses_list(ddb, hash_table):
    """A transaction of writes answers an empty Responses list, with its capacity when asked."""
    a = key()
    r = tx(ddb, f"INSERT INTO \"{hash_table}\" VALUE {{'pk': '{a}'}}", ReturnConsumedCapacity="TOTAL")
    assert r["Responses"] == []
    assert r["ConsumedCapacity"] == [{"TableName": hash_table, "CapacityUnits": 2.0, "WriteCapacityUnits": 2.0}]


# --- validation ---------------------------------------------------------------------------


def test_reads_and_writes_together_are_refused(ddb, hash_table):
    """Reads and writes cannot share a transaction."""
    assert refused(ddb.execute_transaction, TransactStatements=[
        {"Statement": f"SELECT * FROM \"{hash_table}\" WHERE pk = 'a'"},
        {"Statement": f"DELETE FROM \"{hash_table}\" WHERE pk = 'b'"}]) == (
        "ValidationException", "ExecuteTransaction API does not support both read and write operations in the same request.")


def test_statement_errors_name_their_index(ddb, hash_table):
    """A statement's planning error names it: "Validation failed in TransactStatements[i]: "."""
    assert refused(ddb.execute_transaction, TransactStatements=[
        {"Statement": f"SELECT * FROM \"{hash_table}\" WHERE pk = 'a'"},
        {"Statement": f"SELECT * FROM \"{hash_table}\" WHERE pk = 'b' AND attribute_exists(x)"}]) == (
        "ValidationException", "Validation failed in TransactStatements[1]: Select statements within ExecuteTransaction "
                               "must specify the primary key in the where clause.")
    assert refused(ddb.execute_transaction, TransactStatements=[
        {"Statement": f"EXISTS(SELECT * FROM \"{hash_table}\" WHERE pk = 'a')"}]) == (
        "ValidationException", "Validation failed in TransactStatements[0]: EXISTS() must contain a single item read "
                               "with additional condition")


def test_two_statements_on_one_item(ddb, hash_table):
    """Two statements may not touch one item."""
    assert refused(ddb.execute_transaction, TransactStatements=[
        {"Statement": f"UPDATE \"{hash_table}\" SET a = 1 WHERE pk = 'same'"},
        {"Statement": f"DELETE FROM \"{hash_table}\" WHERE pk = 'same'"}]) == (
        "ValidationException", "Transaction request cannot include multiple operations on one item")


def test_returning_is_refused_and_nothing_applies(ddb, hash_table):
    """A RETURNING clause (even DELETE's ALL OLD) refuses the whole transaction up front, naming
    its statement; a DELETE's invalid RETURNING mode and a key error are reported first."""
    a, b = key(), key()
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": a}, "d": {"S": "old"}})
    msg = "RETURNING clause is not supported in ExecuteTransaction."
    assert refused(ddb.execute_transaction, TransactStatements=[
        {"Statement": f"INSERT INTO \"{hash_table}\" VALUE {{'pk': '{b}'}}"},
        {"Statement": f"UPDATE \"{hash_table}\" SET d = 'new' WHERE pk = '{a}' RETURNING ALL NEW *"}]) == (
        "ValidationException", "Validation failed in TransactStatements[1]: " + msg)
    assert refused(ddb.execute_transaction, TransactStatements=[
        {"Statement": f"DELETE FROM \"{hash_table}\" WHERE pk = '{a}' RETURNING ALL OLD *"}]) == (
        "ValidationException", "Validation failed in TransactStatements[0]: " + msg)
    assert refused(ddb.execute_transaction, TransactStatements=[
        {"Statement": f"DELETE FROM \"{hash_table}\" WHERE pk = '{a}' RETURNING MODIFIED OLD *"}]) == (
        "ValidationException", "Validation failed in TransactStatements[0]: Invalid returning clause: RETURNING "
                               "MODIFIED OLD *. Only RETURNING ALL OLD * is allowed in DELETE statements.")
    assert canceled(ddb, f"UPDATE \"{hash_table}\" SET d = 'x' WHERE pk = 1 RETURNING ALL NEW *")[0]["Code"] == (
        "ValidationError")
    assert item(ddb, hash_table, a) == {"pk": {"S": a}, "d": {"S": "old"}}
    assert item(ddb, hash_table, b) is None


def test_parameter_errors_are_bare(ddb, hash_table):
    """An unconvertible number parameter is reported as it is, not per statement."""
    assert refused(ddb.execute_transaction, TransactStatements=[
        {"Statement": f"UPDATE \"{hash_table}\" SET n = ? WHERE pk = 'x'", "Parameters": [{"N": "1e99999999999"}]}]) == (
        "ValidationException", "The parameter cannot be converted to a numeric value: 1e99999999999")


def test_exists_outside_a_transaction(ddb, hash_table):
    """EXISTS is only for ExecuteTransaction's writes."""
    assert refused(ddb.execute_statement, Statement=f"EXISTS(SELECT * FROM \"{hash_table}\" WHERE pk = 'a' AND b = 1)") == (
        "ValidationException", "EXISTS can only be used in ExecuteTransaction write requests.")


# --- functionality ------------------------------------------------------------------------


def test_all_or_nothing(ddb, hash_table):
    """One failed condition cancels the whole transaction: reasons per statement, nothing written."""
    a, b, c = key(), key(), key()
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": a}, "v": {"N": "1"}})
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": c}})
    reasons = canceled(ddb, f"INSERT INTO \"{hash_table}\" VALUE {{'pk': '{b}'}}",
                       f"UPDATE \"{hash_table}\" SET v = 2 WHERE pk = '{a}' AND v = 9",
                       f"INSERT INTO \"{hash_table}\" VALUE {{'pk': '{c}'}}")
    assert reasons == [{"Code": "None"},
                       {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed"},
                       {"Code": "ValidationError", "Message": "Duplicate primary key exists in table"}]
    assert item(ddb, hash_table, b) is None and item(ddb, hash_table, a)["v"] == {"N": "1"}


def test_writes_apply_together(ddb, hash_table):
    """INSERT, UPDATE (FROM-first too), DELETE and EXISTS run as one unit."""
    a, b, c, d = key(), key(), key(), key()
    for k in (b, c, d):
        ddb.put_item(TableName=hash_table, Item={"pk": {"S": k}, "v": {"N": "1"}})
    tx(ddb, f"INSERT INTO \"{hash_table}\" VALUE {{'pk': '{a}'}}",
       {"Statement": f"UPDATE \"{hash_table}\" SET v = v + ? WHERE pk = ?", "Parameters": [{"N": "4"}, {"S": b}]},
       f"DELETE FROM \"{hash_table}\" WHERE pk = '{c}' AND v = 1",
       f"EXISTS(SELECT * FROM \"{hash_table}\" WHERE pk = '{d}' AND v = 1)")
    assert item(ddb, hash_table, a) == {"pk": {"S": a}}
    assert item(ddb, hash_table, b)["v"] == {"N": "5"}
    assert item(ddb, hash_table, c) is None


def test_exists_failure_and_return_old(ddb, hash_table):
    """A false EXISTS cancels with "The conditional request failed."; ALL_OLD puts the item in
    the reason of a failed UPDATE."""
    a = key()
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": a}, "v": {"N": "1"}})
    reasons = canceled(ddb, f"EXISTS(SELECT * FROM \"{hash_table}\" WHERE pk = '{a}' AND v = 2)")
    assert reasons == [{"Code": "ConditionalCheckFailed", "Message": "The conditional request failed."}]
    reasons = canceled(ddb, {"Statement": f"UPDATE \"{hash_table}\" SET w = 1 WHERE pk = '{a}' AND v = 2",
                             "ReturnValuesOnConditionCheckFailure": "ALL_OLD"})
    assert reasons[0]["Item"] == {"pk": {"S": a}, "v": {"N": "1"}}


def test_client_request_token(ddb, hash_table):
    """A ClientRequestToken makes a retry answer without writing again; another request with
    the same token is refused."""
    a = key()
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": a}, "v": {"N": "1"}})
    stmt = f"UPDATE \"{hash_table}\" SET v = v + 1 WHERE pk = '{a}'"
    token = key()
    tx(ddb, stmt, ClientRequestToken=token)
    tx(ddb, stmt, ClientRequestToken=token)
    assert item(ddb, hash_table, a)["v"] == {"N": "2"}
    code, message = refused(ddb.execute_transaction, TransactStatements=[{"Statement": stmt + " AND v = 2"}],
                            ClientRequestToken=token)
    assert code == "IdempotentParameterMismatchException" and "idempotent token" in message


def test_a_key_of_the_wrong_type_cancels_before_anything_runs(ddb, hash_table):
    """The first statement whose key has the wrong type is the only reason; the others, even a
    failing condition, are "None" (DynamoDB Local)."""
    a = key()
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": a}, "v": {"N": "1"}})
    reasons = canceled(ddb, f"UPDATE \"{hash_table}\" SET w = 1 WHERE pk = '{a}' AND v = 2",
                       f"INSERT INTO \"{hash_table}\" VALUE {{'pk': 1}}", f"DELETE FROM \"{hash_table}\" WHERE pk = 2")
    assert reasons == [{"Code": "None"}, {"Code": "ValidationError", "Message": "Key attribute's data type should "
                                          "match its data type in table's schema: Key pk"}, {"Code": "None"}]
    with pytest.raises(ClientError) as e:
        tx(ddb, f"SELECT * FROM \"{hash_table}\" WHERE pk = '{a}'", f"SELECT * FROM \"{hash_table}\" WHERE pk = 1")
    assert [r["Code"] for r in e.value.response["CancellationReasons"]] == ["None", "ValidationError"]
