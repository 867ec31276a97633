"""Secondary index entries follow their table's items inside the same transaction: sparse,
moved when index keys change, rewritten when projected attributes change, removed on delete,
counted exactly, purged with the table."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ddbserver.engine import codec, keys, query, values
from ddbserver.engine.catalog import Table
from ddbserver.engine.indexes import Index
from ddbserver.engine.tables import CreateTableOp, DeleteTableOp, index_stats
from ddbserver.engine.writes import DeleteOp, PutOp
from ddbserver.errors import DynamoError

Item = dict[str, Any]


def S(v: str) -> dict[str, str]:
    return {"S": v}


def N(v: int) -> dict[str, str]:
    return {"N": str(v)}


def indexed_table(db: Any, name: str = "t") -> Table:
    """pk/sk table with a KEYS_ONLY GSI on (g, gs), an INCLUDE LSI on l, an ALL GSI on g only."""
    defs = [("pk", "S"), ("sk", "N"), ("g", "S"), ("gs", "N"), ("l", "S")]
    meta = {
        "TableName": name, "BillingMode": "PAY_PER_REQUEST", "ProvisionedThroughput": None,
        "DeletionProtectionEnabled": False, "Tags": [],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        "AttributeDefinitions": [{"AttributeName": a, "AttributeType": t} for a, t in defs],
        "GlobalSecondaryIndexes": [
            {"IndexName": "keys", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"},
                                                {"AttributeName": "gs", "KeyType": "RANGE"}],
             "Projection": {"ProjectionType": "KEYS_ONLY"}},
            {"IndexName": "all", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
             "Projection": {"ProjectionType": "ALL"}},
        ],
        "LocalSecondaryIndexes": [
            {"IndexName": "local", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                                                 {"AttributeName": "l", "KeyType": "RANGE"}],
             "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["x"]}},
        ],
    }
    table: Table = db.write_blocking(CreateTableOp(meta))
    return table


def put(db: Any, table: Table, item: Item) -> None:
    key = {n: item[n] for n in table.key.names}
    db.write_blocking(PutOp(table, key, keys.item_key(table.id, table.key, key), item, values.item_size(item)))


def delete(db: Any, table: Table, key: Item) -> None:
    db.write_blocking(DeleteOp(table, key, keys.item_key(table.id, table.key, key)))


def entries(db: Any, index: Index) -> list[Item]:
    low, high = query.scan_range(index, None, None)
    page = query.read_page(db, index, low, high)
    return [codec.decode(s) for s in page.items]


def index_of(table: Table, name: str) -> Index:
    index = table.index(name)
    assert index is not None
    return index


def test_indexes_get_ids_and_are_local_first(db):
    """Each index gets its own id, apart from the table's; local indexes come first."""
    table = indexed_table(db)
    assert [i.name for i in table.indexes] == ["local", "keys", "all"]
    ids = {table.id, *(i.id for i in table.indexes)}
    assert len(ids) == 4


def test_sparse_projection_and_moves(db):
    """An item lacking an index key is not in that index; a projection keeps only its
    attributes; changing an index key moves the entry; a projected change rewrites it."""
    table = indexed_table(db)
    keys_gsi, all_gsi, local = (index_of(table, n) for n in ("keys", "all", "local"))
    put(db, table, {"pk": S("a"), "sk": N(1), "g": S("x"), "other": S("o")})
    assert entries(db, keys_gsi) == []           # no gs: not in the (g, gs) index
    assert entries(db, all_gsi) == [{"pk": S("a"), "sk": N(1), "g": S("x"), "other": S("o")}]
    assert entries(db, local) == []
    put(db, table, {"pk": S("a"), "sk": N(1), "g": S("x"), "gs": N(5), "l": S("m"), "x": S("1"), "y": S("2")})
    assert entries(db, keys_gsi) == [{"pk": S("a"), "sk": N(1), "g": S("x"), "gs": N(5)}]
    assert entries(db, local) == [{"pk": S("a"), "sk": N(1), "l": S("m"), "x": S("1")}]
    put(db, table, {"pk": S("a"), "sk": N(1), "g": S("z"), "gs": N(5), "l": S("m"), "x": S("2")})
    assert entries(db, keys_gsi) == [{"pk": S("a"), "sk": N(1), "g": S("z"), "gs": N(5)}]
    assert entries(db, local) == [{"pk": S("a"), "sk": N(1), "l": S("m"), "x": S("2")}]
    stats = index_stats(db.catalog, db.catalog.get("t"))
    assert stats["keys"][0] == 1 and stats["local"][0] == 1 and stats["all"][0] == 1
    delete(db, table, {"pk": S("a"), "sk": N(1)})
    for index in (keys_gsi, all_gsi, local):
        assert entries(db, index) == []
    assert index_stats(db.catalog, db.catalog.get("t")) == {"local": (0, 0), "keys": (0, 0), "all": (0, 0)}


