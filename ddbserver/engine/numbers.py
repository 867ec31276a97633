"""DynamoDB's Number type: 38 significant digits, magnitude 1E-130 .. 9.99..E+125.

Numbers travel as strings. `normalize` checks one and returns DynamoDB's canonical form (plain
notation, no leading or trailing zeroes, "-0" is "0"); `add`/`subtract` do exact decimal arithmetic
and raise DynamoDB's errors on overflow and precision loss.
"""

from __future__ import annotations

import re
from decimal import Context, Decimal, InvalidOperation, Inexact, Overflow, Underflow, localcontext

from ddbserver.errors import DynamoError, validation

MAX_DIGITS = 38
MAX_EXPONENT = 125   # largest magnitude: 9.99...E+125
MIN_EXPONENT = -130  # smallest magnitude: 1E-130

_NUMBER_RE = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")

NOT_A_NUMBER = "A value provided cannot be converted into a number"
OVERFLOW = "Number overflow. Attempting to store a number with magnitude larger than supported range"
UNDERFLOW = "Number underflow. Attempting to store a number with magnitude smaller than supported range"
PRECISION = "Attempting to store more than 38 significant digits in a Number"

_EXACT = Context(prec=200, traps=[InvalidOperation, Inexact, Overflow, Underflow])


def parse(text: str) -> Decimal:
    """The Decimal value of a DynamoDB number string, checked against DynamoDB's limits."""
    if not isinstance(text, str) or len(text) > 2000 or not _NUMBER_RE.fullmatch(text):
        raise validation(NOT_A_NUMBER)
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise validation(NOT_A_NUMBER) from None
    check(value)
    return value


def check(value: Decimal) -> None:
    """Raise DynamoDB's error if `value` is outside the Number type's range or precision."""
    if not value:
        return
    sign, digits, exponent = value.normalize(_EXACT).as_tuple()
    assert isinstance(exponent, int)
    if len(digits) > MAX_DIGITS:
        raise validation(PRECISION)
    adjusted = exponent + len(digits) - 1
    if adjusted > MAX_EXPONENT:
        raise validation(OVERFLOW)
    if adjusted < MIN_EXPONENT:
        raise validation(UNDERFLOW)


def format(value: Decimal) -> str:
    """DynamoDB's canonical text of a checked number: plain notation, trimmed zeroes."""
    if not value:
        return "0"
    text = f"{value.normalize(_EXACT):f}"
    return text


def normalize(text: str) -> str:
    """Check a number string and return its canonical text."""
    return format(parse(text))


def add(a: str, b: str) -> str:
    return _arith(Decimal(a), Decimal(b))


def subtract(a: str, b: str) -> str:
    return _arith(Decimal(a), -Decimal(b))


def _arith(a: Decimal, b: Decimal) -> str:
    with localcontext(_EXACT):
        try:
            result = a + b
        except (InvalidOperation, ArithmeticError):  # pragma: no cover - 200 digits always suffice
            raise validation(PRECISION) from None
    check(result)
    return format(result)


def is_number_error(err: DynamoError) -> bool:
    return err.message in (NOT_A_NUMBER, OVERFLOW, UNDERFLOW, PRECISION)
