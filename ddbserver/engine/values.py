"""AttributeValue rules: validation and normalisation of values and items, item size, keys.

Items travel as dicts in DynamoDB's wire form, {"name": {"S": "x"}}. `check_item` and
`check_value` validate one from a request and return it with numbers normalised. Sizes follow
https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
with a number's size measured exactly (see `number_size`).

AWS words some value errors in two ways, depending on the operation's validation layer
(captured against AWS, 2026): the *current* layer (PutItem, UpdateItem, DeleteItem, GetItem,
BatchGetItem, Query) quotes set members and lists them in byte order; the *older* one
(BatchWriteItem, TransactWriteItems, TransactGetItems, Scan) prints them as sent. Callers pick
with `older=True`.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import json
from decimal import Decimal
from typing import Any

from ddbserver.engine import numbers
from ddbserver.engine.keys import KeyShape
from ddbserver.errors import invalid_parameter, serialization, validation

Item = dict[str, dict[str, Any]]

TYPES = frozenset(("S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL"))
MAX_DEPTH = 32            # a map or list may sit at most 31 levels deep (the attribute is level 1)
MAX_ITEM_SIZE = 400 * 1024  # an item of exactly 409,600 bytes is accepted
MAX_HASH_KEY = 2048
MAX_RANGE_KEY = 1024

MORE_THAN_ONE = "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"
EMPTY_VALUE = "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"
NESTING = "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit"
EMPTY_NAME = "Empty attribute name"
NULL_VALUE = "The supplied Item contains a null AttributeValue"
NULL_FALSE = "Null attribute value types must have the value of true"
EMPTY_SET = {"SS": "An string set  may not be empty", "NS": "An number set  may not be empty",
             "BS": "Binary sets should not be empty"}
NULL_MEMBER = {"SS": "An string set may not have a null string as a member",
               "NS": "An number set may not have a null string as a member",
               "BS": "Binary sets may not contain null or empty values"}
ITEM_TOO_LARGE = "Item size has exceeded the maximum allowed size"
# UpdateItem's wording (AWS measures an update differently: see the issue notes / report)
ITEM_TOO_LARGE_UPDATE = "Item size to update has exceeded the maximum allowed size"
KEY_SCHEMA_MISMATCH = "The provided key element does not match the schema"
MISSING_KEY = "Missing the key {name} in the item"
TYPE_MISMATCH = "Type mismatch for key {name} expected: {expected} actual: {actual}"
EMPTY_KEY = ("One or more parameter values are not valid. The AttributeValue for a key attribute "
             "cannot contain an empty {kind} value. Key: {name}")
HASH_KEY_TOO_LARGE = "Size of hashkey has exceeded the maximum size limit of2048 bytes"
RANGE_KEY_TOO_LARGE = "Aggregated size of all range keys has exceeded the size limit of 1024 bytes"
KEY_CONDITIONS = "The number of conditions on the keys is invalid"
# kept for callers of the first skeleton; AWS words the two limits separately (above)
KEY_TOO_LARGE = HASH_KEY_TOO_LARGE


# ---- values ------------------------------------------------------------------------------


def check_item(item: Any, *, older: bool = False) -> Item:
    """A request's item (or key, or :values map) validated, with numbers normalised.

    Attributes are checked in request order and the first problem wins.
    """
    if not isinstance(item, dict):
        raise serialization("Unexpected value type in payload")
    out: Item = {}
    for name, value in item.items():
        if name == "":
            raise validation(EMPTY_NAME)
        if value is None:
            raise validation(f"{NULL_VALUE}: {name} is null")
        out[name] = check_value(value, 1, older=older)
    return out


def check_nesting(item: Any) -> None:
    """NESTING when some value of `item` (a request's raw item) nests past MAX_DEPTH; nothing
    else is checked. TransactWriteItems reads a Put item's depth before its map keys (AWS,
    paritysuite dynamodb-conformance validation-ordering/deepRequests)."""
    stack = [(v, 1) for v in item.values()] if isinstance(item, dict) else []
    while stack:
        value, depth = stack.pop()
        if not isinstance(value, dict):
            continue
        children = value.get("M")
        nested = list(children.values()) if isinstance(children, dict) else value.get("L")
        if isinstance(nested, list):
            if depth >= MAX_DEPTH:
                raise validation(NESTING)
            stack.extend((x, depth + 1) for x in nested)


def check_value(value: Any, depth: int = 1, *, older: bool = False) -> dict[str, Any]:
    """One AttributeValue at nesting level `depth` (an item's attribute is level 1).

    Unknown members and JSON nulls are ignored, as DynamoDB's deserializer does; each member
    is checked before "more than one datatype" is reported. A value that needs no change is
    returned as it came.
    """
    if type(value) is dict and len(value) == 1:  # the common case, without allocations
        (type_, v), = value.items()
        if type_ == "S" and type(v) is str:
            return value
        if type_ == "N" and type(v) is str and (v or not older):
            text = numbers.normalize(v)
            return value if text is v else {"N": text}
        check = _CHECKS.get(type_)
        if check is not None and v is not None:
            return {type_: check(v, depth, older)}
    if not isinstance(value, dict):
        raise serialization("Unexpected value type in payload")
    members = [(t, v) for t, v in value.items() if v is not None and t in TYPES]
    if not members:
        raise validation(EMPTY_VALUE)
    checked = [(t, _CHECKS[t](v, depth, older)) for t, v in members]
    if len(checked) > 1:
        raise validation(MORE_THAN_ONE)
    type_, v = checked[0]
    return {type_: v}


def _expect(ok: bool) -> None:
    """A member of the wrong JSON type (the request shapes normally catch it first)."""
    if not ok:
        raise serialization("Unexpected value type in payload")


def _string(v: Any, depth: int, older: bool) -> str:
    _expect(isinstance(v, str))
    return str(v)


def _number(v: Any, depth: int, older: bool) -> str:
    _expect(isinstance(v, str))
    if older and v == "":  # the older layer's text for an empty number has no ": <text>"
        raise validation(numbers.NOT_A_NUMBER)
    return numbers.normalize(v)


def _binary(v: Any, depth: int, older: bool) -> str:
    _expect(isinstance(v, str))
    decode_binary(v)
    return str(v)


def _bool(v: Any, depth: int, older: bool) -> bool:
    _expect(isinstance(v, bool))
    return bool(v)


def _null(v: Any, depth: int, older: bool) -> bool:
    _expect(isinstance(v, bool))
    if v is not True:
        raise invalid_parameter(NULL_FALSE)
    return True


def _map(v: Any, depth: int, older: bool) -> dict[str, Any]:
    _expect(isinstance(v, dict))
    if depth >= MAX_DEPTH:
        raise validation(NESTING)
    out: dict[str, Any] = {}
    for name, x in v.items():
        if name == "":
            raise validation(EMPTY_NAME)
        if x is None:
            raise validation(f"{NULL_VALUE}: {name} is null")
        out[name] = check_value(x, depth + 1, older=older)
    return out


def _list(v: Any, depth: int, older: bool) -> list[Any]:
    _expect(isinstance(v, list))
    if depth >= MAX_DEPTH:
        raise validation(NESTING)
    out = []
    for x in v:
        if x is None:
            raise validation(NULL_VALUE)
        out.append(check_value(x, depth + 1, older=older))
    return out


def _set(type_: str) -> Any:
    def check(v: Any, depth: int, older: bool) -> list[str]:
        _expect(isinstance(v, list))
        if not v:
            raise invalid_parameter(EMPTY_SET[type_])
        return _check_set(type_, v, older)

    return check


_CHECKS: dict[str, Any] = {
    "S": _string, "N": _number, "B": _binary, "BOOL": _bool, "NULL": _null,
    "M": _map, "L": _list, "SS": _set("SS"), "NS": _set("NS"), "BS": _set("BS"),
}


def decode_binary(text: str) -> bytes:
    """The bytes of a base64 B value; malformed base64 is a SerializationException, worded as
    the service's JSON layer words it (padding included; stray bits in the last character are
    refused, so every binary value has one spelling)."""
    if len(text) % 4:
        raise serialization(f"'{text}' can not be converted to a Blob: Base64 encoded length is "
                            f"expected a multiple of 4 bytes but found: {len(text)}")
    bad = next((c for c in text if not (c.isascii() and (c.isalnum() or c in "+/="))), None)
    if bad is not None:
        raise serialization(f"'{text}' can not be converted to a Blob: Invalid Base64 character: '{bad}'")
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raw = None
    if raw is None or base64.b64encode(raw).decode("ascii") != text:
        raise serialization(f"'{text}' can not be converted to a Blob: "
                            f"Invalid last non-pad Base64 character dectected")
    return raw


def _check_set(type_: str, values: list[Any], older: bool) -> list[str]:
    """Members checked one at a time; the first repeat ends the check (DynamoDB's order).

    The members come back in the order DynamoDB stores and returns them (`set_order`)."""
    seen: list[Any] = []  # sort keys of the members so far, kept sorted
    out: list[str] = []   # the members, in the same order
    for i, raw in enumerate(values):
        if raw is None:
            raise invalid_parameter(NULL_MEMBER[type_])
        _expect(isinstance(raw, str))
        member, key = _SET_MEMBER[type_](raw)
        at = bisect.bisect_left(seen, key)
        if at < len(seen) and seen[at] == key:
            raise _duplicates(type_, values, i, older)
        seen.insert(at, key)
        out.insert(at, member)
    return out


def set_order(type_: str, members: list[str]) -> list[str]:
    """A set's (checked) members in DynamoDB's order: string and binary sets by their bytes,
    number sets by value. DynamoDB stores sets this way and returns them so, whatever order
    they were written in (paritysuite/dynamodb-conformance tests/tier1/updateItem/basic.test.ts,
    AWS eu-west-2 2026-10: ADD of "" to {"a"} reads back ["", "a"])."""
    return sorted(members, key=lambda m: _SET_MEMBER[type_](m)[1])


_SET_MEMBER: dict[str, Any] = {
    "SS": lambda raw: (raw, raw.encode("utf-8")),
    "NS": lambda raw: _number_member(raw),
    "BS": lambda raw: (raw, decode_binary(raw)),
}


def _number_member(raw: str) -> tuple[str, Decimal]:
    text = numbers.normalize(raw)
    return text, Decimal(text)


def _duplicates(type_: str, values: list[str], repeat: int, older: bool) -> Exception:
    """DynamoDB's duplicate-member error; `repeat` is the index of the first repeated member."""
    if type_ == "NS":
        return validation("Input collection contains duplicates") if older \
            else invalid_parameter("Input collection contains duplicates.")
    if older:
        listed = "[" + ", ".join(values) + "]"
    else:
        # byte order up to the first repeat, then the repeat, then the rest as sent
        head = values[:repeat]
        head.sort(key=lambda x: x.encode("utf-8") if type_ == "SS" else decode_binary(x))
        shown = head + values[repeat:]
        sep = ", " if type_ == "SS" else ","
        listed = "[" + sep.join(json.dumps(x, ensure_ascii=False) for x in shown) + "]"
    if type_ == "SS":
        return invalid_parameter(f"Input collection {listed} contains duplicates.")
    return invalid_parameter(f"Input collection {listed}of type BS contains duplicates.")


# ---- sizes -------------------------------------------------------------------------------


def number_size(text: str) -> int:
    """Bytes DynamoDB counts for a number, exactly.

    DynamoDB stores a number as base-100 digits plus an exponent byte, and a negative number
    shorter than 20 digit bytes carries one more byte. So the cost is 1 + the count of
    two-digit groups aligned on the decimal point (1.5 costs 3, 15 costs 2), + 1 if negative
    and under 20 groups; 0 costs 1. Matches DynamoDB Local's capacity figures and AWS's
    captured sizes (1234 -> 3, 3.14159 -> 5, 100.5 -> 4, -42 -> 3, 1E125 -> 2).
    """
    if not numbers.is_canonical(text):
        text = numbers.format(Decimal(text))
    if text == "0":
        return 1
    negative = text[0] == "-"
    integer, _, fraction = text.lstrip("-").partition(".")
    if integer == "0":
        integer = ""
    # positions of the most and least significant digits (10^p); a group is floor(p / 2)
    high = len(integer) - 1 if integer else -(len(fraction) - len(fraction.lstrip("0")) + 1)
    low = -len(fraction) if fraction else len(integer) - len(integer.rstrip("0"))
    groups = high // 2 - low // 2 + 1
    return 1 + groups + (1 if negative and groups < 20 else 0)


def _binary_size(text: str) -> int:
    """Decoded length of base64 text, without decoding it."""
    n = len(text)
    if not n:
        return 0
    return n // 4 * 3 - (2 if text.endswith("==") else 1 if text.endswith("=") else 0)


def value_size(value: dict[str, Any]) -> int:
    """Bytes of one value: sets sum their members; a map or list adds 3 plus 1 per element."""
    (type_, v), = value.items()
    if type_ == "S":
        return len(v) if v.isascii() else len(v.encode("utf-8"))
    if type_ == "N":
        return number_size(v)
    if type_ == "M":
        return 3 + sum(len(k.encode("utf-8")) + value_size(x) + 1 for k, x in v.items())
    if type_ == "L":
        return 3 + sum(value_size(x) + 1 for x in v)
    if type_ == "B":
        return _binary_size(v)
    if type_ in ("BOOL", "NULL"):
        return 1
    if type_ == "SS":
        return sum(len(x.encode("utf-8")) for x in v)
    if type_ == "NS":
        return sum(number_size(x) for x in v)
    if type_ == "BS":
        return sum(_binary_size(x) for x in v)
    raise AssertionError(type_)


def item_size(item: Item) -> int:
    """DynamoDB's item size: each attribute's name (UTF-8) plus its value, keys included."""
    return sum(len(name.encode("utf-8")) + value_size(value) for name, value in item.items())


def check_item_size(item: Item, message: str = ITEM_TOO_LARGE) -> int:
    """The item's size, or DynamoDB's error when it is over 400 KB (409,600 bytes is allowed)."""
    size = item_size(item)
    if size > MAX_ITEM_SIZE:
        raise validation(message)
    return size


# ---- keys --------------------------------------------------------------------------------


def check_key_values(shape: KeyShape, item: Item) -> None:
    """PutItem: the item's key attributes present, of the schema's types, non-empty, in limits."""
    for name, type_, is_hash in _key_parts(shape):
        value = item.get(name)
        if value is None:
            raise invalid_parameter(MISSING_KEY.format(name=name))
        if type_ not in value:
            actual = next(iter(value))
            raise invalid_parameter(TYPE_MISMATCH.format(name=name, expected=type_, actual=actual))
        _check_key_scalar(name, type_, value[type_], is_hash)


def check_key(shape: KeyShape, key: Item) -> Item:
    """A Key parameter (GetItem, DeleteItem, UpdateItem): exactly the schema's attributes."""
    if len(key) != len(shape.names):
        raise validation(KEY_SCHEMA_MISMATCH)
    for name, type_, is_hash in _key_parts(shape):
        value = key.get(name)
        if value is None or type_ not in value:
            raise validation(KEY_SCHEMA_MISMATCH)
        _check_key_scalar(name, type_, value[type_], is_hash)
    return key


def _key_parts(shape: KeyShape) -> list[tuple[str, str, bool]]:
    parts = [(shape.hash_name, shape.hash_type, True)]
    if shape.range_name is not None:
        assert shape.range_type is not None
        parts.append((shape.range_name, shape.range_type, False))
    return parts


def _check_key_scalar(name: str, type_: str, v: str, is_hash: bool) -> None:
    """Key values may not be empty; S and B keys are limited to 2048 / 1024 bytes (a number
    key is at most 21 bytes, so never too large)."""
    if type_ == "N":
        return
    size = len(v.encode("utf-8")) if type_ == "S" else _binary_size(v)
    if size == 0:
        raise validation(EMPTY_KEY.format(kind="string" if type_ == "S" else "binary", name=name))
    if is_hash and size > MAX_HASH_KEY:
        raise invalid_parameter(HASH_KEY_TOO_LARGE)
    if not is_hash and size > MAX_RANGE_KEY:
        raise invalid_parameter(RANGE_KEY_TOO_LARGE)


def key_of(shape: KeyShape, item: Item) -> Item:
    return {name: item[name] for name in shape.names}
