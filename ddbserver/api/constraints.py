"""What DynamoDB's constraint errors look like: the rules of a shape, their texts, the order
errors are listed in, and values echoed the way DynamoDB's Java front end prints them.

"N validation errors detected: Value '<v>' at '<path>' failed to satisfy constraint: <rule>; ...".
Enum values and (mostly) members are listed in the iteration order of the Java hash tables that
hold them, which `java_order` reproduces from the names alone; observed exceptions are tables here
and in shapes.py. A location is built cheaply while validating and spelled out (`path_of`,
`rank_of`) only when an error is recorded.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable
from typing import Any

from botocore.loaders import Loader  # type: ignore[import-untyped]

Errors = list[tuple[tuple[Any, ...], tuple[Any, ...], str]]  # (sort rank, location, message line)

NOT_NULL = "Member must not be null"
MIN_LENGTH = "Member must have length greater than or equal to {n}"
MAX_LENGTH = "Member must have length less than or equal to {n}"
MIN_VALUE = "Member must have value greater than or equal to {n}"
MAX_VALUE = "Member must have value less than or equal to {n}"
ENUM = "Member must satisfy enum value set: [{values}]"
PATTERN = "Member must satisfy regular expression pattern: {pattern}"
MAP_VALUE = "Map value must satisfy constraint: [{rules}]"
MAP_KEYS = "Map keys must satisfy constraint: [{rules}]"
ERROR_LINE = "Value {value} at '{path}' failed to satisfy constraint: {rule}"
# AWS's newer validation framework (BatchGetItem's lengths since 2026, see shapes.NEWER_WORDING):
# no value echoed, the path spelled with the model's member names ("RequestItems.<T>.member.Keys").
NEWER_LINE = "Value at '{path}' failed to satisfy constraint: {rule}"

# Where DynamoDB's Java class declares members in another order than the model (observed):
# these members go first, in this order, among members sharing a hash bucket.
DECLARATION_ORDER: dict[str, tuple[str, ...]] = {
    "UpdateItemInput": ("ReturnConsumedCapacity", "ReturnValues"),
    "ComparisonOperator": ("BETWEEN", "LT"),
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


DYNAMODB = "dynamodb"
STREAMS = "dynamodbstreams"


class Model:
    """A botocore service model (DynamoDB's, or DynamoDB Streams'): operation name -> input
    shape, shapes by name."""

    def __init__(self, service: str = DYNAMODB) -> None:
        self.service = service
        data = Loader().load_service_model(service, "service-2")
        self.shapes: dict[str, dict[str, Any]] = data["shapes"]
        self.inputs: dict[str, str | None] = {
            name: (op.get("input") or {}).get("shape") for name, op in data["operations"].items()
        }


_MODELS: dict[str, Model] = {}


def model(service: str = DYNAMODB) -> Model:
    found = _MODELS.get(service)
    if found is None:
        found = _MODELS[service] = Model(service)
    return found


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
# (parent, ELEMENT, index) or (parent, ENTRY, key, index). `path_of` and `rank_of` read it back.
Where = tuple[Any, ...]
MEMBER, ELEMENT, ENTRY = 0, 1, 2


def path_of(where: Where, model_names: bool = False) -> str:
    """'keySchema.1.member.keyType': DynamoDB's name for a location (with model_names,
    'KeySchema.1.member.KeyType')."""
    pieces: list[str] = []
    while where:
        kind = where[1]
        if kind == MEMBER:
            pieces.append(where[2][:1].upper() + where[2][1:] if model_names else where[2])
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
        else:  # map entries: last in the request first (observed)
            parts.append((0, -where[3]))
        where = where[0]
    return tuple(reversed(parts))


def record(errs: Errors, where: Where, value: Any, shape: str | None, rule: str, own: bool = False,
           newer: bool = False) -> None:
    """own: the constraint is the container's own (sorts before its elements' errors);
    newer: worded as AWS's newer validation framework does (NEWER_LINE)."""
    rank = rank_of(where) + (((-1,),) if own else ())
    if newer:
        text = NEWER_LINE.format(path=path_of(where, model_names=True), rule=rule)
    else:
        text = _line(value, shape, path_of(where), rule)
    errs.append((rank, where, text))


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

    def report(self, value: Any, shape: str, where: Where, errs: Errors, own: bool = False,
               newer: bool = False) -> None:
        for rule in self.rules:
            if not rule.ok(value):
                record(errs, where, value, shape, rule.text, own, newer)


