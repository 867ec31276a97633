"""PutItem / GetItem / DeleteItem with every attribute type, and the values DynamoDB refuses."""

from tests.golden.inputs.common import (K, N, NOT_NUMERIC, S, NOT_FOUND, SCHEMA_MISMATCH, table_name_length_error, case, get, hash_table,
                                        null_at, put, range_table, step, validation_override, value_override)

GOOD_VALUES = {
    "string": S("hello"),
    "string-unicode": S("grüße 😀"),
    "string-empty": S(""),
    "number": N("42"),
    "binary": {"B": "AAEC/w=="},
    "binary-empty": {"B": ""},
    "bool-true": {"BOOL": True},
    "bool-false": {"BOOL": False},
    "null": {"NULL": True},
    "string-set": {"SS": ["b", "a", "c"]},
    "number-set": {"NS": ["3", "1", "2.5"]},
    "binary-set": {"BS": ["AQ==", "Ag=="]},
    "list": {"L": [S("a"), N("1"), {"BOOL": True}, {"NULL": True}]},
    "list-empty": {"L": []},
    "map": {"M": {"a": S("x"), "b": {"M": {"c": {"L": [N("1")]}}}}},
    "map-empty": {"M": {}},
    "map-with-empty-string-key": {"M": {"": S("v")}},
    "list-of-sets": {"L": [{"SS": ["x"]}, {"NS": ["1"]}]},
}

BAD_VALUES = {
    "empty-string-set": {"SS": []},
    "empty-number-set": {"NS": []},
    "empty-binary-set": {"BS": []},
    "duplicate-string-set": {"SS": ["a", "a"]},
    "duplicate-number-set": {"NS": ["1", "1"]},
    "duplicate-number-set-equal-values": {"NS": ["1", "1.0"]},
    "duplicate-binary-set": {"BS": ["AQ==", "AQ=="]},
    "null-false": {"NULL": False},
    "two-types": {"S": "a", "N": "1"},
    "no-type": {},
    "unknown-type": {"X": "a"},
    "lowercase-type": {"s": "a"},
    "number-not-numeric": N("abc"),
    "number-empty": N(""),
    "number-set-bad-member": {"NS": ["1", "x"]},
    "nested-bad-number": {"M": {"a": {"L": [N("1x")]}}},
    "nested-empty-set": {"L": [{"SS": []}]},
    "nested-no-type": {"M": {"a": {}}},
}

INVALID = "One or more parameter values were invalid: "
EMPTY_VALUE = "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"
BAD_VALUE_AWS = {
    "empty-string-set": INVALID + "An string set  may not be empty",
    "empty-number-set": INVALID + "An number set  may not be empty",
    "empty-binary-set": INVALID + "Binary sets should not be empty",
    "duplicate-string-set": INVALID + 'Input collection ["a", "a"] contains duplicates.',
    "duplicate-number-set": INVALID + "Input collection contains duplicates.",
    "duplicate-number-set-equal-values": INVALID + "Input collection contains duplicates.",
    "duplicate-binary-set": INVALID + 'Input collection ["AQ==","AQ=="]of type BS contains duplicates.',
    "null-false": INVALID + "Null attribute value types must have the value of true",
    "two-types": "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes",
    "no-type": EMPTY_VALUE,
    "unknown-type": EMPTY_VALUE,
    "lowercase-type": EMPTY_VALUE,
    "number-not-numeric": NOT_NUMERIC + "abc",
    "number-empty": NOT_NUMERIC,
    "number-set-bad-member": NOT_NUMERIC + "x",
    "nested-bad-number": NOT_NUMERIC + "1x",
    "nested-empty-set": INVALID + "An string set  may not be empty",
    "nested-no-type": EMPTY_VALUE,
}

CASES = []
for name, value in GOOD_VALUES.items():
    kw = value_override("Empty attribute name", True) if name == "map-with-empty-string-key" else {}
    CASES.append(case(f"put-get-{name}", "PutItem", {"TableName": "{T}", "Item": {"pk": S("k"), "v": value}},
                      setup=[hash_table()], then=[get(K())], **kw))
for name, value in BAD_VALUES.items():
    CASES.append(case(f"put-{name}", "PutItem", {"TableName": "{T}", "Item": {"pk": S("k"), "v": value}},
                      setup=[hash_table()], then=[get(K())], **value_override(BAD_VALUE_AWS[name], True)))
    CASES.append(case(f"get-key-{name}", "GetItem", {"TableName": "{T}", "Key": {"pk": value}}, setup=[hash_table()],
                      **value_override(BAD_VALUE_AWS[name], False)))

