"""ExecuteStatement: one PartiQL statement (engine/partiql) run as a Query / Scan page or as a
single-item write.

Order of checks: the Parameters' values (in order), the statement's syntax and literals, then
the table and the plan (key equalities, condition operands, update paths), then the write.
A SELECT pages like Query/Scan: Limit counts items read, and a page that stopped early carries
a NextToken (the last evaluated key, opaque to clients).
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from typing import Any

import orjson

from ddbserver.api import pages
from ddbserver.api.context import Context
from ddbserver.engine import capacity, codec, numbers, query, values
from ddbserver.engine.catalog import Table
from ddbserver.engine.indexes import Index
from ddbserver.engine.partiql import plan
from ddbserver.engine.partiql import statements as st
from ddbserver.engine.partiql.parser import parse
from ddbserver.engine.writes import PutOp
from ddbserver.errors import DynamoError, not_found, validation

Item = dict[str, Any]

TABLE_NOT_FOUND = "Requested resource not found"
DUPLICATE = "Duplicate primary key exists in table"
INVALID_TOKEN = "Invalid NextToken"
BAD_NAME = "Table name should be within the length [3, 255] and only contain 'a-z', 'A-Z', '0-9', '-', '_', '.'."
_NAME = re.compile(r"[a-zA-Z0-9_.\-]{3,255}")
EXISTS_OUTSIDE = "EXISTS can only be used in ExecuteTransaction write requests."
# Query's message for the same rule is pages.GSI_CONSISTENT (AWS, nubo-db partiqlIndexQualifier).
GSI_CONSISTENT = "Strongly consistent read is not supported on Global Secondary Indexes"
TOKEN_VERSION = "V1"


def duplicate_item() -> DynamoError:
    return DynamoError("DuplicateItemException", DUPLICATE)


def parameters(raw: Any) -> list[Item]:
    """The Parameters list, each value checked as an AttributeValue (first problem wins).

    DynamoDB reads a parameter's numbers as Java's BigDecimal does: an exponent (or scale) past
    a 32-bit integer cannot be converted at all ("...: <text>"), a magnitude whose 32-bit
    arithmetic wraps is an underflow or overflow, an empty text has nothing after the message
    (AWS captures, paritysuite partiqlParameterNumbers); nesting and numbers are reported in
    document order.
    """
    for value in raw or []:
        _java_numbers(value, 1)
    return [values.check_value(v) for v in raw or []]


_INT = 2**31


def _java_numbers(value: Any, depth: int) -> None:
    if not isinstance(value, dict):
        return
    for type_, v in value.items():
        if type_ in ("M", "L") and isinstance(v, (dict, list)):
            if depth >= values.MAX_DEPTH:
                raise validation(values.NESTING)
            for x in (v.values() if isinstance(v, dict) else v):
                _java_numbers(x, depth + 1)
        elif type_ == "N" and isinstance(v, str):
            _java_number(v)
        elif type_ == "NS" and isinstance(v, list):
            for x in v:
                if isinstance(x, str):
                    _java_number(x)


def _java_number(text: str) -> None:
    if text == "":
        raise validation(numbers.NOT_A_NUMBER)
    mantissa, marker, exponent = text.lower().partition("e")
    if not marker or not exponent.lstrip("+-").isdigit():
        numbers.normalize(text)  # the ordinary checks, in document order
        return
    exp = int(exponent)
    digits = mantissa.lstrip("+-")
    scale = len(digits.partition(".")[2]) - exp
    if not -_INT <= exp < _INT or not -_INT <= scale < _INT:
        raise numbers.not_a_number(text)
    precision = len(digits.replace(".", "").lstrip("0")) or 1
    magnitude = precision - scale
    if not -_INT <= magnitude < _INT:
        raise validation(numbers.UNDERFLOW if (magnitude + _INT) % (2 * _INT) - _INT < 0 else numbers.OVERFLOW)
    numbers.normalize(text)


def prepare(ctx: Context, statement: str, raw_parameters: Any) -> tuple[st.Statement, Table]:
    """The parsed statement and its table (ResourceNotFoundException when there is none)."""
    stmt = parse(statement, parameters(raw_parameters))
    select = stmt.select if isinstance(stmt, st.Exists) else stmt
    names = (select.table, select.index) if isinstance(select, st.Select) else (select.table,)
    if any(n is not None and not _NAME.fullmatch(n) for n in names):  # DynamoDB Local checks index names alike
        raise validation(BAD_NAME)
    if isinstance(stmt, st.Select):  # a property of the statement: checked before the table is looked up
        if stmt.projection is not None:
            plan.check_columns(stmt.projection)  # before the WHERE clause's operands (DynamoDB Local)
        plan.check_condition(stmt.where)  # (AWS, nubo-db dynamodb-conformance validation-ordering/partiql)
    table = ctx.db.catalog.find(select.table)
    if table is None:
        raise not_found(TABLE_NOT_FOUND)
    return stmt, table


# ---- NextToken ------------------------------------------------------------------------------


def _source_id(source: Table | Index) -> str:
    """What a token was minted on: a token of one index is refused by another (AWS, nubo-db
    dynamodb-conformance tier2 indexQualifier), even when their keys look alike."""
    return f"index:{source.name}" if isinstance(source, Index) else "table"


def encode_token(last_key: Item, source: Table | Index) -> str:
    data = {"version": TOKEN_VERSION, "source": _source_id(source), "key": last_key}
    return base64.b64encode(orjson.dumps(data)).decode()


def decode_token(token: str, source: Table | Index) -> Item:
    try:
        data = orjson.loads(base64.b64decode(token, validate=True))
        key = data["key"]
        ok = data.get("version") == TOKEN_VERSION and data.get("source") == _source_id(source) \
            and isinstance(key, dict) and set(key) == set(source.page_key_names)
        if ok:
            return values.check_item(key)
    except (ValueError, TypeError, KeyError, binascii.Error, DynamoError):
        pass
    raise validation(INVALID_TOKEN)


# ---- running one statement --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Outcome:
    items: list[Item] | None         # None: spliced stored JSON in `raw`
    raw: list[bytes]
    next_token: str | None
    consumed: dict[str, Any] | None


async def run_select(ctx: Context, table: Table, stmt: st.Select, body: dict[str, Any]) -> Outcome:
    read = plan.plan_select(table, stmt)
    consistent = body.get("ConsistentRead") is True
    if consistent and isinstance(read.source, Index) and read.source.is_global:
        raise validation(GSI_CONSISTENT)
    after = None
    token = body.get("NextToken")
    if token is not None:
        start = decode_token(token, read.source)
        after = query.start_after(table, start, read.source if isinstance(read.source, Index) else None)
    page = query.read_page(ctx.db, read.source, read.low, read.high, after=after, forward=read.forward,
                           limit=body.get("Limit"), filter=read.filter, fetch=read.fetch)
    index = read.source if isinstance(read.source, Index) else None
    cc = pages.consumed(table, page, consistent, body.get("ReturnConsumedCapacity"), index)
    next_token = encode_token(page.last_key, read.source) if page.last_key is not None else None
    if read.projection is None:
        return Outcome(None, page.items, next_token, cc)
    projection = read.projection
    return Outcome([projection(codec.decode(s)) for s in page.items], [], next_token, cc)


async def run_write(ctx: Context, table: Table, stmt: st.Statement, body: dict[str, Any]) -> Outcome:
    return_old = body.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD"
    if isinstance(stmt, st.Exists):
        raise validation(EXISTS_OUTSIDE)
    if isinstance(stmt, st.Insert):
        write = plan.plan_insert(table, stmt)
    elif isinstance(stmt, st.Update):
        write = plan.plan_update(table, stmt, return_old)
    else:
        assert isinstance(stmt, st.Delete)
        write = plan.plan_delete(table, stmt, return_old)
    try:
        result = await ctx.db.write(write.op)
    except DynamoError as err:
        if isinstance(write.op, PutOp) and err.type == "ConditionalCheckFailedException":
            raise duplicate_item() from None
        raise
    sizes = [codec.size_of(b) for b in (result.old, result.new) if b is not None]
    if isinstance(write.op, PutOp):
        sizes.append(write.op.size)
    units = capacity.write_units(max(sizes, default=0))
    cc = capacity.consumed_write(table.name, table.meta, units, body.get("ReturnConsumedCapacity"),
                                 result.old, result.new)
    returned: list[Item] = []
    mode = write.returning
    if mode in ("ALL OLD", "MODIFIED OLD") and result.old is not None:
        returned.append(codec.decode(result.old))
    elif mode in ("ALL NEW", "MODIFIED NEW") and result.new is not None:
        returned.append(codec.decode(result.new))
    if write.modified is not None:
        returned = [p for p in (write.modified(i) for i in returned) if p]
    return Outcome(returned, [], None, cc)


async def run(ctx: Context, body: dict[str, Any]) -> Outcome:
    stmt, table = prepare(ctx, body["Statement"], body.get("Parameters"))
    if isinstance(stmt, st.Exists):
        raise validation(EXISTS_OUTSIDE)
    if isinstance(stmt, st.Select):
        return await run_select(ctx, table, stmt, body)
    return await run_write(ctx, table, stmt, body)


def items_json(outcome: Outcome) -> bytes:
    if outcome.items is None:
        return b"[" + b",".join(codec.json_of(s) for s in outcome.raw) + b"]"
    return orjson.dumps(outcome.items)


async def handle(ctx: Context, body: dict[str, Any]) -> Any:
    outcome = await run(ctx, body)
    extra: dict[str, Any] = {}
    if outcome.next_token is not None:
        extra["NextToken"] = outcome.next_token
    if outcome.consumed:
        extra["ConsumedCapacity"] = outcome.consumed
    head = b'{"Items":' + items_json(outcome)
    if not extra:
        return head + b"}"
    return head + b"," + orjson.dumps(extra)[1:]
