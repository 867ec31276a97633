"""Micro-benchmarks of the engine's hot paths, without HTTP (pytest-benchmark).

Not part of the default test run (testpaths is tests/). Run:

    python -m pytest bench/ --benchmark-only

Each benchmark also asserts its result, so a broken engine fails here rather than looking fast.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest

from ddbserver.api import expressions
from ddbserver.engine import codec, keys, reads, values
from ddbserver.engine.expr import cache as expr_cache
from ddbserver.engine.expr import parser as expr_parser
from ddbserver.engine.catalog import Table
from ddbserver.engine.database import Database
from ddbserver.engine.tables import CreateTableOp
from ddbserver.engine.writes import PutOp

pytest.importorskip("pytest_benchmark")

Item = dict[str, Any]

ITEM_1KB: Item = {
    "pk": {"S": "user#000123"},
    "sk": {"N": "1700000000123"},
    "data": {"S": "x" * 950},
    "flag": {"BOOL": True},
    "count": {"N": "42"},
}
NESTED: Item = {
    "pk": {"S": "order#42"},
    "lines": {"L": [{"M": {"sku": {"S": f"sku-{i}"}, "qty": {"N": str(i)}, "price": {"N": "19.99"}}}
                    for i in range(20)]},
    "tags": {"SS": ["a", "b", "c", "d"]},
    "address": {"M": {"street": {"S": "1 Main St"}, "zip": {"S": "12345"}, "geo": {"L": [{"N": "1.5"}, {"N": "-2.25"}]}}},
}
HASH_ONLY = keys.KeyShape("pk", "S", None, None)
HASH_RANGE = keys.KeyShape("pk", "S", "sk", "N")


# --- keys and codec ----------------------------------------------------------------------

def test_item_key_string_hash(benchmark: Any) -> None:
    key = {"pk": {"S": "user#000123"}}
    out = benchmark(keys.item_key, 7, HASH_ONLY, key)
    assert out.startswith(keys.table_prefix(7))


def test_item_key_string_hash_number_range(benchmark: Any) -> None:
    key = {"pk": {"S": "user#000123"}, "sk": {"N": "1700000000123"}}
    out = benchmark(keys.item_key, 7, HASH_RANGE, key)
    assert out.endswith(keys.encode_component("N", "1700000000123"))


def test_encode_negative_decimal(benchmark: Any) -> None:
    out = benchmark(keys.encode_component, "N", "-12345.6789e-3")
    assert out < keys.encode_component("N", "0")


@pytest.mark.parametrize("item", [ITEM_1KB, NESTED], ids=["flat_1kb", "nested"])
def test_codec_encode(benchmark: Any, item: Item) -> None:
    size = values.item_size(item)
    out = benchmark(codec.encode, item, size)
    assert codec.size_of(out) == size


@pytest.mark.parametrize("item", [ITEM_1KB, NESTED], ids=["flat_1kb", "nested"])
def test_codec_decode(benchmark: Any, item: Item) -> None:
    stored = codec.encode(item, values.item_size(item))
    assert benchmark(codec.decode, stored) == item


@pytest.mark.parametrize("item", [ITEM_1KB, NESTED], ids=["flat_1kb", "nested"])
def test_check_item_and_size(benchmark: Any, item: Item) -> None:
    """What PutItem does to every request's item before the writer: validate, normalise, size."""
    def prepare() -> int:
        return values.check_item_size(values.check_item(item))
    assert benchmark(prepare) == values.item_size(item)


# --- expressions (engine/expr, driven as api/expressions.prepare drives it) -------------------

CONDITION_TEXT = ("attribute_exists(pk) AND #c < :limit AND (begins_with(#d, :prefix) OR size(#d) > :n) "
                  "AND flag = :t")
UPDATE_TEXT = "SET #d = :data, updated = if_not_exists(updated, :zero) + :one ADD #c :one REMOVE gone"
CONDITION_BODY: dict[str, Any] = {
    "ConditionExpression": CONDITION_TEXT,
    "ExpressionAttributeNames": {"#c": "count", "#d": "data"},
    "ExpressionAttributeValues": {":limit": {"N": "100"}, ":prefix": {"S": "xx"}, ":n": {"N": "10"},
                                  ":t": {"BOOL": True}},
}
UPDATE_BODY: dict[str, Any] = {
    "UpdateExpression": UPDATE_TEXT,
    "ExpressionAttributeNames": {"#c": "count", "#d": "data"},
    "ExpressionAttributeValues": {":data": {"S": "y" * 100}, ":zero": {"N": "0"}, ":one": {"N": "1"}},
}