KEY_CASES = [
    # (name, table setup, item or key, op)
    ("put-missing-hash-key", hash_table(), {"v": S("x")}, "PutItem"),
    ("put-hash-key-wrong-type", hash_table(), {"pk": N("1")}, "PutItem"),
    ("put-hash-key-empty-string", hash_table(), {"pk": S("")}, "PutItem"),
    ("put-hash-key-empty-binary", hash_table("{T}", "B"), {"pk": {"B": ""}}, "PutItem"),
    ("put-hash-key-set", hash_table(), {"pk": {"SS": ["a"]}}, "PutItem"),
    ("put-hash-key-bool", hash_table(), {"pk": {"BOOL": True}}, "PutItem"),
    ("put-missing-range-key", range_table(), {"pk": S("a")}, "PutItem"),
    ("put-range-key-wrong-type", range_table(), {"pk": S("a"), "sk": S("1")}, "PutItem"),
    ("put-range-key-empty-string", range_table("{T}", "S", "S"), {"pk": S("a"), "sk": S("")}, "PutItem"),
    ("put-empty-attribute-name", hash_table(), {"pk": S("a"), "": S("x")}, "PutItem"),
    ("get-missing-key-attribute", range_table(), {"pk": S("a")}, "GetItem"),
    ("get-extra-key-attribute", hash_table(), {"pk": S("a"), "x": S("b")}, "GetItem"),
    ("get-wrong-key-name", hash_table(), {"id": S("a")}, "GetItem"),
    ("get-key-wrong-type", hash_table(), {"pk": N("1")}, "GetItem"),
    ("get-empty-key", hash_table(), {}, "GetItem"),
    ("get-key-empty-string", hash_table(), {"pk": S("")}, "GetItem"),
    ("delete-missing-range-key", range_table(), {"pk": S("a")}, "DeleteItem"),
    ("delete-key-wrong-type", hash_table(), {"pk": N("1")}, "DeleteItem"),
    ("delete-extra-key-attribute", hash_table(), {"pk": S("a"), "v": S("b")}, "DeleteItem"),
]
AWS = {
    "put-missing-hash-key": INVALID + "Missing the key pk in the item",
    "put-hash-key-wrong-type": INVALID + "Type mismatch for key pk expected: S actual: N",
    "put-hash-key-set": INVALID + "Type mismatch for key pk expected: S actual: SS",
    "put-hash-key-bool": INVALID + "Type mismatch for key pk expected: S actual: BOOL",
    "put-missing-range-key": INVALID + "Missing the key sk in the item",
    "put-range-key-wrong-type": INVALID + "Type mismatch for key sk expected: N actual: S",
    "get-missing-key-attribute": SCHEMA_MISMATCH,
    "get-extra-key-attribute": SCHEMA_MISMATCH,
    "get-wrong-key-name": SCHEMA_MISMATCH,
    "get-key-wrong-type": SCHEMA_MISMATCH,
    "get-empty-key": SCHEMA_MISMATCH,
    "delete-missing-range-key": SCHEMA_MISMATCH,
    "delete-key-wrong-type": SCHEMA_MISMATCH,
    "delete-extra-key-attribute": SCHEMA_MISMATCH,
}
for name, setup, value, op in KEY_CASES:
    member = "Item" if op == "PutItem" else "Key"
    kw = validation_override(AWS.get(name))
    if name == "put-empty-attribute-name":
        kw = value_override("Empty attribute name", True)
    CASES.append(case(name, op, {"TableName": "{T}", member: value}, setup=[setup], **kw))

CASES += [
    case("put-no-item", "PutItem", {"TableName": "{T}"}, setup=[hash_table()], **validation_override(null_at("item"))),
    case("put-no-table-name", "PutItem", {"Item": {"pk": S("a")}}, **validation_override(null_at("tableName"))),
    case("put-table-not-found", "PutItem", {"TableName": "{T}", "Item": {"pk": S("a")}}, **NOT_FOUND),
    case("get-table-not-found", "GetItem", {"TableName": "{T}", "Key": K()}, **NOT_FOUND),
    case("delete-table-not-found", "DeleteItem", {"TableName": "{T}", "Key": K()}, **NOT_FOUND),
    case("get-no-key", "GetItem", {"TableName": "{T}"}, setup=[hash_table()], **validation_override(null_at("key"))),
    case("get-missing-item", "GetItem", {"TableName": "{T}", "Key": K("nope")}, setup=[hash_table()]),
    case("put-replaces-whole-item", "PutItem", {"TableName": "{T}", "Item": {"pk": S("k"), "b": N("2")}},
         setup=[hash_table(), put({"pk": S("k"), "a": N("1")})], then=[get(K())]),
    case("delete-then-get", "DeleteItem", {"TableName": "{T}", "Key": K()},
         setup=[hash_table(), put({"pk": S("k"), "a": N("1")})], then=[get(K())]),
    case("delete-missing-item", "DeleteItem", {"TableName": "{T}", "Key": K("nope")}, setup=[hash_table()],
         aws={"body": {}}, aws_note="DynamoDB Local reports ConsumedCapacity for a delete of a missing item although "
         "ReturnConsumedCapacity was not requested; DynamoDB returns it only when asked"),
    case("range-items-distinct", "GetItem", {"TableName": "{T}", "Key": {"pk": S("a"), "sk": N("2")}},
         setup=[range_table(), put({"pk": S("a"), "sk": N("1"), "v": S("one")}), put({"pk": S("a"), "sk": N("2"), "v": S("two")})]),
    case("binary-key-roundtrip", "GetItem", {"TableName": "{T}", "Key": {"pk": {"B": "AP8="}}},
         setup=[hash_table("{T}", "B"), put({"pk": {"B": "AP8="}, "v": S("bin")})]),
    case("get-table-name-too-short", "GetItem", {"TableName": "ab", "Key": K()}, **validation_override(table_name_length_error("ab"))),
]
