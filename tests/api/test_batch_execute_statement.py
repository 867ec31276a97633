"""BatchExecuteStatement through boto3 against a live server: serialization, validation,
functionality."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.conftest import refused

NEEDS_KEY = "Select statements within BatchExecuteStatement must specify the primary key in the where clause."


def key() -> str:
    return uuid.uuid4().hex


def batch(ddb: Any, *statements: str | dict[str, Any], **kw: Any) -> list[dict[str, Any]]:
    reqs = [s if isinstance(s, dict) else {"Statement": s} for s in statements]
    return ddb.batch_execute_statement(Statements=reqs, **kw)["Responses"]  # type: ignore[no-any-return]


# --- serialization ------------------------------------------------------------------------


def test_reads_answer_table_and_item_per_statement(ddb, hash_table):
    """Each SELECT's slot holds TableName and the Item (no Item when there is none), in order."""
    a, b, c = key(), key(), key()
    for k in (a, c):
        ddb.put_item(TableName=hash_table, Item={"pk": {"S": k}, "x": {"N": "1"}, "y": {"S": "z"}})
    r = batch(ddb, f"SELECT * FROM \"{hash_table}\" WHERE pk = '{a}'", f"SELECT * FROM \"{hash_table}\" WHERE pk = '{b}'",
              {"Statement": f"SELECT x FROM \"{hash_table}\" WHERE pk = ?", "Parameters": [{"S": c}]})
    assert r == [{"TableName": hash_table, "Item": {"pk": {"S": a}, "x": {"N": "1"}, "y": {"S": "z"}}},
                 {"TableName": hash_table}, {"TableName": hash_table, "Item": {"x": {"N": "1"}}}]


def test_writes_answer_table_per_statement(ddb, hash_table):
    """A write's slot holds its TableName, and the Item its RETURNING clause asks for."""
    a, b = key(), key()
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": b}})
    r = batch(ddb, f"INSERT INTO \"{hash_table}\" VALUE {{'pk': '{a}'}}",
              f"UPDATE \"{hash_table}\" SET n = 1 WHERE pk = '{b}' RETURNING ALL NEW *")
    assert r == [{"TableName": hash_table}, {"TableName": hash_table, "Item": {"pk": {"S": b}, "n": {"N": "1"}}}]


# --- validation ---------------------------------------------------------------------------


def test_reads_and_writes_together_are_refused(ddb, hash_table):
    """Reads and writes cannot share a batch."""
    assert refused(ddb.batch_execute_statement, Statements=[
        {"Statement": f"SELECT * FROM \"{hash_table}\" WHERE pk = 'a'"},
        {"Statement": f"DELETE FROM \"{hash_table}\" WHERE pk = 'b'"}]) == (
        "ValidationException", "Read and write requests together in the same batch is not supported.")


@pytest.mark.parametrize("select", [
    "SELECT a, a FROM \"{t}\" WHERE pk = 'a'",
    "SELECT * FROM \"{t}\" WHERE pk = 'a' AND attribute_type(x, 'X')",
    "SELECT * FROM \"nope-never-made\" WHERE pk = 'a'",
])
def test_a_refused_select_still_makes_the_batch_a_read(ddb, hash_table, select):
    """A SELECT that parses but is refused (its columns, its WHERE, its table) still counts as a read,
    so a batch with a write beside it is refused whole."""
    assert refused(ddb.batch_execute_statement, Statements=[
        {"Statement": select.format(t=hash_table)},
        {"Statement": f"INSERT INTO \"{hash_table}\" VALUE {{'pk': 'mixed'}}"}]) == (
        "ValidationException", "Read and write requests together in the same batch is not supported.")
    assert "Item" not in ddb.get_item(TableName=hash_table, Key={"pk": {"S": "mixed"}})


def test_two_statements_on_one_item_are_refused(ddb, hash_table):
    """Two statements naming the same item refuse the whole batch."""
    assert refused(ddb.batch_execute_statement, Statements=[
        {"Statement": f"INSERT INTO \"{hash_table}\" VALUE {{'pk': 'dup'}}"},
        {"Statement": f"DELETE FROM \"{hash_table}\" WHERE pk = 'dup'"}]) == (
        "ValidationException", "Provided list of item keys contains duplicates")


def test_more_than_25_statements(ddb_raw, hash_table):
    """The model allows 1 to 25 statements."""
    code, message = refused(ddb_raw.batch_execute_statement, Statements=[
        {"Statement": f"SELECT * FROM \"{hash_table}\" WHERE pk = 'k{i}'"} for i in range(26)])
    assert code == "ValidationException" and "Member must have length less than or equal to 25" in message


# --- functionality ------------------------------------------------------------------------


