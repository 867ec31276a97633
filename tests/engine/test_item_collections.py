"""Item collection sizes (ReturnItemCollectionMetrics, ItemCollectionSizeLimitExceeded) on
tables with local secondary indexes: an exact counter kept in each write's transaction."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ddbserver.engine import item_collections, keys, values
from ddbserver.engine.catalog import Table
from ddbserver.engine.tables import CreateTableOp, DeleteTableOp
from ddbserver.engine.writes import DeleteOp, PutOp, UpdateOp
from ddbserver.errors import DynamoError
from tests.engine.conftest import create_table, reopen

Item = dict[str, Any]
OVERHEAD = 100  # bytes per local index entry


def S(v: str) -> dict[str, str]:
    return {"S": v}


def lsi_table(db: Any, projection: dict[str, Any], name: str = "t", gsi: bool = False) -> Table:
    """pk/sk table with one LSI `l` on attribute lsik (and, if asked, an ALL GSI on g)."""
    defs = [("pk", "S"), ("sk", "S"), ("lsik", "S"), ("g", "S")]
    meta: dict[str, Any] = {
        "TableName": name, "BillingMode": "PAY_PER_REQUEST", "ProvisionedThroughput": None,
        "DeletionProtectionEnabled": False, "Tags": [],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        "AttributeDefinitions": [{"AttributeName": a, "AttributeType": t} for a, t in defs],
        "LocalSecondaryIndexes": [
            {"IndexName": "l", "Projection": projection,
             "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "lsik", "KeyType": "RANGE"}]},
        ],
    }
    if gsi:
        meta["GlobalSecondaryIndexes"] = [{"IndexName": "g", "Projection": {"ProjectionType": "ALL"},
                                           "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}]}]
    table: Table = db.write_blocking(CreateTableOp(meta))
    return table


def _key(table: Table, item: Item) -> tuple[Item, bytes]:
    key = {n: item[n] for n in table.key.names}
    return key, keys.item_key(table.id, table.key, key)


def put(db: Any, table: Table, item: Item) -> None:
    key, kb = _key(table, item)
    db.write_blocking(PutOp(table, key, kb, item, values.item_size(item)))


def delete(db: Any, table: Table, key: Item) -> None:
    db.write_blocking(DeleteOp(table, key, keys.item_key(table.id, table.key, key)))


def size_of(db: Any, table: Table, pk: str) -> int:
    return item_collections.collection_size(db, table, {"pk": S(pk)})


A = {"pk": S("p"), "sk": S("a"), "lsik": S("l"), "x": {"N": "12"}}   # 14 bytes; KEYS_ONLY entry pk+sk+lsik 11
B = {"pk": S("p"), "sk": S("b")}                                      # 6 bytes, not in the index


@pytest.mark.parametrize("projection, size", [
    ({"ProjectionType": "ALL"}, 14 + 14 + OVERHEAD + 6),
    ({"ProjectionType": "KEYS_ONLY"}, 14 + 11 + OVERHEAD + 6),
    ({"ProjectionType": "INCLUDE", "NonKeyAttributes": ["x"]}, 14 + 14 + OVERHEAD + 6),
])
def test_collection_size_counts_items_and_local_entries(db, projection, size):
    """A collection holds its partition's items plus what each local index projects of the
    items that carry the index's sort key, each entry with 100 bytes of overhead; other
    partitions do not count."""
    table = lsi_table(db, projection)
    put(db, table, A)
    put(db, table, B)
    put(db, table, {"pk": S("q"), "sk": S("a"), "lsik": S("l")})
    assert size_of(db, table, "p") == size
    assert item_collections.metrics(db, table, {"pk": S("p"), "sk": S("a")}, "SIZE") == {
        "ItemCollectionKey": {"pk": S("p")}, "SizeEstimateRangeGB": [0.0, 1.0]}


def test_global_indexes_are_not_part_of_a_collection(db):
    """Only local index entries count: a global index's entry lives in another partition."""
    table = lsi_table(db, {"ProjectionType": "KEYS_ONLY"}, gsi=True)
    put(db, table, {**B, "g": S("gg")})
    assert size_of(db, table, "p") == values.item_size({**B, "g": S("gg")})


