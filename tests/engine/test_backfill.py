"""The backfill service builds an index added by UpdateTable over the table's existing items
(each indexed exactly once, items breaking the index's key rules left out, counters exact),
resumes from its saved position after a reopen, finishes a dropped index, and builds the
indexes of a format-2 data directory after the upgrade at open."""

from __future__ import annotations

import struct
from typing import Any

import orjson
import pytest

from ddbserver.engine import keys, values
from ddbserver.engine.backfill import AdvanceOp, Backfiller
from ddbserver.engine.database import Database
from ddbserver.engine.index_updates import IndexChange, backfill_key
from ddbserver.engine.store import read_stats
from ddbserver.engine.tables import DeleteTableOp, TableUpdate, UpdateTableOp
from ddbserver.engine.writes import PutOp
from ddbserver.errors import DynamoError
from tests.engine.conftest import create_table, reopen
from tests.index_check import check_index, prefixed

GSI = {"IndexName": "by-g", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"},
                                          {"AttributeName": "n", "KeyType": "RANGE"}],
       "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["x"]}}
DEFS = ({"AttributeName": "g", "AttributeType": "S"}, {"AttributeName": "n", "AttributeType": "N"})


def put(db: Database, table: Any, item: dict[str, Any]) -> None:
    key = {"pk": item["pk"]}
    db.write_blocking(PutOp(table, key, keys.item_key(table.id, table.key, key), item, values.item_size(item)))


def load(db: Database, table: Any, n: int) -> int:
    """n items, a few of them breaking the index's key rules; returns how many the index holds."""
    good = 0
    for i in range(n):
        item: dict[str, Any] = {"pk": {"S": f"k{i}"}, "x": {"S": "x" * (i % 5)}, "y": {"N": str(i)}}
        kind = i % 6
        if kind == 0:
            item["g"] = {"N": "1"}            # another type: not indexed
        elif kind == 1:
            item["g"] = {"S": ""}             # empty string: not indexed
        elif kind == 2:
            pass                              # no index key: not indexed (sparse)
        else:
            item.update(g={"S": f"g{i % 4}"}, n={"N": str(i)})
            good += 1
        put(db, table, item)
    return good


def create_index(db: Database, name: str = "t") -> Any:
    return db.write_blocking(UpdateTableOp(name, TableUpdate(), (IndexChange("Create", "by-g", dict(GSI)),), DEFS))


def finish(service: Backfiller) -> None:
    service.run_once()
    assert service.interval > 1  # nothing left to wait for


def test_backfill_indexes_every_valid_item_once(db):
    """After the backfill the index holds every item with valid index keys, once."""
    table = create_table(db)
    good = load(db, table, 300)
    table = create_index(db)
    assert table.index("by-g").status == "CREATING"
    service = Backfiller(db, delay=0, batch=64)
    finish(service)
    assert db.catalog.get("t").index("by-g").status == "ACTIVE"
    assert "Backfilling" not in db.catalog.get("t").meta["GlobalSecondaryIndexes"][0]
    assert check_index(db, "t", "by-g") == good
    assert service.items_read == 300 and service.items_indexed == good and service.batches == 5


def test_writes_during_the_backfill_keep_the_index_exact(db):
    """Items written, changed and deleted while the backfill runs are indexed exactly once."""
    table = create_table(db)
    load(db, table, 200)
    create_index(db)
    table = db.catalog.get("t")
    for step in range(40):
        db.write_blocking(AdvanceOp("t", table.index("by-g").id, 0, 10))
        put(db, table, {"pk": {"S": f"k{step * 5}"}, "g": {"S": "moved"}, "n": {"N": "7"}})
        put(db, table, {"pk": {"S": f"new{step}"}, "g": {"S": "new"}, "n": {"N": str(step)}})
    finish(Backfiller(db, delay=0))
    check_index(db, "t", "by-g")


