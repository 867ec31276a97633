"""Item collection sizes (ReturnItemCollectionMetrics) on tables with local secondary indexes."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from ddbserver.engine import item_collections, keys, values
from ddbserver.engine.writes import PutOp
from tests.engine.conftest import create_table


def _with_lsi(table: Any, projection: dict[str, Any]) -> Any:
    lsi = {"IndexName": "l", "Projection": projection,
           "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "lsik", "KeyType": "RANGE"}]}
    return dataclasses.replace(table, meta={**table.meta, "LocalSecondaryIndexes": [lsi]})


def _put(db: Any, table: Any, item: dict[str, Any]) -> None:
    key = values.key_of(table.key, item)
    db.write_blocking(PutOp(table, key, keys.item_key(table.id, table.key, key), item, values.item_size(item)))


@pytest.mark.parametrize("projection, size", [
    ({"ProjectionType": "ALL"}, 14 + 14 + 6),
    ({"ProjectionType": "KEYS_ONLY"}, 14 + 11 + 6),
    ({"ProjectionType": "INCLUDE", "NonKeyAttributes": ["x"]}, 14 + 14 + 6),
])
def test_collection_size_counts_items_and_local_projections(db, projection, size):
    """A collection holds its partition's items plus what each local index projects of the
    items that carry the index's sort key; other partitions do not count."""
    table = _with_lsi(create_table(db, range_type="S"), projection)
    _put(db, table, {"pk": {"S": "p"}, "sk": {"S": "a"}, "lsik": {"S": "l"}, "x": {"N": "12"}})  # 14 bytes
    _put(db, table, {"pk": {"S": "p"}, "sk": {"S": "b"}})  # 6 bytes, not in the index
    _put(db, table, {"pk": {"S": "q"}, "sk": {"S": "a"}, "lsik": {"S": "l"}})
    prefix = keys.partition_prefix(table.id, "S", "p")
    assert item_collections.collection_size(db, table, prefix) == size
    assert item_collections.metrics(db, table, {"pk": {"S": "p"}, "sk": {"S": "a"}}, "SIZE") == {
        "ItemCollectionKey": {"pk": {"S": "p"}}, "SizeEstimateRangeGB": [0.0, 1.0]}


def test_no_metrics_without_local_indexes_or_without_size(db):
    """Only SIZE on a table with a local index asks for the metrics."""
    table = create_table(db, range_type="S")
    key = {"pk": {"S": "p"}, "sk": {"S": "a"}}
    assert item_collections.metrics(db, table, key, "SIZE") is None
    assert item_collections.metrics(db, _with_lsi(table, {"ProjectionType": "ALL"}), key, "NONE") is None
