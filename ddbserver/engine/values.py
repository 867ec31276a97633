"""AttributeValue rules: validation and normalisation of values and items, item size, keys.

Items travel as dicts in DynamoDB's wire form, {"name": {"S": "x"}}. `check_item` and
`check_value` validate one from a request and return it with numbers normalised (number sets
keep DynamoDB's rule that 1 and 1.0 are duplicates). Sizes follow DynamoDB's rules:
https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
"""

from __future__ import annotations

import base64
import binascii
from decimal import Decimal
from typing import Any

from ddbserver.engine import numbers
from ddbserver.engine.keys import KeyShape
from ddbserver.errors import invalid_parameter, validation

Item = dict[str, dict[str, Any]]

TYPES = ("S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL")
SET_NAMES = {"SS": "string set", "NS": "number set", "BS": "binary set"}
MAX_DEPTH = 32
MAX_ITEM_SIZE = 400 * 1024
MAX_HASH_KEY = 2048
MAX_RANGE_KEY = 1024

MORE_THAN_ONE = "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"
EMPTY_VALUE = "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"
NESTING = "Nesting Levels have exceeded supported limits"
ITEM_TOO_LARGE = "Item size has exceeded the maximum allowed size"
KEY_TOO_LARGE = "Hash primary key values must be under 2048 bytes, and range primary key values must be under 1024 bytes"
MISSING_KEY = "One of the required keys was not given a value"
KEY_CONDITIONS = "The number of conditions on the keys is invalid"


def check_item(item: Any) -> Item:
    """A request's item (or key, or :values map) validated, with numbers normalised."""
    return {name: check_value(value, 1) for name, value in item.items() if _check_name(name)}


def _check_name(name: str) -> bool:
    if name == "":
        raise validation("Empty attribute name")
    return True


def check_value(value: Any, depth: int = 1) -> dict[str, Any]:
    if not isinstance(value, dict) or not value:
        raise validation(EMPTY_VALUE)
    if len(value) > 1:
        raise validation(MORE_THAN_ONE)
    (type_, v), = value.items()
    if depth > MAX_DEPTH:
        raise validation(NESTING)
    if type_ == "S":
        _expect(isinstance(v, str))
        return value
    if type_ == "N":
        _expect(isinstance(v, str))
        return {"N": numbers.normalize(v)}
    if type_ == "B":
        _expect(isinstance(v, str))
        _decode_binary(v)
        return value
    if type_ == "BOOL":
        _expect(isinstance(v, bool))
        return value
    if type_ == "NULL":
        _expect(isinstance(v, bool))
        if v is not True:
            raise invalid_parameter("Null attribute value types must have the value of true")
        return value
    if type_ == "M":
        _expect(isinstance(v, dict))
        return {"M": {k: check_value(x, depth + 1) for k, x in v.items() if _check_name(k)}}
    if type_ == "L":
        _expect(isinstance(v, list))
        return {"L": [check_value(x, depth + 1) for x in v]}
    if type_ in SET_NAMES:
        _expect(isinstance(v, list) and all(isinstance(x, str) for x in v))
        if not v:
            raise invalid_parameter(f"An {SET_NAMES[type_]}  may not be empty")
        return {type_: _check_set(type_, v)}
    raise validation(EMPTY_VALUE)


def _expect(ok: bool) -> None:
    if not ok:
        from ddbserver.errors import serialization

        raise serialization("Unexpected value type in payload")


def _decode_binary(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise validation("Invalid Binary value: not valid Base64") from None


def _check_set(type_: str, values: list[str]) -> list[str]:
    if type_ == "NS":
        normal = [numbers.normalize(x) for x in values]
        if len(set(normal)) != len(normal):
            raise validation("Input collection contains duplicates")
        return normal
    if type_ == "BS":
        decoded = [_decode_binary(x) for x in values]
        if len(set(decoded)) != len(decoded):
            raise invalid_parameter(f"Input collection {_java_list(values)} contains duplicates")
        return values
    if len(set(values)) != len(values):
        raise invalid_parameter(f"Input collection {_java_list(values)} contains duplicates")
    return values


def _java_list(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


# ---- sizes -------------------------------------------------------------------------------


def number_size(text: str) -> int:
    """Bytes DynamoDB counts for a number: about one per two significant digits, plus one."""
    value = Decimal(text)
    if not value:
        return 1
    digits = value.normalize().as_tuple().digits
    return (len(digits) + 1) // 2 + 1


def value_size(value: dict[str, Any]) -> int:
    (type_, v), = value.items()
    if type_ == "S":
        return len(v.encode("utf-8"))
    if type_ == "N":
        return number_size(v)
    if type_ == "B":
        return len(base64.b64decode(v))
    if type_ in ("BOOL", "NULL"):
        return 1
    if type_ == "SS":
        return sum(len(x.encode("utf-8")) for x in v)
    if type_ == "NS":
        return sum(number_size(x) for x in v)
    if type_ == "BS":
        return sum(len(base64.b64decode(x)) for x in v)
    if type_ == "M":
        return 3 + sum(len(k.encode("utf-8")) + value_size(x) + 1 for k, x in v.items())
    if type_ == "L":
        return 3 + sum(value_size(x) + 1 for x in v)
    raise AssertionError(type_)


def item_size(item: Item) -> int:
    return sum(len(name.encode("utf-8")) + value_size(value) for name, value in item.items())


def check_item_size(item: Item) -> int:
    size = item_size(item)
    if size > MAX_ITEM_SIZE:
        raise validation(ITEM_TOO_LARGE)
    return size


# ---- keys --------------------------------------------------------------------------------


def check_key_values(shape: KeyShape, item: Item) -> None:
    """Key attributes of a full item: present, of the schema's types, non-empty, within limits."""
    for name, type_, limit in _key_parts(shape):
        value = item.get(name)
        if value is None:
            raise validation(MISSING_KEY)
        _check_key_value(name, type_, value, limit)


def check_key(shape: KeyShape, key: Item) -> Item:
    """A Key parameter: exactly the schema's attributes, of its types."""
    if len(key) != len(shape.names) or any(n not in key for n in shape.names):
        raise validation(KEY_CONDITIONS)
    for name, type_, limit in _key_parts(shape):
        _check_key_value(name, type_, key[name], limit)
    return key


def _key_parts(shape: KeyShape) -> list[tuple[str, str, int]]:
    parts = [(shape.hash_name, shape.hash_type, MAX_HASH_KEY)]
    if shape.range_name is not None:
        assert shape.range_type is not None
        parts.append((shape.range_name, shape.range_type, MAX_RANGE_KEY))
    return parts


def _check_key_value(name: str, type_: str, value: dict[str, Any], limit: int) -> None:
    if type_ not in value:
        actual = next(iter(value))
        raise invalid_parameter(f"Type mismatch for key {name} expected: {type_} actual: {actual}")
    v = value[type_]
    if type_ == "S":
        size = len(v.encode("utf-8"))
    elif type_ == "B":
        size = len(base64.b64decode(v))
    else:
        size = number_size(v)
    if size == 0:
        kind = "string" if type_ == "S" else "binary"
        raise validation(
            f"One or more parameter values are not valid. The AttributeValue for a key attribute "
            f"cannot contain an empty {kind} value. Key: {name}"
        )
    if size > limit:
        raise validation(KEY_TOO_LARGE)


def key_of(shape: KeyShape, item: Item) -> Item:
    return {name: item[name] for name in shape.names}
