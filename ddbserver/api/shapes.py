"""Request validation generated from botocore's DynamoDB service model.

Two layers, as DynamoDB's front end has them:

1. Deserialization: a member of the wrong JSON type is a SerializationException whose text names
   the JSON token and the Java type DynamoDB wanted ("NUMBER_VALUE cannot be converted to String",
   "Unexpected value type in payload", "Start of structure or map found where not expected").
   The first one found ends the request. Unknown members are ignored; JSON null means absent.
2. Constraints (required, length, range, enum, pattern) are collected over the whole request and
   reported together: "N validation errors detected: Value '<v>' at '<path>' failed to satisfy
   constraint: <rule>; ...". DynamoDB lists members (and enum values) in the iteration order of
   the Java hash table that holds them, which `java_order` reproduces from the names alone; at
   most ten errors are listed.

Every operation's input shape is compiled once into nested closures (`_VALIDATORS`, built lazily
per operation and then cached), so validating a typical GetItem or PutItem costs a few
microseconds. Table names follow DynamoDB's current rule: a TableName member accepts an ARN
(model shape TableArn, 1..1024) and otherwise must satisfy the TableName shape (3..255,
[a-zA-Z0-9_.-]+).
"""

from __future__ import annotations

import base64
import binascii
import math
import re
from collections.abc import Callable, Iterable
from typing import Any

from botocore.loaders import Loader

from ddbserver.errors import DynamoError, serialization, validation

Errors = list[tuple[tuple[Any, ...], tuple[Any, ...], str]]  # (sort rank, location, message line)
Check = Callable[[Any, tuple[Any, ...], Errors], Any]

MAX_LISTED = 10
JAVA_PACKAGE = "com.amazonaws.dynamodb.v20120810."

START_OF_STRUCTURE = "Start of structure or map found where not expected"
UNEXPECTED_FIELD = "Unexpected field type"
UNEXPECTED_VALUE = "Unexpected value type in payload"
UNEXPECTED_TOKEN = "Unexpected token received from parser"
NOT_BASE64 = "only base-64-encoded strings are convertible to bytes"
BASE64_LENGTH = "Base64 encoded length is expected a multiple of 4 bytes but found: {n}"
BASE64_LAST = "Invalid last non-pad Base64 character dectected"
NESTED_COLLECTION = (
    "class sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl cannot be cast to class "
    "java.lang.Class (sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl and "
    "java.lang.Class are in module java.base of loader 'bootstrap')"
)
CONVERT = "{token} cannot be converted to {java}"
COLLECTION = "Unrecognized collection type {java}"

NOT_NULL = "Member must not be null"
MIN_LENGTH = "Member must have length greater than or equal to {n}"
MAX_LENGTH = "Member must have length less than or equal to {n}"
MIN_VALUE = "Member must have value greater than or equal to {n}"
MAX_VALUE = "Member must have value less than or equal to {n}"
ENUM = "Member must satisfy enum value set: [{values}]"
PATTERN = "Member must satisfy regular expression pattern: {pattern}"
MAP_VALUE = "Map value must satisfy constraint: [{rules}]"
ERROR_LINE = "Value {value} at '{path}' failed to satisfy constraint: {rule}"

# Checks DynamoDB makes before its constraint pass, with their own text: (operation, member) -> message.
PRESENCE_RULES: dict[tuple[str, str], str] = {
    ("CreateTable", "TableName"): "The parameter 'TableName' is required but was not present in the request",
    ("BatchGetItem", "RequestItems"): "The requestItems parameter is required for BatchGetItem",
    ("BatchWriteItem", "RequestItems"): "The requestItems parameter is required for BatchWriteItem",
}
# Where DynamoDB's Java class declares members in another order than the model (observed):
# these members go first, in this order, among members sharing a hash bucket.
DECLARATION_ORDER: dict[str, tuple[str, ...]] = {
    "UpdateItemInput": ("ReturnConsumedCapacity", "ReturnValues"),
}
# Members DynamoDB's Java classes have beyond the model's; they print as null in echoed values.
HIDDEN_MEMBERS: dict[str, tuple[str, ...]] = {"PutRequest": ("workloadProfileName",)}
ATTRIBUTE_VALUE_FIELDS = (
    "s", "n", "b", "iNT", "dECIMAL", "dOUBLE", "sS", "nS", "bS", "iNTSET", "dECIMALSET",
    "dOUBLESET", "m", "l", "nULL", "bOOL",
)
ATTRIBUTE_VALUE_WIRE = {"s": "S", "n": "N", "b": "B", "sS": "SS", "nS": "NS", "bS": "BS",
                        "m": "M", "l": "L", "nULL": "NULL", "bOOL": "BOOL"}
