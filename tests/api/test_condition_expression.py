"""ConditionExpression on PutItem, DeleteItem and UpdateItem through boto3 against a live server:
serialization, validation (DynamoDB's exact messages), functionality."""

from __future__ import annotations

import uuid

import pytest
from botocore.exceptions import ClientError

from tests.conftest import error_of

ITEM = {"a": {"N": "5"}, "s": {"S": "hello"}, "l": {"L": [{"S": "x"}, {"N": "2"}]},
        "m": {"M": {"x": {"N": "1"}}}, "ss": {"SS": ["a", "b"]}, "b": {"B": b"\x01\x02\x03"}}


def stored(ddb, table):
    k = {"pk": {"S": uuid.uuid4().hex}}
    ddb.put_item(TableName=table, Item={**k, **ITEM})
    return k


def delete_if(ddb, table, k, expression, values=None, names=None):
    kw = {"ConditionExpression": expression}
    if values is not None:
        kw["ExpressionAttributeValues"] = values
    if names is not None:
        kw["ExpressionAttributeNames"] = names
    try:
        ddb.delete_item(TableName=table, Key=k, **kw)
        return True
    except ClientError as e:
        if e.response["Error"]["Code"] == "ConditionalCheckFailedException":
            return False
        raise


# --- serialization --------------------------------------------------------------------------


def test_failed_condition_is_conditional_check_failed(ddb, hash_table):
    """A false condition is ConditionalCheckFailedException with DynamoDB's message; ALL_OLD adds the item."""
    k = stored(ddb, hash_table)
    with pytest.raises(ClientError) as e:
        ddb.put_item(TableName=hash_table, Item=k, ConditionExpression="attribute_not_exists(pk)",
                     ReturnValuesOnConditionCheckFailure="ALL_OLD")
    assert error_of(e) == ("ConditionalCheckFailedException", "The conditional request failed")
    assert e.value.response["Item"]["b"] == {"B": b"\x01\x02\x03"}


# --- validation -----------------------------------------------------------------------------


@pytest.mark.parametrize("expression, values, message", [
    ("a = = :v", {":v": {"N": "1"}}, 'Invalid ConditionExpression: Syntax error; token: "=", near: "= = :v"'),
    ("status = :v", {":v": {"N": "1"}}, "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status"),
    ("#x = :v", {":v": {"N": "1"}}, "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #x"),
    ("a = :x", {":v": {"N": "1"}}, "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :x"),
    ("size(a)", None, "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size"),
    ("size(:v) = :v", {":v": {"N": "1"}}, "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: size, operand type: N"),
    ("begins_with(a)", None, "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1"),
    ("foo(a)", None, "Invalid ConditionExpression: Invalid function name; function: foo"),
    ("((a = :v))", {":v": {"N": "1"}}, "Invalid ConditionExpression: The expression has redundant parentheses;"),
    ("a = a", None, "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]"),
    ("a BETWEEN :h AND :l", {":h": {"N": "1.50E+1"}, ":l": {"N": "2"}}, "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:1.50E+1}, upper bound operand: AttributeValue: {N:2}"),
    ("a BETWEEN :h AND :l", {":h": {"N": "-1E-130"}, ":l": {"S": "2"}}, "Invalid ConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:-1E-130}, upper bound operand: AttributeValue: {S:2}"),
    ("attribute_type(a, a)", None, "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: attribute_type, first operand: [a]"),
    ("a = :v", {":v": {"N": "1"}, ":w": {"N": "1"}}, "Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}"),
    ("a = :v", {}, "ExpressionAttributeValues must not be empty"),
    ("", None, "Invalid ConditionExpression: The expression can not be empty;"),
])
def test_condition_errors(ddb_raw, hash_table, expression, values, message):
    """Request errors in a ConditionExpression carry DynamoDB's exact text, inside the
    "1 validation error detected: " envelope AWS puts around PutItem/DeleteItem request errors."""
    kw = {"ConditionExpression": expression}
    if values is not None:
        kw["ExpressionAttributeValues"] = values
    for call in (lambda: ddb_raw.delete_item(TableName=hash_table, Key={"pk": {"S": "x"}}, **kw),
                 lambda: ddb_raw.put_item(TableName=hash_table, Item={"pk": {"S": "x"}}, **kw)):
        with pytest.raises(ClientError) as e:
            call()
        assert error_of(e) == ("ValidationException", "1 validation error detected: " + message)


def test_maps_without_expressions(ddb_raw, hash_table):
    """ExpressionAttributeNames / Values without an expression are rejected (AWS names no expression)."""
    with pytest.raises(ClientError) as e:
        ddb_raw.delete_item(TableName=hash_table, Key={"pk": {"S": "x"}}, ExpressionAttributeNames={"#a": "a"})
    assert error_of(e)[1] == "1 validation error detected: ExpressionAttributeNames can only be specified when using expressions"
    with pytest.raises(ClientError) as e:
        ddb_raw.put_item(TableName=hash_table, Item={"pk": {"S": "x"}}, ExpressionAttributeValues={":a": {"S": "b"}})
    assert error_of(e)[1] == "1 validation error detected: ExpressionAttributeValues can only be specified when using expressions"


