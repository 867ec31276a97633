"""engine/values.py: AttributeValue validation, normalisation, item size and key checks."""

from __future__ import annotations

import base64
from decimal import Context, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ddbserver.engine import values
from ddbserver.engine.keys import KeyShape
from ddbserver.errors import DynamoError

INVALID = "One or more parameter values were invalid: "


def refused(item, **kw):
    with pytest.raises(DynamoError) as e:
        values.check_item(item, **kw)
    return e.value.type, e.value.message


def nest(depth, leaf, kind="M"):
    v = leaf
    for _ in range(depth):
        v = {"M": {"a": v}} if kind == "M" else {"L": [v]}
    return v


# --- validation ---------------------------------------------------------------------------


@pytest.mark.parametrize("value, message", [
    ({}, values.EMPTY_VALUE),
    ({"S": None}, values.EMPTY_VALUE),
    ({"FOO": "a"}, values.EMPTY_VALUE),
    ({"S": "a", "N": "1"}, values.MORE_THAN_ONE),
    ({"NULL": True, "S": "a"}, values.MORE_THAN_ONE),
    ({"NULL": False}, INVALID + "Null attribute value types must have the value of true"),
    ({"SS": []}, INVALID + "An string set  may not be empty"),
    ({"NS": []}, INVALID + "An number set  may not be empty"),
    ({"BS": []}, INVALID + "Binary sets should not be empty"),
    ({"SS": ["a", None]}, INVALID + "An string set may not have a null string as a member"),
    ({"N": "x"}, "The parameter cannot be converted to a numeric value: x"),
    ({"NS": ["1", ""]}, "The parameter cannot be converted to a numeric value: "),
    ({"M": {"": {"S": "a"}}}, "Empty attribute name"),
    ({"M": {"a": None}}, "The supplied Item contains a null AttributeValue: a is null"),
    ({"L": [{}]}, values.EMPTY_VALUE),
])
def test_value_errors(value, message):
    """Each malformed AttributeValue gets DynamoDB's message."""
    assert refused({"a": value}) == ("ValidationException", message)


def test_members_are_checked_before_more_than_one_datatype():
    """DynamoDB reports a bad member before noticing there are two datatypes."""
    assert refused({"a": {"S": "a", "N": "x"}})[1].startswith(values.numbers.NOT_A_NUMBER)
    assert refused({"a": {"NULL": False, "S": "a"}})[1].endswith("must have the value of true")


def test_first_attribute_in_request_order_wins():
    """Attributes are checked in the order they were sent."""
    assert refused({"x": {"SS": []}, "y": {"N": "x"}})[1].endswith("may not be empty")
    assert refused({"y": {"N": "x"}, "x": {"SS": []}})[1].startswith(values.numbers.NOT_A_NUMBER)
    assert refused({"": {"S": "a"}, "y": {"N": "x"}})[1] == "Empty attribute name"


def test_empty_strings_and_binaries_are_allowed_outside_keys():
    """Since 2020 DynamoDB accepts empty S and B values, also inside lists, maps and sets."""
    item = {"s": {"S": ""}, "b": {"B": ""}, "ss": {"SS": [""]}, "bs": {"BS": [""]},
            "l": {"L": [{"S": ""}]}, "m": {"M": {"x": {"B": ""}}}}
    assert values.check_item(item) == item


def test_numbers_are_normalised_everywhere():
    """N values, NS members and nested numbers come back in canonical text."""
    item = {"n": {"N": "007.50"}, "ns": {"NS": ["1e2", "-0"]}, "l": {"L": [{"M": {"x": {"N": "+3"}}}]}}
    assert values.check_item(item) == {"n": {"N": "7.5"}, "ns": {"NS": ["0", "100"]},
                                       "l": {"L": [{"M": {"x": {"N": "3"}}}]}}


