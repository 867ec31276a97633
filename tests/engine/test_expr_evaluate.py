"""Condition evaluation and request-time resolution: DynamoDB's semantics for comparisons,
functions and missing attributes, and the errors that depend on #names / :values."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ddbserver.engine.expr import parser
from ddbserver.engine.expr.evaluate import compile_condition
from ddbserver.engine.expr.resolve import Resolver
from ddbserver.errors import DynamoError

ITEM = {
    "pk": {"S": "k"}, "a": {"N": "5"}, "s": {"S": "héllo"}, "l": {"L": [{"S": "x"}, {"N": "2"}]},
    "m": {"M": {"x": {"N": "1"}, "y": {"M": {"z": {"S": "q"}}}}}, "ss": {"SS": ["a", "b"]},
    "ns": {"NS": ["1", "2"]}, "b": {"B": "AQID"}, "t": {"BOOL": True}, "nl": {"NULL": True},
}
N = lambda x: {"N": x}  # noqa: E731
S = lambda x: {"S": x}  # noqa: E731


def check(text, values=None, names=None, item=ITEM):
    tree = Resolver(names, values).condition(parser.parse_condition(text))
    return compile_condition(tree)(item)


def resolve_error(text, values=None, names=None):
    with pytest.raises(DynamoError) as info:
        Resolver(names, values).condition(parser.parse_condition(text))
    return info.value.message


@pytest.mark.parametrize("text, values, expected", [
    ("a = :v", {":v": N("5")}, True),
    ("a = :v", {":v": S("5")}, False),
    ("a <> :v", {":v": S("5")}, True),
    ("a < :v", {":v": S("5")}, False),
    ("zz <> :v", {":v": N("1")}, True),
    ("NOT zz = :v", {":v": N("1")}, True),
    ("zz < :v", {":v": N("1")}, False),
    ("t = :v", {":v": {"BOOL": True}}, True),
    ("ss = :v", {":v": {"SS": ["b", "a"]}}, True),
    ("ns = :v", {":v": {"NS": ["2", "1"]}}, True),
    ("m.y.z = :v", {":v": S("q")}, True),
    ("l[1] = :v", {":v": N("2")}, True),
    ("l[2] = :v", {":v": N("2")}, False),
    ("a BETWEEN :l AND :h", {":l": N("1"), ":h": N("9")}, True),
    ("a BETWEEN :l AND :h", {":l": N("6"), ":h": N("9")}, False),
    ("s BETWEEN :l AND :h", {":l": N("1"), ":h": N("9")}, False),
    ("a IN (:v, :w)", {":v": N("1"), ":w": N("5")}, True),
    ("a IN (:v, :w)", {":v": N("1"), ":w": S("5")}, False),
    ("attribute_exists(l[1])", None, True),
    ("attribute_exists(l[2])", None, False),
    ("attribute_not_exists(m.x)", None, False),
    ("attribute_not_exists(m.q)", None, True),
    ("attribute_type(a, :t)", {":t": S("N")}, True),
    ("attribute_type(a, :t)", {":t": S("S")}, False),
    ("begins_with(s, :p)", {":p": S("hé")}, True),
    ("begins_with(a, :p)", {":p": S("5")}, False),
    ("begins_with(b, :p)", {":p": {"B": "AQ=="}}, True),
    ("contains(s, :p)", {":p": S("ll")}, True),
    ("contains(ss, :p)", {":p": S("a")}, True),
    ("contains(ns, :p)", {":p": N("2")}, True),
    ("contains(ns, :p)", {":p": S("2")}, False),
    ("contains(l, :p)", {":p": N("2")}, True),
    ("contains(a, :p)", {":p": N("5")}, False),
    ("contains(:p, s)", {":p": S("héllox")}, True),
    ("size(s) = :v", {":v": N("5")}, True),
    ("size(b) = :v", {":v": N("3")}, True),
    ("size(l) = :v", {":v": N("2")}, True),
    ("size(m) = :v", {":v": N("2")}, True),
    ("size(a) = :v", {":v": N("1")}, False),
    ("size(a) <> :v", {":v": N("1")}, True),
    ("size(zz) = size(zz)", None, False),
    ("a = :v AND b = :v OR NOT c = :v", {":v": N("1")}, True),
    ("a = :v AND (b = :v OR NOT c = :v)", {":v": N("1")}, False),
    ("#a > :v", {":v": N("4")}, True),
])
def test_semantics(text, values, expected):
    """Mismatched types and missing attributes make comparisons false (and <> true)."""
    names = {"#a": "a"} if "#a" in text else None
    assert check(text, values, names) is expected


@pytest.mark.parametrize("length, expected", [(3, True), (2, False), (6, False)])
def test_size_of_a_string_counts_utf16_code_units(length, expected):
    """size() of a string counts UTF-16 code units: "é𝄞" is 3 (2 characters, 6 UTF-8 bytes)."""
    item = {"s": S("\u00e9\U0001d11e")}
    assert check("size(s) = :v", {":v": N(str(length))}, item=item) is expected


def test_no_item_means_every_attribute_is_missing():
    """A condition on a missing item sees no attributes."""
    tree = Resolver(None, None).condition(parser.parse_condition("attribute_not_exists(pk)"))
    assert compile_condition(tree)(None) is True


@pytest.mark.parametrize("text, values, message", [
    ("#zz = :v", {":v": N("1")}, "An expression attribute name used in the document path is not defined; attribute name: #zz"),
    ("a = :zz", {}, "An expression attribute value used in expression is not defined; attribute value: :zz"),
    (":zz = #zz", {}, "An expression attribute value used in expression is not defined; attribute value: :zz"),
    ("size(a, b) = :v", {":v": N("1")}, "Incorrect number of operands for operator or function; operator or function: size, number of operands: 2"),
    ("begins_with(a, :v, :zz)", {":v": N("1")}, "An expression attribute value used in expression is not defined; attribute value: :zz"),
    ("attribute_exists(:v)", {":v": N("1")}, "Operator or function requires a document path; operator or function: attribute_exists"),
    ("size(:v) = :zz", {":v": N("1")}, "Incorrect operand type for operator or function; operator or function: size, operand type: N"),
    ("attribute_type(a, :v)", {":v": N("1")}, "Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N"),
    ("attribute_type(a, :v)", {":v": S("X")}, "Invalid attribute type name found; type: X, valid types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}"),
    ("a < :v", {":v": {"L": []}}, "Incorrect operand type for operator or function; operator or function: <, operand type: L"),
    ("a > :v", {":v": {"SS": ["x"]}}, "Incorrect operand type for operator or function; operator or function: >, operand type: SS"),
    ("a = a", None, "The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]"),
    ("a[0] = a[0]", None, "The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a, [0]]"),
    ("a IN (:v, a)", {":v": N("1")}, "The first operand must be distinct from the remaining operands for this operator or function; operator: IN, first operand: [a]"),
    ("a BETWEEN :h AND :l", {":h": N("9"), ":l": N("1")}, "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:9}, upper bound operand: AttributeValue: {N:1}"),
    ("a BETWEEN :h AND :l", {":h": N("1"), ":l": S("1")}, "The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:1}"),
    ("a BETWEEN :h AND :l", {":h": N("1"), ":l": {"B": "AQID"}}, "The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {B:java.nio.HeapByteBuffer[pos=0 lim=3 cap=3]}"),
    ("begins_with(s, size(l))", None, "Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"),
    ("attribute_type(a, s)", None, "Incorrect operand type for operator or function; operator or function: attribute_type, operand type: {HD,NULL,DOUBLE,DECIMALSET,FS,L,N,DOUBLESET,DICT,BS,FLOAT,DECIMAL,B,INT,M,S,HDS,BOOL,SS,NS,INTSET}"),
])
def test_resolve_errors(text, values, message):
    """Errors that depend on the request's placeholders come in post-order, left to right."""
    assert resolve_error(text, values) == message