# Java regular expressions of the model that Python spells differently (the message keeps Java's).
PATTERN_TRANSLATIONS = {
    "\\p{Print}+": "[\\x20-\\x7e]+",
    "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*":
        "[\\u0020-\\ud7ff\\ue000-\\ufffd\\U00010000-\\U0010ffff\\r\\n\\t]*",
}
TABLE_ARN_SHAPE = "TableArn"
TABLE_NAME_SHAPE = "TableName"


# ---- Java's ordering -------------------------------------------------------------------------


def java_hash(text: str) -> int:
    """java.lang.String.hashCode, as an unsigned 32-bit number."""
    h = 0
    for unit in _utf16_units(text):
        h = (31 * h + unit) & 0xFFFFFFFF
    return h


def _utf16_units(text: str) -> Iterable[int]:
    if text.isascii():
        return text.encode()
    data = text.encode("utf-16-be")
    return (int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2))


def java_order(names: Iterable[str], buckets: int | None = None) -> list[str]:
    """Names in the order DynamoDB lists them: by hash bucket, then by declaration order."""
    items = list(names)
    if buckets is None:
        buckets = 16
        while len(items) > buckets * 3 // 4:
            buckets *= 2
    ranked = sorted(enumerate(items), key=lambda p: (java_hash(p[1]) & (buckets - 1), p[0]))
    return [name for _, name in ranked]


def lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


# ---- the model -------------------------------------------------------------------------------


class Model:
    """botocore's DynamoDB model: operation name -> input shape, shapes by name."""

    def __init__(self) -> None:
        data = Loader().load_service_model("dynamodb", "service-2")
        self.shapes: dict[str, dict[str, Any]] = data["shapes"]
        self.inputs: dict[str, str | None] = {
            name: (op.get("input") or {}).get("shape") for name, op in data["operations"].items()
        }


_MODEL: Model | None = None


def model() -> Model:
    global _MODEL
    if _MODEL is None:
        _MODEL = Model()
    return _MODEL


# ---- JSON type checks (SerializationException) ------------------------------------------------


def _token(value: Any) -> str:
    if value is True:
        return "TRUE_VALUE"
    if value is False:
        return "FALSE_VALUE"
    if isinstance(value, int):
        return "NUMBER_VALUE"
    if isinstance(value, float):
        return "DECIMAL_VALUE"
    return "STRING_VALUE"


def _wrong_scalar(value: Any, java: str, simple: str) -> DynamoError:
    """A scalar member got a value of another JSON type."""
    if isinstance(value, dict):
        return serialization(START_OF_STRUCTURE)
    if isinstance(value, list):
        return serialization(COLLECTION.format(java=f"class {java}"))
    return serialization(CONVERT.format(token=_token(value), java=simple))


def _wrong_container(value: Any, nested: bool, scalar_message: str, list_message: str) -> DynamoError:
    if isinstance(value, dict):
        return serialization(START_OF_STRUCTURE)
    if isinstance(value, list):
        return serialization(list_message)
    return serialization(NESTED_COLLECTION if nested else scalar_message)


def _check_base64(text: str) -> None:
    if len(text) % 4:
        raise serialization(BASE64_LENGTH.format(n=len(text)))
    try:
        decoded = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise serialization(BASE64_LAST) from None
    if base64.b64encode(decoded).decode() != text:
        raise serialization(BASE64_LAST)


def java_type(model_: Model, shape_name: str) -> str:
    """The Java type DynamoDB deserializes a shape into, as its messages print it."""
    shape = model_.shapes[shape_name]
    kind = shape["type"]
    if kind == "structure":
        return JAVA_PACKAGE + shape_name
    if kind == "list":
        return f"java.util.List<{java_type(model_, shape['member']['shape'])}>"
    if kind == "map":
        return f"java.util.Map<java.lang.String, {java_type(model_, shape['value']['shape'])}>"
    return "java.lang." + _SIMPLE_JAVA.get(kind, "String")


_SIMPLE_JAVA = {"string": "String", "boolean": "Boolean", "integer": "Integer", "long": "Long",
                "double": "Double", "timestamp": "Date", "blob": "ByteBuffer"}


