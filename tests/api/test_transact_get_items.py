"""TransactGetItems through boto3: serialization, validation, functionality."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.conftest import error_of, unique


def S(v: str) -> dict[str, str]:
    return {"S": v}


def get(table: str, pk: str, **kw: Any) -> dict[str, Any]:
    return {"Get": {"TableName": table, "Key": {"pk": S(pk)}, **kw}}


def refusal(call: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as e:
        call()
    return error_of(e)


# ---- serialization ---------------------------------------------------------------------------


def test_responses_in_request_order_with_empty_objects(ddb: Any, hash_table: str, range_table: str) -> None:
    """Responses has one entry per Get, in order; a missing item is an empty object."""
    a = unique()
    ddb.put_item(TableName=hash_table, Item={"pk": S(a), "v": {"N": "1"}})
    out = ddb.transact_get_items(TransactItems=[
        get(hash_table, unique()), get(hash_table, a),
        {"Get": {"TableName": range_table, "Key": {"pk": S(a), "sk": {"N": "1"}}}}])
    assert out["Responses"] == [{}, {"Item": {"pk": S(a), "v": {"N": "1"}}}, {}]


# ---- validation ------------------------------------------------------------------------------


def test_empty_list_and_unknown_table(ddb_raw: Any) -> None:
    """TransactItems needs at least one Get; a missing table is ResourceNotFoundException."""
    code, message = refusal(lambda: ddb_raw.transact_get_items(TransactItems=[]))
    assert code == "ValidationException" and message.endswith("Member must have length greater than or equal to 1")
    assert refusal(lambda: ddb_raw.transact_get_items(TransactItems=[get(unique("nope"), "a")])) == (
        "ResourceNotFoundException", "Requested resource not found")


def test_key_schema_mismatch_cancels(ddb: Any, hash_table: str) -> None:
    """A key that does not match the schema cancels with a ValidationError reason."""
    with pytest.raises(ClientError) as e:
        ddb.transact_get_items(TransactItems=[get(hash_table, "a"), {"Get": {"TableName": hash_table, "Key": {}}}])
    code, message = error_of(e)
    assert code == "TransactionCanceledException"
    assert message == "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ValidationError]"
    assert e.value.response["CancellationReasons"] == [
        {"Code": "None"}, {"Code": "ValidationError", "Message": "The provided key element does not match the schema"}]


def test_projection_errors_and_duplicates(ddb: Any, hash_table: str) -> None:
    """A projection that does not parse is a request error; two Gets of one item are refused."""
    assert refusal(lambda: ddb.transact_get_items(TransactItems=[get(hash_table, "a", ProjectionExpression="!!!")])) == (
        "ValidationException", 'Invalid ProjectionExpression: Syntax error; token: "!", near: "!!"')
    assert refusal(lambda: ddb.transact_get_items(TransactItems=[get(hash_table, "a"), get(hash_table, "a")])) == (
        "ValidationException", "Transaction request cannot include multiple operations on one item")


# ---- functionality ---------------------------------------------------------------------------


def test_projection(ddb: Any, hash_table: str) -> None:
    """ProjectionExpression (with names) picks attributes and nested paths."""
    a = unique()
    ddb.put_item(TableName=hash_table, Item={"pk": S(a), "n": {"N": "5"}, "m": {"M": {"x": S("y"), "z": S("w")}}})
    out = ddb.transact_get_items(TransactItems=[
        get(hash_table, a, ProjectionExpression="#n, m.x", ExpressionAttributeNames={"#n": "n"})])
    assert out["Responses"] == [{"Item": {"n": {"N": "5"}, "m": {"M": {"x": S("y")}}}}]


def test_projection_selecting_nothing_omits_item(ddb: Any, hash_table: str) -> None:
    """A present item of which the projection selects nothing answers an empty object, no Item."""
    a = unique()
    ddb.put_item(TableName=hash_table, Item={"pk": S(a), "real": S("here")})
    out = ddb.transact_get_items(TransactItems=[
        get(hash_table, a, ProjectionExpression="#x", ExpressionAttributeNames={"#x": "nope"}),
        get(hash_table, a + "-other", ProjectionExpression="v")])
    assert out["Responses"] == [{}, {}]


def test_capacity_two_reads_per_get(ddb: Any, hash_table: str) -> None:
    """Each Get costs two strongly consistent reads, a miss too; INDEXES adds the table's share
    with ReadCapacityUnits."""
    a = unique()
    ddb.put_item(TableName=hash_table, Item={"pk": S(a), "d": S("x" * 5000)})
    out = ddb.transact_get_items(ReturnConsumedCapacity="INDEXES",
                                 TransactItems=[get(hash_table, a), get(hash_table, unique())])
    assert out["ConsumedCapacity"] == [{"TableName": hash_table, "CapacityUnits": 6.0, "ReadCapacityUnits": 6.0,
                                        "Table": {"CapacityUnits": 6.0, "ReadCapacityUnits": 6.0}}]
