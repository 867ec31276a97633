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
   most ten errors are listed. The rules, their texts, that order and the echoed values live in
   constraints.py; this module walks the request.

Every operation's input shape is compiled once into nested closures (`_VALIDATORS`, built lazily
per operation and then cached), so validating a typical GetItem or PutItem costs a few
microseconds. Table names follow DynamoDB's current rule: a TableName member accepts an ARN
(model shape TableArn, 1..1024) and otherwise must satisfy the TableName shape (3..255,
[a-zA-Z0-9_.-]+).
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Callable, Iterable
from typing import Any

from ddbserver.api import constraints
from ddbserver.api.constraints import (
    DYNAMODB,
    ELEMENT,
    ENTRY,
    ERROR_LINE,
    MAP_VALUE,
    MEMBER,
    NOT_NULL,
    TABLE_ARN_SHAPE,
    Constraint,
    Errors,
    Model,
    Where,
    declaration_order,
    java_hash,
    java_order,
    length_constraint,
    lower_first,
    model,
    path_of,
    rank_of,
    record,
    scalar_constraint,
    table_name_constraint,
    table_name_keys_rule,
)
from ddbserver.errors import DynamoError, serialization, validation

__all__ = ["java_hash", "java_order", "model", "validate", "validator", "warm"]

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

