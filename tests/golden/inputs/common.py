"""Builders for golden case inputs.

An input module `inputs/<area>/<group>.py` defines `CASES: list[dict]`, usually generated from a
table of inputs. record.py runs each against DynamoDB Local and writes
`cases/<area>/<group>.json`; the case's name becomes `<area>/<group>/<slug>`.

`aws` on a step overrides parts of the recorded response with what AWS answers, where DynamoDB
Local is known to differ (see /work/shared/reference/ddblocal-vs-aws.md); it is a dict, or a
function of the recorded response returning one; `aws_note` says why.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

Step = dict[str, Any]
Case = dict[str, Any]

PAY = {"BillingMode": "PAY_PER_REQUEST"}


def step(op: str, body: Any = None, *, raw: str | None = None, headers: dict[str, str | None] | None = None,
         aws: dict[str, Any] | Callable[[dict[str, Any]], dict[str, Any]] | None = None,
         aws_note: str | None = None, ignore: list[str] | None = None) -> Step:
    out: Step = {"op": op}
    if ignore:
        out["ignore"] = ignore
    if raw is not None:
        out["raw"] = raw
    else:
        out["body"] = {} if body is None else body
    if headers is not None:
        out["headers"] = headers
    if aws is not None:
        if not aws_note:
            raise ValueError("an aws override needs an aws_note")
        out["aws"] = aws
        out["aws_note"] = aws_note
    return out


def case(name: str, op: str, body: Any = None, *, setup: Iterable[Step] = (), then: Iterable[Step] = (),
         note: str | None = None, **kw: Any) -> Case:
    """A case whose first compared step is `op` with `body`; `then` are further compared steps."""
    out: Case = {"name": name}
    if note:
        out["note"] = note
    out["setup"] = list(setup)
    out["steps"] = [step(op, body, **kw), *then]
    return out


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.+=<>-]+", "-", text).strip("-")[:80] or "empty"


def unique_name(name: str, seen: set[str]) -> str:
    """`name`, or `name-2`, `name-3`... if an earlier case of the group took it."""
    base, k = name, 1
    while name in seen:
        k += 1
        name = f"{base}-{k}"
    seen.add(name)
    return name


# ---------------------------------------------------------------- tables and items


def table(name: str = "{T}", hash_: tuple[str, str] = ("pk", "S"), range_: tuple[str, str] | None = None,
          **extra: Any) -> Step:
    keys = [{"AttributeName": hash_[0], "KeyType": "HASH"}]
    defs = [{"AttributeName": hash_[0], "AttributeType": hash_[1]}]
    if range_:
        keys.append({"AttributeName": range_[0], "KeyType": "RANGE"})
        defs.append({"AttributeName": range_[0], "AttributeType": range_[1]})
    body: dict[str, Any] = {"TableName": name, "KeySchema": keys, "AttributeDefinitions": defs}
    body.update(extra or PAY)
    return step("CreateTable", body)


def hash_table(name: str = "{T}", type_: str = "S") -> Step:
    return table(name, ("pk", type_))


def range_table(name: str = "{T}", hash_type: str = "S", range_type: str = "N") -> Step:
    return table(name, ("pk", hash_type), ("sk", range_type))


def put(item: dict[str, Any], name: str = "{T}") -> Step:
    return step("PutItem", {"TableName": name, "Item": item})


def get(key: dict[str, Any], name: str = "{T}", **extra: Any) -> Step:
    return step("GetItem", {"TableName": name, "Key": key, "ConsistentRead": True, **extra})


def S(v: str) -> dict[str, Any]:
    return {"S": v}


def N(v: str | int) -> dict[str, Any]:
    return {"N": str(v)}


def K(pk: str = "k") -> dict[str, Any]:
    return {"pk": {"S": pk}}


# A rich item used by expression cases: every type, nesting, lists.
RICH = {
    "pk": S("k"),
    "s": S("hello"),
    "n": N("5"),
    "b": {"B": "AQID"},
    "t": {"BOOL": True},
    "f": {"BOOL": False},
    "nul": {"NULL": True},
    "ss": {"SS": ["a", "b", "c"]},
    "ns": {"NS": ["1", "2", "3"]},
    "bs": {"BS": ["AQ==", "Ag=="]},
    "l": {"L": [S("x"), N("1"), {"L": [S("deep")]}, {"M": {"k": S("v")}}]},
    "m": {"M": {"a": N("1"), "b": {"M": {"c": S("z")}}, "l": {"L": [N("10"), N("20")]}, "dot.ted": S("d")}},
    "empty_s": S(""),
    "empty_l": {"L": []},
    "empty_m": {"M": {}},
}


def rich_setup(name: str = "{T}") -> list[Step]:
    return [hash_table(name), put(RICH, name)]


# ---------------------------------------------------------------- aws overrides


def trim_number(text: str) -> str:
    """A number as DynamoDB stores it: no leading or trailing zeroes, no exponent."""
    d = Decimal(text)
    if d == 0:
        return "0"
    s = format(d.normalize(), "f")
    return s


def trim_numbers(value: Any) -> Any:
    """`value` with every N / NS member written as DynamoDB writes numbers."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k == "N" and isinstance(v, str) and len(value) == 1:
                out[k] = trim_number(v)
            elif k == "NS" and isinstance(v, list) and len(value) == 1:
                out[k] = [trim_number(x) for x in v]
            else:
                out[k] = trim_numbers(v)
        return out
    if isinstance(value, list):
        return [trim_numbers(v) for v in value]
    return value