# ---- rendering values as DynamoDB echoes them --------------------------------------------------


def render(value: Any, shape_name: str | None) -> str:
    """A value as Java's toString prints it in "Value '...' at" (the caller adds the quotes)."""
    shapes = model().shapes
    shape = shapes.get(shape_name or "", {})
    kind = shape.get("type")
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        member = shape.get("member", {}).get("shape") if kind == "list" else None
        return "[" + ", ".join(render(v, member) for v in value) + "]"
    if isinstance(value, dict):
        if kind == "structure" and shape_name == "AttributeValue":
            return _render_attribute_value(value)
        if kind == "structure":
            assert shape_name is not None
            parts = [f"{lower_first(m)}={render(value.get(m), spec['shape'])}" for m, spec in shape["members"].items()]
            parts += [f"{m}=null" for m in HIDDEN_MEMBERS.get(shape_name, ())]
            return f"{shape_name}({', '.join(parts)})"
        inner = shape.get("value", {}).get("shape") if kind == "map" else None
        return "{" + ", ".join(f"{k}={render(value[k], inner)}" for k in java_order(value)) + "}"
    return str(value)


def _render_attribute_value(value: dict[str, Any]) -> str:
    parts = []
    for field in ATTRIBUTE_VALUE_FIELDS:
        wire = ATTRIBUTE_VALUE_WIRE.get(field)
        member = model().shapes["AttributeValue"]["members"].get(wire or "", {}).get("shape")
        parts.append(f"{field}={render(value.get(wire), member) if wire else 'null'}")
    return f"AttributeValue({', '.join(parts)})"


def _line(value: Any, shape_name: str | None, path: str, rule: str) -> str:
    shown = "null" if value is None else f"'{render(value, shape_name)}'"
    return ERROR_LINE.format(value=shown, path=path, rule=rule)


# ---- where a value sits: built cheaply on the way down, spelled out only for an error ------------

# A location is a chain of tuples: () for the request, (parent, MEMBER, wire name, position),
# (parent, ELEMENT, index) or (parent, ENTRY, key). `path_of` and `rank_of` read it back.
Where = tuple[Any, ...]
MEMBER, ELEMENT, ENTRY = 0, 1, 2


def path_of(where: Where) -> str:
    """'keySchema.1.member.keyType': DynamoDB's name for a location."""
    pieces: list[str] = []
    while where:
        kind = where[1]
        if kind == MEMBER:
            pieces.append(where[2])
        elif kind == ELEMENT:
            pieces.append(f"{where[2] + 1}.member")
        else:
            pieces.append(f"{where[2]}.member")
        where = where[0]
    return ".".join(reversed(pieces))


def rank_of(where: Where) -> tuple[Any, ...]:
    """A sort key putting errors in DynamoDB's order (members by Java hash order, then index)."""
    parts: list[tuple[Any, ...]] = []
    while where:
        kind = where[1]
        if kind == MEMBER:
            parts.append((0, where[3]))
        elif kind == ELEMENT:
            parts.append((0, where[2]))
        else:
            parts.append((0, java_hash(where[2]) & 15, where[2]))
        where = where[0]
    return tuple(reversed(parts))


def _record(errs: Errors, where: Where, value: Any, shape: str | None, rule: str, own: bool = False) -> None:
    """own: the constraint is the container's own (sorts before its elements' errors)."""
    rank = rank_of(where) + (((-1,),) if own else ())
    errs.append((rank, where, _line(value, shape, path_of(where), rule)))


# ---- compiling shapes into checks ----------------------------------------------------------------


