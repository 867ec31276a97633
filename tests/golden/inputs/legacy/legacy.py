"""The legacy parameters: Expected (+ ConditionalOperator), AttributeUpdates, AttributesToGet, and
mixing them with expressions."""

from tests.golden.inputs.common import (NOT_NUMERIC, K, N, RICH, S, case, enum_message, rich_setup, validation_override,
                                        value_override)

V = RICH  # values from the rich item

EXPECTED = {
    "value-equal": {"s": {"Value": S("hello")}},
    "value-not-equal": {"s": {"Value": S("world")}},
    "exists-false-absent": {"absent": {"Exists": False}},
    "exists-false-present": {"s": {"Exists": False}},
    "exists-true-with-value": {"n": {"Exists": True, "Value": N("5")}},
    "two-conditions-and": {"s": {"Value": S("hello")}, "n": {"Value": N("5")}},
    "two-conditions-one-false": {"s": {"Value": S("hello")}, "n": {"Value": N("6")}},
    "eq": {"n": {"ComparisonOperator": "EQ", "AttributeValueList": [N("5")]}},
    "ne": {"n": {"ComparisonOperator": "NE", "AttributeValueList": [N("5")]}},
    "le": {"n": {"ComparisonOperator": "LE", "AttributeValueList": [N("5")]}},
    "lt": {"n": {"ComparisonOperator": "LT", "AttributeValueList": [N("5")]}},
    "ge": {"s": {"ComparisonOperator": "GE", "AttributeValueList": [S("hello")]}},
    "gt": {"s": {"ComparisonOperator": "GT", "AttributeValueList": [S("a")]}},
    "not-null": {"s": {"ComparisonOperator": "NOT_NULL"}},
    "null-absent": {"absent": {"ComparisonOperator": "NULL"}},
    "null-present": {"s": {"ComparisonOperator": "NULL"}},
    "contains-string": {"s": {"ComparisonOperator": "CONTAINS", "AttributeValueList": [S("ell")]}},
    "contains-set": {"ss": {"ComparisonOperator": "CONTAINS", "AttributeValueList": [S("a")]}},
    "not-contains": {"ss": {"ComparisonOperator": "NOT_CONTAINS", "AttributeValueList": [S("z")]}},
    "begins-with": {"s": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [S("he")]}},
    "in": {"n": {"ComparisonOperator": "IN", "AttributeValueList": [N("4"), N("5")]}},
    "between": {"n": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [N("1"), N("9")]}},
    "eq-type-mismatch": {"n": {"ComparisonOperator": "EQ", "AttributeValueList": [S("5")]}},
    "ne-absent": {"absent": {"ComparisonOperator": "NE", "AttributeValueList": [S("x")]}},
    # errors
    "exists-true-without-value": {"s": {"Exists": True}},
    "exists-false-with-value": {"s": {"Exists": False, "Value": S("hello")}},
    "value-and-operator": {"s": {"Value": S("hello"), "ComparisonOperator": "EQ", "AttributeValueList": [S("hello")]}},
    "eq-no-values": {"n": {"ComparisonOperator": "EQ"}},
    "eq-two-values": {"n": {"ComparisonOperator": "EQ", "AttributeValueList": [N("5"), N("6")]}},
    "between-one-value": {"n": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [N("1")]}},
    "between-reversed": {"n": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [N("9"), N("1")]}},
    "null-with-value": {"s": {"ComparisonOperator": "NULL", "AttributeValueList": [S("x")]}},
    "in-empty": {"n": {"ComparisonOperator": "IN", "AttributeValueList": []}},
    "lt-with-set": {"n": {"ComparisonOperator": "LT", "AttributeValueList": [{"SS": ["a"]}]}},
    "begins-with-number": {"n": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [N("5")]}},
    "contains-list-value": {"l": {"ComparisonOperator": "CONTAINS", "AttributeValueList": [{"L": []}]}},
    "empty-condition": {"s": {}},
}


def put_expected(expected, **extra):
    body = {"TableName": "{T}", "Item": {"pk": S("k"), "new": S("item")}, "Expected": expected}
    body.update(extra)
    return body


CASES = [case(f"expected-{name}", "PutItem", put_expected(exp), setup=rich_setup()) for name, exp in EXPECTED.items()]

TWO = {"s": {"Value": S("world")}, "n": {"Value": N("5")}}
CASES += [
    case("conditional-operator-or", "PutItem", put_expected(TWO, ConditionalOperator="OR"), setup=rich_setup()),
    case("conditional-operator-and", "PutItem", put_expected(TWO, ConditionalOperator="AND"), setup=rich_setup()),
    case("conditional-operator-bad", "PutItem", put_expected(TWO, ConditionalOperator="XOR"), setup=rich_setup(),
         **validation_override(enum_message("XOR", "conditionalOperator", ["AND", "OR"]))),
    case("conditional-operator-without-expected", "PutItem", {"TableName": "{T}", "Item": K(), "ConditionalOperator": "OR"},
         setup=rich_setup()),
    case("conditional-operator-with-condition-expression", "PutItem",
         {"TableName": "{T}", "Item": K(), "ConditionalOperator": "OR", "ConditionExpression": "attribute_exists(s)"}, setup=rich_setup()),
    case("expected-on-delete", "DeleteItem", {"TableName": "{T}", "Key": K(), "Expected": {"n": {"Value": N("6")}},
                                              "ReturnValues": "ALL_OLD"}, setup=rich_setup()),
    case("expected-empty-map", "PutItem", put_expected({}), setup=rich_setup()),
]