def test_unknown_members_and_nulls_are_dropped():
    """DynamoDB's deserializer ignores members it does not know and JSON nulls."""
    assert values.check_item({"a": {"S": "x", "FOO": 1, "N": None}}) == {"a": {"S": "x"}}


@pytest.mark.parametrize("kind", ["M", "L"])
def test_nesting_limit_is_32_levels(kind):
    """A scalar may sit at level 32 (31 wrappers); a map or list at level 32 is refused."""
    assert values.check_item({"a": nest(31, {"S": "x"}, kind)})
    assert values.check_item({"a": nest(30, {"L": []}, kind)})
    assert values.check_item({"a": nest(31, {"SS": ["x"]}, kind)})
    assert refused({"a": nest(32, {"S": "x"}, kind)})[1] == values.NESTING
    assert refused({"a": nest(31, {"M": {}}, kind)})[1] == values.NESTING


def test_nesting_is_found_in_traversal_order():
    """A bad value met before the deep branch wins; a deep branch met first wins."""
    assert refused({"n": {"N": "x"}, "d": nest(40, {"S": "x"})})[1].startswith(values.numbers.NOT_A_NUMBER)
    assert refused({"d": nest(40, {"N": "x"}), "n": {"N": "x"}})[1] == values.NESTING


# --- sets ---------------------------------------------------------------------------------


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


@pytest.mark.parametrize("value, current, older", [
    ({"SS": ["b", "a", "b"]},
     INVALID + 'Input collection ["a", "b", "b"] contains duplicates.',
     INVALID + "Input collection [b, a, b] contains duplicates."),
    ({"BS": [b64(b"\xff"), b64(b"\x00"), b64(b"\x00")]},
     INVALID + 'Input collection ["AA==","/w==","AA=="]of type BS contains duplicates.',
     INVALID + "Input collection [/w==, AA==, AA==]of type BS contains duplicates."),
    ({"NS": ["2", "1", "2"]},
     INVALID + "Input collection contains duplicates.",
     "Input collection contains duplicates"),
    ({"NS": ["1", "1.0"]},
     INVALID + "Input collection contains duplicates.",
     "Input collection contains duplicates"),
    ({"SS": ["c", "a", "c", "b", "a"]},
     INVALID + 'Input collection ["a", "c", "c", "b", "a"] contains duplicates.',
     INVALID + "Input collection [c, a, c, b, a] contains duplicates."),
])
def test_duplicate_members_in_both_wordings(value, current, older):
    """AWS's current layer quotes members in byte order up to the first repeat; the older one
    prints them as sent. Number sets compare by value (1 and 1.0 are duplicates)."""
    assert refused({"s": value}) == ("ValidationException", current)
    assert refused({"s": value}, older=True) == ("ValidationException", older)


def test_set_members_are_checked_one_at_a_time():
    """A repeat before a bad number is reported as a repeat, and the other way round."""
    assert refused({"s": {"NS": ["1", "1", "x"]}})[1] == INVALID + "Input collection contains duplicates."
    assert refused({"s": {"NS": ["x", "1", "1"]}})[1].startswith(values.numbers.NOT_A_NUMBER)


def test_distinct_sets_pass_in_dynamodb_order():
    """Sets without repeats are accepted; DynamoDB keeps string and binary sets in byte order
    and number sets in numeric order, whatever order they were sent in."""
    assert values.check_item({"s": {"SS": ["b", "a", "B", "", "é"]}}) == {"s": {"SS": ["", "B", "a", "b", "é"]}}
    assert values.check_item({"n": {"NS": ["10", "-2", "9.5", "1e3"]}}) == {"n": {"NS": ["-2", "9.5", "10", "1000"]}}
    assert values.check_item({"b": {"BS": ["/w==", "AQ==", ""]}}) == {"b": {"BS": ["", "AQ==", "/w=="]}}


