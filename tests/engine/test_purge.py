"""DeleteTable drops the metadata at once; the purger deletes the items in bounded batches, also
after a restart; a write prepared against the dropped table is refused."""

from __future__ import annotations

import pytest

from ddbserver.engine import keys
from ddbserver.engine.purge import Purger
from ddbserver.engine.store import pending_purges
from ddbserver.engine.tables import DeleteTableOp
from ddbserver.errors import DynamoError
from tests.engine.conftest import create_table, put_op, reopen


def leftovers(db, table_id: int) -> int:
    prefix = keys.table_prefix(table_id)
    with db.read() as txn:
        cur = txn.cursor(db=db.items_db)
        n = 0
        if cur.set_range(prefix):
            for k in cur.iternext(values=False):
                if not k.startswith(prefix):
                    break
                n += 1
        return n


def test_delete_table_is_immediate_and_items_are_purged_in_batches(db):
    """The table is gone at once; its items go later, `batch` per writer operation."""
    table = create_table(db)
    for i in range(25):
        db.write_blocking(put_op(table, f"k{i}"))
    dropped, stats = db.write_blocking(DeleteTableOp("t"))
    assert dropped.id == table.id and stats[0] == 25
    assert db.catalog.find("t") is None
    assert leftovers(db, table.id) == 25
    purger = Purger(db, batch=10)
    purger.run_once()
    assert leftovers(db, table.id) == 0
    assert purger.items_purged == 25 and purger.batches == 3 and purger.tables_purged == 1
    with db.read() as txn:
        assert pending_purges(txn, db.sys_db) == []


def test_a_new_table_of_the_same_name_never_sees_leftovers(db):
    """Table ids are never reused: a recreated table starts empty even before the purge."""
    old = create_table(db)
    db.write_blocking(put_op(old, "a"))
    db.write_blocking(DeleteTableOp("t"))
    new = create_table(db)
    assert new.id != old.id
    assert leftovers(db, new.id) == 0 and leftovers(db, old.id) == 1


def test_write_to_a_dropped_table_is_refused(db):
    """An operation prepared before DeleteTable committed finds the table gone."""
    table = create_table(db)
    db.write_blocking(DeleteTableOp("t"))
    with pytest.raises(DynamoError) as err:
        db.write_blocking(put_op(table, "late"))
    assert err.value.type.endswith("ResourceNotFoundException")
    assert leftovers(db, table.id) == 0


def test_purge_resumes_after_a_restart(db):
    """The purge marker is durable: an interrupted purge finishes after the database reopens."""
    table = create_table(db)
    for i in range(30):
        db.write_blocking(put_op(table, f"k{i}"))
    db.write_blocking(DeleteTableOp("t"))
    again = reopen(db)
    assert table.id in again.dropped_tables
    assert again.purger.pending() == [table.id]
    again.purger.run_once()
    assert leftovers(again, table.id) == 0 and again.purger.pending() == []


def test_purger_service_is_woken_by_delete_table(db):
    """With the purger running, DeleteTable's commit wakes it; no timer needed."""
    table = create_table(db)
    for i in range(5):
        db.write_blocking(put_op(table, f"k{i}"))
    db.purger.interval = 3600
    db.purger.start()
    try:
        db.write_blocking(DeleteTableOp("t"))
        import time

        deadline = time.monotonic() + 10
        while db.purger.tables_purged < 1 and time.monotonic() < deadline:
            time.sleep(0.005)
    finally:
        db.purger.stop()
    assert db.purger.tables_purged == 1 and leftovers(db, table.id) == 0


def test_write_after_delete_table_in_the_same_batch_is_refused(db):
    """DeleteTable and a write to that table in one group commit: the write finds no table."""
    from tests.engine.test_writer import run_batch

    table = create_table(db)
    dropped, late = run_batch(db, [DeleteTableOp("t"), put_op(table, "late")])
    assert dropped.exception() is None
    assert isinstance(late.exception(), DynamoError)
    assert late.exception().type.endswith("ResourceNotFoundException")
    assert leftovers(db, table.id) == 0
