"""engine/numbers.py: DynamoDB's Number type, its limits, canonical text and exact arithmetic."""

from __future__ import annotations

from decimal import Context, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ddbserver.engine import numbers
from ddbserver.errors import DynamoError

BIG = Context(prec=1000)


def error(fn, *args):
    with pytest.raises(DynamoError) as e:
        fn(*args)
    assert e.value.type == "ValidationException"
    return e.value.message


# --- canonical text -----------------------------------------------------------------------


@pytest.mark.parametrize("text, canonical", [
    ("1", "1"), ("+1", "1"), (".5", "0.5"), ("5.", "5"), ("1e5", "100000"), ("1E+1", "10"),
    ("-0", "0"), ("-0.000", "0"), ("0e125", "0"), ("00012.500", "12.5"), ("0042.1200", "42.12"),
    ("1.0E+2", "100"), ("123.4560e3", "123456"), ("3.1400", "3.14"), ("-2.50", "-2.5"),
    ("1E125", "1" + "0" * 125), ("1E-130", "0." + "0" * 129 + "1"),
    ("12345678901234567890123456789012345678", "12345678901234567890123456789012345678"),
    ("9.9999999999999999999999999999999999999E+125", "9" * 38 + "0" * 88),
    ("1" * 38 + "0" * 50, "1" * 38 + "0" * 50),
])
def test_normalize_gives_dynamodb_canonical_text(text, canonical):
    """DynamoDB stores numbers in plain notation with leading and trailing zeroes trimmed."""
    assert numbers.normalize(text) == canonical


# --- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["abc", "", " 1", "1 ", "1e", "NaN", "Infinity", "-Infinity", "0x10",
                                  "1.2.3", ".", "+", "1e9223372036854775808", "--1", "1,5"])
def test_unreadable_text_is_not_a_number_and_echoed(text):
    """Text Java's BigDecimal cannot read is refused, echoing the text after a colon."""
    assert error(numbers.normalize, text) == f"The parameter cannot be converted to a numeric value: {text}"


@pytest.mark.parametrize("text, message", [
    ("1e126", numbers.OVERFLOW), ("-1e126", numbers.OVERFLOW), ("10E125", numbers.OVERFLOW),
    ("1e99999999999", numbers.OVERFLOW), ("-1e99999999999", numbers.OVERFLOW),
    ("1e2147483648", numbers.OVERFLOW), ("1e9223372036854775807", numbers.OVERFLOW),
    ("1e-131", numbers.UNDERFLOW), ("-1e-131", numbers.UNDERFLOW), ("0.9e-130", numbers.UNDERFLOW),
    ("1e-99999999999", numbers.UNDERFLOW), ("0e126", numbers.OVERFLOW), ("0e-131", numbers.UNDERFLOW),
    ("1" * 39, numbers.PRECISION), ("-1.23456789012345678901234567890123456789", numbers.PRECISION),
    ("1" * 200, numbers.OVERFLOW),  # range is checked before precision
])
def test_range_and_precision_errors(text, message):
    """Magnitudes outside 1E-130..9.99E+125 (zero by its written exponent) and more than 38
    significant digits are refused with DynamoDB's messages."""
    assert error(numbers.normalize, text) == message


def test_messages_are_awss_wording():
    """The texts are AWS's, not DynamoDB Local's ("DynamoDB only supports precision up to 38 digits")."""
    assert numbers.PRECISION == "Attempting to store more than 38 significant digits in a Number"
    assert numbers.OVERFLOW == "Number overflow. Attempting to store a number with magnitude larger than supported range"
    assert numbers.UNDERFLOW == "Number underflow. Attempting to store a number with magnitude smaller than supported range"


def test_is_number_error_recognises_every_number_message():
    """Callers (expression values) can tell number errors from others."""
    for text in ("x", "1e200", "1e-200", "1" * 40):
        with pytest.raises(DynamoError) as e:
            numbers.normalize(text)
        assert numbers.is_number_error(e.value)


# --- hypothesis: normalisation -------------------------------------------------------------

in_range = st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(
    lambda d: d == 0 or (-130 <= d.adjusted() <= 125 and len(d.normalize(BIG).as_tuple().digits) <= 38))