UPDATES = {
    "put": {"s": {"Action": "PUT", "Value": S("world")}},
    "put-default-action": {"s": {"Value": S("world")}},
    "put-new": {"fresh": {"Action": "PUT", "Value": N("1")}},
    "delete-attribute": {"s": {"Action": "DELETE"}},
    "delete-absent": {"absent": {"Action": "DELETE"}},
    "delete-from-set": {"ss": {"Action": "DELETE", "Value": {"SS": ["a", "z"]}}},
    "delete-whole-set": {"ss": {"Action": "DELETE", "Value": {"SS": ["a", "b", "c"]}}},
    "add-number": {"n": {"Action": "ADD", "Value": N("2")}},
    "add-new-number": {"fresh": {"Action": "ADD", "Value": N("2")}},
    "add-set": {"ss": {"Action": "ADD", "Value": {"SS": ["z"]}}},
    "add-new-set": {"fresh": {"Action": "ADD", "Value": {"NS": ["1"]}}},
    "several": {"s": {"Action": "DELETE"}, "n": {"Action": "ADD", "Value": N("1")}, "x": {"Value": S("x")}},
    # errors
    "put-without-value": {"s": {"Action": "PUT"}},
    "add-without-value": {"n": {"Action": "ADD"}},
    "add-string": {"s": {"Action": "ADD", "Value": S("x")}},
    "add-to-string": {"s": {"Action": "ADD", "Value": N("1")}},
    "add-list": {"l": {"Action": "ADD", "Value": {"L": [S("z")]}}},
    "add-wrong-set-type": {"ss": {"Action": "ADD", "Value": {"NS": ["1"]}}},
    "delete-with-scalar": {"s": {"Action": "DELETE", "Value": S("hello")}},
    "delete-wrong-set-type": {"ss": {"Action": "DELETE", "Value": {"NS": ["1"]}}},
    "update-key": {"pk": {"Action": "PUT", "Value": S("other")}},
    "delete-key": {"pk": {"Action": "DELETE"}},
    "bad-value": {"s": {"Action": "PUT", "Value": {"N": "abc"}}},
}


def update_legacy(updates, **extra):
    body = {"TableName": "{T}", "Key": K(), "AttributeUpdates": updates, "ReturnValues": "ALL_NEW"}
    body.update(extra)
    return body


def default_put(values):
    def fix(resp):
        attrs = dict(resp["body"]["Attributes"], **values)
        return {"body": {"Attributes": attrs}}
    return {"aws": fix, "aws_note": "DynamoDB Local ignores an update without Action; DynamoDB's default Action is PUT "
                                    "(AttributeValueUpdate in the API reference)"}


LEGACY_AWS = {"bad-value": value_override(NOT_NUMERIC + "abc", True), "put-default-action": default_put({"s": S("world")}),
              "several": default_put({"x": S("x")})}
CASES += [case(f"attribute-updates-{name}", "UpdateItem", update_legacy(u), setup=rich_setup(), **LEGACY_AWS.get(name, {}))
          for name, u in UPDATES.items()]
CASES += [
    case("attribute-updates-with-expected", "UpdateItem", update_legacy(UPDATES["put"], Expected={"n": {"Value": N("5")}}),
         setup=rich_setup()),
    case("attribute-updates-with-expected-false", "UpdateItem", update_legacy(UPDATES["put"], Expected={"n": {"Value": N("6")}}),
         setup=rich_setup()),
    case("attribute-updates-with-condition-expression", "UpdateItem",
         update_legacy(UPDATES["put"], ConditionExpression="attribute_exists(s)"), setup=rich_setup()),
    case("update-expression-with-expected", "UpdateItem",
         {"TableName": "{T}", "Key": K(), "UpdateExpression": "REMOVE s", "Expected": {"n": {"Value": N("5")}}}, setup=rich_setup()),
    case("attribute-updates-creates-item", "UpdateItem", update_legacy(UPDATES["add-number"], Key=K("new")), setup=rich_setup()),
]

ATG = {
    "two": ["s", "n"], "absent": ["absent"], "key-only": ["pk"], "nested-name-is-literal": ["m.a"], "dotted-name": ["dot.ted"],
    "empty-list": [], "duplicates": ["s", "s"], "empty-name": [""],
}
ATG_AWS = {
    "empty-list": "1 validation error detected: Value '[]' at 'attributesToGet' failed to satisfy constraint: "
                  "Member must have length greater than or equal to 1",
    "duplicates": "One or more parameter values were invalid: Duplicate value in attribute name: s",
}
CASES += [case(f"attributes-to-get-{name}", "GetItem", {"TableName": "{T}", "Key": K(), "AttributesToGet": a, "ConsistentRead": True},
               setup=rich_setup(), **validation_override(ATG_AWS.get(name))) for name, a in ATG.items()]
CASES += [
    case("attributes-to-get-with-names", "GetItem", {"TableName": "{T}", "Key": K(), "AttributesToGet": ["s"],
                                                     "ExpressionAttributeNames": {"#s": "s"}}, setup=rich_setup()),
]
