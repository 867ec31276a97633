"""The legacy (non-expression) parameters through boto3 against a live server.

Expected / ConditionalOperator on PutItem, DeleteItem and UpdateItem, AttributeUpdates on
UpdateItem and AttributesToGet on GetItem: validation (messages recorded from DynamoDB Local and
checked against AWS's documentation), then functionality. Where DynamoDB Local differs from AWS
the test says so and expects what AWS does.
"""

from __future__ import annotations

import base64
import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.api.wire import post
from tests.conftest import error_of, make_table, request_error

INVALID = "One or more parameter values were invalid: "
MIXED = "Can not use both expression and non-expression parameters in the same request: "

S = {"S": "a"}
N = {"N": "1"}

# An item with one attribute of every type, used by the evaluation tables below.
EVERY_TYPE: dict[str, Any] = {
    "s": {"S": "abc"}, "n": {"N": "5"}, "b": {"B": b"\x00\x01\x02"},
    "ss": {"SS": ["a", "b"]}, "ns": {"NS": ["1", "2"]}, "bs": {"BS": [b"\x00\x01"]},
    "l": {"L": [{"S": "a"}, {"N": "1"}, {"BOOL": True}, {"NULL": True}, {"SS": ["q"]}]},
    "m": {"M": {"a": {"S": "b"}}}, "t": {"BOOL": True}, "z": {"NULL": True}, "e": {"S": ""},
}


def new_key() -> dict[str, Any]:
    return {"pk": {"S": uuid.uuid4().hex}}


def code_message(e: ClientError) -> tuple[str, str]:
    return request_error(pytest.ExceptionInfo.from_exc_info((type(e), e, e.__traceback__)))


