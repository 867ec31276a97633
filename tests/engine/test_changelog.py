"""The change log: one record per item change with old and new images, strictly increasing
sequence numbers (also across restarts), and a trimmer that keeps what readers need."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ddbserver.engine import changelog
from ddbserver.engine.changelog import ChangeRecord, Need
from tests.engine.conftest import create_table, delete_op, put_op, reopen


def records(db):
    with db.read() as txn:
        return changelog.read(txn, db.changelog_db, after=0, limit=100_000)


def test_each_change_has_a_record_with_both_images(db):
    """INSERT has only the new image, MODIFY both, REMOVE only the old; origin and time are kept."""
    table = create_table(db)
    t0 = int(time.time() * 1000)
    db.write_blocking(put_op(table, "a", v="1"))
    db.write_blocking(put_op(table, "a", v="2"))
    db.write_blocking(delete_op(table, "a"))
    db.write_blocking(delete_op(table, "a"))  # nothing to delete: no record
    ins, mod, rem = records(db)
    assert (ins.event, mod.event, rem.event) == ("INSERT", "MODIFY", "REMOVE")
    assert ins.old is None and ins.new == {"pk": {"S": "a"}, "v": {"S": "1"}}
    assert mod.old == ins.new and mod.new == {"pk": {"S": "a"}, "v": {"S": "2"}}
    assert rem.old == mod.new and rem.new is None
    assert {r.key["pk"]["S"] for r in (ins, mod, rem)} == {"a"}
    assert all(r.table == "t" and r.table_id == table.id and r.origin == "user" for r in (ins, mod, rem))
    assert t0 - 1000 <= ins.ts_ms <= mod.ts_ms <= rem.ts_ms <= int(time.time() * 1000) + 1000


def test_sequence_numbers_increase_across_restarts_and_trims(db):
    """Sequence numbers are never reused: not after a restart, not after trimming everything."""
    table = create_table(db)
    for i in range(5):
        db.write_blocking(put_op(table, f"k{i}"))
    first = [r.seq for r in records(db)]
    assert first == sorted(set(first))
    db.trimmer.retention_s = 0
    db.trimmer.clock = lambda: time.time() + 10
    db.trimmer.run_once()
    assert records(db) == []
    again = reopen(db)
    again.write_blocking(put_op(again.catalog.get("t"), "later"))
    (later,) = records(again)
    assert later.seq == first[-1] + 1


def test_trimmer_deletes_only_old_records_in_bounded_batches(db):
    """Records older than the retention go, TRIM batch by batch; younger ones stay."""
    table = create_table(db)
    for i in range(25):
        db.write_blocking(put_op(table, f"k{i}"))
    trimmer = changelog.Trimmer(db, retention_s=3600, batch=10, clock=lambda: time.time())
    trimmer.run_once()
    assert len(records(db)) == 25 and trimmer.records_trimmed == 0
    trimmer.clock = lambda: time.time() + 3601
    trimmer.run_once()
    assert records(db) == []
    assert trimmer.records_trimmed == 25 and trimmer.batches == 1 + 3
    assert trimmer.counters()["records_trimmed"] == 25


def test_holds_keep_what_readers_need(db):
    """A reader may keep records longer (seconds) or from a sequence number on (from_seq)."""
    table = create_table(db)
    for i in range(10):
        db.write_blocking(put_op(table, f"k{i}"))
    seqs = [r.seq for r in records(db)]
    trimmer = changelog.Trimmer(db, retention_s=60, clock=lambda: time.time() + 120)
    trimmer.hold("pitr", lambda: Need(seconds=35 * 86400))
    trimmer.run_once()
    assert len(records(db)) == 10
    trimmer.release("pitr")
    trimmer.hold("stream-reader", lambda: Need(from_seq=seqs[6]))
    trimmer.run_once()
    assert [r.seq for r in records(db)] == seqs[6:]
    trimmer.release("stream-reader")
    trimmer.run_once()
    assert records(db) == []


def test_trimmer_runs_as_a_service(db):
    """start() runs it at once in its own thread, stop() ends it; counters show the work."""
    table = create_table(db)
    db.write_blocking(put_op(table, "a"))
    db.trimmer.retention_s = 0
    db.trimmer.clock = lambda: time.time() + 10
    db.trimmer.start()
    deadline = time.monotonic() + 10
    while db.trimmer.records_trimmed < 1 and time.monotonic() < deadline:
        time.sleep(0.005)
    db.trimmer.stop()
    assert db.trimmer.records_trimmed == 1 and db.trimmer.runs >= 1
    assert records(db) == []


@given(
    old=st.one_of(st.none(), st.dictionaries(st.text(min_size=1, max_size=5), st.fixed_dictionaries({"S": st.text()}))),
    new=st.one_of(st.none(), st.dictionaries(st.text(min_size=1, max_size=5), st.fixed_dictionaries({"N": st.just("1")}))),
    origin=st.sampled_from(changelog.ORIGINS),
    ts=st.integers(0, 2**63 - 1),
)
def test_record_round_trip(old, new, origin, ts):
    """A record decodes to what was written: images, origin, time, event."""
    import orjson

    raw = changelog.record("tbl", 7, {"pk": {"S": "x"}}, orjson.dumps(old) if old is not None else None,
                           orjson.dumps(new) if new is not None else None, origin, now_ms=ts)
    rec = ChangeRecord.decode(42, raw)
    assert (rec.seq, rec.ts_ms, rec.origin, rec.table, rec.table_id) == (42, ts, origin, "tbl", 7)
    assert (rec.old, rec.new) == (old, new)
    assert rec.event == ("INSERT" if old is None else "REMOVE" if new is None else "MODIFY")


def test_large_records_are_compressed_and_read_back(db):
    """A 1 KB item replaced by a similar one: the record (both images, ~2 KB of JSON) is stored
    zstd-compressed, small enough to stay inside its B-tree leaf, and reads back unchanged; small
    records stay plain."""
    table = create_table(db)
    db.write_blocking(put_op(table, "a", v="x" * 1000))
    db.write_blocking(put_op(table, "a", v="x" * 999 + "y"))
    db.write_blocking(put_op(table, "b", v="1"))
    with db.read() as txn:
        raws = [bytes(v) for _, v in txn.cursor(db=db.changelog_db)]
    versions = [changelog.HEADER.unpack_from(raw)[0] for raw in raws]
    assert versions == [changelog.VERSION_ZSTD, changelog.VERSION_ZSTD, changelog.VERSION]
    assert len(raws[1]) < 300  # both images are ~2 KB uncompressed
    ins, mod, small = records(db)
    assert ins.new["v"] == {"S": "x" * 1000} and ins.old is None
    assert mod.old["v"] == {"S": "x" * 1000} and mod.new["v"] == {"S": "x" * 999 + "y"}
    assert small.new["v"] == {"S": "1"} and small.event == "INSERT"
    assert mod.key == {"pk": {"S": "a"}}


def test_a_record_of_an_unknown_version_is_refused():
    with pytest.raises(ValueError, match="unknown version 9"):
        ChangeRecord.decode(1, changelog.HEADER.pack(9, 0, 1, 1) + b"{}")


@given(images=st.lists(st.text(min_size=200, max_size=3000), min_size=2, max_size=2))
def test_compressed_record_round_trip(images):
    """Records over COMPRESS_FROM bytes decode to exactly what was written."""
    import orjson

    old, new = ({"v": {"S": text}} for text in images)
    raw = changelog.record("tbl", 7, {"pk": {"S": "x"}}, orjson.dumps(old), orjson.dumps(new), "user", now_ms=5)
    assert changelog.HEADER.unpack_from(raw)[0] == changelog.VERSION_ZSTD
    rec = ChangeRecord.decode(3, raw)
    assert (rec.old, rec.new, rec.ts_ms, rec.event) == (old, new, 5, "MODIFY")
