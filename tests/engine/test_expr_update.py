"""UpdateExpression application: SET/REMOVE/ADD/DELETE on nested paths, list indexes, sets,
DynamoDB's runtime errors, and path overlap rules."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ddbserver.engine.expr import parser, paths
from ddbserver.engine.expr.resolve import Resolver, check_update
from ddbserver.engine.expr.update import compile_update
from ddbserver.errors import DynamoError

ITEM = {
    "pk": {"S": "k"}, "a": {"N": "5"}, "l": {"L": [{"S": "x"}, {"S": "y"}]},
    "m": {"M": {"x": {"N": "1"}, "y": {"M": {"z": {"S": "q"}}}}}, "s": {"SS": ["a", "b"]}, "n": {"NS": ["1", "2"]},
}
V = {":v": {"N": "1"}}


def updated(text, values=None, item=ITEM):
    tree = Resolver(None, values).update(parser.parse_update(text))
    paths.check_overlaps([a.path for a in tree.actions])
    check_update(tree)
    return compile_update(tree)(item)


def runtime_error(text, values=None, item=ITEM):
    with pytest.raises(DynamoError) as info:
        updated(text, values, item)
    return info.value.message


def test_set_add_and_arithmetic():
    """SET with + and -, if_not_exists and list_append; ADD to numbers and sets."""
    new = updated("SET a = a + :v, b = if_not_exists(b, :v) - :v, c = list_append(l, :l) ADD n :ns, s :ss",
                  {":v": {"N": "1"}, ":l": {"L": [{"N": "3"}]}, ":ns": {"NS": ["2", "3"]}, ":ss": {"SS": ["c"]}})
    assert new["a"] == {"N": "6"}
    assert new["b"] == {"N": "0"}
    assert new["c"] == {"L": [{"S": "x"}, {"S": "y"}, {"N": "3"}]}
    assert new["n"] == {"NS": ["1", "2", "3"]}
    assert new["s"] == {"SS": ["a", "b", "c"]}


def test_input_item_is_never_modified():
    """Applying an update leaves the old item as it was (apply may run twice)."""
    before = repr(ITEM)
    updated("SET m.y.z = :v, l[0] = :v REMOVE m.x ADD n :n", {":v": {"N": "1"}, ":n": {"NS": ["9"]}})
    assert repr(ITEM) == before


def test_values_come_from_the_old_item():
    """Every SET value is computed from the item before the update, so SET a = b, b = a swaps."""
    new = updated("SET a = m, m = a")
    assert new["a"] == ITEM["m"] and new["m"] == ITEM["a"]


def test_nested_set_and_remove():
    """SET and REMOVE reach into maps and lists."""
    new = updated("SET m.y.z = :v, m.w = :v REMOVE m.x", V)
    assert new["m"] == {"M": {"y": {"M": {"z": {"N": "1"}}}, "w": {"N": "1"}}}


def test_list_index_past_the_end_appends_and_removals_use_stored_indexes():
    """SET past the end of a list appends; REMOVE l[0], l[1] removes both stored elements."""
    assert updated("SET l[5] = :v", V)["l"] == {"L": [{"S": "x"}, {"S": "y"}, {"N": "1"}]}
    assert updated("REMOVE l[0], l[1]")["l"] == {"L": []}
    assert updated("REMOVE l[7]")["l"] == ITEM["l"]


def test_delete_from_set_and_empty_set_removes_attribute():
    """DELETE removes elements; a set left empty is removed; a missing attribute is left alone."""
    assert updated("DELETE s :s", {":s": {"SS": ["a"]}})["s"] == {"SS": ["b"]}
    assert "s" not in updated("DELETE s :s", {":s": {"SS": ["a", "b"]}})
    assert "zz" not in updated("DELETE zz :s", {":s": {"SS": ["a"]}})


def test_add_creates_missing_attribute():
    """ADD to a missing attribute sets it to the operand."""
    assert updated("ADD zz :v", V)["zz"] == {"N": "1"}


@pytest.mark.parametrize("text, values, message", [
    ("SET m.q.z = :v", V, "The document path provided in the update expression is invalid for update"),
    ("SET a.q = :v", V, "The document path provided in the update expression is invalid for update"),
    ("SET zz[0] = :v", V, "The document path provided in the update expression is invalid for update"),
    ("REMOVE m.zz.q", None, "The document path provided in the update expression is invalid for update"),
    ("REMOVE a[0]", None, "The document path provided in the update expression is invalid for update"),
    ("ADD l :v", V, "An operand in the update expression has an incorrect data type"),
    ("DELETE s :s", {":s": {"NS": ["1"]}}, "An operand in the update expression has an incorrect data type"),
    ("SET a = l + :v", V, "An operand in the update expression has an incorrect data type"),
    ("SET a = list_append(a, l)", None, "An operand in the update expression has an incorrect data type"),
    ("SET a = zz + :v", V, "The provided expression refers to an attribute that does not exist in the item"),
])
def test_runtime_errors(text, values, message):
    """Errors only the stored item can reveal."""
    assert runtime_error(text, values) == message


@pytest.mark.parametrize("text, message", [
    ("SET a = :v, a = :v", "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]"),
    ("SET m.x = :v, m = :v", "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [m, x], path two: [m]"),
    ("SET l[0] = :v, l[0].x = :v", "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [l, [0]], path two: [l, [0], x]"),
    ("SET m.x = :v, m[0] = :v", "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [m, x], path two: [m, [0]]"),
    ("SET a = :v REMOVE a", "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]"),
])
def test_overlapping_paths(text, message):
    """Two actions may not target overlapping or conflicting paths."""
    assert runtime_error(text, V) == message


@pytest.mark.parametrize("text, values, message", [
    ("ADD a :v", {":v": {"S": "x"}}, "Incorrect operand type for operator or function; operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND"),
    ("ADD a :v", {":v": {"BOOL": True}}, "Incorrect operand type for operator or function; operator: ADD, operand type: BOOLEAN, typeSet: ALLOWED_FOR_ADD_OPERAND"),
    ("DELETE a :v", {":v": {"N": "1"}}, "Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND"),
    ("SET a = a + :v", {":v": {"S": "x"}}, "Incorrect operand type for operator or function; operator or function: +, operand type: S"),
    ("SET a = list_append(:v, a)", {":v": {"N": "1"}}, "Incorrect operand type for operator or function; operator or function: list_append, operand type: N"),
    ("SET a = if_not_exists(:v, a)", {":v": {"N": "1"}}, "Operator or function requires a document path; operator or function: if_not_exists"),
])
def test_request_time_operand_errors(text, values, message):
    """Literal operands of the wrong type are rejected before the write."""
    with pytest.raises(DynamoError) as info:
        check_update(Resolver(None, values).update(parser.parse_update(text)))
    assert info.value.message == message


@pytest.mark.parametrize("text, message", [
    ("DELETE l :l, zz :n", "Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND"),
    ("ADD b :s SET a = :s + :n", "Incorrect operand type for operator or function; operator or function: +, operand type: S"),
    ("SET a = :s + :n ADD b :s", "Incorrect operand type for operator or function; operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND"),
    ("SET a = if_not_exists(:n, b), a = :n", "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]"),
])
def test_update_check_order(text, message):
    """Overlapping paths are reported before operand errors, and the last action's error first."""
    values = {":l": {"L": []}, ":n": {"N": "1"}, ":s": {"S": "x"}}
    assert runtime_error(text, {k: v for k, v in values.items() if k in text}) == message