def aws_trimmed(resp: dict[str, Any]) -> dict[str, Any]:
    return {"body": trim_numbers(resp["body"])}


TRIM_NOTE = ("DynamoDB Local keeps the scale of arithmetic results (2.50); DynamoDB stores numbers "
             "without leading or trailing zeroes (2.5)")

SER_NOTE = ("DynamoDB Local answers 500 InternalFailure to JSON it cannot map onto the operation's "
            "shape; DynamoDB answers 400 SerializationException (com.amazon.coral.service) naming the "
            "JSON token it found (AWS messages as reported in public SDK issue threads).")
AUTH_NOTE = "DynamoDB Local answers 500 to a malformed Authorization header; DynamoDB answers 400."

AWS_MSG_NOTE = ("DynamoDB Local words this validation differently (or accepts the request); the AWS "
                "message is DynamoDB's as recorded against AWS by dynalite's test suite / the service model")


def validation_override(message: str | None, type_: str = "ValidationException") -> dict[str, Any]:
    """Keyword arguments for case()/step(): an aws override expecting this 400 error, or nothing."""
    if message is None:
        return {}
    return {"aws": {"status": 400, "type": type_, "message": message, "body": {}}, "aws_note": AWS_MSG_NOTE}

SCHEMA_MISMATCH = "The provided key element does not match the schema"
# PutItem/UpdateItem/DeleteItem check values in DynamoDB's current layer, which reports a bad
# ExpressionAttributeValues value without this wrapper, and AttributeUpdates errors inside the
# envelope (AWS captures of 2026-10 in four regions, paritysuite/dynamodb-conformance valueLayers).
WRAPPED_VALUE = re.compile(r"ExpressionAttributeValues contains invalid value: (.*) for key :\S+", re.S)


def table_name_length_error(name: str) -> str:
    """AWS's answer to a plain table name outside 3..255 characters: the model's length constraint
    (AWS captures of 2026 in nubo-db/dynamodb-conformance; dynalite's older recordings said
    "TableName must be at least 3 characters long and at most 255 characters long")."""
    bound = ("less than or equal to 255" if len(name) > 255
             else "greater than or equal to 1" if not name else "greater than or equal to 3")
    return (f"1 validation error detected: Value '{name}' at 'tableName' failed to satisfy constraint: "
            f"Member must have length {bound}")
NOT_FOUND = {"aws": {"status": 400, "type": "ResourceNotFoundException", "message": "Requested resource not found", "body": {}},
             "aws_note": "DynamoDB Local says 'Cannot do operations on a non-existent table'; DynamoDB says 'Requested resource not found'"}


def null_at(member: str) -> str:
    return f"1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null"


# Expression attribute values and names the expression cases draw from: a case gets exactly the
# ones its expression mentions (DynamoDB rejects unused ones), unless it says otherwise.
VALUES = {
    ":one": N("1"), ":two": N("2"), ":four": N("4"), ":five": N("5"), ":six": N("6"), ":ten": N("10"),
    ":big": N("9.9999999999999999999999999999999999999E+125"), ":half": N("0.5"),
    ":hello": S("hello"), ":he": S("he"), ":ell": S("ell"), ":world": S("world"), ":a": S("a"), ":x": S("x"),
    ":z": S("z"), ":d": S("d"), ":v": S("v"), ":same": S("same"), ":empty": S(""), ":deep": S("deep"),
    ":bin": {"B": "AQID"}, ":b1": {"B": "AQ=="}, ":t": {"BOOL": True}, ":null": {"NULL": True},
    ":ss": {"SS": ["c", "b", "a"]}, ":ss_a": {"SS": ["a"]}, ":ss_d": {"SS": ["d", "e"]}, ":ns": {"NS": ["1", "2", "3"]},
    ":ns_1": {"NS": ["1"]}, ":ns_9": {"NS": ["9"]}, ":bs_1": {"BS": ["AQ=="]},
    ":l": {"L": [S("x"), N("1"), {"L": [S("deep")]}, {"M": {"k": S("v")}}]}, ":l2": {"L": [S("y"), S("z")]},
    ":m": {"M": {"a": N("1")}}, ":emptyl": {"L": []},
    ":S": S("S"), ":N": S("N"), ":B": S("B"), ":BOOL": S("BOOL"), ":NULL": S("NULL"), ":SS": S("SS"),
    ":NS": S("NS"), ":BS": S("BS"), ":L": S("L"), ":M": S("M"), ":bogus": S("STRING"),
}
NAMES = {"#s": "s", "#n": "n", "#m": "m", "#l": "l", "#dt": "dot.ted", "#name": "name", "#pk": "pk", "#a": "a",
         "#b": "b", "#c": "c", "#missing": "missing", "#ss": "ss"}