def test_per_statement_errors(ddb, hash_table):
    """Failures stay in their slots with DynamoDB's short codes; TableName only when the
    statement reached the item; the other statements run."""
    a, b, c = key(), key(), key()
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": a}, "v": {"N": "1"}})
    r = batch(ddb,
              f"INSERT INTO \"{hash_table}\" VALUE {{'pk': '{a}'}}",
              f"UPDATE \"{hash_table}\" SET w = 1 WHERE pk = '{b}'",
              f"UPDATE \"{hash_table}\" SET w = 1 WHERE v = 1",
              "UPDATE \"nope-not-a-table\" SET w = 1 WHERE pk = 'x'",
              "SLECT * FROM t",
              f"INSERT INTO \"{hash_table}\" VALUE {{'pk': '{c}'}}")
    assert r[0] == {"TableName": hash_table, "Error": {"Code": "DuplicateItem", "Message": "Duplicate primary key exists in table"}}
    assert r[1] == {"TableName": hash_table, "Error": {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed"}}
    assert r[2] == {"Error": {"Code": "ValidationError",
                              "Message": "Where clause does not contain a mandatory equality on all key attributes"}}
    assert r[3]["Error"]["Code"] == "ResourceNotFound" and "TableName" not in r[3]
    assert r[4] == {"Error": {"Code": "ValidationError",
                              "Message": "Statement wasn't well formed, can't be processed: Expected data manipulation"}}
    assert r[5] == {"TableName": hash_table}
    assert ddb.get_item(TableName=hash_table, Key={"pk": {"S": c}})["Item"] == {"pk": {"S": c}}


def test_select_must_name_exactly_the_key(ddb, hash_table, lsi_table):
    """A batch SELECT needs an equality on the whole primary key and nothing else, on the table."""
    r = batch(ddb, f"SELECT * FROM \"{hash_table}\" WHERE v = 'a'",
              f"SELECT * FROM \"{hash_table}\" WHERE pk = 'a' AND attribute_exists(v)",
              f"SELECT * FROM \"{lsi_table}\" WHERE pk = 'a'",
              f"SELECT * FROM \"{lsi_table}\".\"lsi1\" WHERE pk = 'a' AND lsik = 'b'")
    assert all(slot == {"Error": {"Code": "ValidationError", "Message": NEEDS_KEY}} for slot in r)


def test_condition_failure_returns_no_item(ddb, hash_table):
    """ReturnValuesOnConditionCheckFailure is inert on a batch member: no Item comes back."""
    a = key()
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": a}, "v": {"N": "1"}})
    r = batch(ddb, {"Statement": f"UPDATE \"{hash_table}\" SET w = 1 WHERE pk = ? AND v = 2",
                    "Parameters": [{"S": a}], "ReturnValuesOnConditionCheckFailure": "ALL_OLD"})
    assert r == [{"TableName": hash_table, "Error": {"Code": "ConditionalCheckFailed",
                                                     "Message": "The conditional request failed"}}]


def test_bad_parameter_is_a_slot_error(ddb, hash_table):
    """An unconvertible number parameter fails its own statement."""
    r = batch(ddb, {"Statement": f"SELECT * FROM \"{hash_table}\" WHERE pk = ?", "Parameters": [{"N": "abc"}]})
    assert r == [{"Error": {"Code": "ValidationError",
                            "Message": "The parameter cannot be converted to a numeric value: abc"}}]


def test_consumed_capacity_rates_each_read(ddb, hash_table):
    """ConsumedCapacity sums each member's read at its own consistency: 0.5 + 1 for two small items."""
    a, b = key(), key()
    for k in (a, b):
        ddb.put_item(TableName=hash_table, Item={"pk": {"S": k}})
    r = ddb.batch_execute_statement(Statements=[
        {"Statement": f"SELECT * FROM \"{hash_table}\" WHERE pk = '{a}'"},
        {"Statement": f"SELECT * FROM \"{hash_table}\" WHERE pk = '{b}'", "ConsistentRead": True}],
        ReturnConsumedCapacity="TOTAL")
    assert r["ConsumedCapacity"] == [{"TableName": hash_table, "CapacityUnits": 1.5}]


def test_consumed_capacity_of_writes_with_indexes(ddb, lsi_table):
    """INDEXES splits each table's write units between the table and the indexes the writes touch."""
    p = key()
    r = ddb.batch_execute_statement(Statements=[
        {"Statement": f"INSERT INTO \"{lsi_table}\" VALUE {{'pk': '{p}', 'sk': '1', 'lsik': 'x'}}"},
        {"Statement": f"INSERT INTO \"{lsi_table}\" VALUE {{'pk': '{p}', 'sk': '2'}}"}],
        ReturnConsumedCapacity="INDEXES")
    (cc,) = r["ConsumedCapacity"]
    assert cc["TableName"] == lsi_table and cc["Table"] == {"CapacityUnits": 2.0}
    assert cc["LocalSecondaryIndexes"] == {"lsi1": {"CapacityUnits": 1.0}}
    assert cc["CapacityUnits"] == 3.0
