"""engine/expr/legacy: the legacy parameters' checks and their translation into the expression AST."""

from __future__ import annotations

from typing import Any

import pytest

from ddbserver.engine.expr import ast, legacy
from ddbserver.errors import DynamoError

A = ast.Path(("a",))


def lit(value: dict[str, Any]) -> ast.Literal:
    return ast.Literal(value)


def message_of(call: Any, *args: Any, **kwargs: Any) -> str:
    with pytest.raises(DynamoError) as e:
        call(*args, **kwargs)
    assert e.value.type == "ValidationException"
    return e.value.message or ""


# ---- Expected ------------------------------------------------------------------------------


@pytest.mark.parametrize("entry, tree", [
    ({"Exists": False}, ast.Call("attribute_not_exists", (A,))),
    ({"Value": {"S": "x"}}, ast.Compare("=", A, lit({"S": "x"}))),
    ({"Exists": True, "Value": {"N": "01.50"}}, ast.Compare("=", A, lit({"N": "1.5"}))),
    ({"ComparisonOperator": "NE", "Value": {"S": "x"}}, ast.Compare("<>", A, lit({"S": "x"}))),
    ({"ComparisonOperator": "GE", "AttributeValueList": [{"N": "2"}]}, ast.Compare(">=", A, lit({"N": "2"}))),
    ({"ComparisonOperator": "NULL"}, ast.Call("attribute_not_exists", (A,))),
    ({"ComparisonOperator": "NOT_NULL", "AttributeValueList": []}, ast.Call("attribute_exists", (A,))),
    ({"ComparisonOperator": "CONTAINS", "AttributeValueList": [{"S": "x"}]}, ast.Call("contains", (A, lit({"S": "x"})))),
    ({"ComparisonOperator": "NOT_CONTAINS", "AttributeValueList": [{"S": "x"}]},
     ast.And(ast.Call("attribute_exists", (A,)), ast.Not(ast.Call("contains", (A, lit({"S": "x"})))))),
    ({"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [{"S": "x"}]},
     ast.Call("begins_with", (A, lit({"S": "x"})))),
    ({"ComparisonOperator": "IN", "AttributeValueList": [{"N": "1"}, {"N": "2"}]},
     ast.In(A, (lit({"N": "1"}), lit({"N": "2"})))),
    ({"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"N": "1"}, {"N": "2"}]},
     ast.Between(A, lit({"N": "1"}), lit({"N": "2"}))),
])
def test_expected_entries_translate_to_expression_twins(entry, tree):
    """Each Expected form becomes the condition an expression would write for it."""
    assert legacy.expected_condition({"Expected": {"a": entry}}) == tree


def test_entries_combine_left_to_right():
    """Entries combine with AND, or OR under ConditionalOperator, in request order."""
    expected = {"a": {"Exists": False}, "b": {"Exists": False}, "c": {"Exists": False}}
    na = [ast.Call("attribute_not_exists", (ast.Path((n,)),)) for n in "abc"]
    assert legacy.expected_condition({"Expected": expected}) == ast.And(ast.And(na[0], na[1]), na[2])
    assert legacy.expected_condition({"Expected": expected, "ConditionalOperator": "OR"}) == ast.Or(ast.Or(na[0], na[1]), na[2])
    assert legacy.expected_condition({"Expected": {}}) is None
    assert legacy.expected_condition({}) is None


def test_names_are_never_paths():
    """A legacy attribute name is one top-level name, dots and brackets included."""
    cond = legacy.expected_condition({"Expected": {"a.b[0]": {"Exists": False}}})
    assert cond == ast.Call("attribute_not_exists", (ast.Path(("a.b[0]",)),))


@pytest.mark.parametrize("entry, message", [
    ({"Exists": True, "Value": {"N": "x"}, "ComparisonOperator": "EQ"}, legacy.EXISTS_WITH_OPERATOR),
    ({"Value": {"N": "x"}, "AttributeValueList": []}, legacy.VALUE_WITH_LIST),
    ({"AttributeValueList": [{"N": "x"}]}, legacy.LIST_WITHOUT_OPERATOR),
    ({"Exists": False, "Value": {"N": "x"}}, legacy.VALUE_WHEN_NOT_EXISTS),
])
def test_shape_is_checked_before_values(entry, message):
    """An entry's shape is checked before its (here invalid) values."""
    text = message_of(legacy.expected_condition, {"Expected": {"a": entry}})
    assert text == "One or more parameter values were invalid: " + message.format(name="a")


def test_values_are_checked_before_arity():
    """A bad number is reported before a wrong number of values."""
    entry = {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "x"}, {"N": "1"}]}
    assert message_of(legacy.expected_condition, {"Expected": {"a": entry}}) == "The parameter cannot be converted to a numeric value: x"


