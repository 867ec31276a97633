"""TransactWriteItems through boto3: serialization, validation, functionality."""

from __future__ import annotations

import shutil
import tempfile
import threading
import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.api.test_transaction_isolation import thread_client
from tests.conftest import ServerProcess, client, error_of, make_table, unique

CANCELLED = "Transaction cancelled, please refer cancellation reasons for specific reasons [{}]"


def S(v: str) -> dict[str, str]:
    return {"S": v}


def put(table: str, pk: str, **kw: Any) -> dict[str, Any]:
    return {"Put": {"TableName": table, "Item": {"pk": S(pk), **kw.pop("attrs", {})}, **kw}}


def cancellation(call: Any) -> tuple[str, list[dict[str, Any]]]:
    """(message, CancellationReasons) of a TransactionCanceledException."""
    with pytest.raises(ClientError) as e:
        call()
    code, message = error_of(e)
    assert code == "TransactionCanceledException"
    return message, e.value.response["CancellationReasons"]


def refusal(call: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as e:
        call()
    return error_of(e)


# ---- serialization ---------------------------------------------------------------------------


def test_response_is_empty_without_options(ddb: Any, hash_table: str) -> None:
    """DynamoDB answers a transaction without ReturnConsumedCapacity with an empty object."""
    out = ddb.transact_write_items(TransactItems=[put(hash_table, unique())])
    assert {k for k in out if k != "ResponseMetadata"} == set()


def test_cancellation_reasons_at_top_level(ddb: Any, hash_table: str) -> None:
    """The error carries CancellationReasons beside its message, which botocore exposes."""
    pk = unique()
    ddb.put_item(TableName=hash_table, Item={"pk": S(pk), "v": S("old")})
    message, reasons = cancellation(lambda: ddb.transact_write_items(TransactItems=[
        put(hash_table, unique()),
        put(hash_table, pk, ConditionExpression="attribute_not_exists(pk)", ReturnValuesOnConditionCheckFailure="ALL_OLD"),
    ]))
    assert message == CANCELLED.format("None, ConditionalCheckFailed")
    assert reasons == [{"Code": "None"}, {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed",
                                          "Item": {"pk": S(pk), "v": S("old")}}]


# ---- validation ------------------------------------------------------------------------------


def test_empty_and_too_long_lists(ddb_raw: Any, hash_table: str) -> None:
    """TransactItems must hold 1 to 100 actions (the model's constraint wording)."""
    code, message = refusal(lambda: ddb_raw.transact_write_items(TransactItems=[]))
    assert (code, message) == ("ValidationException", "1 validation error detected: Value '[]' at 'transactItems' "
                                                       "failed to satisfy constraint: Member must have length greater "
                                                       "than or equal to 1")
    code, message = refusal(lambda: ddb_raw.transact_write_items(
        TransactItems=[put(hash_table, f"k{i}") for i in range(101)]))
    assert code == "ValidationException"
    assert message.endswith("failed to satisfy constraint: Member must have length less than or equal to 100")


def test_two_actions_on_one_item(ddb: Any, hash_table: str) -> None:
    """No two actions may target the same item, whatever their kinds."""
    pk = unique()
    assert refusal(lambda: ddb.transact_write_items(TransactItems=[
        put(hash_table, pk), {"Delete": {"TableName": hash_table, "Key": {"pk": S(pk)}}}])) == (
        "ValidationException", "Transaction request cannot include multiple operations on one item")


def test_entry_with_none_or_several_members(ddb_raw: Any, hash_table: str) -> None:
    """An entry must hold exactly one of ConditionCheck, Put, Delete, Update."""
    assert refusal(lambda: ddb_raw.transact_write_items(TransactItems=[{}])) == (
        "ValidationException", "Invalid Request: TransactWriteRequest should contain Delete or Put or Update request")
    both = {**put(hash_table, "a"), "Delete": {"TableName": hash_table, "Key": {"pk": S("a")}}}
    assert refusal(lambda: ddb_raw.transact_write_items(TransactItems=[both])) == (
        "ValidationException", "TransactItems can only contain one of Check, Put, Update or Delete")


def test_unknown_table(ddb: Any) -> None:
    """A missing table is ResourceNotFoundException, "Requested resource not found"."""
    assert refusal(lambda: ddb.transact_write_items(TransactItems=[put(unique("nope"), "a")])) == (
        "ResourceNotFoundException", "Requested resource not found")


def test_item_too_large_and_payload_over_4mb(ddb: Any, hash_table: str) -> None:
    """An item over 400 KB is refused bare; so are Put items over 4 MB in all."""
    assert refusal(lambda: ddb.transact_write_items(TransactItems=[
        put(hash_table, "big", attrs={"d": S("x" * 410_000)})])) == (
        "ValidationException", "Item size has exceeded the maximum allowed size")
    items = [put(hash_table, f"m{i:02d}", attrs={"d": S("x" * 390_000)}) for i in range(11)]
    assert refusal(lambda: ddb.transact_write_items(TransactItems=items)) == (
        "ValidationException", "Transaction payload size cannot exceed 4MB. Payload Size: 4290066")


def test_key_schema_errors_are_cancellation_reasons(ddb: Any, hash_table: str) -> None:
    """A key of the wrong type cancels with a ValidationError reason (a Put names the key; the
    Key of other actions "does not match the schema"); an empty key value is a request error."""
    message, reasons = cancellation(lambda: ddb.transact_write_items(TransactItems=[
        {"Put": {"TableName": hash_table, "Item": {"pk": {"N": "5"}}}},
        {"Delete": {"TableName": hash_table, "Key": {"pk": {"N": "5"}}}}]))
    assert message == CANCELLED.format("ValidationError, ValidationError")
    assert [r["Message"] for r in reasons] == [
        "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N",
        "The provided key element does not match the schema"]
    assert refusal(lambda: ddb.transact_write_items(TransactItems=[
        {"ConditionCheck": {"TableName": hash_table, "Key": {"pk": S("")}, "ConditionExpression": "attribute_exists(a)"}}
    ])) == ("ValidationException", "One or more parameter values are not valid. The AttributeValue for a key "
                                   "attribute cannot contain an empty string value. Key: pk")


def test_updating_a_key_attribute_is_a_reason(ddb: Any, hash_table: str) -> None:
    """An UpdateExpression on a key attribute cancels the transaction with a ValidationError."""
    _, reasons = cancellation(lambda: ddb.transact_write_items(TransactItems=[{"Update": {
        "TableName": hash_table, "Key": {"pk": S("a")}, "UpdateExpression": "SET pk = :v",
        "ExpressionAttributeValues": {":v": S("b")}}}]))
    assert reasons == [{"Code": "ValidationError", "Message": "One or more parameter values were invalid: Cannot "
                                                             "update attribute pk. This attribute is part of the key"}]


def test_expression_errors_are_bare_and_in_the_older_layer(ddb: Any, hash_table: str) -> None:
    """Expression errors come bare (no validation envelope) and before any table lookup; a bad
    expression value is wrapped "ExpressionAttributeValues contains invalid value"."""
    assert refusal(lambda: ddb.transact_write_items(TransactItems=[
        put(unique("nope"), "a"),
        {"ConditionCheck": {"TableName": hash_table, "Key": {"pk": S("a")}, "ConditionExpression": "attribute_not_exists("}},
    ])) == ("ValidationException", 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "("')
    assert refusal(lambda: ddb.transact_write_items(TransactItems=[
        {"ConditionCheck": {"TableName": hash_table, "Key": {"pk": S("a")}, "ConditionExpression": "n = :v",
                            "ExpressionAttributeValues": {":v": {"N": "abc"}}}}])) == (
        "ValidationException", "ExpressionAttributeValues contains invalid value: The parameter cannot be converted "
                               "to a numeric value: abc for key :v")


def deep(levels: int) -> dict[str, Any]:
    value: dict[str, Any] = S("leaf")
    for _ in range(levels):
        value = {"M": {"n": value}}
    return value


def test_order_of_checks_within_an_action(ddb: Any, hash_table: str) -> None:
    """Within one action: a Put item's top-level empty name, then its nesting, then the names
    inside it; an action's expressions (syntax, size) before its key's values; an oversized
    UpdateExpression without UpdateItem's size figure."""
    nest = ("Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond "
            "supported limit")

    def first_error(*items: dict[str, Any]) -> str:
        return refusal(lambda: ddb.transact_write_items(TransactItems=list(items)))[1]

    k = {"pk": S("a")}
    assert first_error({"Put": {"TableName": hash_table, "Item": {**k, "d": deep(100), "": S("x")}}}) == (
        "Empty attribute name")
    assert first_error({"Put": {"TableName": hash_table, "Item": {**k, "m": {"M": {"": S("x")}}, "d": deep(40)}}}) == nest
    assert first_error({"Delete": {"TableName": hash_table, "Key": {"pk": deep(100)},
                                   "ConditionExpression": "a = = b"}}) == (
        'Invalid ConditionExpression: Syntax error; token: "=", near: "= = b"')
    assert first_error({"Delete": {"TableName": hash_table, "Key": {"pk": deep(100)},
                                   "ConditionExpression": "a = :v" + " AND a = :v" * 373,
                                   "ExpressionAttributeValues": {":v": S("x")}}}) == (
        "Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 4109")
    assert first_error({"Update": {"TableName": hash_table, "Key": k, "ExpressionAttributeValues": {":v": S("x")},
                                   "UpdateExpression": "SET " + ", ".join(f"a{i} = :v" for i in range(500))}}) == (
        "Invalid UpdateExpression: Expression size has exceeded the maximum allowed size;")


def test_update_type_error_is_a_request_error(ddb: Any, hash_table: str) -> None:
    """An update that cannot apply to the stored item fails the request with its own message,
    ahead of another action's failed condition."""
    pk = unique()
    ddb.put_item(TableName=hash_table, Item={"pk": S(pk), "s": S("text")})
    assert refusal(lambda: ddb.transact_write_items(TransactItems=[
        {"ConditionCheck": {"TableName": hash_table, "Key": {"pk": S(unique())}, "ConditionExpression": "attribute_exists(pk)"}},
        {"Update": {"TableName": hash_table, "Key": {"pk": S(pk)}, "UpdateExpression": "SET s = s + :one",
                    "ExpressionAttributeValues": {":one": {"N": "1"}}}}])) == (
        "ValidationException", "An operand in the update expression has an incorrect data type")


def test_return_values_on_condition_check_failure_enum(ddb_raw: Any, hash_table: str) -> None:
    """ReturnValuesOnConditionCheckFailure takes ALL_OLD or NONE."""
    code, message = refusal(lambda: ddb_raw.transact_write_items(TransactItems=[
        {"Delete": {"TableName": hash_table, "Key": {"pk": S("a")}, "ReturnValuesOnConditionCheckFailure": "ALL_NEW"}}]))
    assert code == "ValidationException" and "Member must satisfy enum value set: [ALL_OLD, NONE]" in message


# ---- functionality ---------------------------------------------------------------------------


def test_all_four_actions_across_tables(ddb: Any, hash_table: str, range_table: str) -> None:
    """Put, Update, Delete and ConditionCheck on two tables apply together."""
    a, b, c, d = (unique() for _ in range(4))
    ddb.put_item(TableName=hash_table, Item={"pk": S(b), "n": {"N": "1"}})
    ddb.put_item(TableName=range_table, Item={"pk": S(c), "sk": {"N": "1"}})
    ddb.put_item(TableName=hash_table, Item={"pk": S(d), "ok": {"BOOL": True}})
    ddb.transact_write_items(TransactItems=[
        put(hash_table, a),
        {"Update": {"TableName": hash_table, "Key": {"pk": S(b)}, "UpdateExpression": "ADD n :one",
                    "ExpressionAttributeValues": {":one": {"N": "1"}}}},
        {"Delete": {"TableName": range_table, "Key": {"pk": S(c), "sk": {"N": "1"}}}},
        {"ConditionCheck": {"TableName": hash_table, "Key": {"pk": S(d)}, "ConditionExpression": "ok = :t",
                            "ExpressionAttributeValues": {":t": {"BOOL": True}}}}])
    assert "Item" in ddb.get_item(TableName=hash_table, Key={"pk": S(a)})
    assert ddb.get_item(TableName=hash_table, Key={"pk": S(b)})["Item"]["n"] == {"N": "2"}
    assert "Item" not in ddb.get_item(TableName=range_table, Key={"pk": S(c), "sk": {"N": "1"}})


def test_cancelled_transaction_writes_nothing(ddb: Any, hash_table: str) -> None:
    """When one condition fails, none of the other actions is applied."""
    a, b = unique(), unique()
    ddb.put_item(TableName=hash_table, Item={"pk": S(b), "v": S("keep")})
    _, reasons = cancellation(lambda: ddb.transact_write_items(TransactItems=[
        put(hash_table, a),
        {"Update": {"TableName": hash_table, "Key": {"pk": S(b)}, "UpdateExpression": "SET v = :x",
                    "ConditionExpression": "v = :y", "ExpressionAttributeValues": {":x": S("x"), ":y": S("y")}}}]))
    assert [r["Code"] for r in reasons] == ["None", "ConditionalCheckFailed"]
    assert "Item" not in ddb.get_item(TableName=hash_table, Key={"pk": S(a)})
    assert ddb.get_item(TableName=hash_table, Key={"pk": S(b)})["Item"]["v"] == S("keep")


def test_capacity_is_doubled_with_the_write_split(ddb: Any, hash_table: str, range_table: str) -> None:
    """Each transactional write costs twice a plain one (a ConditionCheck too); TOTAL reports
    one entry per table in request order with WriteCapacityUnits, INDEXES adds the table's share."""
    out = ddb.transact_write_items(ReturnConsumedCapacity="INDEXES", TransactItems=[
        put(range_table, unique(), attrs={"sk": {"N": "1"}, "d": S("x" * 1500)}),
        put(hash_table, unique()),
        {"ConditionCheck": {"TableName": hash_table, "Key": {"pk": S(unique())}, "ConditionExpression": "attribute_not_exists(pk)"}}])
    assert out["ConsumedCapacity"] == [
        {"TableName": range_table, "CapacityUnits": 4.0, "WriteCapacityUnits": 4.0,
         "Table": {"CapacityUnits": 4.0, "WriteCapacityUnits": 4.0}},
        {"TableName": hash_table, "CapacityUnits": 4.0, "WriteCapacityUnits": 4.0,
         "Table": {"CapacityUnits": 4.0, "WriteCapacityUnits": 4.0}}]


def gsi_table(ddb: Any) -> str:
    """A new table keyed on string `pk` with a GSI `gsi1` on string `g` (projection ALL)."""
    name = unique()
    ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                           {"AttributeName": "g", "AttributeType": "S"}],
                     GlobalSecondaryIndexes=[{"IndexName": "gsi1", "Projection": {"ProjectionType": "ALL"},
                                              "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}]}])
    return name


def test_index_capacity_and_index_maintenance(ddb: Any) -> None:
    """A transactional Put maintains the table's GSI and is charged twice for it."""
    name = gsi_table(ddb)
    out = ddb.transact_write_items(ReturnConsumedCapacity="INDEXES", TransactItems=[put(name, "a", attrs={"g": S("x")})])
    assert out["ConsumedCapacity"][0]["CapacityUnits"] == 4.0
    assert out["ConsumedCapacity"][0]["GlobalSecondaryIndexes"] == {"gsi1": {"CapacityUnits": 2.0, "WriteCapacityUnits": 2.0}}
    index = ddb.describe_table(TableName=name)["Table"]["GlobalSecondaryIndexes"][0]
    assert index["ItemCount"] == 1  # the entry was written with the item
    _, reasons = cancellation(lambda: ddb.transact_write_items(TransactItems=[put(name, "b", attrs={"g": {"N": "1"}})]))
    assert reasons == [{"Code": "ValidationError", "Message": "One or more parameter values were invalid: Type mismatch "
                                                             "for Index Key g Expected: S Actual: N IndexName: gsi1"}]


def test_index_key_errors(ddb: Any) -> None:
    """A wrong-typed index key cancels with the PutItem-style reason, for a Put and an Update;
    an empty one is a request error (AWS, eu-west-2 captures)."""
    name = gsi_table(ddb)
    mismatch = ("One or more parameter values were invalid: Type mismatch for Index Key g Expected: S Actual: L "
                "IndexName: gsi1")
    for action in (put(name, "a", attrs={"g": {"L": [S("x")]}}),
                   {"Update": {"TableName": name, "Key": {"pk": S("a")}, "UpdateExpression": "SET g = :v",
                               "ExpressionAttributeValues": {":v": {"L": [S("x")]}}}}):
        _, reasons = cancellation(lambda: ddb.transact_write_items(TransactItems=[action]))
        assert reasons == [{"Code": "ValidationError", "Message": mismatch}]
    assert refusal(lambda: ddb.transact_write_items(TransactItems=[put(name, "a", attrs={"g": S("")})])) == (
        "ValidationException", "One or more parameter values are not valid. A value specified for a secondary index "
        "key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. "
        "IndexName: gsi1, IndexKey: g")
    assert refusal(lambda: ddb.transact_write_items(TransactItems=[{"Update": {
        "TableName": name, "Key": {"pk": S("a")}, "UpdateExpression": "SET g = :v",
        "ExpressionAttributeValues": {":v": S("")}}}])) == (
        "ValidationException", "One or more parameter values are not valid. The update expression attempted to "
        "update a secondary index key to a value that is not supported. The AttributeValue for a key attribute "
        "cannot contain an empty string value.")


def test_client_request_token_replays(ddb: Any, hash_table: str) -> None:
    """The same token and request returns success without writing again (charged as reads); a
    different request under the token is IdempotentParameterMismatchException."""
    pk, token = unique(), str(uuid.uuid4())
    items = [{"Update": {"TableName": hash_table, "Key": {"pk": S(pk)}, "UpdateExpression": "ADD n :one",
                         "ExpressionAttributeValues": {":one": {"N": "1"}}}}]
    first = ddb.transact_write_items(TransactItems=items, ClientRequestToken=token, ReturnConsumedCapacity="TOTAL")
    again = ddb.transact_write_items(TransactItems=items, ClientRequestToken=token, ReturnConsumedCapacity="TOTAL")
    assert first["ConsumedCapacity"] == [{"TableName": hash_table, "CapacityUnits": 2.0, "WriteCapacityUnits": 2.0}]
    assert again["ConsumedCapacity"] == [{"TableName": hash_table, "CapacityUnits": 2.0, "ReadCapacityUnits": 2.0}]
    assert ddb.get_item(TableName=hash_table, Key={"pk": S(pk)})["Item"]["n"] == {"N": "1"}
    other = [{"Update": {**items[0]["Update"], "ExpressionAttributeValues": {":one": {"N": "2"}}}}]
    code, _ = refusal(lambda: ddb.transact_write_items(TransactItems=other, ClientRequestToken=token))
    assert code == "IdempotentParameterMismatchException"


def test_token_survives_restart() -> None:
    """Token records are durable: after a restart the same request is still not applied twice."""
    path = tempfile.mkdtemp(prefix="ddbserver-txn-")
    srv = ServerProcess(["--data-dir", path]).start()
    try:
        ddb = client(srv.url)
        table = make_table(ddb)
        items = [{"Update": {"TableName": table, "Key": {"pk": S("a")}, "UpdateExpression": "ADD n :one",
                             "ExpressionAttributeValues": {":one": {"N": "1"}}}}]
        ddb.transact_write_items(TransactItems=items, ClientRequestToken="restart-token")
        srv.stop()
        srv.start()
        ddb = client(srv.url)
        ddb.transact_write_items(TransactItems=items, ClientRequestToken="restart-token")
        assert ddb.get_item(TableName=table, Key={"pk": S("a")})["Item"]["n"] == {"N": "1"}
    finally:
        if srv.proc is not None:
            srv.stop()
        shutil.rmtree(path, ignore_errors=True)


def test_numbers_written_two_ways_are_one_item(ddb: Any, range_table: str) -> None:
    """A key number written 1 and 1.00 names one item, so two actions on it are refused
    (DynamoDB Local counts them as two items)."""
    pk = unique()
    assert refusal(lambda: ddb.transact_write_items(TransactItems=[
        {"Put": {"TableName": range_table, "Item": {"pk": S(pk), "sk": {"N": "1"}}}},
        {"Delete": {"TableName": range_table, "Key": {"pk": S(pk), "sk": {"N": "1.00"}}}}])) == (
        "ValidationException", "Transaction request cannot include multiple operations on one item")


def test_item_collection_metrics_on_lsi_tables(ddb: Any, lsi_table: str, hash_table: str) -> None:
    """With SIZE, each written item collection of a table with a local index is reported once;
    tables without local indexes and ConditionChecks report none."""
    pk = unique()
    out = ddb.transact_write_items(ReturnItemCollectionMetrics="SIZE", TransactItems=[
        {"Put": {"TableName": lsi_table, "Item": {"pk": S(pk), "sk": S("1"), "lsik": S("x")}}},
        {"Put": {"TableName": lsi_table, "Item": {"pk": S(pk), "sk": S("2")}}},
        {"ConditionCheck": {"TableName": lsi_table, "Key": {"pk": S(unique()), "sk": S("1")},
                            "ConditionExpression": "attribute_not_exists(pk)"}},
        put(hash_table, unique())])
    assert out["ItemCollectionMetrics"] == {
        lsi_table: [{"ItemCollectionKey": {"pk": S(pk)}, "SizeEstimateRangeGB": [0.0, 1.0]}]}


def test_concurrent_retries_with_one_token_apply_once(ddb: Any, hash_table: str, server: Any) -> None:
    """Retries of one request racing each other all succeed and the write happens once."""
    pk, token = unique(), str(uuid.uuid4())
    items = [{"Update": {"TableName": hash_table, "Key": {"pk": S(pk)}, "UpdateExpression": "ADD n :one",
                         "ExpressionAttributeValues": {":one": {"N": "1"}}}}]
    errors: list[str] = []

    def retry() -> None:
        try:
            thread_client(server.url).transact_write_items(TransactItems=items, ClientRequestToken=token)
        except ClientError as err:  # pragma: no cover - reported below
            errors.append(repr(err))
    threads = [threading.Thread(target=retry) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert ddb.get_item(TableName=hash_table, Key={"pk": S(pk)})["Item"]["n"] == {"N": "1"}


def test_update_size_is_measured_on_the_finished_item(ddb: Any, hash_table: str) -> None:
    """A transacted Update may finish an item of exactly 409,600 bytes; one byte more cancels
    with the update wording, for a fresh key as for a stored row (AWS, eu-west-2 captures,
    paritysuite/dynamodb-conformance itemSizeBySurface)."""
    def update(pk: str, total: int) -> None:
        filler = total - (2 + len(pk)) - 1  # "pk" + its value, "p" + the string
        ddb.transact_write_items(TransactItems=[{"Update": {
            "TableName": hash_table, "Key": {"pk": S(pk)}, "UpdateExpression": "SET p = :p",
            "ExpressionAttributeValues": {":p": S("x" * filler)}}}])
    at = unique()
    update(at, 409_600)
    assert len(ddb.get_item(TableName=hash_table, Key={"pk": S(at)})["Item"]["p"]["S"]) == 409_600 - 3 - len(at)
    stored = unique()
    ddb.put_item(TableName=hash_table, Item={"pk": S(stored), "p": S("small")})
    for pk in (unique(), stored):
        _, reasons = cancellation(lambda: update(pk, 409_601))
        assert reasons == [{"Code": "ValidationError",
                            "Message": "Item size to update has exceeded the maximum allowed size"}]


def test_values_in_the_older_layer(ddb_raw: Any, hash_table: str) -> None:
    """Transactions check values in DynamoDB's older layer: an empty number's message has no
    colon (AWS captures in three of four regions, valueLayers)."""
    for raw, message in (("", "The parameter cannot be converted to a numeric value"),):
        assert refusal(lambda: ddb_raw.transact_write_items(TransactItems=[
            put(hash_table, "vl", attrs={"n": {"N": raw}})])) == ("ValidationException", message)
        assert refusal(lambda: ddb_raw.transact_get_items(TransactItems=[
            {"Get": {"TableName": hash_table, "Key": {"pk": {"N": raw}}}}])) == ("ValidationException", message)