def test_backfill_resumes_from_its_saved_position(db):
    """The position is saved with each batch: after a reopen the backfill continues from it."""
    table = create_table(db)
    good = load(db, table, 120)
    index_id = create_index(db).index("by-g").id
    for _ in range(3):
        db.write_blocking(AdvanceOp("t", index_id, 0, 25))
    with db.read() as txn:
        position = txn.get(backfill_key(index_id), db=db.sys_db)
        done = read_stats(txn, db.sys_db, index_id)[0]
    assert position is not None and 0 < done < good
    again = reopen(db)
    service = Backfiller(again, delay=0, batch=25)
    finish(service)
    assert service.items_read == 120 - 50  # two batches before the reopen, the third found its place
    assert check_index(again, "t", "by-g") == good
    with again.read() as txn:
        assert txn.get(backfill_key(index_id), db=again.sys_db) is None


def test_phases_wait_for_the_delay(db):
    """Each transient phase lasts at least the delay: allocation, then backfilling."""
    table = create_table(db)
    load(db, table, 10)
    index_id = create_index(db).index("by-g").id
    step = db.write_blocking(AdvanceOp("t", index_id, 60, 100))
    assert step.wait is not None and 59 < step.wait <= 60
    assert db.catalog.get("t").meta["GlobalSecondaryIndexes"][0]["Backfilling"] is False


def test_deleted_index_is_purged_and_leaves_the_record(db):
    """Delete: DELETING at once (not maintained), entries purged, then the index and the key
    attributes only it used are gone."""
    table = create_table(db)
    load(db, table, 60)
    create_index(db)
    finish(Backfiller(db, delay=0))
    index_id = db.catalog.get("t").index("by-g").id
    table = db.write_blocking(UpdateTableOp("t", TableUpdate(), (IndexChange("Delete", "by-g"),)))
    assert table.index("by-g").status == "DELETING" and not table.index("by-g").maintained
    db.purger.run_once()
    with db.read() as txn:
        assert prefixed(txn, db.items_db, keys.table_prefix(index_id)) == []
        assert read_stats(txn, db.sys_db, index_id) == (0, 0)
    put(db, db.catalog.get("t"), {"pk": {"S": "late"}, "g": {"S": "a"}, "n": {"N": "1"}})
    service = Backfiller(db, delay=0)
    finish(service)
    meta = db.catalog.get("t").meta
    assert "GlobalSecondaryIndexes" not in meta
    assert [d["AttributeName"] for d in meta["AttributeDefinitions"]] == ["pk"]
    assert service.indexes_deleted == 1
    with db.read() as txn:
        assert prefixed(txn, db.items_db, keys.table_prefix(index_id)) == []


def test_delete_table_waits_for_index_changes(db):
    """DeleteTable is refused while an index is being created (AWS's ResourceInUseException)."""
    create_table(db)
    create_index(db)
    with pytest.raises(DynamoError) as e:
        db.write_blocking(DeleteTableOp("t"))
    assert e.value.type == "ResourceInUseException"
    finish(Backfiller(db, delay=0))
    db.write_blocking(DeleteTableOp("t"))


def test_format_2_directory_gets_index_ids_and_backfills(db):
    """A data directory from before index ids (format 2): at open its indexes get ids and are
    built by the backfill."""
    table = create_table(db)
    good = load(db, table, 90)
    meta = dict(table.meta, AttributeDefinitions=table.meta["AttributeDefinitions"] + list(DEFS),
                GlobalSecondaryIndexes=[dict(GSI)])  # as format 2 stored it: no id, no status
    with db.env.begin(write=True) as txn:
        txn.put(b"t", orjson.dumps(meta), db=db.tables_db)
        txn.put(b"format", struct.pack(">I", 2), db=db.sys_db)
    again = reopen(db)
    with again.read() as txn:
        assert struct.unpack(">I", txn.get(b"format", db=again.sys_db))[0] == 3
    index = again.catalog.get("t").index("by-g")
    assert index.id > table.id and index.status == "CREATING" and index.backfilling
    finish(Backfiller(again, delay=0))
    assert again.catalog.get("t").index("by-g").status == "ACTIVE"
    assert check_index(again, "t", "by-g") == good


