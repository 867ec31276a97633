"""A request's expressions and legacy parameters, compiled for the engine.

`prepare(body, condition=..., update=..., projection=..., filter=..., key_condition=...)` reads
the expression members an operation accepts, with ExpressionAttributeNames /
ExpressionAttributeValues, and returns closures for the engine. Everything that depends only on
the request is checked here, in DynamoDB's order:

1. legacy and expression parameters mixed (engine/expr/legacy.py owns that rule);
2. ExpressionAttributeNames / Values given without expressions, empty, or with bad keys/values;
3. each expression in turn (UpdateExpression, ConditionExpression, FilterExpression,
   ProjectionExpression, KeyConditionExpression): parse (cached by text) and resolve, prefixed
   "Invalid <member>: "; an update's paths must not overlap;
4. names, then values, that no expression used;
5. an update may not touch a key attribute (`check_key_update` once the table is known, or here
   when `key_names` is given).

Errors are raised bare; the write operations wrap them in AWS's "1 validation error detected: "
(api/items.request_checks), except the key-attribute one. Results are cached per request text.

Query and Scan reuse this with `filter=True` (FilterExpression -> `Prepared.filter`) and
`key_condition=True` (the resolved KeyConditionExpression tree -> `Prepared.key_condition`, for
the key planner to read).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import orjson

from ddbserver.engine import values as values_mod
from ddbserver.engine.expr import ast, cache, legacy, paths
from ddbserver.engine.expr.charge import Charge, charge_of
from ddbserver.engine.expr.evaluate import compile_condition
from ddbserver.engine.expr.parser import CONDITION, FILTER, KEY_CONDITION, PROJECTION, UPDATE
from ddbserver.engine.expr.resolve import Resolver, check_update
from ddbserver.engine.expr.update import compile_update
from ddbserver.engine.writes import Condition, Update
from ddbserver.errors import DynamoError, invalid_parameter, validation

Item = dict[str, Any]
Projection = Callable[[Item], Item]

NAMES_WITHOUT_EXPRESSIONS = "ExpressionAttributeNames can only be specified when using expressions"
VALUES_WITHOUT_EXPRESSIONS = "ExpressionAttributeValues can only be specified when using expressions"
EMPTY_MAP = "{member} must not be empty"
BAD_KEY = '{member} contains invalid key: Syntax error; key: "{key}"'
BAD_VALUE = "{member} contains invalid value: {message} for key {key}"
EMPTY_NAME = "Empty attribute name"
UNUSED = "Value provided in {member} unused in expressions: keys: {{{keys}}}"
KEY_UPDATE = "Cannot update attribute {name}. This attribute is part of the key"
VALUE_NESTING = "1 validation error detected: " + values_mod.NESTING
NAMES = "ExpressionAttributeNames"
VALUES = "ExpressionAttributeValues"

_NAME_KEY = re.compile(r"#[A-Za-z0-9_]+")
_VALUE_KEY = re.compile(r":[A-Za-z0-9_]+")
LEGACY_MEMBERS = ("AttributeUpdates", "Expected", "ConditionalOperator", "AttributesToGet",
                  "QueryFilter", "ScanFilter", "KeyConditions")
# Expressions that may use :values, in the order DynamoDB names them in VALUES_WITHOUT_EXPRESSIONS.
VALUE_MEMBERS = (UPDATE, CONDITION, FILTER, KEY_CONDITION)


@dataclass(frozen=True, slots=True)
class Prepared:
    condition: Condition | None = None            # ConditionExpression / Expected
    update: Update | None = None                  # UpdateExpression / AttributeUpdates
    projection: Projection | None = None          # ProjectionExpression / AttributesToGet
    filter: Condition | None = None               # FilterExpression
    key_condition: ast.Condition | None = None    # KeyConditionExpression, resolved
    updated: Projection | None = None             # an item onto the update's paths (UPDATED_OLD/NEW)
    targets: tuple[str, ...] = ()                 # top-level attributes the UpdateExpression writes
    nested: tuple[str, ...] = ()                  # ... of those, the ones it writes below (a.b, a[0])
    charge: Charge | None = None                  # the UpdateExpression's size charge (UpdateItem)


NONE = Prepared()
_MEMBERS = (UPDATE, CONDITION, KEY_CONDITION, FILTER, PROJECTION, NAMES, VALUES, *LEGACY_MEMBERS)
MAX_CACHED = 4096
MAX_CACHED_KEY = 2048  # bytes: requests with large values are not kept
_prepared: dict[Any, Prepared] = {}


def prepare(body: dict[str, Any], *, condition: bool = False, update: bool = False, projection: bool = False,
            filter: bool = False, key_condition: bool = False, key_names: tuple[str, ...] = (),
            older_value_layer: bool = False) -> Prepared:
    """The request's expressions compiled; a request repeating an earlier one's expressions,
    names and values reuses its result (closures are pure, so sharing them is safe).

    DynamoDB checks attribute values in one of two layers (AWS captures of 2026-10 in four
    regions, paritysuite/dynamodb-conformance valueLayers): PutItem, UpdateItem, DeleteItem,
    GetItem and Query report a bad ExpressionAttributeValues value as it is; BatchWriteItem,
    the transactions and Scan (`older_value_layer=True`) wrap it in
    "ExpressionAttributeValues contains invalid value: ... for key :v".

    Errors are raised bare; PutItem / DeleteItem / UpdateItem put them inside AWS's validation
    envelope (api/items.request_checks).
    """
    if not any(m in body for m in _MEMBERS):
        return NONE
    flags = (condition, update, projection, filter, key_condition, key_names, older_value_layer)
    try:
        text = orjson.dumps([body.get(m) for m in _MEMBERS])
        cache_key: Any = (flags, text) if len(text) <= MAX_CACHED_KEY else None
    except TypeError:  # pragma: no cover - bodies come from JSON
        cache_key = None
    hit = _prepared.get(cache_key)
    if hit is not None:
        return hit
    result = _prepare(body, condition=condition, update=update, projection=projection, filter=filter,
                      key_condition=key_condition, key_names=key_names, older_value_layer=older_value_layer)
    if cache_key is not None:
        if len(_prepared) >= MAX_CACHED:
            _prepared.clear()
        _prepared[cache_key] = result
    return result


def _prepare(body: dict[str, Any], *, condition: bool, update: bool, projection: bool, filter: bool,
             key_condition: bool, key_names: tuple[str, ...], older_value_layer: bool) -> Prepared:
    # The order DynamoDB processes the expressions in (observed): the first one wrong is reported.
    accepted = {UPDATE: update, CONDITION: condition, FILTER: filter, PROJECTION: projection,
                KEY_CONDITION: key_condition}
    texts = {m: body[m] for m, ok in accepted.items() if ok and body.get(m) is not None}
    legacy_part: Prepared | None = None
    if any(body.get(m) is not None for m in LEGACY_MEMBERS):
        # ---- legacy parameters: built on this AST in engine/expr/legacy.py ----
        legacy_part = _prepare_legacy(body, texts, accepted, key_names, older_value_layer)
        if not texts:
            return legacy_part
        # only KeyConditions may go with expressions (FilterExpression, ProjectionExpression)
    names, values = _check_maps(body, texts, accepted, older_value_layer)
    if not texts:
        return NONE
    resolver = Resolver(names, values, body.get(VALUES))
    out: dict[str, Any] = {}
    for member, text in texts.items():
        try:
            out[member] = _resolve(member, text, resolver)
        except DynamoError as err:
            raise err.with_prefix(f"Invalid {member}: ") from None
    _check_unused(NAMES, names, resolver.used_names)
    _check_unused(VALUES, values, resolver.used_values)
    compiled = _compile(out, key_names)
    return compiled if legacy_part is None else replace(compiled, key_condition=legacy_part.key_condition)


def _resolve(member: str, text: str, resolver: Resolver) -> Any:
    if member == UPDATE:
        node = resolver.update(cache.update(text))
        paths.check_overlaps([a.path for a in node.actions])
        check_update(node)
        return node
    if member == PROJECTION:
        proj = resolver.projection(cache.projection(text))
        paths.check_overlaps(proj.paths)
        return proj
    return resolver.condition(cache.condition(text, member))


def _compile(trees: dict[str, Any], key_names: tuple[str, ...]) -> Prepared:
    upd: ast.Update | None = trees.get(UPDATE)
    targets: tuple[str, ...] = ()
    nested: tuple[str, ...] = ()
    if upd is not None:
        targets = tuple(str(a.path.elements[0]) for a in upd.actions)
        nested = tuple(str(a.path.elements[0]) for a in upd.actions if len(a.path.elements) > 1)
        _check_key_targets(targets, key_names)
    cond = trees.get(CONDITION)
    filt = trees.get(FILTER)
    proj: ast.Projection | None = trees.get(PROJECTION)
    return Prepared(
        condition=compile_condition(cond) if cond is not None else None,
        update=compile_update(upd) if upd is not None else None,
        projection=paths.compile_projection(proj.paths) if proj is not None else None,
        filter=compile_condition(filt) if filt is not None else None,
        key_condition=trees.get(KEY_CONDITION),
        updated=paths.compile_projection([a.path for a in upd.actions]) if upd is not None else None,
        targets=targets,
        nested=nested,
        charge=charge_of(upd) if upd is not None else None,
    )


def check_key_update(prepared: Prepared, key_names: tuple[str, ...]) -> None:
    """An UpdateExpression may not touch a key attribute (reported bare, once the table is known)."""
    _check_key_targets(prepared.targets, key_names)


def _check_key_targets(targets: tuple[str, ...], key_names: tuple[str, ...]) -> None:
    for head in targets:
        if head in key_names:
            raise invalid_parameter(KEY_UPDATE.format(name=head))


# ---- ExpressionAttributeNames / ExpressionAttributeValues -----------------------------------


def _check_maps(body: dict[str, Any], texts: dict[str, str], accepted: dict[str, bool],
                older_value_layer: bool) -> tuple[dict[str, str] | None, dict[str, Any] | None]:
    names = body.get(NAMES)
    values = body.get(VALUES)
    if names:
        if not texts:
            raise validation(NAMES_WITHOUT_EXPRESSIONS)
    members = [m for m in VALUE_MEMBERS if accepted[m]]
    if values and members:
        if not any(m in texts for m in VALUE_MEMBERS):
            raise validation(VALUES_WITHOUT_EXPRESSIONS)
    if not texts:
        return None, None
    # DynamoDB's order: names empty, names keys, values empty, values (keys and values), empty names.
    if names is not None:
        if not names:
            raise validation(EMPTY_MAP.format(member=NAMES))
        for key in names:
            if not _NAME_KEY.fullmatch(key):
                raise validation(BAD_KEY.format(member=NAMES, key=key))
    checked: dict[str, Any] | None = None
    if values is not None:
        if not values:
            raise validation(EMPTY_MAP.format(member=VALUES))
        checked = {}
        for key, value in values.items():
            if not _VALUE_KEY.fullmatch(key):
                raise validation(BAD_KEY.format(member=VALUES, key=key))
            try:
                checked[key] = values_mod.check_value(value)
            except DynamoError as err:
                if err.type != "ValidationException":
                    raise
                if older_value_layer:
                    raise validation(BAD_VALUE.format(member=VALUES, message=err.message, key=key)) from None
                if err.message == values_mod.NESTING and accepted[CONDITION]:
                    # A value nested too deep is enveloped on the write operations, unlike an item
                    # nested too deep (AWS us-east-1 2026-09-28, UpdateItem; exoego/dynamodb-conformance
                    # registry update-item-nesting-depth-expression-value).
                    raise validation(VALUE_NESTING) from None
                raise
    for key, name in (names or {}).items():
        if name == "":
            raise validation(BAD_VALUE.format(member=NAMES, message=EMPTY_NAME, key=key))
    return names, checked


def _check_unused(member: str, given: dict[str, Any] | None, used: set[str]) -> None:
    if given:
        unused = sorted(k for k in given if k not in used)
        if unused:
            raise validation(UNUSED.format(member=member, keys=", ".join(unused)))


# ---- legacy parameters ------------------------------------------------------------------------


def _prepare_legacy(body: dict[str, Any], texts: dict[str, str], accepted: dict[str, bool],
                    key_names: tuple[str, ...], older_value_layer: bool) -> Prepared:
    """Expected / AttributeUpdates / AttributesToGet, translated by engine/expr/legacy.py."""
    legacy.check_not_mixed(body, [kind for kind, ok in accepted.items() if ok])
    if accepted[CONDITION]:
        legacy.expected_condition(body)  # Expected's own errors come first, AttributeUpdates' after the maps'
    _check_maps(body, texts, accepted, older_value_layer)
    translated = legacy.translate(body, condition=accepted[CONDITION], update=accepted[UPDATE],
                                  projection=accepted[PROJECTION], filter=accepted[FILTER],
                                  key_condition=accepted[KEY_CONDITION], key_names=key_names)
    upd_fn: Update | None = None
    updated: Projection | None = None
    if translated.update is not None:
        lu = translated.update
        apply = compile_update(lu.update)

        def upd_fn(item: Item) -> Item:
            lu.check(item)
            new = apply(item)
            lu.check_size(new)
            return new
        updated = paths.compile_projection([a.path for a in lu.update.actions])
    return Prepared(
        condition=compile_condition(translated.condition) if translated.condition is not None else None,
        update=upd_fn,
        projection=(paths.compile_projection(translated.projection.paths)
                    if translated.projection is not None else None),
        filter=compile_condition(translated.filter) if translated.filter is not None else None,
        key_condition=translated.key_condition,
        updated=updated,
    )