def test_counter_follows_updates_moves_and_deletes(db):
    """Replacing, moving between index keys, leaving the index and deleting keep the counter
    exact; an emptied collection is back at zero."""
    table = lsi_table(db, {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["x"]})
    put(db, table, A)
    put(db, table, {**A, "lsik": S("other"), "y": S("not projected")})
    moved = {**A, "lsik": S("other"), "y": S("not projected")}
    entry = {n: v for n, v in moved.items() if n != "y"}
    assert size_of(db, table, "p") == values.item_size(moved) + values.item_size(entry) + OVERHEAD
    key, kb = _key(table, A)
    db.write_blocking(UpdateOp(table, key, kb, lambda item: {k: v for k, v in item.items() if k != "lsik"}))
    assert size_of(db, table, "p") == values.item_size({k: v for k, v in moved.items() if k != "lsik"})
    delete(db, table, key)
    assert size_of(db, table, "p") == 0


def test_limit_refuses_growth_and_allows_shrinking(db):
    """A write that would grow a collection past the limit is refused with
    ItemCollectionSizeLimitExceededException and changes nothing; one that shrinks it passes,
    even while the collection is over the limit; other collections are unaffected."""
    table = lsi_table(db, {"ProjectionType": "KEYS_ONLY"})
    put(db, table, A)  # 14 + 111
    db.item_collection_limit = 125 + 6
    put(db, table, B)  # exactly at the limit: accepted
    with pytest.raises(DynamoError) as err:
        put(db, table, {"pk": S("p"), "sk": S("c")})
    assert (err.value.type, err.value.message) == ("ItemCollectionSizeLimitExceededException", "Collection size exceeded")
    assert size_of(db, table, "p") == 131
    with pytest.raises(DynamoError):
        put(db, table, {**B, "pad": S("x")})  # growing an existing item
    put(db, table, {"pk": S("q"), "sk": S("a")})  # another collection
    db.item_collection_limit = 10
    put(db, table, {k: v for k, v in A.items() if k != "x"})  # over the limit, but 3 bytes smaller: allowed
    put(db, table, {k: v for k, v in A.items() if k != "x"})  # over the limit, the same size: allowed
    delete(db, table, {"pk": S("p"), "sk": S("b")})
    assert size_of(db, table, "p") == 125 - 3


def test_counter_survives_a_restart_and_is_purged_with_the_table(db):
    """The counter is stored (it survives a reopen) and DeleteTable's purge removes it."""
    table = lsi_table(db, {"ProjectionType": "ALL"})
    put(db, table, A)
    db = reopen(db)
    assert size_of(db, table, "p") == 14 + 14 + OVERHEAD
    db.write_blocking(DeleteTableOp(table.name))
    db.purger.run_once()
    with db.read() as txn:
        cur = txn.cursor(db=db.sys_db)
        assert not any(bytes(k).startswith(b"coll:" + keys.table_prefix(table.id)) for k in cur.iternext(values=False))


def test_tables_without_local_indexes_have_no_counters(db):
    """Only tables with local secondary indexes keep collection counters or report metrics."""
    table = create_table(db, range_type="S")
    put(db, table, B)
    assert item_collections.metrics(db, table, {"pk": S("p"), "sk": S("b")}, "SIZE") is None
    with db.read() as txn:
        assert txn.get(b"coll:" + keys.partition_prefix(table.id, "S", "p"), db=db.sys_db) is None
    lsi = lsi_table(db, {"ProjectionType": "ALL"}, name="t2")
    assert item_collections.metrics(db, lsi, {"pk": S("p"), "sk": S("a")}, "NONE") is None


_names = itertools.count()
_values = st.sampled_from(["a", "b", "c"])
_ops = st.lists(st.tuples(st.sampled_from(["put", "delete"]), st.sampled_from(["p", "q"]), _values,
                          st.one_of(st.none(), _values), st.integers(0, 40)), max_size=25)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=_ops)
def test_counter_equals_a_recount(db, ops):
    """After any sequence of puts and deletes the counter equals a recount of the partition:
    item sizes plus projected entry sizes plus overhead."""
    table = lsi_table(db, {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["x"]}, name=f"h{next(_names)}")
    model: dict[tuple[str, str], Item] = {}
    for kind, pk, sk, lsik, pad in ops:
        if kind == "put":
            item = {"pk": S(pk), "sk": S(sk), "x": S("x" * pad), "y": S("y" * pad)}
            if lsik is not None:
                item["lsik"] = S(lsik)
            put(db, table, item)
            model[(pk, sk)] = item
        else:
            delete(db, table, {"pk": S(pk), "sk": S(sk)})
            model.pop((pk, sk), None)
    for pk in ("p", "q"):
        items = [i for (p, _), i in model.items() if p == pk]
        entries = [{n: v for n, v in i.items() if n != "y"} for i in items if "lsik" in i]
        expected = sum(map(values.item_size, items)) + sum(values.item_size(e) + OVERHEAD for e in entries)
        assert size_of(db, table, pk) == expected