@pytest.mark.parametrize("low, high, bad", [
    ({"S": "b"}, {"S": "a"}, True), ({"S": "a"}, {"S": "a"}, False),
    ({"N": "10"}, {"N": "9"}, True), ({"N": "-1"}, {"N": "1E-130"}, False),
    ({"B": "gA=="}, {"B": "fw=="}, True), ({"S": "\u00e9"}, {"S": "\U0001f600"}, False),
])
def test_between_bounds_order(low, high, bad):
    """BETWEEN's lower bound may not exceed the upper bound (strings by UTF-8 bytes, binary unsigned)."""
    body = {"Expected": {"a": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [low, high]}}}
    if bad:
        assert message_of(legacy.expected_condition, body) == legacy.BETWEEN_ORDER
    else:
        assert isinstance(legacy.expected_condition(body), ast.Between)


def test_unknown_operator():
    """An operator outside the enumeration (if the model check let it through)."""
    body = {"Expected": {"a": {"ComparisonOperator": "FOO", "AttributeValueList": [{"S": "x"}]}}}
    assert message_of(legacy.expected_condition, body) == legacy.UNKNOWN_OPERATOR


# ---- mixing ------------------------------------------------------------------------------


def test_mixing_lists_parameters_in_dynamodbs_order():
    """The message lists legacy then expression parameters, each in a fixed order."""
    body = {"ConditionExpression": "x", "ConditionalOperator": "OR", "UpdateExpression": "y",
            "Expected": {}, "AttributeUpdates": {}}
    text = message_of(legacy.check_not_mixed, body)
    assert text.endswith("Non-expression parameters: {AttributeUpdates, Expected, ConditionalOperator} "
                         "Expression parameters: {UpdateExpression, ConditionExpression}")
    legacy.check_not_mixed({"Expected": {}, "ExpressionAttributeNames": {}})
    legacy.check_not_mixed({"ConditionExpression": "x"})


# ---- AttributeUpdates ----------------------------------------------------------------------


def test_attribute_updates_translate_to_actions():
    """PUT, DELETE and ADD become SET, REMOVE, DELETE and ADD actions; ADD on a list appends."""
    updates = {
        "p": {"Value": {"S": "x"}},
        "r": {"Action": "DELETE"},
        "d": {"Action": "DELETE", "Value": {"SS": ["x"]}},
        "n": {"Action": "ADD", "Value": {"N": "1.0"}},
        "l": {"Action": "ADD", "Value": {"L": [{"S": "x"}]}},
    }
    result = legacy.attribute_updates(updates, ("pk",))
    assert result is not None
    path = {n: ast.Path((n,)) for n in updates}
    assert result.update.actions == (
        ast.SetAction(path["p"], lit({"S": "x"})),
        ast.RemoveAction(path["r"]),
        ast.DeleteAction(path["d"], lit({"SS": ["x"]})),
        ast.AddAction(path["n"], lit({"N": "1"})),
        ast.SetAction(path["l"], ast.Call("list_append", (
            ast.Call("if_not_exists", (path["l"], lit({"L": []}))), lit({"L": [{"S": "x"}]})))),
    )
    assert result.guards == (("d", "SS"), ("n", "N"), ("l", "L"))


def test_guards_reject_a_stored_attribute_of_another_type():
    """ADD and DELETE need the stored attribute, when there is one, to have the value's type."""
    result = legacy.attribute_updates({"n": {"Action": "ADD", "Value": {"N": "1"}}}, ())
    assert result is not None
    result.check({})
    result.check({"n": {"N": "3"}, "x": {"S": "a"}})
    assert message_of(result.check, {"n": {"NS": ["3"]}}) == legacy.TYPE_MISMATCH


def test_key_attribute_is_checked_first():
    """Naming a key attribute is reported before the entry's own problems."""
    text = message_of(legacy.attribute_updates, {"pk": {"Action": "ADD", "Value": {"N": "x"}}}, ("pk",))
    assert text.endswith(legacy.KEY_UPDATE.format(name="pk"))


def test_update_size_counts_written_values_only():
    """The running size counts names and values of PUT and ADD, not DELETE."""
    big = {"S": "x" * 210_000}
    legacy.attribute_updates({"a": {"Action": "PUT", "Value": big},
                              "b": {"Action": "DELETE", "Value": {"SS": ["x" * 210_000]}}}, ())
    text = message_of(legacy.attribute_updates, {"a": {"Value": big}, "b": {"Value": big}}, ())
    assert text == legacy.UPDATE_TOO_LARGE


# ---- AttributesToGet -----------------------------------------------------------------------


def test_attributes_to_get():
    """AttributesToGet is a projection of top-level names; duplicates are rejected."""
    assert legacy.attributes_to_get(["a.b", "c"]) == ast.Projection((ast.Path(("a.b",)), ast.Path(("c",))))
    assert legacy.attributes_to_get(None) is None
    text = message_of(legacy.attributes_to_get, ["a", "b", "a"])
    assert text == "One or more parameter values were invalid: Duplicate value in attribute name: a"
