"""engine/expr/legacy: the legacy parameters' checks and their translation into the expression AST."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ddbserver.engine.expr import ast, legacy
from ddbserver.engine.expr.evaluate import compile_condition
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


# ---- QueryFilter / ScanFilter / KeyConditions ------------------------------------------------


def test_filters_translate_like_expected_entries():
    """A filter entry is ComparisonOperator + AttributeValueList, joined by ConditionalOperator."""
    body = {"ScanFilter": {"a": {"ComparisonOperator": "GE", "AttributeValueList": [{"N": "1"}]},
                           "b": {"ComparisonOperator": "NULL"}}, "ConditionalOperator": "OR"}
    assert legacy.filter_condition(body) == ast.Or(ast.Compare(">=", A, lit({"N": "1"})),
                                                   ast.Call("attribute_not_exists", (ast.Path(("b",)),)))
    assert legacy.filter_condition({"QueryFilter": {}}) is None
    assert legacy.filter_condition({}) is None


@pytest.mark.parametrize("body, message", [
    ({"ScanFilter": {"a": {"ComparisonOperator": "EQ"}}},
     "One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator"),
    ({"ScanFilter": {"a": {"AttributeValueList": [{"N": "x"}]}}}, legacy.UNKNOWN_OPERATOR),
    ({"ScanFilter": {"a": {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "x"}, {"N": "1"}]}}},
     "The parameter cannot be converted to a numeric value: x"),
    ({"QueryFilter": {"a": {"ComparisonOperator": "NULL"}}, "ConditionalOperator": "OR"}, legacy.OPERATOR_WITH_ONE),
    ({"ConditionalOperator": "AND"}, legacy.OPERATOR_WITHOUT_EXPECTED),
    ({"QueryFilter": {"": {"ComparisonOperator": "NULL"}}}, "Empty attribute name"),
])
def test_filter_rules(body, message):
    """Filters check the operator first, then the values, then the operator's rules."""
    assert message_of(legacy.filter_condition, body) == message


def test_key_conditions_join_with_and():
    """KeyConditions become one AND of their entries, for the query planner."""
    conds = {"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "x"}]},
             "sk": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [{"S": "a"}]}}
    assert legacy.key_conditions(conds) == ast.And(ast.Compare("=", ast.Path(("pk",)), lit({"S": "x"})),
                                                   ast.Call("begins_with", (ast.Path(("sk",)), lit({"S": "a"}))))


@pytest.mark.parametrize("body, listed", [
    ({"KeyConditions": {}, "QueryFilter": {}, "ConditionalOperator": "OR", "AttributesToGet": ["x"],
      "KeyConditionExpression": "k", "FilterExpression": "f", "ProjectionExpression": "p"},
     "{AttributesToGet, QueryFilter, ConditionalOperator, KeyConditions} "
     "Expression parameters: {ProjectionExpression, FilterExpression, KeyConditionExpression}"),
    ({"ScanFilter": {}, "ConditionalOperator": "OR", "AttributesToGet": ["x"], "FilterExpression": "f",
      "ProjectionExpression": "p"},
     "{AttributesToGet, ScanFilter, ConditionalOperator} Expression parameters: {ProjectionExpression, FilterExpression}"),
    ({"KeyConditions": {}, "QueryFilter": {}, "FilterExpression": "f"}, "{QueryFilter} Expression parameters: {FilterExpression}"),
])
def test_mixing_in_query_and_scan(body, listed):
    """Query and Scan list their parameters in DynamoDB's order."""
    assert message_of(legacy.check_not_mixed, body).endswith("Non-expression parameters: " + listed)


def test_key_conditions_may_go_with_filter_and_projection_expressions():
    """KeyConditions conflicts only with KeyConditionExpression."""
    legacy.check_not_mixed({"KeyConditions": {}, "FilterExpression": "f", "ProjectionExpression": "p"})


def test_prepare_compiles_filters_and_merges_key_conditions():
    """api/expressions.prepare runs legacy filters like FilterExpression and keeps KeyConditions' tree."""
    from ddbserver.api import expressions

    kc = {"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "x"}]}}
    prepared = expressions.prepare(
        {"KeyConditions": kc, "QueryFilter": {"a": {"ComparisonOperator": "NOT_CONTAINS", "AttributeValueList": [{"S": "q"}]}}},
        filter=True, key_condition=True, projection=True)
    assert prepared.filter is not None
    assert prepared.filter({"a": {"S": "abc"}}) is True
    assert prepared.filter({"a": {"S": "aqa"}}) is False
    assert prepared.filter({}) is False
    assert prepared.key_condition == legacy.key_conditions(kc)
    mixed = expressions.prepare({"KeyConditions": kc, "FilterExpression": "a = :v",
                                 "ExpressionAttributeValues": {":v": {"N": "1"}}},
                                filter=True, key_condition=True, projection=True)
    assert mixed.key_condition == legacy.key_conditions(kc)
    assert mixed.filter is not None and mixed.filter({"a": {"N": "1"}}) is True


# ---- properties of the translated operators ---------------------------------------------------

SCALAR = st.one_of(
    st.builds(lambda s: {"S": s}, st.text(alphabet="ab\u00e9", max_size=3)),
    st.builds(lambda n: {"N": str(n)}, st.integers(-3, 3)),
    st.builds(lambda b: {"B": base64.b64encode(b).decode()}, st.binary(max_size=3)),
)
STORED = st.one_of(
    SCALAR,
    st.builds(lambda xs: {"SS": sorted(set(xs))}, st.lists(st.text(alphabet="ab", min_size=1, max_size=2), min_size=1, max_size=3)),
    st.builds(lambda xs: {"NS": sorted({str(x) for x in xs})}, st.lists(st.integers(-3, 3), min_size=1, max_size=3)),
    st.builds(lambda xs: {"L": xs}, st.lists(SCALAR, max_size=3)),
    st.just({"BOOL": True}), st.just({"NULL": True}), st.just({"M": {}}),
)
ITEMS = st.one_of(st.none(), st.builds(lambda v: {"a": v}, STORED), st.just({"b": {"S": "x"}}))


def holds(entry: dict[str, Any], item: dict[str, Any] | None) -> bool:
    cond = legacy.expected_condition({"Expected": {"a": entry}})
    assert cond is not None
    return compile_condition(cond)(item)


def op(name: str, *args: dict[str, Any]) -> dict[str, Any]:
    return {"ComparisonOperator": name, "AttributeValueList": list(args)}


@settings(max_examples=300, deadline=None)
@given(ITEMS, SCALAR)
def test_operator_identities(item, v):
    """NE is not EQ, NOT_CONTAINS is 'exists and not CONTAINS', NULL is not NOT_NULL, IN [v] is EQ v,
    Value v is EQ v, and BETWEEN v v is GE v and LE v."""
    present = item is not None and "a" in item
    assert holds(op("NE", v), item) is not holds(op("EQ", v), item)
    assert holds(op("NOT_CONTAINS", v), item) is (present and not holds(op("CONTAINS", v), item))
    assert holds(op("NULL"), item) is not holds(op("NOT_NULL"), item) is present
    assert holds(op("IN", v), item) is holds(op("EQ", v), item) is holds({"Value": v}, item)
    assert holds({"Exists": False}, item) is not present
    assert holds(op("BETWEEN", v, v), item) is (holds(op("GE", v), item) and holds(op("LE", v), item))
    assert holds(op("LT", v), item) is (holds(op("LE", v), item) and not holds(op("EQ", v), item))
    if "N" not in v and holds(op("BEGINS_WITH", v), item):
        assert holds(op("CONTAINS", v), item)