def _java_length(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


class Compiler:
    """Turns model shapes into check closures; one closure per (shape, context), shared."""

    def __init__(self, model_: Model) -> None:
        self.model = model_
        self.cache: dict[tuple[str, str], Check] = {}

    def compile(self, shape_name: str, context: str = "field") -> Check:
        """context: "field" (a structure member), "value" (list element or map value: a structure
        there is a value struct), "nested" (a collection inside a collection)."""
        key = (shape_name, context)
        found = self.cache.get(key)
        if found is not None:
            return found
        cell: list[Check] = []

        def late(value: Any, where: Where, errs: Errors) -> Any:
            return cell[0](value, where, errs)

        self.cache[key] = late
        built = self._build(shape_name, context)
        cell.append(built)
        self.cache[key] = built
        return built

    def _build(self, name: str, context: str) -> Check:
        shape = self.model.shapes[name]
        kind = shape["type"]
        if kind == "structure":
            return self._structure(name, shape, context)
        if kind == "list":
            return self._list(name, shape, context)
        if kind == "map":
            return self._map(name, shape, context)
        return self._scalar(name, shape)

    # -- scalars

    def _scalar(self, name: str, shape: dict[str, Any]) -> Check:
        kind = shape["type"]
        constraint = table_name_constraint(self.model) if name == TABLE_ARN_SHAPE else scalar_constraint(name, shape)
        if kind == "string":
            def check_string(value: Any, where: Where, errs: Errors) -> Any:
                if type(value) is not str:
                    raise _wrong_scalar(value, "java.lang.String", "String")
                if constraint is not None and not constraint.fast(value):
                    constraint.report(value, name, where, errs)
                return value
            return check_string
        if kind == "boolean":
            def check_boolean(value: Any, where: Where, errs: Errors) -> Any:
                if value is not True and value is not False:
                    if isinstance(value, str):
                        raise serialization(UNEXPECTED_TOKEN)
                    raise _wrong_scalar(value, "java.lang.Boolean", "Boolean")
                return value
            return check_boolean
        if kind in ("integer", "long", "double"):
            simple = _SIMPLE_JAVA[kind]
            integral = kind != "double"
            bits = 31 if kind == "integer" else 63
            low_bound, high_bound = -(2**bits), 2**bits - 1

            def check_number(value: Any, where: Where, errs: Errors) -> Any:
                if type(value) is not int:
                    if type(value) is not float or not math.isfinite(value):
                        raise _wrong_scalar(value, f"java.lang.{simple}", simple)
                    if integral:
                        value = int(value)
                if integral and not low_bound <= value <= high_bound:
                    raise serialization(CONVERT.format(token="NUMBER_VALUE", java=simple))
                if constraint is not None and not constraint.fast(value):
                    constraint.report(value, name, where, errs)
                return value
            return check_number
        if kind == "blob":
            def check_blob(value: Any, where: Where, errs: Errors) -> Any:
                if type(value) is not str:
                    if isinstance(value, dict):
                        raise serialization(START_OF_STRUCTURE)
                    if isinstance(value, list):
                        raise serialization(COLLECTION.format(java="class java.nio.ByteBuffer"))
                    raise serialization(NOT_BASE64)
                _check_base64(value)
                return value
            return check_blob

        def check_timestamp(value: Any, where: Where, errs: Errors) -> Any:
            if isinstance(value, (dict, list)) or value is True or value is False:
                raise _wrong_scalar(value, "java.util.Date", "Date")
            return value
        return check_timestamp

    # -- structures

    def _structure(self, name: str, shape: dict[str, Any], context: str) -> Check:
        members: dict[str, tuple[type | None, Check, str, int]] = {}
        order = {m: i for i, m in enumerate(java_order(_declaration(name, list(shape["members"]))))}
        for member, spec in shape["members"].items():
            plain = self._plain_type(spec["shape"])
            members[member] = (plain, self.compile(spec["shape"], "field"), lower_first(member), order[member])
        required = [(m, lower_first(m), order[m]) for m in shape.get("required", ())]
        scalar = UNEXPECTED_FIELD if context == "field" else UNEXPECTED_VALUE
        listed = COLLECTION.format(java=f"class {JAVA_PACKAGE}{name}")

        def check_structure(value: Any, where: Where, errs: Errors) -> Any:
            if type(value) is not dict:
                raise _wrong_container(value, False, scalar, listed)
            for key, item in value.items():
                found = members.get(key)
                if found is None or item is None or type(item) is found[0]:
                    continue
                _, check, wire, position = found
                result = check(item, (where, MEMBER, wire, position), errs)
                if result is not item:
                    value[key] = result
            for member, wire, position in required:
                if value.get(member) is None:
                    _record(errs, (where, MEMBER, wire, position), None, None, NOT_NULL)
            return value
        return check_structure

    def _plain_type(self, shape_name: str) -> type | None:
        """str or bool for a member with no constraints (checked inline, without a call)."""
        shape = self.model.shapes[shape_name]
        if shape_name == TABLE_ARN_SHAPE or set(shape) - {"type", "documentation"}:
            return None
        return {"string": str, "boolean": bool}.get(shape["type"])

    # -- lists and maps

    def _list(self, name: str, shape: dict[str, Any], context: str) -> Check:
        member_name = shape["member"]["shape"]
        member_kind = self.model.shapes[member_name]["type"]
        element = self.compile(member_name, "nested" if member_kind in ("list", "map") else "value")
        constraint = length_constraint(shape)
        nested = context == "nested"
        listed = COLLECTION.format(java=f"class java.util.List<{java_type(self.model, member_name)}>")

        def check_list(value: Any, where: Where, errs: Errors) -> Any:
            if type(value) is not list:
                raise _wrong_container(value, nested, UNEXPECTED_FIELD, listed)
            for i, item in enumerate(value):
                if item is None:
                    continue
                result = element(item, (where, ELEMENT, i), errs)
                if result is not item:
                    value[i] = result
            if constraint is not None and not constraint.fast(value):
                constraint.report(value, name, where, errs, own=True)
            return value
        return check_list

    def _map(self, name: str, shape: dict[str, Any], context: str) -> Check:
        value_name = shape["value"]["shape"]
        value_shape = self.model.shapes[value_name]
        element = self.compile(value_name, "nested" if value_shape["type"] in ("list", "map") else "value")
        constraint = length_constraint(shape)
        inner_rules = scalar_constraint(value_name, value_shape) if value_shape["type"] != "structure" else None
        nested = context == "nested"
        listed = COLLECTION.format(java=java_type(self.model, name))

        def check_map(value: Any, where: Where, errs: Errors) -> Any:
            if type(value) is not dict:
                raise _wrong_container(value, nested, UNEXPECTED_FIELD, listed)
            inner: Errors = [] if inner_rules is not None else errs
            for key, item in value.items():
                if item is None:
                    continue
                result = element(item, (where, ENTRY, key), inner)
                if result is not item:
                    value[key] = result
            if inner_rules is not None and inner:
                _collapse_map_values(inner, where, value, name, inner_rules, errs)
            if constraint is not None and not constraint.fast(value):
                constraint.report(value, name, where, errs, own=True)
            return value
        return check_map


def _collapse_map_values(inner: Errors, where: Where, value: Any, name: str, rules: "Constraint", errs: Errors) -> None:
    """A map value breaking its own constraints is reported once, at the map:
    "Map value must satisfy constraint: [<the value shape's rules>]"."""
    collapsed = False
    for error in inner:
        node = error[1]
        if node[0] is where and node[1] == ENTRY:
            collapsed = True
        else:
            errs.append(error)
    if collapsed:
        text = MAP_VALUE.format(rules=", ".join(r.text for r in reversed(rules.rules)))
        _record(errs, where, value, name, text)


def _declaration(shape_name: str, members: list[str]) -> list[str]:
    first = [m for m in DECLARATION_ORDER.get(shape_name, ()) if m in members]
    if not first:
        return members
    # the listed members swap into the positions they jointly occupy, in the listed order
    slots = sorted(members.index(m) for m in first)
    out = list(members)
    for slot, member in zip(slots, first):
        out[slot] = member
    return out


# ---- constraints -------------------------------------------------------------------------------


class Rule:
    """One constraint: a predicate on a present value and the text DynamoDB reports."""

    __slots__ = ("ok", "text")

    def __init__(self, ok: Callable[[Any], bool], text: str) -> None:
        self.ok = ok
        self.text = text


class Constraint:
    """A shape's rules, with `fast`: one cheap predicate that is true when every rule holds."""

    __slots__ = ("rules", "fast")

    def __init__(self, rules: list[Rule], fast: Callable[[Any], bool] | None = None) -> None:
        self.rules = rules
        self.fast = fast or (lambda v: all(r.ok(v) for r in rules))

    def report(self, value: Any, shape: str, where: Where, errs: Errors, own: bool = False) -> None:
        for rule in self.rules:
            if not rule.ok(value):
                _record(errs, where, value, shape, rule.text, own)


def _size(value: Any) -> int:
    if isinstance(value, str):
        return _java_length(value)
    return len(value)


def _length_rules(shape: dict[str, Any]) -> list[Rule]:
    rules = []
    if "min" in shape:
        low = int(shape["min"])
        rules.append(Rule(lambda v, n=low: _size(v) >= n, MIN_LENGTH.format(n=low)))
    if "max" in shape:
        high = int(shape["max"])
        rules.append(Rule(lambda v, n=high: _size(v) <= n, MAX_LENGTH.format(n=high)))
    return rules


def length_constraint(shape: dict[str, Any]) -> Constraint | None:
    rules = _length_rules(shape)
    if not rules:
        return None
    low, high = int(shape.get("min", 0)), int(shape.get("max", 2**63))
    return Constraint(rules, lambda v: low <= len(v) <= high and (type(v) is not str or v.isascii()))


def scalar_constraint(name: str, shape: dict[str, Any]) -> Constraint | None:
    """The model's constraints on a scalar, in the order DynamoDB reports them."""
    kind = shape["type"]
    rules: list[Rule] = []
    if "enum" in shape:
        allowed = frozenset(shape["enum"])
        listed = ", ".join(java_order(shape["enum"], buckets=32))
        rules.append(Rule(lambda v: v in allowed, ENUM.format(values=listed)))
    if "pattern" in shape:
        compiled = re.compile(PATTERN_TRANSLATIONS.get(shape["pattern"], shape["pattern"]))
        rules.append(Rule(lambda v: compiled.fullmatch(v) is not None, PATTERN.format(pattern=shape["pattern"])))
    if kind in ("integer", "long", "double"):
        if "min" in shape:
            low = shape["min"]
            rules.append(Rule(lambda v, n=low: v >= n, MIN_VALUE.format(n=low)))
        if "max" in shape:
            high = shape["max"]
            rules.append(Rule(lambda v, n=high: v <= n, MAX_VALUE.format(n=high)))
    elif kind != "blob":
        rules += _length_rules(shape)
    if not rules:
        return None
    if kind == "string" and "enum" in shape:
        return Constraint(rules, lambda v: v in allowed)
    return Constraint(rules)


def table_name_constraint(model_: Model) -> Constraint:
    """TableName members: an ARN within TableArn's length, or a name by the TableName shape."""
    arn = model_.shapes[TABLE_ARN_SHAPE]
    name_shape = model_.shapes[TABLE_NAME_SHAPE]
    named = scalar_constraint(TABLE_NAME_SHAPE, name_shape)
    assert named is not None
    low, high = int(arn.get("min", 1)), int(arn.get("max", 1024))
    rules: list[Rule] = [Rule(lambda v: _size(v) >= low, MIN_LENGTH.format(n=low))]
    for rule in named.rules:
        rules.append(Rule(lambda v, r=rule: _size(v) < low or v.startswith("arn:") or r.ok(v), rule.text))
    rules.append(Rule(lambda v: not v.startswith("arn:") or _size(v) <= high, MAX_LENGTH.format(n=high)))
    plain = re.compile("[a-zA-Z0-9_.-]{%d,%d}" % (int(name_shape["min"]), int(name_shape["max"])))
    return Constraint(rules, lambda v: plain.fullmatch(v) is not None or (v.startswith("arn:") and len(v) <= high))


# ---- entry point -------------------------------------------------------------------------------


Validator = Callable[[dict[str, Any]], None]
_VALIDATORS: dict[str, Validator] = {}
_COMPILER: Compiler | None = None


def validator(operation: str) -> Validator | None:
    """The compiled validator of an operation, or None if the model has no such operation."""
    found = _VALIDATORS.get(operation)
    if found is not None:
        return found
    global _COMPILER
    m = model()
    if operation not in m.inputs:
        return None
    if _COMPILER is None:
        _COMPILER = Compiler(m)
    shape_name = m.inputs[operation]
    check = _COMPILER.compile(shape_name) if shape_name else None
    presence = {member: text for (op, member), text in PRESENCE_RULES.items() if op == operation}

    def run(body: dict[str, Any]) -> None:
        for member, text in presence.items():
            if not body.get(member):
                raise validation(text)
        if check is None:
            return
        errs: Errors = []
        check(body, (), errs)
        if errs:
            raise validation(summarize(errs))

    _VALIDATORS[operation] = run
    return run


def summarize(errs: Errors) -> str:
    """"N validation error(s) detected: ..." with at most ten errors, in DynamoDB's order."""
    lines = [text for _, _, text in sorted(errs, key=lambda e: e[0])][:MAX_LISTED]
    noun = "error" if len(lines) == 1 else "errors"
    return f"{len(lines)} validation {noun} detected: " + "; ".join(lines)


def validate(operation: str, body: dict[str, Any]) -> None:
    """Raise DynamoDB's SerializationException or ValidationException for a malformed request."""
    run = validator(operation)
    if run is not None:
        run(body)


def warm(operations: Iterable[str]) -> None:
    """Compile the validators of these operations now (at import of the routes)."""
    for name in operations:
        validator(name)