def test_set_order_sorts_checked_members():
    """`set_order` puts already-checked members in DynamoDB's order (bytes; numbers by value)."""
    assert values.set_order("SS", ["b", "", "a"]) == ["", "a", "b"]
    assert values.set_order("NS", ["100", "-1", "20"]) == ["-1", "20", "100"]
    assert values.set_order("BS", ["gA==", "fw=="]) == ["fw==", "gA=="]  # 0x7f before 0x80


@pytest.mark.parametrize("text, message", [
    ("YQ", "'YQ' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 2"),
    ("!!!!", "'!!!!' can not be converted to a Blob: Invalid Base64 character: '!'"),
    ("YR==", "'YR==' can not be converted to a Blob: Invalid last non-pad Base64 character dectected"),
    ("Y===", "'Y===' can not be converted to a Blob: Invalid last non-pad Base64 character dectected"),
])
def test_invalid_base64_is_a_serialization_error(text, message):
    """A B value that is not base64 fails deserialization, as the service's JSON layer does."""
    assert refused({"b": {"B": text}}) == ("SerializationException", message)


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=40))
def test_canonical_base64_is_accepted(raw):
    """Any bytes in standard base64 are accepted and kept as sent."""
    text = base64.b64encode(raw).decode()
    assert values.check_item({"b": {"B": text}, "s": {"BS": [text]}}) == {"b": {"B": text}, "s": {"BS": [text]}}
    assert values.value_size({"B": text}) == len(raw)


@settings(max_examples=80, deadline=None)
@given(st.recursive(
    st.one_of(st.text(max_size=4).map(lambda s: {"S": s}), st.booleans().map(lambda b: {"BOOL": b}),
              st.just({"NULL": True}), st.decimals(allow_nan=False, allow_infinity=False, places=3,
                                                    min_value=-10**6, max_value=10**6).map(lambda d: {"N": str(d)}),
              st.lists(st.text(max_size=3), min_size=1, max_size=3, unique=True).map(lambda xs: {"SS": xs})),
    lambda inner: st.one_of(st.lists(inner, max_size=3).map(lambda xs: {"L": xs}),
                            st.dictionaries(st.text(min_size=1, max_size=3), inner, max_size=3).map(lambda d: {"M": d})),
    max_leaves=8))
def test_check_value_is_idempotent(value):
    """A checked value checks again to itself (normalisation is a fixed point)."""
    once = values.check_value(value)
    assert values.check_value(once) == once


# --- sizes --------------------------------------------------------------------------------

# AWS's figures, each measured to the byte at the 400 KB gate (eu-west-2, 2026-08), and
# DynamoDB Local's ConsumedCapacity figures for the others.
NUMBER_BYTES = [
    ("0", 1), ("1", 2), ("12", 2), ("123", 3), ("1234", 3), ("12345678901234567890123456789012345678", 20),
    ("0042", 2), ("100", 2), ("1010", 3), ("0.0000001", 2), ("1E125", 2), ("1E-100", 2), ("1.5", 3),
    ("15", 2), ("1.2", 3), ("1.200", 3), ("1.234", 4), ("3.14159", 5), ("123456", 4), ("100.5", 4),
    ("0.15", 2), ("-42", 3), ("-0", 1), ("12000", 3), ("-12000", 4), ("120", 3), ("0.012", 3),
    ("-1", 3), ("-123", 4), ("1.5E-130", 3), ("-1E-130", 3), ("-0.5", 3), ("-100", 3),
    ("9.9999999999999999999999999999999999999E+125", 20), ("1.2345678901234567890123456789012345678", 21),
    ("-9.9999999999999999999999999999999999999E+125", 21), ("-12345678901234567890123456789012345678", 21),
    ("-123456789012345678901234567890123456", 20), ("123456789012345678901234567890123456", 19),
]


@pytest.mark.parametrize("text, size", NUMBER_BYTES)
def test_number_size_matches_dynamodb(text, size):
    """A number costs 1 + its two-digit groups aligned on the point, + 1 if negative."""
    assert values.number_size(text) == size


