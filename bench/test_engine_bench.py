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

from ddbserver.engine import codec, keys, reads, values
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