def test_equal_index_keys_order_by_table_key(db):
    """Entries with the same index key are distinct and follow the index key's order."""
    table = indexed_table(db)
    local = index_of(table, "local")
    for sk in (3, 1, 2):
        put(db, table, {"pk": S("p"), "sk": N(sk), "l": S("same")})
    put(db, table, {"pk": S("p"), "sk": N(9), "l": S("a")})
    got = [(e["l"]["S"], e["sk"]["N"]) for e in entries(db, local)]
    assert got == [("a", "9"), ("same", "1"), ("same", "2"), ("same", "3")]


def test_index_key_checks(db):
    """Wrong types and empty strings on index keys are refused with DynamoDB's messages."""
    table = indexed_table(db)
    from ddbserver.engine.indexes import check_item
    with pytest.raises(DynamoError) as err:
        check_item(table.indexes, {"pk": S("a"), "sk": N(1), "g": N(1)})
    # g keys "keys" and "all": the alphabetically first is named (AWS, nubo-db's captures)
    assert err.value.message == ("One or more parameter values were invalid: Type mismatch for Index Key g "
                                 "Expected: S Actual: N IndexName: all")
    with pytest.raises(DynamoError) as err:
        check_item(table.indexes, {"pk": S("a"), "sk": N(1), "l": S("")})
    assert err.value.message.endswith("IndexName: local, IndexKey: l")
    check_item(table.indexes, {"pk": S("a"), "sk": N(1)})  # absent index keys are fine


def test_drop_table_purges_index_entries(db):
    """DeleteTable leaves the index entries to the purger, which removes them."""
    table = indexed_table(db)
    for i in range(20):
        put(db, table, {"pk": S(f"p{i}"), "sk": N(i), "g": S("g"), "gs": N(i), "l": S("l")})
    assert len(entries(db, index_of(table, "keys"))) == 20
    db.write_blocking(DeleteTableOp("t"))
    db.purger.run_once()
    for index in table.indexes:
        assert entries(db, index) == []


ops = st.lists(st.tuples(st.integers(0, 5), st.one_of(st.none(), st.sampled_from("abc")),
                         st.one_of(st.none(), st.integers(0, 3)), st.booleans()), min_size=1, max_size=25)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops)
def test_index_always_equals_projection_of_table(db, steps):
    """After any sequence of puts and deletes, every index holds exactly the projection of the
    items that have its keys, and its counters agree."""
    name = f"h{abs(hash(tuple(steps))) % 10**9}"
    table = indexed_table(db, name)
    model: dict[int, Item] = {}
    for sk, g, gs, is_delete in steps:
        if is_delete:
            delete(db, table, {"pk": S("p"), "sk": N(sk)})
            model.pop(sk, None)
            continue
        item: Item = {"pk": S("p"), "sk": N(sk), "x": S(str(gs))}
        if g is not None:
            item["g"] = S(g)
            item["l"] = S(g)
        if gs is not None:
            item["gs"] = N(gs)
        put(db, table, item)
        model[sk] = item
    stats = index_stats(db.catalog, db.catalog.get(name))
    for index in table.indexes:
        want = sorted((index.project(i) for i in model.values() if all(n in i for n in index.key_names)),
                      key=lambda e: e["sk"]["N"])
        got = sorted(entries(db, index), key=lambda e: e["sk"]["N"])
        assert got == want
        assert stats[index.name] == (len(want), sum(values.item_size(e) for e in want))