def reference_number_size(text: str) -> int:
    """The base-100 rule computed on Decimal digits (the arithmetic, not the text)."""
    value = Decimal(text)
    if not value:
        return 1
    sign, digits, exponent = value.normalize(Context(prec=100)).as_tuple()
    adjusted = exponent + len(digits) - 1
    groups = ((1 if adjusted % 2 == 0 else 0) + len(digits) + 1) // 2
    return 1 + groups + (1 if sign and groups < 20 else 0)


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 38).flatmap(lambda n: st.tuples(
    st.text("0123456789", min_size=n, max_size=n), st.integers(-130, 125), st.booleans())))
def test_number_size_from_text_matches_the_arithmetic(parts):
    """number_size reads canonical text directly; it agrees with the digit arithmetic."""
    digits, adjusted, negative = parts
    digits = digits.lstrip("0") or "0"
    text = values.numbers.normalize(f"{'-' if negative else ''}{digits}e{adjusted - len(digits) + 1}") \
        if digits != "0" else "0"
    assert values.number_size(text) == reference_number_size(text)


@pytest.mark.parametrize("value, size", [
    ({"S": "abc"}, 3), ({"S": "é"}, 2), ({"S": "日本"}, 6), ({"S": "😀"}, 4), ({"S": ""}, 0),
    ({"B": "AAEC"}, 3), ({"B": ""}, 0), ({"BOOL": True}, 1), ({"NULL": True}, 1),
    ({"SS": ["a", "bc"]}, 3), ({"SS": [""]}, 0), ({"NS": ["1", "12", "-1"]}, 7), ({"BS": ["AAEC", "AQ=="]}, 4),
    ({"M": {}}, 3), ({"L": []}, 3), ({"M": {"a": {"S": "x"}}}, 6), ({"M": {"ab": {"S": "xyz"}, "c": {"N": "1"}}}, 13),
    ({"L": [{"S": "x"}]}, 5), ({"L": [{"S": "x"}, {"N": "1"}]}, 8), ({"L": [{"L": []}]}, 7),
    ({"M": {"a": {"M": {}}}}, 8), ({"L": [{"NULL": True}, {"BOOL": False}]}, 7), ({"M": {"é": {"S": ""}}}, 6),
])
def test_value_sizes_match_dynamodb_local_capacity(value, size):
    """Sizes measured on DynamoDB Local at the 1 KB capacity boundary: strings in UTF-8 bytes,
    binaries decoded, sets summed, maps and lists 3 bytes plus 1 per element (plus names)."""
    assert values.value_size(value) == size


def test_item_size_counts_names_and_key_attributes():
    """The item size is every attribute's name plus its value, keys included."""
    assert values.item_size({"pk": {"S": "k"}, "é": {"N": "1"}}) == 2 + 1 + 2 + 2


def test_item_size_limit_is_409600_inclusive():
    """An item of exactly 400 KB is accepted; one byte more is refused."""
    at = {"pk": {"S": "k"}, "p": {"S": "x" * (409600 - 4)}}
    assert values.check_item_size(at) == 409600
    over = {"pk": {"S": "k"}, "p": {"S": "x" * (409600 - 3)}}
    with pytest.raises(DynamoError) as e:
        values.check_item_size(over)
    assert e.value.message == "Item size has exceeded the maximum allowed size"


@settings(max_examples=80, deadline=None)
@given(st.recursive(
    st.one_of(st.text(max_size=5).map(lambda s: {"S": s}), st.booleans().map(lambda b: {"BOOL": b}),
              st.integers(-10**6, 10**6).map(lambda n: {"N": str(n)})),
    lambda inner: st.one_of(st.lists(inner, max_size=3).map(lambda xs: {"L": xs}),
                            st.dictionaries(st.text(min_size=1, max_size=3), inner, max_size=3).map(lambda d: {"M": d})),
    max_leaves=10))