# Checks DynamoDB makes before its constraint pass, with their own text: (operation, member) ->
# message for the member absent (or, for a map, empty).
PRESENCE_RULES: dict[tuple[str, str], str] = {
    ("CreateTable", "TableName"): "The parameter 'TableName' is required but was not present in the request",
    ("BatchWriteItem", "RequestItems"): "The requestItems parameter is required for BatchWriteItem",
}
# Enum members AWS's newer validation framework checks on their own: a value outside the set is
# answered bare and alone, ahead of the other constraint errors (operation, member) -> (values,
# message). Query's ConditionalOperator: AWS, eu-west-2 and us-east-1, 2026-10-09
# (paritysuite/dynamodb-conformance tier3 validation-ordering query.test.ts; the set printed
# as "[ALL, OR]" is AWS's text).
EARLY_ENUMS: dict[tuple[str, str], tuple[frozenset[str], str]] = {
    ("Query", "ConditionalOperator"): (frozenset({"AND", "OR"}),
                                       "Failed to satisfy constraint: Member must satisfy enum value set: [ALL, OR]"),
}
# Structures whose errors DynamoDB lists in a fixed order (observed), before any other member's.
REPORT_ORDER: dict[str, tuple[str, ...]] = {
    "CreateTableInput": ("AttributeDefinitions", "TableName", "ProvisionedThroughput", "KeySchema"),
    "QueryInput": ("Limit", "ReturnConsumedCapacity", "AttributesToGet", "QueryFilter", "Select", "KeyConditions",
                   "TableName", "IndexName"),
    # Java's order but the table name right after ReturnConsumedCapacity (AWS, eu-west-2 and
    # us-east-1, 2026-10-09: "returnConsumedCapacity; tableName; returnValues; key").
    "UpdateItemInput": ("UpdateExpression", "ReturnItemCollectionMetrics", "ExpressionAttributeNames",
                        "ExpressionAttributeValues", "ConditionalOperator", "ReturnValuesOnConditionCheckFailure",
                        "AttributeUpdates", "ReturnConsumedCapacity", "TableName", "ReturnValues",
                        "ConditionExpression", "Expected", "Key"),
    # AWS, us-east-1, 2026-10-09 (paritysuite/dynamodb-conformance tier3 transactions ordering):
    # "clientRequestToken; returnConsumedCapacity", and ReturnConsumedCapacity before
    # ReturnItemCollectionMetrics.
    "TransactWriteItemsInput": ("ClientRequestToken", "ReturnConsumedCapacity", "ReturnItemCollectionMetrics"),
}
# Shapes whose constraints (lengths, presence, enums) DynamoDB leaves to the operation, which
# reports them in its own words ("The Tag Key provided is invalid, Key: ..." in api/tags.py,
# "Invalid table-class parameter provided..." in CreateTable/UpdateTable).
OPERATION_CHECKED = frozenset({"Tag", "TagKeyString", "TagValueString", "TableClass"})
# List and map shapes whose length constraints AWS words in its newer validation framework
# ("Value at 'RequestItems.<T>.member.Keys' ...", no value echoed). Both are BatchGetItem's only;
# captured against AWS in 2026 (paritysuite/dynamodb-conformance, tests/tier3/error-messages/
# batchGetItem.test.ts). Its other constraints (not-null, enums) keep the older form.
NEWER_WORDING = frozenset({"BatchGetRequestMap", "KeyList"})
# Scalar members worded that way too: Query's Limit ("Value at 'Limit' failed to satisfy
# constraint: ...", nubo-db/dynamodb-conformance tier3 error-messages query.test.ts, captured
# against AWS in 2026), while Scan's and ListTables' Limit still echo the value at 'limit'.
NEWER_MEMBERS = frozenset({("QueryInput", "Limit")})
NEWER = "newer"  # the compile context of such a member
# Maps whose keys AWS checks as table names, reported once at the map with the map echoed as JSON:
# "Value '{"ab":{...}}' at 'requestItems' failed to satisfy constraint: Map keys must satisfy
# constraint: [...]" (same capture; BatchWriteItem checks its names after the model's constraints,
# see api/ops/batch_write_item.py).
TABLE_NAME_KEYS = frozenset({"BatchGetRequestMap"})
# Members DynamoDB still requires though the current model no longer marks them required.
EXTRA_REQUIRED: dict[str, tuple[str, ...]] = {"CreateTableInput": ("AttributeDefinitions", "KeySchema")}
# Operations that, when a request's only faults are top-level enum values, report just one of
# them: the first in this order. UpdateItem with ReturnValues and ReturnConsumedCapacity both
# invalid answers "1 validation error detected: ...'returnValues'..." (AWS eu-west-2 2026-06,
# nubo-db and paritysuite dynamodb-conformance tier3/validation-ordering/updateItem.test.ts);
# with a structural fault too (empty table name, no Key) every fault is listed.
FIRST_ENUM_ONLY: dict[str, tuple[str, ...]] = {
    "UpdateItem": ("returnValues", "returnConsumedCapacity", "returnItemCollectionMetrics",
                   "returnValuesOnConditionCheckFailure", "conditionalOperator"),
}
_ENUM_RULE = constraints.ENUM.split("[")[0]
# Operations that, when the table name is at fault and no required member is missing, report
# only the table name's faults: PutItem with TableName '' and ReturnValues 'INVALID' names the
# table name alone (AWS eu-west-2 2026-06, nubo-db dynamodb-conformance
# tier3/validation-ordering/putItem.test.ts); with Key missing UpdateItem lists every fault.
TABLE_NAME_FIRST = frozenset({"PutItem", "UpdateItem"})
# PutItem, DeleteItem and UpdateItem in AWS's newer validation framework (us-east-1 since
# 2026-08, nubo-db/dynamodb-conformance captures/2026-08-12-wording-drift.json; exoego
# registry/splits.json rows put-item- and update-item-validation-error-aggregation, 2026-09-02):
# when no required member is missing, an empty table name is named "TableName" without its value,
# and an invalid ReturnValues is worded as below, listed after returnConsumedCapacity. With a
# member missing every fault keeps the older wording.
NEWER_ITEM_WORDING = frozenset({"PutItem", "DeleteItem", "UpdateItem"})
EMPTY_TABLE_NAME_OLDER = ("Value '' at 'tableName' failed to satisfy constraint: "
                          "Member must have length greater than or equal to 1")
EMPTY_TABLE_NAME_NEWER = ("Value at 'TableName' failed to satisfy constraint: "
                          "Member must have length greater than or equal to 1")
RETURN_VALUES_NEWER = ("Failed to satisfy constraint: Member must satisfy enum value set: "
                       "[ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATE_NEW, NONE]")

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


# ---- compiling shapes into checks ----------------------------------------------------------------