LSI = {"IndexName": "by-l", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                                          {"AttributeName": "l", "KeyType": "RANGE"}],
       "Projection": {"ProjectionType": "KEYS_ONLY"}}


def lsi_table(db: Database, name: str, with_index: bool) -> Any:
    from ddbserver.engine.tables import CreateTableOp

    meta: dict[str, Any] = {
        "TableName": name, "BillingMode": "PAY_PER_REQUEST", "ProvisionedThroughput": None,
        "DeletionProtectionEnabled": False, "Tags": [],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                 {"AttributeName": "sk", "AttributeType": "N"}]}
    if with_index:
        meta["AttributeDefinitions"].append({"AttributeName": "l", "AttributeType": "S"})
        meta["LocalSecondaryIndexes"] = [dict(LSI)]
    table = db.write_blocking(CreateTableOp(meta))
    for i in range(40):
        item = {"pk": {"S": f"p{i % 3}"}, "sk": {"N": str(i)}, "v": {"S": "v" * i}}
        if i % 4:
            item["l"] = {"S": f"l{i}"}
        key = {"pk": item["pk"], "sk": item["sk"]}
        db.write_blocking(PutOp(table, key, keys.item_key(table.id, table.key, key), item, values.item_size(item)))
    return table


def collections(db: Database, table: Any) -> dict[str, int]:
    from ddbserver.engine.store import read_collection

    with db.read() as txn:
        return {f"p{i}": read_collection(txn, db.sys_db, keys.partition_prefix(table.id, "S", f"p{i}"))
                for i in range(3)}


def test_upgraded_local_index_counts_its_item_collections(db):
    """A format-2 table's local index, built after the upgrade, leaves each item collection
    counted exactly as if the index had been maintained from the start."""
    reference = lsi_table(db, "ref", with_index=True)
    old = lsi_table(db, "old", with_index=False)
    meta = dict(old.meta, AttributeDefinitions=old.meta["AttributeDefinitions"] + [
        {"AttributeName": "l", "AttributeType": "S"}], LocalSecondaryIndexes=[dict(LSI)])
    with db.env.begin(write=True) as txn:
        txn.put(b"old", orjson.dumps(meta), db=db.tables_db)
        txn.put(b"format", struct.pack(">I", 2), db=db.sys_db)
    again = reopen(db)
    finish(Backfiller(again, delay=0))
    assert check_index(again, "old", "by-l") == 30
    assert collections(again, old) == collections(again, reference)
    assert all(size > 0 for size in collections(again, reference).values())


def test_deleting_an_index_while_it_backfills(db):
    """An index may be deleted once it is backfilling (not while allocating): the build stops,
    its partial entries and position are dropped, and the index goes."""
    table = create_table(db)
    load(db, table, 100)
    index_id = create_index(db).index("by-g").id
    with pytest.raises(DynamoError) as e:  # resource allocation phase
        db.write_blocking(UpdateTableOp("t", TableUpdate(), (IndexChange("Delete", "by-g"),)))
    assert e.value.type == "ResourceInUseException"
    db.write_blocking(AdvanceOp("t", index_id, 0, 30))  # -> Backfilling
    db.write_blocking(AdvanceOp("t", index_id, 0, 30))  # one batch
    db.write_blocking(UpdateTableOp("t", TableUpdate(), (IndexChange("Delete", "by-g"),)))
    db.purger.run_once()
    finish(Backfiller(db, delay=0))
    assert "GlobalSecondaryIndexes" not in db.catalog.get("t").meta
    with db.read() as txn:
        assert prefixed(txn, db.items_db, keys.table_prefix(index_id)) == []
        assert txn.get(backfill_key(index_id), db=db.sys_db) is None