def _size(value: Any) -> int:
    if isinstance(value, str):
        return _java_length(value)
    return len(value)


def _identity(value: Any) -> Any:
    return value


def _compare(measure: Callable[[Any], Any], op: Callable[[Any, Any], bool], bound: Any) -> Callable[[Any], bool]:
    def ok(value: Any) -> bool:
        return op(measure(value), bound)
    return ok


def _for_names(rule: Rule, low: int) -> Callable[[Any], bool]:
    """A TableName rule that applies to names only: not to ARNs, nor to values already too short."""
    def ok(value: Any) -> bool:
        return _size(value) < low or value.startswith("arn:") or rule.ok(value)
    return ok


def _length_rules(shape: dict[str, Any]) -> list[Rule]:
    rules: list[Rule] = []
    if "min" in shape:
        low = int(shape["min"])
        rules.append(Rule(_compare(_size, operator.ge, low), MIN_LENGTH.format(n=low)))
    if "max" in shape:
        high = int(shape["max"])
        rules.append(Rule(_compare(_size, operator.le, high), MAX_LENGTH.format(n=high)))
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
        listed = ", ".join(java_order(declaration_order(name, list(shape["enum"])), buckets=32))
        rules.append(Rule(lambda v: v in allowed, ENUM.format(values=listed)))
    if "pattern" in shape:
        compiled = re.compile(PATTERN_TRANSLATIONS.get(shape["pattern"], shape["pattern"]))
        rules.append(Rule(lambda v: compiled.fullmatch(v) is not None, PATTERN.format(pattern=shape["pattern"])))
    if kind in ("integer", "long", "double"):
        if "min" in shape:
            low = shape["min"]
            rules.append(Rule(_compare(_identity, operator.ge, low), MIN_VALUE.format(n=low)))
        if "max" in shape:
            high = shape["max"]
            rules.append(Rule(_compare(_identity, operator.le, high), MAX_VALUE.format(n=high)))
    elif kind != "blob":
        rules += _length_rules(shape)
    if not rules:
        return None
    if kind == "string" and "enum" in shape:
        return Constraint(rules, lambda v: v in allowed)
    return Constraint(rules)


def table_name_constraint(model_: Model) -> Constraint:
    """TableName members: an ARN within TableArn's length, or a name by the TableName shape
    (a name's length is reported before its pattern, as AWS does)."""
    arn = model_.shapes[TABLE_ARN_SHAPE]
    name_shape = model_.shapes[TABLE_NAME_SHAPE]
    named = scalar_constraint(TABLE_NAME_SHAPE, name_shape)
    assert named is not None
    low, high = int(arn.get("min", 1)), int(arn.get("max", 1024))
    rules: list[Rule] = [Rule(lambda v: _size(v) >= low, MIN_LENGTH.format(n=low))]
    by_kind = sorted(named.rules, key=lambda r: r.text.startswith("Member must satisfy regular expression"))
    for rule in by_kind:
        rules.append(Rule(_for_names(rule, low), rule.text))
    rules.append(Rule(lambda v: not v.startswith("arn:") or _size(v) <= high, MAX_LENGTH.format(n=high)))
    plain = re.compile("[a-zA-Z0-9_.-]{%d,%d}" % (int(name_shape["min"]), int(name_shape["max"])))
    return Constraint(rules, lambda v: plain.fullmatch(v) is not None or (v.startswith("arn:") and len(v) <= high))



def table_name_keys_rule(model_: Model) -> str:
    """"Map keys must satisfy constraint: [...]" for a map keyed by table names (the TableName
    shape's rules, listed as DynamoDB lists them)."""
    named = scalar_constraint(TABLE_NAME_SHAPE, model_.shapes[TABLE_NAME_SHAPE])
    assert named is not None
    return MAP_KEYS.format(rules=", ".join(r.text for r in reversed(named.rules)))


def _java_length(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2



def declaration_order(shape_name: str, members: list[str]) -> list[str]:
    first = [m for m in DECLARATION_ORDER.get(shape_name, ()) if m in members]
    if not first:
        return members
    # the listed members swap into the positions they jointly occupy, in the listed order
    slots = sorted(members.index(m) for m in first)
    out = list(members)
    for slot, member in zip(slots, first):
        out[slot] = member
    return out