class Compiler:
    """Turns model shapes into check closures; one closure per (shape, context), shared."""

    def __init__(self, model_: Model) -> None:
        self.model = model_
        self.cache: dict[tuple[str, str], Check] = {}

    def compile(self, shape_name: str, context: str = "field") -> Check:
        """context: "field" (a structure member), "value" (list element or map value: a structure
        there is a value struct), "nested" (a collection inside a collection), NEWER (a scalar
        member of NEWER_MEMBERS)."""
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
        return self._scalar(name, shape, newer=context == NEWER)

    # -- scalars

    def _scalar(self, name: str, shape: dict[str, Any], newer: bool = False) -> Check:
        kind = shape["type"]
        if name in OPERATION_CHECKED:
            constraint = None
        elif name == TABLE_ARN_SHAPE:
            constraint = table_name_constraint(self.model)
        else:
            constraint = scalar_constraint(name, shape)
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
                    constraint.report(value, name, where, errs, newer=newer)
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
        fixed = REPORT_ORDER.get(name, ())
        hashed = [m for m in java_order(declaration_order(name, list(shape["members"]))) if m not in fixed]
        order = {m: i for i, m in enumerate([*fixed, *hashed])}
        for member, spec in shape["members"].items():
            plain = self._plain_type(spec["shape"])
            where_used = NEWER if (name, member) in NEWER_MEMBERS else "field"
            members[member] = (plain, self.compile(spec["shape"], where_used), lower_first(member), order[member])
        needed = [] if name in OPERATION_CHECKED else list(shape.get("required", ()))
        needed += [m for m in EXTRA_REQUIRED.get(name, ()) if m not in needed]
        required = [(m, lower_first(m), order[m]) for m in needed]
        scalar = UNEXPECTED_FIELD if context == "field" else UNEXPECTED_VALUE
        listed = COLLECTION.format(java=f"class {JAVA_PACKAGE}{name}")

        def check_structure(value: Any, where: Where, errs: Errors) -> Any:
            if type(value) is not dict:
                raise _wrong_container(value, False, scalar, listed)
            absent: list[str] | None = None
            for key, item in value.items():
                found = members.get(key)
                if found is None or type(item) is found[0]:
                    continue
                if item is None:  # JSON null is an absent member: drop it for the handlers
                    absent = (absent or []) + [key]
                    continue
                _, check, wire, position = found
                result = check(item, (where, MEMBER, wire, position), errs)
                if result is not item:
                    value[key] = result
            if absent:
                for key in absent:
                    del value[key]
            for member, wire, position in required:
                if value.get(member) is None:
                    record(errs, (where, MEMBER, wire, position), None, None, NOT_NULL)
            return value
        return check_structure

    def _plain_type(self, shape_name: str) -> type | None:
        """str or bool for a member with no constraints (checked inline, without a call)."""
        shape = self.model.shapes[shape_name]
        if shape_name in OPERATION_CHECKED:
            return {"string": str, "boolean": bool}.get(shape["type"])
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
        newer = name in NEWER_WORDING
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
                constraint.report(value, name, where, errs, own=True, newer=newer)
            return value
        return check_list

    def _map(self, name: str, shape: dict[str, Any], context: str) -> Check:
        value_name = shape["value"]["shape"]
        value_shape = self.model.shapes[value_name]
        element = self.compile(value_name, "nested" if value_shape["type"] in ("list", "map") else "value")
        constraint = length_constraint(shape)
        inner_rules = scalar_constraint(value_name, value_shape) if value_shape["type"] != "structure" else None
        nested = context == "nested"
        newer = name in NEWER_WORDING
        keys_ok = table_name_constraint(self.model).fast if name in TABLE_NAME_KEYS else None
        keys_rule = table_name_keys_rule(self.model)
        listed = COLLECTION.format(java=java_type(self.model, name))

        def check_map(value: Any, where: Where, errs: Errors) -> Any:
            if type(value) is not dict:
                raise _wrong_container(value, nested, UNEXPECTED_FIELD, listed)
            if keys_ok is not None and not all(keys_ok(key) for key in value):
                # echoed as the request sent it, before the entries' checks convert anything
                shown = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
                errs.append((rank_of(where) + ((-1,),), where,
                             ERROR_LINE.format(value=f"'{shown}'", path=path_of(where), rule=keys_rule)))
            inner: Errors = [] if inner_rules is not None else errs
            for index, (key, item) in enumerate(value.items()):
                if item is None:
                    continue
                result = element(item, (where, ENTRY, key, index), inner)
                if result is not item:
                    value[key] = result
            if inner_rules is not None and inner:
                _collapse_map_values(inner, where, value, name, inner_rules, errs)
            if constraint is not None and not constraint.fast(value):
                constraint.report(value, name, where, errs, own=True, newer=newer)
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
        record(errs, where, value, name, text)


# ---- entry point -------------------------------------------------------------------------------


Validator = Callable[[dict[str, Any]], None]
_VALIDATORS: dict[tuple[str, str], Validator] = {}
_COMPILERS: dict[str, Compiler] = {}