def test_updated_projection_keeps_only_touched_fragments():
    """UPDATED_NEW returns the updated nested fragments, not whole top-level attributes."""
    tree = Resolver(None, V).update(parser.parse_update("SET m.y.z = :v, l[1] = :v REMOVE zz"))
    project = paths.compile_projection([a.path for a in tree.actions])
    new = compile_update(tree)(ITEM)
    assert project(new) == {"m": {"M": {"y": {"M": {"z": {"N": "1"}}}}}, "l": {"L": [{"N": "1"}]}}


amounts = st.decimals(min_value=-10**9, max_value=10**9, places=4, allow_nan=False, allow_infinity=False)


@settings(deadline=None)  # the shared CI machine is too slow for a per-example deadline
@given(amounts, amounts)
def test_add_is_exact_decimal_arithmetic(x, y):
    """ADD and + are exact decimal arithmetic."""
    item = {"a": {"N": str(x)}}
    new = updated("ADD a :v", {":v": {"N": str(y)}}, item)
    assert Decimal(new["a"]["N"]) == x + y
    new = updated("SET a = a - :v", {":v": {"N": str(y)}}, item)
    assert Decimal(new["a"]["N"]) == x - y


MIXED = {"pk": {"S": "k"}, "s": {"S": "abd"}, "n": {"N": "-5"}, "l": {"L": [{"N": "1"}]}, "ss": {"SS": ["b"]},
         "t": {"BOOL": False}, "b": {"B": "/w=="}}
INVALID_PATH = "The document path provided in the update expression is invalid for update"
WRONG_TYPE = "An operand in the update expression has an incorrect data type"


@pytest.mark.parametrize("text, message", [
    ("ADD l :n, s.a :n", WRONG_TYPE),
    ("ADD s.a :n, l :n", WRONG_TYPE),
    ("DELETE ss :bs, n[1] :ns", INVALID_PATH),
    ("ADD t :n, zz.a :n", WRONG_TYPE),
    ("ADD b :n, s.a :n", INVALID_PATH),
    ("ADD s :n, c.a :n", INVALID_PATH),
    ("ADD s.a :n, ss :n", INVALID_PATH),
])
def test_runtime_check_order(text, message):
    """With several actions failing against the stored item, DynamoDB reports the first in its
    check order (by top-level attribute in Java HashMap order, reversed), not the written order."""
    values = {":n": {"N": "1"}, ":bs": {"BS": ["AQ=="]}, ":ns": {"NS": ["1"]}}
    assert runtime_error(text, {k: v for k, v in values.items() if k in text}, MIXED) == message