def rejected(call: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as e:
        call(**kwargs)
    return request_error(e)


def put_holds(ddb: Any, table: str, expected: dict[str, Any], item: dict[str, Any] | None = None,
              **kwargs: Any) -> bool:
    """Whether a PutItem of `item` (stored first when given) under `expected` is accepted."""
    key = new_key()
    if item is not None:
        ddb.put_item(TableName=table, Item={**key, **item})
    try:
        ddb.put_item(TableName=table, Item={**key, **(item or {})}, Expected=expected, **kwargs)
    except ClientError as e:
        assert code_message(e) == ("ConditionalCheckFailedException", "The conditional request failed")
        return False
    return True


# === validation: Expected ===================================================================


@pytest.mark.parametrize("entry, message", [
    ({}, "Value must be provided when Exists is null for Attribute: x"),
    ({"Exists": True}, "Value must be provided when Exists is true for Attribute: x"),
    ({"Exists": False, "Value": S}, "Value cannot be used when Exists is false for Attribute: x"),
    ({"Exists": True, "ComparisonOperator": "EQ", "AttributeValueList": [S]},
     "Exists and ComparisonOperator cannot be used together for Attribute: x"),
    ({"Exists": False, "ComparisonOperator": "NULL"},
     "Exists and ComparisonOperator cannot be used together for Attribute: x"),
    ({"Exists": True, "Value": S, "ComparisonOperator": "EQ", "AttributeValueList": [S]},
     "Exists and ComparisonOperator cannot be used together for Attribute: x"),
    ({"Value": S, "AttributeValueList": [S]}, "Value and AttributeValueList cannot be used together for Attribute: x"),
    ({"Value": S, "ComparisonOperator": "EQ", "AttributeValueList": [S]},
     "Value and AttributeValueList cannot be used together for Attribute: x"),
    ({"Exists": False, "Value": S, "AttributeValueList": [S]},
     "Value and AttributeValueList cannot be used together for Attribute: x"),
    ({"AttributeValueList": [S]}, "AttributeValueList can only be used with a ComparisonOperator for Attribute: x"),
    ({"Exists": True, "AttributeValueList": []},
     "AttributeValueList can only be used with a ComparisonOperator for Attribute: x"),
    ({"ComparisonOperator": "EQ"}, "Value or AttributeValueList must be used with ComparisonOperator: EQ for Attribute: x"),
    ({"ComparisonOperator": "IN"}, "Value or AttributeValueList must be used with ComparisonOperator: IN for Attribute: x"),
    ({"ComparisonOperator": "NULL", "Value": S}, "Invalid number of argument(s) for the NULL ComparisonOperator"),
    ({"ComparisonOperator": "BETWEEN", "Value": S}, "Invalid number of argument(s) for the BETWEEN ComparisonOperator"),
])
def test_expected_entry_shape_rules(ddb_raw, hash_table, entry, message):
    """Each Expected entry is either Exists/Value or ComparisonOperator/AttributeValueList."""
    code, text = rejected(ddb_raw.put_item, TableName=hash_table, Item=new_key(), Expected={"x": entry})
    assert (code, text) == ("ValidationException", INVALID + message)


ARITY = {
    "EQ": (1,), "NE": (1,), "LE": (1,), "LT": (1,), "GE": (1,), "GT": (1,),
    "CONTAINS": (1,), "NOT_CONTAINS": (1,), "BEGINS_WITH": (1,),
    "NULL": (0,), "NOT_NULL": (0,), "IN": (1, 2, 3), "BETWEEN": (2,),
}


@pytest.mark.parametrize("op", sorted(ARITY))
@pytest.mark.parametrize("count", [0, 1, 2, 3])
def test_comparison_operator_argument_counts(ddb_raw, hash_table, op, count):
    """Each ComparisonOperator takes a fixed number of values (IN: one or more)."""
    args = [{"S": f"a{i}"} for i in range(count)]
    entry = {"ComparisonOperator": op, "AttributeValueList": args}
    try:
        ddb_raw.put_item(TableName=hash_table, Item=new_key(), Expected={"x": entry})
    except ClientError as e:
        code, text = code_message(e)
        if count in ARITY[op]:
            assert code == "ConditionalCheckFailedException"
        else:
            assert (code, text) == ("ValidationException",
                                    INVALID + f"Invalid number of argument(s) for the {op} ComparisonOperator")
    else:
        assert count in ARITY[op]


VALUES = {
    "S": {"S": "abc"}, "N": {"N": "5"}, "B": {"B": b"\x01"}, "SS": {"SS": ["a"]}, "NS": {"NS": ["1"]},
    "BS": {"BS": [b"\x01"]}, "L": {"L": [{"S": "a"}]}, "M": {"M": {}}, "BOOL": {"BOOL": True},
    "NULL": {"NULL": True},
}
ALLOWED_TYPES = {
    "EQ": set(VALUES), "NE": set(VALUES),
    "LT": {"S", "N", "B"}, "LE": {"S", "N", "B"}, "GT": {"S", "N", "B"}, "GE": {"S", "N", "B"},
    "BEGINS_WITH": {"S", "B"}, "IN": {"S", "N", "B"}, "BETWEEN": {"S", "N", "B"},
    "CONTAINS": {"S", "N", "B", "BOOL", "NULL"}, "NOT_CONTAINS": {"S", "N", "B", "BOOL", "NULL"},
}


@pytest.mark.parametrize("op", sorted(ALLOWED_TYPES))
@pytest.mark.parametrize("type_", sorted(VALUES))
def test_comparison_operator_value_types(ddb_raw, hash_table, op, type_):
    """Ordering operators take scalars only; CONTAINS takes no sets, lists or maps."""
    args = [VALUES[type_]] * (2 if op == "BETWEEN" else 1)
    entry = {"ComparisonOperator": op, "AttributeValueList": args}
    item = {**new_key(), "x": {"S": "zzz"}}
    try:
        ddb_raw.put_item(TableName=hash_table, Item=item, Expected={"x": entry})
    except ClientError as e:
        code, text = code_message(e)
        if type_ in ALLOWED_TYPES[op]:
            assert code == "ConditionalCheckFailedException"
        else:
            assert (code, text) == ("ValidationException",
                                    INVALID + f"ComparisonOperator {op} is not valid for {type_} AttributeValue type")
    else:
        assert type_ in ALLOWED_TYPES[op]


@pytest.mark.parametrize("entry, message", [
    ({"ComparisonOperator": "IN", "AttributeValueList": [S, N]},
     INVALID + "AttributeValues inside AttributeValueList must be of same type"),
    ({"ComparisonOperator": "BETWEEN", "AttributeValueList": [S, N]},
     INVALID + "AttributeValues inside AttributeValueList must be of same type"),
    ({"ComparisonOperator": "IN", "AttributeValueList": [S, {"SS": ["a"]}]},
     INVALID + "ComparisonOperator IN is not valid for SS AttributeValue type"),
    ({"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"S": "b"}, {"SS": ["a"]}]},
     INVALID + "ComparisonOperator BETWEEN is not valid for SS AttributeValue type"),
    ({"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"S": "z"}, {"S": "a"}]},
     "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound"),
    ({"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"N": "10"}, {"N": "9"}]},
     "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound"),
    ({"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"B": b"\x80"}, {"B": b"\x7f"}]},
     "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound"),
    ({"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "abc"}, N]},
     "The parameter cannot be converted to a numeric value: abc"),
    ({"ComparisonOperator": "EQ", "AttributeValueList": [{}]},
     "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
    ({"Value": {"SS": []}}, INVALID + "An string set  may not be empty"),
])
def test_attribute_value_list_rules(ddb_raw, hash_table, entry, message):
    """The values of an entry: valid AttributeValues of one type, BETWEEN's bounds in order."""
    code, text = rejected(ddb_raw.put_item, TableName=hash_table, Item=new_key(), Expected={"x": entry})
    assert (code, text) == ("ValidationException", message)


def test_expected_entries_are_checked_in_order(ddb_raw, hash_table):
    """The first invalid entry, in request order, is the one reported."""
    bad_x = {"ComparisonOperator": "LT", "AttributeValueList": [{"BOOL": True}]}
    bad_y = {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "abc"}]}
    _, text = rejected(ddb_raw.put_item, TableName=hash_table, Item=new_key(), Expected={"x": bad_x, "y": bad_y})
    assert text == INVALID + "ComparisonOperator LT is not valid for BOOL AttributeValue type"
    _, text = rejected(ddb_raw.put_item, TableName=hash_table, Item=new_key(), Expected={"y": bad_y, "x": bad_x})
    assert text == "The parameter cannot be converted to a numeric value: abc"


def test_empty_attribute_name_in_expected(ddb_raw, hash_table):
    """An Expected entry needs a non-empty attribute name."""
    code, text = rejected(ddb_raw.put_item, TableName=hash_table, Item=new_key(), Expected={"": {"Exists": False}})
    assert (code, text) == ("ValidationException", "Empty attribute name")


def test_expected_values_count_towards_the_item_size_limit(ddb_raw, hash_table):
    """The values of Expected together may not exceed the 400 KB item size."""
    big = "x" * 300_000
    code, text = rejected(ddb_raw.put_item, TableName=hash_table, Item=new_key(),
                          Expected={"a": {"Value": {"S": big}}, "b": {"Value": {"S": big}}})
    assert (code, text) == ("ValidationException", "Item size has exceeded the maximum allowed size")


# === validation: ConditionalOperator ========================================================


@pytest.mark.parametrize("expected", [None, {}])
def test_conditional_operator_without_expected(ddb_raw, hash_table, expected):
    """ConditionalOperator needs an Expected map."""
    kwargs = {} if expected is None else {"Expected": expected}
    for op in ("AND", "OR"):
        code, text = rejected(ddb_raw.put_item, TableName=hash_table, Item=new_key(), ConditionalOperator=op, **kwargs)
        assert (code, text) == ("ValidationException", "ConditionalOperator cannot be used without Filter or Expected")
    code, text = rejected(ddb_raw.delete_item, TableName=hash_table, Key=new_key(), ConditionalOperator="OR")
    assert text == "ConditionalOperator cannot be used without Filter or Expected"


def test_conditional_operator_with_one_entry(ddb_raw, hash_table):
    """ConditionalOperator needs two or more Expected entries."""
    code, text = rejected(ddb_raw.put_item, TableName=hash_table, Item=new_key(), ConditionalOperator="OR",
                          Expected={"x": {"Exists": False}})
    assert (code, text) == ("ValidationException",
                            "ConditionalOperator can only be used when Filter or Expected has two or more elements")


def test_invalid_expected_entry_wins_over_conditional_operator(ddb_raw, hash_table):
    """Expected's entries are checked before ConditionalOperator."""
    _, text = rejected(ddb_raw.put_item, TableName=hash_table, Item=new_key(), ConditionalOperator="OR",
                       Expected={"x": {"Exists": True}})
    assert text == INVALID + "Value must be provided when Exists is true for Attribute: x"


# === validation: mixing with expressions ====================================================


@pytest.mark.parametrize("extra, message", [
    ({"Expected": {"x": {"Exists": False}}, "ConditionExpression": "attribute_exists(x)"},
     "Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}"),
    ({"ConditionalOperator": "AND", "ConditionExpression": "attribute_exists(x)"},
     "Non-expression parameters: {ConditionalOperator} Expression parameters: {ConditionExpression}"),
    ({"Expected": {"x": {"Exists": False}, "y": {"Exists": False}}, "ConditionalOperator": "OR",
      "ConditionExpression": "attribute_exists(x)"},
     "Non-expression parameters: {Expected, ConditionalOperator} Expression parameters: {ConditionExpression}"),
])
def test_put_and_delete_reject_mixed_parameters(ddb_raw, hash_table, extra, message):
    """Legacy and expression parameters cannot be combined in one request."""
    code, text = rejected(ddb_raw.put_item, TableName=hash_table, Item=new_key(), **extra)
    assert (code, text) == ("ValidationException", MIXED + message)
    code, text = rejected(ddb_raw.delete_item, TableName=hash_table, Key=new_key(), **extra)
    assert (code, text) == ("ValidationException", MIXED + message)


@pytest.mark.parametrize("extra, message", [
    ({"AttributeUpdates": {"x": {"Action": "PUT", "Value": S}}, "UpdateExpression": "SET a = :v"},
     "Non-expression parameters: {AttributeUpdates} Expression parameters: {UpdateExpression}"),
    ({"AttributeUpdates": {"x": {"Action": "PUT", "Value": S}}, "ConditionExpression": "attribute_exists(a)"},
     "Non-expression parameters: {AttributeUpdates} Expression parameters: {ConditionExpression}"),
    ({"Expected": {"x": {"Exists": False}}, "UpdateExpression": "SET a = :v"},
     "Non-expression parameters: {Expected} Expression parameters: {UpdateExpression}"),
    ({"Expected": {"x": {"Exists": False}}, "AttributeUpdates": {"x": {"Action": "PUT", "Value": S}},
      "ConditionalOperator": "OR", "UpdateExpression": "SET a = :v", "ConditionExpression": "attribute_exists(a)"},
     "Non-expression parameters: {AttributeUpdates, Expected, ConditionalOperator} "
     "Expression parameters: {UpdateExpression, ConditionExpression}"),
])
def test_update_rejects_mixed_parameters(ddb_raw, hash_table, extra, message):
    """UpdateItem lists every legacy and every expression parameter it was given."""
    code, text = rejected(ddb_raw.update_item, TableName=hash_table, Key=new_key(),
                          ExpressionAttributeValues={":v": S}, **extra)
    assert (code, text) == ("ValidationException", MIXED + message)


def test_get_rejects_attributes_to_get_with_projection(ddb_raw, hash_table):
    """AttributesToGet and ProjectionExpression exclude each other."""
    code, text = rejected(ddb_raw.get_item, TableName=hash_table, Key=new_key(), AttributesToGet=["a"],
                          ProjectionExpression="a")
    assert (code, text) == ("ValidationException",
                            MIXED + "Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}")


def test_expression_attribute_names_need_an_expression(ddb_raw, hash_table):
    """ExpressionAttributeNames with only legacy parameters is an error."""
    code, text = rejected(ddb_raw.put_item, TableName=hash_table, Item=new_key(),
                          Expected={"x": {"Exists": False}}, ExpressionAttributeNames={"#a": "a"})
    assert (code, text) == ("ValidationException", "ExpressionAttributeNames can only be specified when using expressions")
    code, text = rejected(ddb_raw.get_item, TableName=hash_table, Key=new_key(), AttributesToGet=["a"],
                          ExpressionAttributeNames={"#a": "a"})
    assert (code, text) == ("ValidationException", "ExpressionAttributeNames can only be specified when using expressions")


# === validation: AttributeUpdates ===========================================================


@pytest.mark.parametrize("update", [{"Action": "PUT"}, {"Action": "ADD"}, {}])
def test_update_without_value_must_be_delete(ddb_raw, hash_table, update):
    """Only DELETE may omit Value (PUT is the default action)."""
    code, text = rejected(ddb_raw.update_item, TableName=hash_table, Key=new_key(), AttributeUpdates={"x": update})
    assert (code, text) == ("ValidationException", INVALID + "Only DELETE action is allowed when no attribute value is specified")


TYPE_NAMES = {"S": "STRING", "N": "NUMBER", "B": "BINARY", "L": "LIST", "M": "MAP", "BOOL": "BOOLEAN", "NULL": "NULL"}


@pytest.mark.parametrize("type_", ["S", "B", "M", "BOOL", "NULL"])
def test_add_rejects_types_other_than_numbers_sets_and_lists(ddb_raw, hash_table, type_):
    """ADD works on numbers, sets and lists only, whatever is stored."""
    code, text = rejected(ddb_raw.update_item, TableName=hash_table, Key=new_key(),
                          AttributeUpdates={"x": {"Action": "ADD", "Value": VALUES[type_]}})
    assert (code, text) == ("ValidationException", INVALID + f"ADD action is not supported for the type {TYPE_NAMES[type_]}")


@pytest.mark.parametrize("type_", ["S", "N", "B", "L", "M", "BOOL", "NULL"])
def test_delete_with_value_takes_sets_only(ddb_raw, hash_table, type_):
    """DELETE with a Value removes elements from a set; other types are rejected."""
    code, text = rejected(ddb_raw.update_item, TableName=hash_table, Key=new_key(),
                          AttributeUpdates={"x": {"Action": "DELETE", "Value": VALUES[type_]}})
    assert (code, text) == ("ValidationException",
                            INVALID + f"DELETE action with value is not supported for the type {TYPE_NAMES[type_]}")


@pytest.mark.parametrize("update", [{"Action": "PUT", "Value": {"S": "b"}}, {"Action": "DELETE"},
                                    {"Action": "ADD", "Value": N}])
def test_key_attributes_cannot_be_updated(ddb_raw, range_table, update):
    """AttributeUpdates may not name a key attribute (checked before the action's own rules)."""
    key = {**new_key(), "sk": {"N": "1"}}
    for name in ("pk", "sk"):
        code, text = rejected(ddb_raw.update_item, TableName=range_table, Key=key, AttributeUpdates={name: update})
        assert (code, text) == ("ValidationException",
                                INVALID + f"Cannot update attribute {name}. This attribute is part of the key")


def test_attribute_updates_are_checked_in_order(ddb_raw, hash_table):
    """The first invalid update, in request order, is reported."""
    add_s = {"Action": "ADD", "Value": S}
    _, text = rejected(ddb_raw.update_item, TableName=hash_table, Key=new_key(),
                       AttributeUpdates={"x": add_s, "pk": {"Value": S}})
    assert text == INVALID + "ADD action is not supported for the type STRING"
    # What the request alone shows comes before what needs the table's key schema (AWS checks
    # the request first and reports it inside the validation envelope).
    _, text = rejected(ddb_raw.update_item, TableName=hash_table, Key=new_key(),
                       AttributeUpdates={"pk": {"Value": S}, "x": add_s})
    assert text == INVALID + "ADD action is not supported for the type STRING"
    _, text = rejected(ddb_raw.update_item, TableName=hash_table, Key=new_key(),
                       AttributeUpdates={"pk": {"Value": S}, "x": {"Value": S}})
    assert text == INVALID + "Cannot update attribute pk. This attribute is part of the key"


def test_expected_is_checked_before_attribute_updates(ddb_raw, hash_table):
    """An invalid Expected entry is reported before an invalid AttributeUpdates entry."""
    _, text = rejected(ddb_raw.update_item, TableName=hash_table, Key=new_key(),
                       AttributeUpdates={"pk": {"Value": S}}, Expected={"x": {"ComparisonOperator": "EQ"}})
    assert text == INVALID + "Value or AttributeValueList must be used with ComparisonOperator: EQ for Attribute: x"


def test_attribute_updates_size_limit(ddb_raw, hash_table):
    """The values an update writes may not exceed the item size limit, nor may the result."""
    big = "x" * 300_000
    key = new_key()
    code, text = rejected(ddb_raw.update_item, TableName=hash_table, Key=key, AttributeUpdates={
        "a": {"Action": "PUT", "Value": {"S": big}}, "b": {"Action": "PUT", "Value": {"S": big}}})
    assert (code, text) == ("ValidationException", "Item size to update has exceeded the maximum allowed size")
    ddb_raw.update_item(TableName=hash_table, Key=key, AttributeUpdates={"a": {"Action": "PUT", "Value": {"S": big}}})
    code, text = rejected(ddb_raw.update_item, TableName=hash_table, Key=key,
                          AttributeUpdates={"b": {"Action": "PUT", "Value": {"S": big}}})
    assert (code, text) == ("ValidationException", "Item size to update has exceeded the maximum allowed size")


# === validation: AttributesToGet ============================================================


def test_duplicate_attributes_to_get(ddb_raw, hash_table):
    """A name may appear once in AttributesToGet.

    AWS answers "Duplicate value in attribute name" (as DynamoDB Local does for BatchGetItem);
    DynamoDB Local's GetItem says "Cannot have two attributes with the same name".
    """
    code, text = rejected(ddb_raw.get_item, TableName=hash_table, Key=new_key(), AttributesToGet=["c", "zz", "c"])
    assert (code, text) == ("ValidationException", INVALID + "Duplicate value in attribute name: c")


def test_empty_name_in_attributes_to_get(ddb_raw, hash_table):
    """AttributesToGet names may not be empty."""
    code, text = rejected(ddb_raw.get_item, TableName=hash_table, Key=new_key(), AttributesToGet=[""])
    assert (code, text) == ("ValidationException", "Empty attribute name")


# === functionality: Expected ================================================================


@pytest.mark.parametrize("expected, holds_on_item, holds_on_missing", [
    ({"x": {"Value": S}}, True, False),
    ({"x": {"Exists": True, "Value": S}}, True, False),
    ({"x": {"Value": N}}, False, False),
    ({"x": {"Exists": False}}, False, True),
    ({"y": {"Exists": False}}, True, True),
    ({"x": {"ComparisonOperator": "NULL"}}, False, True),
    ({"x": {"ComparisonOperator": "NOT_NULL", "AttributeValueList": []}}, True, False),
    ({"x": {"ComparisonOperator": "NE", "AttributeValueList": [S]}}, False, True),
    ({"x": {"ComparisonOperator": "NE", "Value": N}}, True, True),
    ({"x": {"ComparisonOperator": "EQ", "Value": S}}, True, False),
    ({"x": {"ComparisonOperator": "IN", "Value": S}}, True, False),
    ({"x": {"ComparisonOperator": "NOT_CONTAINS", "AttributeValueList": [{"S": "q"}]}}, True, False),
])
def test_exists_value_and_operators_on_present_and_missing_attributes(ddb, hash_table, expected, holds_on_item,
                                                                      holds_on_missing):
    """Value alone means EQ; Exists false means absent; NE holds and NOT_CONTAINS fails when absent."""
    assert put_holds(ddb, hash_table, expected, {"x": S}) is holds_on_item
    assert put_holds(ddb, hash_table, expected, None) is holds_on_missing


ARGS = {"S": {"S": "a"}, "S2": {"S": "abc"}, "N": {"N": "1"}, "N5": {"N": "5"}, "B": {"B": b"\x00\x01"},
        "BOOL": {"BOOL": True}, "NULL": {"NULL": True}}

# attribute -> the ARGS for which the operator holds (recorded from DynamoDB Local)
TRUTH = {
    "CONTAINS": {
        "s": {"S", "S2"}, "n": set(), "b": {"B"}, "ss": {"S"}, "ns": {"N"}, "bs": {"B"},
        "l": {"S", "N", "BOOL", "NULL"}, "m": set(), "t": set(), "z": set(), "missing": set(),
    },
    "EQ": {"s": {"S2"}, "n": {"N5"}, "t": {"BOOL"}, "z": {"NULL"}, "b": set(), "l": set(), "missing": set()},
    "NE": {"s": set(ARGS) - {"S2"}, "n": set(ARGS) - {"N5"}, "t": set(ARGS) - {"BOOL"}, "missing": set(ARGS)},
    "GT": {"s": {"S"}, "n": {"N"}, "b": {"B"}, "ss": set(), "missing": set()},
    "LE": {"s": {"S2"}, "n": {"N5"}, "b": set(), "l": set(), "missing": set()},
    "BEGINS_WITH": {"s": {"S", "S2"}, "b": {"B"}, "n": set(), "ss": set(), "missing": set()},
}


@pytest.mark.parametrize("op, attr", [(op, attr) for op in TRUTH for attr in TRUTH[op]])
def test_operator_truth_tables(ddb, hash_table, op, attr):
    """Comparisons follow the attribute's type: a value of another type never matches."""
    allowed = ALLOWED_TYPES[op]
    for name, arg in ARGS.items():
        if next(iter(arg)) not in allowed:
            continue
        expected = {attr: {"ComparisonOperator": op, "AttributeValueList": [arg]}}
        assert put_holds(ddb, hash_table, expected, EVERY_TYPE) is (name in TRUTH[op][attr]), name
        if op == "CONTAINS":
            negated = {attr: {"ComparisonOperator": "NOT_CONTAINS", "AttributeValueList": [arg]}}
            holds = attr != "missing" and name not in TRUTH[op][attr]
            assert put_holds(ddb, hash_table, negated, EVERY_TYPE) is holds, name


@pytest.mark.parametrize("attr, op, args, holds", [
    ("n", "BETWEEN", [{"N": "5"}, {"N": "5"}], True),
    ("n", "BETWEEN", [{"N": "-1"}, {"N": "4.99"}], False),
    ("s", "BETWEEN", [{"S": "abc"}, {"S": "abd"}], True),
    ("s", "BETWEEN", [{"N": "1"}, {"N": "9"}], False),
    ("b", "BETWEEN", [{"B": b"\x00"}, {"B": b"\x00\x01\x02"}], True),
    ("n", "IN", [{"N": "4"}, {"N": "5.0"}], True),
    ("s", "IN", [{"S": "ab"}, {"S": "abcd"}], False),
    ("missing", "IN", [{"S": "ab"}], False),
    ("e", "EQ", [{"S": ""}], True),
    ("e", "BEGINS_WITH", [{"S": ""}], True),
    ("s", "CONTAINS", [{"S": ""}], True),
    ("l", "EQ", [EVERY_TYPE["l"]], True),
    ("m", "EQ", [{"M": {"a": {"S": "b"}}}], True),
    ("ns", "EQ", [{"NS": ["2.0", "1"]}], True),
    ("ss", "NE", [{"SS": ["a"]}], True),
    ("pk", "NOT_NULL", [], True),
])
def test_between_in_and_equality_of_documents(ddb, hash_table, attr, op, args, holds):
    """BETWEEN is inclusive and typed, IN matches any value, EQ compares sets and documents."""
    expected = {attr: {"ComparisonOperator": op, "AttributeValueList": args}}
    assert put_holds(ddb, hash_table, expected, EVERY_TYPE) is holds


@pytest.mark.parametrize("stored, arg, contains", [
    (b"\x80\x81\x82", b"\x81", True),
    (b"\x80\x81\x82", b"\x81\x82", True),
    (b"\x80\x81\x82", b"\x82\x83", False),
    (b"\x80\x81\x82", b"\x80\x81\x82\x83", False),
    (b"\x01\x02\x03", b"\x03\x02", False),
    (b"\xff\x00", b"\xff\x00", True),
])
def test_contains_on_binary_compares_bytes(ddb, hash_table, stored, arg, contains):
    """CONTAINS on a Binary attribute looks for the bytes as a contiguous subsequence.

    DynamoDB Local answers wrongly when bytes >= 0x80 are involved (e.g. it finds 82 83 in
    80 81 82); this follows AWS.
    """
    item = {"b": {"B": stored}}
    assert put_holds(ddb, hash_table, {"b": {"ComparisonOperator": "CONTAINS", "AttributeValueList": [{"B": arg}]}},
                     item) is contains
    assert put_holds(ddb, hash_table, {"b": {"ComparisonOperator": "NOT_CONTAINS", "AttributeValueList": [{"B": arg}]}},
                     item) is not contains


def test_conditional_operator_and_or(ddb, hash_table):
    """Entries combine with AND by default, or with OR when ConditionalOperator says so."""
    expected = {"x": {"Value": N}, "y": {"Exists": False}}
    assert put_holds(ddb, hash_table, expected, {"x": S}) is False
    assert put_holds(ddb, hash_table, expected, {"x": S}, ConditionalOperator="AND") is False
    assert put_holds(ddb, hash_table, expected, {"x": S}, ConditionalOperator="OR") is True
    assert put_holds(ddb, hash_table, {"x": {"Value": S}, "y": {"Exists": False}}, {"x": S}) is True
    assert put_holds(ddb, hash_table, {"x": {"Value": N}, "y": {"Value": N}}, {"x": S}, ConditionalOperator="OR") is False


def test_empty_expected_is_no_condition(ddb, hash_table):
    """An empty Expected map sets no condition."""
    assert put_holds(ddb, hash_table, {}, {"x": S}) is True


def test_delete_item_with_expected(ddb, hash_table):
    """DeleteItem deletes only when Expected holds, and returns the old item when asked."""
    key = new_key()
    ddb.put_item(TableName=hash_table, Item={**key, "v": {"N": "3"}})
    with pytest.raises(ClientError) as e:
        ddb.delete_item(TableName=hash_table, Key=key, Expected={"v": {"ComparisonOperator": "GT", "AttributeValueList": [{"N": "3"}]}},
                        ReturnValuesOnConditionCheckFailure="ALL_OLD")
    assert e.value.response["Item"] == {**key, "v": {"N": "3"}}
    r = ddb.delete_item(TableName=hash_table, Key=key, ReturnValues="ALL_OLD",
                        Expected={"v": {"ComparisonOperator": "GE", "AttributeValueList": [{"N": "3"}]}})
    assert r["Attributes"] == {**key, "v": {"N": "3"}}
    assert "Item" not in ddb.get_item(TableName=hash_table, Key=key)


def test_update_item_with_expected(ddb, hash_table):
    """UpdateItem applies AttributeUpdates only when Expected holds."""
    key = new_key()
    with pytest.raises(ClientError) as e:
        ddb.update_item(TableName=hash_table, Key=key, Expected={"v": {"Exists": True, "Value": N}},
                        AttributeUpdates={"v": {"Action": "PUT", "Value": {"N": "2"}}})
    assert error_of(e)[0] == "ConditionalCheckFailedException"
    assert "Item" not in ddb.get_item(TableName=hash_table, Key=key)
    ddb.update_item(TableName=hash_table, Key=key, Expected={"v": {"Exists": False}},
                    AttributeUpdates={"v": {"Action": "PUT", "Value": N}})
    r = ddb.update_item(TableName=hash_table, Key=key, Expected={"v": {"Value": N}}, ReturnValues="ALL_NEW",
                        AttributeUpdates={"v": {"Action": "ADD", "Value": N}})
    assert r["Attributes"] == {**key, "v": {"N": "2"}}


# === functionality: AttributeUpdates ========================================================


def update(ddb: Any, table: str, start: dict[str, Any] | None, updates: dict[str, Any]) -> dict[str, Any] | None:
    """Store `start` (if any) under a new key, apply `updates`, return the item read back."""
    key = new_key()
    if start is not None:
        ddb.put_item(TableName=table, Item={**key, **start})
    ddb.update_item(TableName=table, Key=key, AttributeUpdates=updates)
    item = ddb.get_item(TableName=table, Key=key).get("Item")
    if item is not None:
        assert item.pop("pk") == key["pk"]
    return item


@pytest.mark.parametrize("start, updates, result", [
    (None, {"x": {"Action": "PUT", "Value": S}}, {"x": S}),
    ({"x": N}, {"x": {"Action": "PUT", "Value": S}}, {"x": S}),
    (None, {"x": {"Action": "DELETE"}}, {}),
    ({"x": S, "y": N}, {"x": {"Action": "DELETE"}}, {"y": N}),
    (None, {"x": {"Action": "DELETE", "Value": {"SS": ["a"]}}}, {}),
    ({"x": {"SS": ["a", "b"]}}, {"x": {"Action": "DELETE", "Value": {"SS": ["a", "c"]}}}, {"x": {"SS": ["b"]}}),
    ({"x": {"SS": ["a", "b"]}}, {"x": {"Action": "DELETE", "Value": {"SS": ["b", "a"]}}}, {}),
    # numbers compare by value (DynamoDB Local compares the text and keeps 1)
    ({"x": {"NS": ["1", "2"]}}, {"x": {"Action": "DELETE", "Value": {"NS": ["1.0"]}}}, {"x": {"NS": ["2"]}}),
    ({"y": S}, {"x": {"Action": "DELETE", "Value": {"NS": ["1"]}}}, {"y": S}),
    (None, {"x": {"Action": "ADD", "Value": {"N": "-1.5"}}}, {"x": {"N": "-1.5"}}),
    ({"x": {"N": "5"}}, {"x": {"Action": "ADD", "Value": {"N": "-7.5"}}}, {"x": {"N": "-2.5"}}),
    # stored trimmed (DynamoDB Local keeps the scale: 1.0)
    ({"x": {"N": "0.5"}}, {"x": {"Action": "ADD", "Value": {"N": "0.5"}}}, {"x": {"N": "1"}}),
    (None, {"x": {"Action": "ADD", "Value": {"SS": ["a"]}}}, {"x": {"SS": ["a"]}}),
    ({"x": {"SS": ["a"]}}, {"x": {"Action": "ADD", "Value": {"SS": ["a", "b"]}}}, {"x": {"SS": ["a", "b"]}}),
    ({"x": {"BS": [b"\x01"]}}, {"x": {"Action": "ADD", "Value": {"BS": [b"\x02"]}}}, {"x": {"BS": [b"\x01", b"\x02"]}}),
    (None, {"x": {"Action": "ADD", "Value": {"L": [S]}}}, {"x": {"L": [S]}}),
    ({"x": {"L": [S]}}, {"x": {"Action": "ADD", "Value": {"L": [N]}}}, {"x": {"L": [S, N]}}),
    ({"x": S}, {"x": {"Action": "DELETE"}, "y": {"Action": "PUT", "Value": N}, "z": {"Action": "ADD", "Value": N}},
     {"y": N, "z": N}),
    (None, {}, {}),
])
def test_attribute_update_actions(ddb, hash_table, start, updates, result):
    """PUT replaces, DELETE removes the attribute or set elements, ADD adds numbers and sets and appends lists."""
    got = update(ddb, hash_table, start, updates)
    assert got is not None
    for name, value in got.items():
        for set_type in ("SS", "NS", "BS"):
            if set_type in value:
                value[set_type] = sorted(value[set_type])
    assert got == result


def test_put_is_the_default_action(ddb, hash_table):
    """An AttributeUpdates entry without Action is a PUT.

    DynamoDB Local ignores such an entry (awslabs/amazon-dynamodb-local-samples#30); AWS
    applies it.
    """
    assert update(ddb, hash_table, {"x": N}, {"x": {"Value": S}, "y": {"Value": N}}) == {"x": S, "y": N}


@pytest.mark.parametrize("start, updates", [
    ({"x": S}, {"x": {"Action": "DELETE", "Value": {"SS": ["a"]}}}),
    ({"x": {"SS": ["a", "b"]}}, {"x": {"Action": "DELETE", "Value": {"NS": ["1"]}}}),
    ({"x": {"N": "5"}}, {"x": {"Action": "ADD", "Value": {"NS": ["1"]}}}),
    ({"x": {"SS": ["a"]}}, {"x": {"Action": "ADD", "Value": {"NS": ["1"]}}}),
    ({"x": {"SS": ["a"]}}, {"x": {"Action": "ADD", "Value": N}}),
    ({"x": {"L": [S]}}, {"x": {"Action": "ADD", "Value": N}}),
    ({"x": S}, {"x": {"Action": "ADD", "Value": N}}),
    ({"x": N}, {"x": {"Action": "ADD", "Value": {"L": [N]}}}),
])
def test_type_mismatch_with_the_stored_attribute(ddb, hash_table, start, updates):
    """ADD and DELETE must match the stored attribute's type; the item stays unchanged."""
    key = new_key()
    ddb.put_item(TableName=hash_table, Item={**key, **start})
    code, text = rejected(ddb.update_item, TableName=hash_table, Key=key, AttributeUpdates=updates)
    assert (code, text) == ("ValidationException", "Type mismatch for attribute to update")
    assert ddb.get_item(TableName=hash_table, Key=key)["Item"] == {**key, **start}


def test_update_returns_values(ddb, hash_table):
    """ReturnValues reports the item around a legacy update like around an expression update."""
    key = new_key()
    ddb.put_item(TableName=hash_table, Item={**key, "a": N, "b": S})
    r = ddb.update_item(TableName=hash_table, Key=key, ReturnValues="ALL_OLD",
                        AttributeUpdates={"a": {"Action": "ADD", "Value": N}})
    assert r["Attributes"] == {**key, "a": N, "b": S}
    r = ddb.update_item(TableName=hash_table, Key=key, ReturnValues="UPDATED_NEW",
                        AttributeUpdates={"a": {"Action": "ADD", "Value": N}})
    assert r["Attributes"] == {"a": {"N": "3"}}
    r = ddb.update_item(TableName=hash_table, Key=key, ReturnValues="UPDATED_OLD",
                        AttributeUpdates={"b": {"Action": "DELETE"}})
    assert r["Attributes"] == {"b": S}


def test_number_overflow_in_add(ddb, hash_table):
    """ADD keeps DynamoDB's number limits."""
    key = new_key()
    ddb.put_item(TableName=hash_table, Item={**key, "x": {"N": "9.9E+125"}})
    code, text = rejected(ddb.update_item, TableName=hash_table, Key=key,
                          AttributeUpdates={"x": {"Action": "ADD", "Value": {"N": "9E+125"}}})
    assert code == "ValidationException"
    assert "Number overflow" in text


# === functionality: AttributesToGet =========================================================


def test_attributes_to_get_projects_top_level_names(ddb, hash_table):
    """AttributesToGet returns only the named top-level attributes; names are never paths."""
    key = new_key()
    ddb.put_item(TableName=hash_table, Item={**key, "a.b": {"S": "dot"}, "a": {"M": {"b": {"S": "nested"}}},
                                             "l": {"L": [S]}, "c": N})
    get = lambda names: ddb.get_item(TableName=hash_table, Key=key, AttributesToGet=names)["Item"]  # noqa: E731
    assert get(["a.b"]) == {"a.b": {"S": "dot"}}
    assert get(["a"]) == {"a": {"M": {"b": {"S": "nested"}}}}
    assert get(["c", "pk"]) == {"c": N, **key}
    assert get(["zz"]) == {}
    assert get(["l[0]"]) == {}


def test_attributes_to_get_on_a_missing_item(ddb, hash_table):
    """A missing item returns no Item, with or without AttributesToGet."""
    r = ddb.get_item(TableName=hash_table, Key=new_key(), AttributesToGet=["c"], ReturnConsumedCapacity="TOTAL")
    assert "Item" not in r
    assert r["ConsumedCapacity"]["CapacityUnits"] == 0.5


def test_binary_round_trip_through_expected(ddb, hash_table):
    """Binary values in Expected are compared as bytes after base64 decoding."""
    item = {"b": {"B": base64.b64decode("AAEC")}}
    assert put_holds(ddb, hash_table, {"b": {"Value": {"B": b"\x00\x01\x02"}}}, item) is True


def test_get_item_checks_attributes_to_get_before_table_and_key(ddb_raw, hash_table):
    """GetItem reports duplicate AttributesToGet and mixed parameters before looking at the table or key."""
    code, text = rejected(ddb_raw.get_item, TableName="no-such-table-legacy", Key=new_key(), AttributesToGet=["a", "a"])
    assert (code, text) == ("ValidationException", INVALID + "Duplicate value in attribute name: a")
    code, text = rejected(ddb_raw.get_item, TableName=hash_table, Key={"pk": {"N": "1"}}, AttributesToGet=["a", "a"])
    assert text == INVALID + "Duplicate value in attribute name: a"
    code, text = rejected(ddb_raw.get_item, TableName="no-such-table-legacy", Key=new_key(), AttributesToGet=["a"],
                          ProjectionExpression="a")
    assert text.startswith(MIXED)


def test_put_if_absent_idiom(ddb, range_table):
    """Expected {key: Exists false} makes PutItem create-only, the classic legacy idiom."""
    item = {**new_key(), "sk": {"N": "7"}, "v": S}
    expected = {"pk": {"Exists": False}, "sk": {"Exists": False}}
    ddb.put_item(TableName=range_table, Item=item, Expected=expected)
    with pytest.raises(ClientError) as e:
        ddb.put_item(TableName=range_table, Item={**item, "v": N}, Expected=expected,
                     ReturnValuesOnConditionCheckFailure="ALL_OLD")
    assert error_of(e)[0] == "ConditionalCheckFailedException"
    assert e.value.response["Item"] == item
    ddb.put_item(TableName=range_table, Item={**item, "v": N}, Expected={"pk": {"Value": item["pk"]}})
    assert ddb.get_item(TableName=range_table, Key={"pk": item["pk"], "sk": item["sk"]})["Item"]["v"] == N


@pytest.mark.parametrize("op, body, expected", [
    ("GetItem", {"AttributesToGet": ["a"], "FilterExpression": "attribute_exists(a)"}, {"Item": {"a": S}}),
    ("GetItem", {"ProjectionExpression": "a", "Expected": {"a": {"Exists": False}}}, {"Item": {"a": S}}),
    ("PutItem", {"Item": {"pk": {"S": "k"}, "a": S}, "Expected": {"a": {"Exists": False}},
                 "FilterExpression": "attribute_exists(a)"}, "ConditionalCheckFailedException"),
    ("DeleteItem", {"ConditionExpression": "attribute_exists(a)", "AttributesToGet": ["a"]}, {}),
    ("Scan", {"ScanFilter": {"a": {"ComparisonOperator": "NOT_NULL"}}, "UpdateExpression": "SET a = :v"},
     {"Items": [{"pk": {"S": "k"}, "a": S}], "Count": 1, "ScannedCount": 1}),
])
def test_mixing_counts_only_the_operations_own_members(server, ddb, op, body, expected):
    """DynamoDB ignores members an operation does not have, so a legacy parameter beside another
    operation's expression member (FilterExpression on GetItem or PutItem) is not mixing."""
    table = make_table(ddb)
    ddb.put_item(TableName=table, Item={"pk": {"S": "k"}, "a": S})
    full = {"TableName": table, **({} if "Item" in body or op == "Scan" else {"Key": {"pk": {"S": "k"}}}), **body}
    reply = post(server.url, op, full)
    if isinstance(expected, str):
        assert (reply.status, reply.error[0]) == (400, expected)
    else:
        assert (reply.status, reply.json()) == (200, expected)


def test_query_checks_key_conditions_before_query_filter(ddb_raw, hash_table):
    """DynamoDB validates a Query's KeyConditions before its QueryFilter: with an error in each,
    the KeyConditions one is reported (DynamoDB Local, differential testing)."""
    code, text = rejected(
        ddb_raw.query, TableName=hash_table,
        KeyConditions={"pk": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [N]}},
        QueryFilter={"a": {"ComparisonOperator": "CONTAINS"}})
    assert (code, text) == ("ValidationException", INVALID + "ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type")


def test_expected_errors_come_before_unused_expression_values(ddb_raw, hash_table):
    """An invalid Expected is reported before ExpressionAttributeValues given without any
    expression (DynamoDB Local, differential testing)."""
    code, text = rejected(
        ddb_raw.delete_item, TableName=hash_table, Key=new_key(), ExpressionAttributeValues={":v": S},
        Expected={"a": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [N]}})
    assert code == "ValidationException"
    assert text.endswith(INVALID + "ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type")


def test_unused_expression_values_come_before_attribute_updates_errors(ddb_raw, hash_table):
    """ExpressionAttributeValues given without any expression is reported before an invalid
    AttributeUpdates (DynamoDB Local, differential testing)."""
    code, text = rejected(
        ddb_raw.update_item, TableName=hash_table, Key=new_key(), ExpressionAttributeValues={":v": S},
        AttributeUpdates={"a": {"Action": "DELETE", "Value": S}})
    assert code == "ValidationException"
    assert text.endswith("ExpressionAttributeValues can only be specified when using expressions")
