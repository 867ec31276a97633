"""Database: named databases, reopening, the growing map, reader slots, one process per directory,
and a close that commits every queued write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import Future

import pytest

from ddbserver.engine import store as store_mod
from ddbserver.engine.database import DataDirInUse, Database
from ddbserver.engine.tables import table_stats
from ddbserver.engine.writer import WriterClosed
from tests.engine.conftest import create_table, get_item, put_op, reopen


def test_data_survives_a_clean_close(db):
    """Written items, tables and counters are there after close and open."""
    table = create_table(db)
    for i in range(20):
        db.write_blocking(put_op(table, f"k{i}", v="x" * i))
    again = reopen(db)
    table2 = again.catalog.get("t")
    assert table2.id == table.id
    assert get_item(again, table2, "k7") == {"pk": {"S": "k7"}, "v": {"S": "x" * 7}}
    assert table_stats(again.catalog, table2)[0] == 20


def test_map_grows_from_a_tiny_map(db):
    """A map far too small for the data grows as the writer needs it; nothing is lost."""
    tiny = reopen(db, map_size=64 * 1024)
    start = tiny.map_size()
    table = create_table(tiny)
    for i in range(300):
        tiny.write_blocking(put_op(table, f"k{i}", v="y" * 500))
    assert tiny.map_size() > start
    assert tiny.writer.map_growths >= 1
    assert all(get_item(tiny, table, f"k{i}") is not None for i in range(300))
    assert table_stats(tiny.catalog, table)[0] == 300


def test_map_growth_waits_for_open_readers(db):
    """LMDB forbids remapping while a read transaction is open: the resize waits for it."""
    tiny = reopen(db, map_size=64 * 1024)
    table = create_table(tiny)
    done: Future[None] = Future()

    def writer() -> None:
        try:
            for i in range(200):
                tiny.write_blocking(put_op(table, f"k{i}", v="z" * 500))
            done.set_result(None)
        except BaseException as err:  # pragma: no cover - reported below
            done.set_exception(err)

    with tiny.read() as txn:
        thread = threading.Thread(target=writer)
        thread.start()
        while not tiny._resizing:  # the writer found the map full and waits for us
            assert not done.done()
            threading.Event().wait(0.001)
        assert not done.done()
        assert txn.get(b"format", db=tiny.sys_db) is not None  # our transaction is still valid
    done.result(timeout=30)
    thread.join()
    assert get_item(tiny, table, "k199") is not None


def test_readers_on_other_threads_run_through_map_growth(db):
    """Reads on other threads during repeated growths neither fail nor see a torn state."""
    tiny = reopen(db, map_size=64 * 1024)
    table = create_table(tiny)
    tiny.write_blocking(put_op(table, "fixed", v="f"))
    stop = threading.Event()
    errors: list[BaseException] = []
    reads = [0]

    def reader() -> None:
        while not stop.is_set():
            try:
                assert get_item(tiny, table, "fixed") == {"pk": {"S": "fixed"}, "v": {"S": "f"}}
                reads[0] += 1
                time.sleep(0)  # let the writer have the GIL
            except BaseException as err:  # pragma: no cover - reported below
                errors.append(err)
                return

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        for i in range(150):
            tiny.write_blocking(put_op(table, f"k{i}", v="r" * 800))
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert errors == []
    assert tiny.writer.map_growths >= 2 and reads[0] > 0


def test_exclusive_open_is_refused_while_shared(db):
    """A process may ask for a data directory alone (exclusive=True); it is refused while
    another has it open, as is anyone while it holds it."""
    with pytest.raises(DataDirInUse):
        Database(db.path, sync=db.sync, exclusive=True)


def test_close_commits_every_queued_write(db):
    """A clean shutdown drains the writer's queue before it closes the environment."""
    table = create_table(db)
    futures: list[Future[object]] = []
    for i in range(300):
        fut: Future[object] = Future()
        db.writer.queue.put([(put_op(table, f"q{i}"), fut, None)])
        futures.append(fut)
    db.close()
    assert all(f.done() and f.exception() is None for f in futures)
    again = reopen(db)
    assert all(get_item(again, again.catalog.get("t"), f"q{i}") is not None for i in range(300))


def test_write_after_close_is_refused(db):
    """Once closed, a write raises instead of waiting forever."""
    table = create_table(db)
    db.close()
    with pytest.raises(WriterClosed):
        db.write_blocking(put_op(table, "late"))


def test_stale_reader_slot_of_a_killed_process_is_cleared(db):
    """A process killed inside a read transaction leaves a reader slot; reader_check frees it."""
    code = (
        "import lmdb, os, sys\n"
        f"env = lmdb.open({db.path!r}, max_dbs=8, max_readers=512)\n"
        "txn = env.begin()\n"
        "print('reading', flush=True)\n"
        "sys.stdin.read()\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == b"reading"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    before = db.trimmer.stale_readers_cleared
    db.trimmer.run_once()
    assert db.trimmer.stale_readers_cleared == before + 1


def test_purge_markers_are_the_dropped_tables(db):
    """pending_purges lists exactly the tables whose items are still to be deleted."""
    with db.read() as txn:
        assert store_mod.pending_purges(txn, db.sys_db) == []