@st.composite
def dynamo_numbers(draw):
    """Strings DynamoDB accepts: up to 38 digits, any exponent that keeps them in range."""
    digits = draw(st.text("0123456789", min_size=1, max_size=38).filter(lambda s: s.strip("0")))
    digits = digits.lstrip("0") or "1"
    adjusted = draw(st.integers(-130, 125))
    exponent = adjusted - (len(digits) - 1)
    sign = draw(st.sampled_from(["", "-", "+"]))
    style = draw(st.sampled_from(["e", "plain"]))
    if style == "e":
        return f"{sign}{digits}e{exponent}"
    return sign + format(Decimal(f"{digits}e{exponent}"), "f")


@settings(max_examples=120, deadline=None)
@given(dynamo_numbers())
def test_normalize_preserves_value_and_is_idempotent(text):
    """Canonical text has the same value, plain notation, no redundant zeroes, and is stable."""
    out = numbers.normalize(text)
    assert Decimal(out) == Decimal(text)
    assert "e" not in out.lower() and not out.startswith("+")
    assert numbers.normalize(out) == out
    if "." in out:
        assert not out.endswith("0")
    assert not out.lstrip("-").startswith("00")


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=-(10**60), max_value=10**60))
def test_integers_round_trip_or_fail_on_precision(n):
    """Integers come back as written when they fit in 38 significant digits."""
    text = str(n)
    significant = text.lstrip("-").rstrip("0") or "0"
    if len(significant) <= 38:
        assert numbers.normalize(text) == text
    else:
        assert error(numbers.normalize, text) == numbers.PRECISION


# --- arithmetic ---------------------------------------------------------------------------


@settings(max_examples=120, deadline=None)
@given(dynamo_numbers(), dynamo_numbers())
def test_add_and_subtract_are_exact_or_refused(a, b):
    """add/subtract agree with 1000-digit Decimal arithmetic whenever the result is storable,
    and refuse (overflow, as AWS words it) when the exact result needs more than 38 digits."""
    a, b = numbers.normalize(a), numbers.normalize(b)
    for fn, exact in ((numbers.add, BIG.add(Decimal(a), Decimal(b))),
                      (numbers.subtract, BIG.subtract(Decimal(a), Decimal(b)))):
        storable = exact == 0 or (
            len(exact.normalize(BIG).as_tuple().digits) <= 38 and -130 <= exact.adjusted() <= 125)
        if storable:
            out = fn(a, b)
            assert Decimal(out) == exact
            assert out == numbers.normalize(out)
        else:
            with pytest.raises(DynamoError) as e:
                fn(a, b)
            assert e.value.message in (numbers.OVERFLOW, numbers.UNDERFLOW)


@pytest.mark.parametrize("a, b, out", [
    ("1.5", "2.50", "4"), ("0.30", "-0.20", "0.1"), ("-5", "5", "0"),
    ("99999999999999999999999999999999999999", "1", "100000000000000000000000000000000000000"),
    ("12345678901234567890123456789012345678", "1", "12345678901234567890123456789012345679"),
    ("1E-130", "1E-130", "0." + "0" * 129 + "2"),
])
def test_add_examples(a, b, out):
    """Sums are exact and normalised (DynamoDB Local would keep the scale, as in "4.00")."""
    assert numbers.add(a, b) == out


@pytest.mark.parametrize("a, b, message", [
    ("1e50", "1", numbers.OVERFLOW), ("9.9e125", "9.9e125", numbers.OVERFLOW),
    ("99999999999999999999999999999999999999", "2", numbers.OVERFLOW),
])
def test_add_refuses_inexact_or_huge_results(a, b, message):
    """A result needing more than 38 digits is refused; AWS calls it an overflow."""
    assert error(numbers.add, a, b) == message


def test_subtract_underflow():
    """1E-130 - 0.9E-130 leaves the range at the small end."""
    assert error(numbers.subtract, "1E-130", "0.9E-130") == numbers.UNDERFLOW
    assert numbers.subtract("10000000000000000000000", "1") == "9999999999999999999999"
