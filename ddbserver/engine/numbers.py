"""DynamoDB's Number type: 38 significant digits, magnitude 1E-130 .. 9.99..E+125.

Numbers travel as strings. `normalize` checks one and returns DynamoDB's canonical form (plain
notation, no leading or trailing zeroes, "-0" is "0"); `add`/`subtract` do exact decimal
arithmetic and raise DynamoDB's errors when the result leaves the type's range or precision.
https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html

What AWS answers (captured against AWS in 2026, several regions):
- text Java's BigDecimal cannot read ("abc", " 1", "", "1e", "NaN", an exponent past a 64-bit
  integer): "The parameter cannot be converted to a numeric value: <text>";
- the range is checked on the number as written, before trailing zeroes are dropped, and for
  zero as well: "0e126" overflows, "0e-131" underflows; range before precision;
- an arithmetic result that needs more than 38 digits is refused as an *overflow* (AWS's
  wording, odd as it is; DynamoDB Local says "precision" there).
"""

from __future__ import annotations

import re
from decimal import Context, Decimal, InvalidOperation, localcontext

from ddbserver.errors import DynamoError, validation

MAX_DIGITS = 38
MAX_EXPONENT = 125   # largest magnitude: 9.99...E+125
MIN_EXPONENT = -130  # smallest magnitude: 1E-130

NOT_A_NUMBER = "The parameter cannot be converted to a numeric value"
OVERFLOW = "Number overflow. Attempting to store a number with magnitude larger than supported range"
UNDERFLOW = "Number underflow. Attempting to store a number with magnitude smaller than supported range"
PRECISION = "Attempting to store more than 38 significant digits in a Number"

# Java BigDecimal's grammar: sign, digits with an optional point, optional exponent.
_NUMBER_RE = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE]([+-]?[0-9]+))?")
_LONG_MAX = (1 << 63) - 1
_HUGE_EXPONENT = 10**15
EXACT = Context(prec=400, Emax=10**17, Emin=-(10**17))


def not_a_number(text: str) -> DynamoError:
    return validation(f"{NOT_A_NUMBER}: {text}")


def parse(text: str) -> Decimal:
    """The Decimal value of a DynamoDB number string, checked against DynamoDB's limits."""
    if not isinstance(text, str):
        raise validation(NOT_A_NUMBER)
    match = _NUMBER_RE.fullmatch(text)
    if match is None:
        raise not_a_number(text)
    if match.group(1) is not None:
        exponent = int(match.group(1))
        if abs(exponent) > _LONG_MAX:
            raise not_a_number(text)
        if abs(exponent) > _HUGE_EXPONENT:  # no digit string can bring it back into range
            raise validation(OVERFLOW if exponent > 0 else UNDERFLOW)
    value = Decimal(text)
    check(value)
    return value


def check(value: Decimal) -> None:
    """Raise DynamoDB's error if `value` is outside the Number type's range or precision."""
    adjusted = value.adjusted()
    if adjusted > MAX_EXPONENT:
        raise validation(OVERFLOW)
    if adjusted < MIN_EXPONENT:
        raise validation(UNDERFLOW)
    if value and len(value.normalize(EXACT).as_tuple().digits) > MAX_DIGITS:
        raise validation(PRECISION)


def format(value: Decimal) -> str:
    """DynamoDB's canonical text of a checked number: plain notation, trimmed zeroes."""
    if not value:
        return "0"
    return f"{value.normalize(EXACT):f}"


# Text that is already canonical and certainly in range: at most 38 digit characters, no
# exponent, no leading or trailing zeroes. Most numbers on the wire look like this.
_CANONICAL = re.compile(r"0|-?[1-9][0-9]*(?:\.[0-9]*[1-9])?|-?0\.[0-9]*[1-9]")


def is_canonical(text: str) -> bool:
    """True for short text already in canonical form (no parsing needed)."""
    return type(text) is str and len(text) <= MAX_DIGITS and _CANONICAL.fullmatch(text) is not None


def normalize(text: str) -> str:
    """Check a number string and return its canonical text."""
    if is_canonical(text):
        return text
    return format(parse(text))


def add(a: str, b: str) -> str:
    """a + b exactly, for UpdateExpression's `+` and ADD (operands already normalised)."""
    return _arith(Decimal(a), Decimal(b))


def subtract(a: str, b: str) -> str:
    """a - b exactly, for UpdateExpression's `-`."""
    return _arith(Decimal(a), EXACT.minus(Decimal(b)))


def _arith(a: Decimal, b: Decimal) -> str:
    with localcontext(EXACT):
        try:
            result = a + b
        except InvalidOperation:  # pragma: no cover - operands are checked numbers
            raise validation(OVERFLOW) from None
    if not result:
        return "0"
    result = result.normalize(EXACT)
    if len(result.as_tuple().digits) > MAX_DIGITS:
        raise validation(OVERFLOW)
    check(result)
    return format(result)


def is_number_error(err: DynamoError) -> bool:
    message = err.message or ""
    return message.startswith(NOT_A_NUMBER) or message in (OVERFLOW, UNDERFLOW, PRECISION)
