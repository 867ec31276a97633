"""ProjectionExpression on GetItem through boto3 against a live server: serialization,
validation (DynamoDB's exact messages), functionality."""

from __future__ import annotations

import uuid

import pytest
from botocore.exceptions import ClientError

from tests.conftest import error_of

ITEM = {"a": {"N": "5"}, "b": {"B": b"\xff"}, "status": {"S": "on"},
        "l": {"L": [{"S": "x"}, {"S": "y"}, {"M": {"q": {"N": "1"}, "r": {"N": "2"}}}]},
        "m": {"M": {"x": {"N": "1"}, "y": {"M": {"z": {"S": "q"}}}}}}


@pytest.fixture(scope="module")
def stored(ddb, hash_table):
    k = {"pk": {"S": uuid.uuid4().hex}}
    ddb.put_item(TableName=hash_table, Item={**k, **ITEM})
    return k


def project(ddb, table, k, expression, names=None):
    kw = {"ExpressionAttributeNames": names} if names else {}
    return ddb.get_item(TableName=table, Key=k, ProjectionExpression=expression, **kw).get("Item")


# --- serialization --------------------------------------------------------------------------


def test_projected_binary_round_trips(ddb, hash_table, stored):
    """Projected values keep their wire form (binary stays bytes)."""
    assert project(ddb, hash_table, stored, "b") == {"b": {"B": b"\xff"}}


# --- validation -----------------------------------------------------------------------------


@pytest.mark.parametrize("expression, names, message", [
    ("a, a.b", None, "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]"),
    ("m, m", None, "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [m], path two: [m]"),
    ("m.x, m[0]", None, "Invalid ProjectionExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [m, x], path two: [m, [0]]"),
    ("status", None, "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: status"),
    ("#n", None, "Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #n"),
    ("a,", None, 'Invalid ProjectionExpression: Syntax error; token: "<EOF>", near: ","'),
    ("#a", {"#a": "a", "#b": "b"}, "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}"),
])
def test_projection_errors(ddb, hash_table, stored, expression, names, message):
    """Projection errors carry DynamoDB's exact text."""
    with pytest.raises(ClientError) as e:
        project(ddb, hash_table, stored, expression, names)
    assert error_of(e) == ("ValidationException", message)


# --- functionality --------------------------------------------------------------------------


@pytest.mark.parametrize("expression, expected", [
    ("a", {"a": {"N": "5"}}),
    ("a, m.y.z, l[1]", {"a": {"N": "5"}, "m": {"M": {"y": {"M": {"z": {"S": "q"}}}}}, "l": {"L": [{"S": "y"}]}}),
    ("l[2].q, l[0]", {"l": {"L": [{"S": "x"}, {"M": {"q": {"N": "1"}}}]}}),
    ("l[1], l[0]", {"l": {"L": [{"S": "x"}, {"S": "y"}]}}),
    ("l[7], m.zz, a.b, zz", {}),
    ("m.y, m.x", {"m": ITEM["m"]}),
])
def test_projection_keeps_only_projected_parts(ddb, hash_table, stored, expression, expected):
    """Only the projected parts remain; list elements keep their order, compacted; an item
    nothing of which is projected comes back empty."""
    assert project(ddb, hash_table, stored, expression) == expected


def test_reserved_word_through_a_name(ddb, hash_table, stored):
    """A reserved word is reachable through an expression attribute name."""
    assert project(ddb, hash_table, stored, "#s", {"#s": "status"}) == {"status": {"S": "on"}}


def test_projection_checked_before_key(ddb_raw, hash_table):
    """GetItem checks the ProjectionExpression before the Key."""
    with pytest.raises(ClientError) as e:
        ddb_raw.get_item(TableName=hash_table, Key={"pk": {"N": "1"}}, ProjectionExpression="a,")
    assert error_of(e)[1] == 'Invalid ProjectionExpression: Syntax error; token: "<EOF>", near: ","'