def test_document_size_is_sum_of_parts(value):
    """A container's size is 3 + the sum over elements of (name +) size + 1, recursively."""
    (type_, v), = value.items()
    if type_ == "M":
        assert values.value_size(value) == 3 + sum(len(k.encode()) + values.value_size(x) + 1 for k, x in v.items())
    elif type_ == "L":
        assert values.value_size(value) == 3 + sum(values.value_size(x) + 1 for x in v)
    assert values.check_value(value) is not None


# --- keys ---------------------------------------------------------------------------------

HASH = KeyShape("pk", "S")
RANGE = KeyShape("pk", "S", "sk", "B")


def key_error(fn, shape, item):
    with pytest.raises(DynamoError) as e:
        fn(shape, item)
    return e.value.message


@pytest.mark.parametrize("item, message", [
    ({"x": {"S": "a"}}, INVALID + "Missing the key pk in the item"),
    ({"pk": {"N": "1"}}, INVALID + "Type mismatch for key pk expected: S actual: N"),
    ({"pk": {"SS": ["a"]}}, INVALID + "Type mismatch for key pk expected: S actual: SS"),
    ({"pk": {"S": ""}}, "One or more parameter values are not valid. The AttributeValue for a key attribute "
                        "cannot contain an empty string value. Key: pk"),
    ({"pk": {"S": "a" * 2049}}, INVALID + "Size of hashkey has exceeded the maximum size limit of2048 bytes"),
    ({"pk": {"S": "é" * 1025}}, INVALID + "Size of hashkey has exceeded the maximum size limit of2048 bytes"),
])
def test_item_key_errors(item, message):
    """PutItem's key attributes: present, of the schema's type, not empty, at most 2048 bytes."""
    assert key_error(values.check_key_values, HASH, item) == message


def test_item_key_limits_and_order():
    """The partition key is checked before the sort key; 2048 and 1024 bytes are allowed."""
    values.check_key_values(HASH, {"pk": {"S": "a" * 2048}})
    values.check_key_values(RANGE, {"pk": {"S": "a"}, "sk": {"B": b64(b"\x00" * 1024)}})
    assert key_error(values.check_key_values, RANGE, {"pk": {"S": "a"}, "sk": {"B": b64(b"x" * 1025)}}) == \
        INVALID + "Aggregated size of all range keys has exceeded the size limit of 1024 bytes"
    assert key_error(values.check_key_values, RANGE, {"pk": {"S": ""}, "sk": {"B": ""}}).endswith("Key: pk")
    assert key_error(values.check_key_values, RANGE, {"pk": {"S": "a"}, "sk": {"B": ""}}) == \
        ("One or more parameter values are not valid. The AttributeValue for a key attribute "
         "cannot contain an empty binary value. Key: sk")


@pytest.mark.parametrize("key", [
    {}, {"pk": {"S": "a"}, "x": {"S": "b"}}, {"x": {"S": "a"}}, {"pk": {"N": "1"}}, {"pk": {"SS": ["a"]}},
])
def test_key_parameter_must_match_the_schema(key):
    """A Key with other attributes or types than the schema's does not match it."""
    assert key_error(values.check_key, HASH, key) == "The provided key element does not match the schema"


def test_key_parameter_size_and_empty_checks():
    """The Key parameter has the same size limits and empty-value rule as items."""
    assert key_error(values.check_key, HASH, {"pk": {"S": "a" * 2049}}).endswith("limit of2048 bytes")
    assert key_error(values.check_key, HASH, {"pk": {"S": ""}}).endswith("empty string value. Key: pk")
    assert key_error(values.check_key, RANGE, {"pk": {"S": "a"}}) == values.KEY_SCHEMA_MISMATCH
    assert values.check_key(KeyShape("n", "N"), {"n": {"N": "1" * 38}}) == {"n": {"N": "1" * 38}}