_VAL = re.compile(r":[A-Za-z0-9_]+")
_NAME = re.compile(r"#[A-Za-z0-9_]+")


def expr_params(*exprs: str | None) -> dict[str, Any]:
    """ExpressionAttributeNames / ExpressionAttributeValues for exactly what `exprs` mention."""
    text = " ".join(e for e in exprs if e)
    out: dict[str, Any] = {}
    names = {n: NAMES[n] for n in _NAME.findall(text) if n in NAMES}
    values = {v: VALUES[v] for v in _VAL.findall(text) if v in VALUES}
    if names:
        out["ExpressionAttributeNames"] = names
    if values:
        out["ExpressionAttributeValues"] = values
    return out

PRECISION = {"aws": {"status": 400, "type": "ValidationException",
                     "message": "Attempting to store more than 38 significant digits in a Number", "body": {}},
             "aws_note": "DynamoDB Local says 'DynamoDB only supports precision up to 38 digits'; DynamoDB's wording is "
                         "'Attempting to store more than 38 significant digits in a Number'"}


def java_order(values: list[str]) -> list[str]:
    """Enum values in the order DynamoDB lists them in "Member must satisfy enum value set: [...]":
    a Java hash set's iteration order (String.hashCode masked to 32 buckets, ties in declaration
    order). Checked against the lists recorded from AWS: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE,
    UPDATED_NEW], [INDEXES, TOTAL, NONE], [B, N, S], [HASH, RANGE]."""
    def bucket(text: str) -> int:
        h = 0
        for ch in text:
            h = (31 * h + ord(ch)) & 0xFFFFFFFF
        return h & 31
    return [v for _, v in sorted(enumerate(values), key=lambda p: (bucket(p[1]), p[0]))]


def enum_message(value: str, member: str, values: list[str]) -> str:
    return (f"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: "
            f"Member must satisfy enum value set: [{', '.join(java_order(values))}]")


def not_numeric(value: str) -> str:
    """DynamoDB's message for an N that is not a number (DynamoDB Local says 'A value provided
    cannot be converted into a number')."""
    return "The parameter cannot be converted to a numeric value: " + value


NUMERIC_NOTE = ("DynamoDB Local says 'A value provided cannot be converted into a number'; DynamoDB says "
                "'The parameter cannot be converted to a numeric value: <value>' (captured against AWS: "
                "paritysuite/dynamodb-conformance valueLayers; dynalite's AWS recordings)")


def numeric_override(value: str, prefix: str = "", suffix: str = "") -> dict[str, Any]:
    return {"aws": {"status": 400, "type": "ValidationException", "message": prefix + not_numeric(value) + suffix, "body": {}},
            "aws_note": NUMERIC_NOTE}


# AWS's current validation layer (PutItem, UpdateItem, DeleteItem, GetItem, BatchGetItem, Query),
# captured against AWS in 2026 (paritysuite/dynamodb-conformance, tests/tier3/error-messages/
# valueLayers.test.ts and limits/numberExponent.test.ts): numbers are refused with "The parameter
# cannot be converted to a numeric value: <text>" (Local: "A value provided cannot be converted into
# a number"), set duplicates quote their members in byte order, and PutItem / UpdateItem /
# DeleteItem put value errors inside "1 validation error detected: " (GetItem reports them bare).
ENVELOPE = "1 validation error detected: "
NOT_NUMERIC = "The parameter cannot be converted to a numeric value: "
OVERFLOW = "Number overflow. Attempting to store a number with magnitude larger than supported range"
UNDERFLOW = "Number underflow. Attempting to store a number with magnitude smaller than supported range"
PRECISION_MSG = "Attempting to store more than 38 significant digits in a Number"
VALUE_LAYER_NOTE = ("DynamoDB Local words value errors its own way and never wraps them; AWS's current validation "
                    "layer (captured in four regions, 2026-10, paritysuite/dynamodb-conformance valueLayers and "
                    "numberExponent tests) uses this wording, inside '1 validation error detected: ' for "
                    "PutItem/UpdateItem/DeleteItem and bare for GetItem")


def value_override(message: str, enveloped: bool) -> dict[str, Any]:
    """Keyword arguments for case(): AWS's answer to a malformed attribute value."""
    text = (ENVELOPE if enveloped else "") + message
    return {"aws": {"status": 400, "type": "ValidationException", "message": text, "body": {}},
            "aws_note": VALUE_LAYER_NOTE}


OVERFLOW_ARITH = {"aws": {"status": 400, "type": "ValidationException", "message": OVERFLOW, "body": {}},
                  "aws_note": "An arithmetic result that needs more than 38 digits or lies past 9.99E+125 is refused "
                              "by AWS as 'Number overflow' (captured: nubo-db/dynamodb-conformance numberPrecision "
                              "9.9e125 + 9.9e125; ScyllaDB Alternator's test_number.py notes AWS answers overflow "
                              "even for 1e50 - 1); DynamoDB Local says 'DynamoDB only supports precision up to 38 digits'"}