def test_resolver_records_used_placeholders():
    """The resolver records which #names and :values an expression used."""
    r = Resolver({"#a": "a", "#b": "b"}, {":v": N("1"), ":w": N("2")})
    r.condition(parser.parse_condition("#a = :v"))
    assert r.used_names == {"#a"} and r.used_values == {":v"}


numbers = st.decimals(min_value=-10**6, max_value=10**6, places=3, allow_nan=False, allow_infinity=False)


@settings(deadline=None)  # the shared CI machine is too slow for a per-example deadline
@given(numbers, numbers)
def test_number_order_matches_decimal(x, y):
    """Numbers compare by value, whatever their written form."""
    item = {"a": {"N": str(x)}}
    values = {":v": {"N": str(y)}}
    assert check("a < :v", values, item=item) is (x < y)
    assert check("a = :v", values, item=item) is (Decimal(x) == Decimal(y))
    assert check("a <> :v", values, item=item) is not check("a = :v", values, item=item)


@settings(deadline=None)  # the shared CI machine is too slow for a per-example deadline
@given(st.text(max_size=8), st.text(max_size=8))
def test_string_order_is_utf8_byte_order(x, y):
    """Strings compare by their UTF-8 bytes."""
    item = {"a": {"S": x}}
    assert check("a < :v", {":v": {"S": y}}, item=item) is (x.encode("utf-8", "surrogatepass") < y.encode("utf-8", "surrogatepass"))
