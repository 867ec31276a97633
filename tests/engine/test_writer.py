"""The writer thread: group commit, a failing operation changes nothing, one wake-up per loop per
batch, results delivered to asyncio and blocking callers."""

from __future__ import annotations

import asyncio
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

import pytest

from ddbserver.engine import changelog
from ddbserver.engine.store import Store, read_counter
from ddbserver.engine.tables import table_stats
from ddbserver.errors import DynamoError, validation
from tests.engine.conftest import create_table, get_item, put_op


@dataclass(frozen=True, slots=True)
class PutThenFail:
    """Writes an item (and its change record and counts), then fails: all of it must vanish."""

    inner: Any
    error: Exception

    def apply(self, store: Store) -> Any:
        self.inner.apply(store)
        raise self.error


def run_batch(db: Any, ops: list[Any]) -> list[Future[Any]]:
    """Hand `ops` to the writer as one queue entry, so they share one transaction."""
    futures: list[Future[Any]] = [Future() for _ in ops]
    db.writer.queue.put([(op, fut, None) for op, fut in zip(ops, futures)])
    for fut in futures:
        fut.exception(timeout=30)
    return futures


def test_failing_operation_changes_nothing_and_others_commit(db):
    """One operation's error is its caller's alone; its item, record and counts are undone."""
    table = create_table(db)
    with db.read() as txn:
        seq_before = read_counter(txn, db.sys_db, b"next_seq")
    batches = db.writer.batches
    ok1, bad, ok2 = run_batch(db, [
        put_op(table, "a"), PutThenFail(put_op(table, "b", big="x" * 100), validation("no")), put_op(table, "c"),
    ])
    assert db.writer.batches == batches + 1
    assert db.writer.isolated_batches == 1  # rerun with nested transactions
    assert ok1.exception() is None and ok2.exception() is None
    assert isinstance(bad.exception(), DynamoError)
    assert get_item(db, table, "b") is None
    assert table_stats(db.catalog, table) == (2, 2 * len("pka"))
    with db.read() as txn:
        assert read_counter(txn, db.sys_db, b"next_seq") == seq_before + 2
        records = changelog.read(txn, db.changelog_db, after=seq_before)
    assert [r.key["pk"]["S"] for r in records] == ["a", "c"]
    assert [r.seq for r in records] == [seq_before + 1, seq_before + 2]


def test_a_bug_in_one_operation_is_reported_to_that_caller_only(db):
    """An unexpected exception is the failing caller's error; the batch still commits."""
    table = create_table(db)
    ok, bad = run_batch(db, [put_op(table, "a"), PutThenFail(put_op(table, "b"), ZeroDivisionError("bug"))])
    assert ok.exception() is None
    assert isinstance(bad.exception(), ZeroDivisionError)
    assert get_item(db, table, "a") is not None and get_item(db, table, "b") is None


def test_concurrent_writes_are_group_committed(db):
    """Writes submitted together share transactions (and, on disk, flushes)."""
    table = create_table(db)
    db.writer.reset_stats()

    async def main() -> None:
        await asyncio.gather(*(db.write(put_op(table, f"g{i}")) for i in range(200)))

    asyncio.run(main())
    stats = db.writer.stats()
    assert stats["ops"] == 200
    assert stats["batches"] < 200 / 4
    assert sum(stats["hist"].values()) == stats["batches"]
    assert table_stats(db.catalog, table)[0] == 200


def test_one_wakeup_per_loop_per_batch(db):
    """The writer resolves all of a loop's futures of one batch with one call_soon_threadsafe."""
    table = create_table(db)
    loop = asyncio.new_event_loop()
    calls = []
    original = loop.call_soon_threadsafe

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[0])
        return original(*args, **kwargs)

    loop.call_soon_threadsafe = counting  # type: ignore[method-assign]
    db.writer.reset_stats()
    async def main() -> list[Any]:
        return await asyncio.gather(*(db.write(put_op(table, f"w{i}")) for i in range(64)))

    try:
        results = loop.run_until_complete(main())
    finally:
        loop.close()
    assert len(results) == 64 and all(r.new is not None for r in results)
    assert len(calls) == db.writer.stats()["batches"]


def test_conditional_failure_reaches_the_async_caller(db):
    """A rejected condition raises in the awaiting handler, with nothing written."""
    table = create_table(db)
    db.write_blocking(put_op(table, "a"))
    op = put_op(table, "a", v="new")
    rejecting = type(op)(op.table, op.key, op.key_bytes, op.item, op.size, condition=lambda old: old is None)

    async def main() -> Any:
        return await db.write(rejecting)

    with pytest.raises(DynamoError) as err:
        asyncio.run(main())
    assert err.value.type.endswith("ConditionalCheckFailedException")
    assert db.writer.isolated_batches == 0  # alone in its batch: aborting undid it
    assert get_item(db, table, "a") == {"pk": {"S": "a"}}


def test_cancelled_caller_does_not_undo_the_write(db):
    """A caller that stops waiting (client gone) does not take the write back."""
    table = create_table(db)

    async def main() -> None:
        task = asyncio.ensure_future(db.write(put_op(table, "c")))
        await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await db.write(put_op(table, "after"))  # the batch holding "c" has committed by now

    asyncio.run(main())
    assert get_item(db, table, "c") is not None


def test_write_all_runs_operations_together_with_an_outcome_each(db):
    """Database.write_all (BatchWriteItem): the operations travel as one queue entry, so they
    share one transaction; each gets its own result or exception, in order, and a failing one
    changes nothing of the others."""
    table = create_table(db)
    db.writer.reset_stats()
    ops = [put_op(table, "x1"), PutThenFail(put_op(table, "x2"), validation("no")), put_op(table, "x3")]

    async def main() -> list[Any]:
        return await db.write_all(ops)

    first, failed, third = asyncio.run(main())
    assert first.old is None and first.new is not None and third.new is not None
    assert isinstance(failed, DynamoError) and failed.message == "no"
    assert db.writer.stats()["batches"] == 1 and db.writer.stats()["ops"] == 3
    assert get_item(db, table, "x2") is None
    assert get_item(db, table, "x1") == {"pk": {"S": "x1"}} and get_item(db, table, "x3") == {"pk": {"S": "x3"}}