def validator(operation: str, service: str = DYNAMODB) -> Validator | None:
    """The compiled validator of an operation, or None if the service's model has no such operation."""
    found = _VALIDATORS.get((service, operation))
    if found is not None:
        return found
    m = model(service)
    if operation not in m.inputs:
        return None
    compiler = _COMPILERS.get(service)
    if compiler is None:
        compiler = _COMPILERS[service] = Compiler(m)
    shape_name = m.inputs[operation]
    check = compiler.compile(shape_name) if shape_name else None
    presence = {member: text for (op, member), text in PRESENCE_RULES.items() if op == operation}
    first_enum = FIRST_ENUM_ONLY.get(operation)
    table_first = operation in TABLE_NAME_FIRST
    newer_item = operation in NEWER_ITEM_WORDING
    early = [(member, rule) for (op, member), rule in EARLY_ENUMS.items() if op == operation]

    def run(body: dict[str, Any]) -> None:
        for member, text in presence.items():
            given = body.get(member)
            if given is None or given == {}:  # absent, null, or (for a map) empty
                raise validation(text)
        if check is None:
            return
        errs: Errors = []
        check(body, (), errs)  # raises a SerializationException at once
        for member, (allowed, text) in early:
            if member in body and body[member] not in allowed:
                raise validation(text)
        if errs:
            if table_first:
                errs = _table_name_only(errs)
            if first_enum is not None:
                errs = _first_enum_only(errs, first_enum)
            if newer_item:
                errs = _newer_item_wording(errs)
            raise validation(summarize(errs))

    _VALIDATORS[(service, operation)] = run
    return run


def _table_name_only(errs: Errors) -> Errors:
    """`errs` cut to the table name's faults when it has some and no member is missing."""
    named = [e for e in errs if e[1][0] == () and e[1][2] == "tableName"]
    if not named or _member_missing(errs):
        return errs
    return named


def _member_missing(errs: Errors) -> bool:
    """Whether a required member is missing among `errs` (the newer wordings and orders of
    PutItem / UpdateItem / DeleteItem apply only when none is)."""
    return any(constraints.NOT_NULL in text for _, _, text in errs)


def _first_enum_only(errs: Errors, order: tuple[str, ...]) -> Errors:
    """`errs` cut to its first enum error (by `order`) when top-level enums are all it holds."""
    if not all(_ENUM_RULE in text and where[0] == () for _, where, text in errs):
        return errs
    rank = {member: i for i, member in enumerate(order)}
    return [min(errs, key=lambda e: rank.get(e[1][2], len(order)))]


def _newer_item_wording(errs: Errors) -> Errors:
    """`errs` of PutItem / DeleteItem / UpdateItem in the newer wording (NEWER_ITEM_WORDING)
    when no required member is missing, ranked again: returnValues after returnConsumedCapacity."""
    if _member_missing(errs):
        return errs
    out = []
    for rank, where, text in sorted(errs, key=lambda e: e[0]):
        top = where[0] == ()
        if top and where[2] == "tableName" and text == EMPTY_TABLE_NAME_OLDER:
            text = EMPTY_TABLE_NAME_NEWER
        elif top and where[2] == "returnValues" and _ENUM_RULE in text:
            text = RETURN_VALUES_NEWER
        out.append((where, text))
    rv = [e for e in out if e[1] == RETURN_VALUES_NEWER]
    if rv:
        out.remove(rv[0])
        after = next((i + 1 for i, (where, _) in enumerate(out)
                      if where[0] == () and where[2] == "returnConsumedCapacity"), 0)
        out.insert(after, rv[0])
    return [((i,), where, text) for i, (where, text) in enumerate(out)]


def summarize(errs: Errors) -> str:
    """"N validation error(s) detected: ..." with at most ten errors, in DynamoDB's order."""
    lines = [text for _, _, text in sorted(errs, key=lambda e: e[0])][:MAX_LISTED]
    noun = "error" if len(lines) == 1 else "errors"
    return f"{len(lines)} validation {noun} detected: " + "; ".join(lines)


def validate(operation: str, body: dict[str, Any], service: str = DYNAMODB) -> None:
    """Raise DynamoDB's SerializationException or ValidationException for a malformed request."""
    run = validator(operation, service)
    if run is not None:
        run(body)


def warm(operations: Iterable[str], service: str = DYNAMODB) -> None:
    """Compile the validators of these operations now (when the server starts)."""
    for name in operations:
        validator(name, service)