def test_expression_parse_cold(benchmark: Any) -> None:
    """Lexing and parsing a condition and an update from text, no cache."""
    def parse() -> Any:
        return expr_parser.parse_condition(CONDITION_TEXT), expr_parser.parse_update(UPDATE_TEXT)
    cond, upd = benchmark(parse)
    assert len(upd.actions) == 4 and cond is not None


def test_expression_parse_cached(benchmark: Any) -> None:
    """The same two texts through the parse cache (what every repeated request pays)."""
    def parse() -> Any:
        return expr_cache.condition(CONDITION_TEXT), expr_cache.update(UPDATE_TEXT)
    cond, upd = benchmark(parse)
    assert upd is expr_cache.update(UPDATE_TEXT)


def test_expression_prepare_condition(benchmark: Any) -> None:
    """A request's ConditionExpression: maps checked, cached parse, resolve, compile to a closure."""
    prepared = benchmark(expressions.prepare, CONDITION_BODY, condition=True)
    assert prepared.condition is not None and prepared.condition(ITEM_1KB) is True


def test_expression_prepare_update(benchmark: Any) -> None:
    prepared = benchmark(expressions.prepare, UPDATE_BODY, update=True, key_names=("pk", "sk"))
    assert prepared.update is not None


def test_expression_evaluate_condition(benchmark: Any) -> None:
    condition = expressions.prepare(CONDITION_BODY, condition=True).condition
    assert condition is not None
    assert benchmark(condition, ITEM_1KB) is True


def test_expression_apply_update(benchmark: Any) -> None:
    update = expressions.prepare(UPDATE_BODY, update=True, key_names=("pk", "sk")).update
    assert update is not None
    new = benchmark(update, dict(ITEM_1KB, gone={"S": "bye"}))
    assert new["count"] == {"N": "43"} and "gone" not in new and new["updated"] == {"N": "1"}


# --- through the engine API -------------------------------------------------------------

@pytest.fixture(params=[True, False], ids=["durable", "nosync"])
def database(request: Any, tmp_path: Any) -> Iterator[Database]:
    db = Database(str(tmp_path / "db"), sync=request.param)
    yield db
    db.close()


def _table(db: Database, name: str, range_key: bool) -> Table:
    schema = [{"AttributeName": "pk", "KeyType": "HASH"}]
    defs = [{"AttributeName": "pk", "AttributeType": "S"}]
    if range_key:
        schema.append({"AttributeName": "sk", "KeyType": "RANGE"})
        defs.append({"AttributeName": "sk", "AttributeType": "N"})
    meta = {"TableName": name, "KeySchema": schema, "AttributeDefinitions": defs,
            "BillingMode": "PAY_PER_REQUEST", "ProvisionedThroughput": None,
            "DeletionProtectionEnabled": False, "Tags": []}
    db.write_blocking(CreateTableOp(meta))
    return db.catalog.get(name)


def _put_op(table: Table, item: Item) -> PutOp:
    key = values.key_of(table.key, item)
    return PutOp(table, key, keys.item_key(table.id, table.key, key), item, values.item_size(item))


def test_put_item_engine(benchmark: Any, database: Database) -> None:
    """One PutItem through the writer thread (prepare + submit + commit, one caller: no group)."""
    table = _table(database, "bench", range_key=True)
    counter = itertools.count()

    def put() -> Any:
        item = dict(ITEM_1KB, sk={"N": str(next(counter))})
        return database.write_blocking(_put_op(table, item))

    result = benchmark(put)
    assert result.new is not None and codec.decode(result.new)["pk"] == ITEM_1KB["pk"]


def test_get_item_engine(benchmark: Any, database: Database) -> None:
    """One GetItem's storage part: key bytes, a read transaction, the stored bytes."""
    table = _table(database, "bench", range_key=True)
    for i in range(1000):
        database.write_blocking(_put_op(table, dict(ITEM_1KB, sk={"N": str(i)})))
    key = {"pk": ITEM_1KB["pk"], "sk": {"N": "500"}}

    def get() -> bytes | None:
        return reads.get_stored(database, keys.item_key(table.id, table.key, key))

    stored = benchmark(get)
    assert stored is not None and codec.decode(stored)["sk"] == {"N": "500"}