# --- functionality --------------------------------------------------------------------------


@pytest.mark.parametrize("expression, values, expected", [
    ("a = :v", {":v": {"N": "5.0"}}, True),
    ("a = :v", {":v": {"S": "5"}}, False),
    ("a <> :v", {":v": {"S": "5"}}, True),
    ("zz <> :v", {":v": {"N": "1"}}, True),
    ("a < :v", {":v": {"S": "6"}}, False),
    ("a BETWEEN :lo AND :hi", {":lo": {"N": "5"}, ":hi": {"N": "6"}}, True),
    ("a IN (:x, :y)", {":x": {"N": "1"}, ":y": {"N": "5"}}, True),
    ("attribute_exists(m.x) AND attribute_not_exists(m.y)", None, True),
    ("attribute_type(ss, :t)", {":t": {"S": "SS"}}, True),
    ("begins_with(s, :p)", {":p": {"S": "he"}}, True),
    ("begins_with(b, :p)", {":p": {"B": b"\x01"}}, True),
    ("contains(ss, :e) AND contains(s, :sub) AND contains(l, :n)", {":e": {"S": "a"}, ":sub": {"S": "ell"}, ":n": {"N": "2"}}, True),
    ("size(l) = :two AND size(s) > :two", {":two": {"N": "2"}}, True),
    ("l[1] = :n", {":n": {"N": "2"}}, True),
    ("NOT a = :v OR s = :s AND a = :x", {":v": {"N": "5"}, ":s": {"S": "hello"}, ":x": {"N": "1"}}, False),
    ("(NOT a = :v OR s = :s) AND a = :x", {":v": {"N": "5"}, ":s": {"S": "hello"}, ":x": {"N": "1"}}, False),
    ("#st = :v", {":v": {"N": "5"}}, False),
])
def test_condition_semantics(ddb, hash_table, expression, values, expected):
    """Comparisons, functions, paths and precedence evaluate as DynamoDB does."""
    k = stored(ddb, hash_table)
    names = {"#st": "status"} if "#st" in expression else None
    assert delete_if(ddb, hash_table, k, expression, values, names) is expected
    assert ("Item" in ddb.get_item(TableName=hash_table, Key=k)) is not expected


def test_put_with_condition_on_missing_item(ddb, hash_table):
    """attribute_not_exists(pk) lets a put create an item once and refuses the second."""
    k = {"pk": {"S": uuid.uuid4().hex}}
    ddb.put_item(TableName=hash_table, Item=k, ConditionExpression="attribute_not_exists(pk)")
    with pytest.raises(ClientError) as e:
        ddb.put_item(TableName=hash_table, Item=k, ConditionExpression="attribute_not_exists(pk)")
    assert error_of(e)[0] == "ConditionalCheckFailedException"


# --- prepare() for Query and Scan (their operations reuse it) ---------------------------------


def _prepare_error(body, **flags):
    from ddbserver.api import expressions
    from ddbserver.errors import DynamoError

    with pytest.raises(DynamoError) as info:
        expressions.prepare(body, **flags)
    return info.value.message


def test_query_expressions_are_checked_filter_projection_key_condition():
    """Query checks FilterExpression, then ProjectionExpression, then KeyConditionExpression."""
    v = {":v": {"N": "1"}}
    q = dict(filter=True, projection=True, key_condition=True)
    assert _prepare_error({"KeyConditionExpression": "#k = :v", "FilterExpression": "#b = :v",
                           "ExpressionAttributeValues": v}, **q).startswith("Invalid FilterExpression: ")
    assert _prepare_error({"KeyConditionExpression": "pk = = :v", "ProjectionExpression": "#c",
                           "ExpressionAttributeValues": v}, **q).startswith("Invalid ProjectionExpression: ")
    assert _prepare_error({"ExpressionAttributeValues": v}, **q) == (
        "ExpressionAttributeValues can only be specified when using expressions")


def test_query_prepare_returns_filter_and_key_condition():
    """prepare() gives Query a compiled filter and the resolved key condition tree."""
    from ddbserver.api import expressions
    from ddbserver.engine.expr import ast

    p = expressions.prepare({"KeyConditionExpression": "#k = :v AND sk > :w", "FilterExpression": "a = :v",
                             "ExpressionAttributeNames": {"#k": "pk"},
                             "ExpressionAttributeValues": {":v": {"S": "x"}, ":w": {"N": "1"}}},
                            filter=True, projection=True, key_condition=True)
    assert p.filter is not None and p.filter({"a": {"S": "x"}}) and not p.filter({"a": {"S": "y"}})
    assert isinstance(p.key_condition, ast.And)
    assert p.key_condition.left == ast.Compare("=", ast.Path(("pk",)), ast.Literal({"S": "x"}))
