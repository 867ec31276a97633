"""A GSI added by UpdateTable to a populated table is built in the background while writes go
on, and survives a restart in the middle of its build: afterwards every item is in the index
exactly once (checked entry by entry in LMDB, tests/index_check.py)."""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass
from typing import Any

import pytest

from ddbserver.engine import keys, values
from ddbserver.engine.database import Database
from ddbserver.engine.index_updates import backfill_key
from ddbserver.engine.store import Store, read_stats
from ddbserver.engine.tables import CreateTableOp
from tests.conftest import ServerProcess, client, thread_client
from tests.index_check import check_index

ITEMS = 50_000
RESTART_ITEMS = 12_000
TABLE = "backfilled"
INDEX = "by-g"


@dataclass(frozen=True, slots=True)
class LoadOp:
    """Put items start..stop-1 in one writer operation (a fast bulk load for the test)."""

    table: Any
    start: int
    stop: int

    def apply(self, store: Store) -> None:
        for i in range(self.start, self.stop):
            key = {"pk": {"S": f"k{i:06d}"}}
            item = {**key, "g": {"S": f"g{i % 97}"}, "n": {"N": str(i)}, "pad": {"S": "p" * 40}}
            if i % 10 == 0:
                item["g"] = {"N": "1"}  # another type than the index's: left out
            store.put(self.table, key, keys.item_key(self.table.id, self.table.key, key), None, item,
                      values.item_size(item))


def load(path: str, n: int) -> None:
    db = Database(path, sync=False)
    try:
        meta = {"TableName": TABLE, "BillingMode": "PAY_PER_REQUEST", "ProvisionedThroughput": None,
                "DeletionProtectionEnabled": False, "Tags": [],
                "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}]}
        table = db.write_blocking(CreateTableOp(meta))
        for start in range(0, n, 5000):
            db.write_blocking(LoadOp(table, start, min(n, start + 5000)))
    finally:
        db.close()


def add_index(ddb: Any) -> None:
    ddb.update_table(TableName=TABLE, AttributeDefinitions=[{"AttributeName": "g", "AttributeType": "S"}],
                     GlobalSecondaryIndexUpdates=[{"Create": {
                         "IndexName": INDEX, "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                         "Projection": {"ProjectionType": "KEYS_ONLY"}}}])


def index_state(ddb: Any) -> dict[str, Any]:
    out: dict[str, Any] = ddb.describe_table(TableName=TABLE)["Table"]["GlobalSecondaryIndexes"][0]
    return out


def check(path: str) -> int:
    db = Database(path)
    try:
        return check_index(db, TABLE, INDEX)
    finally:
        db.close()


def test_backfill_of_50k_items_while_writes_continue(data_dir):
    """Writers put, change and delete items (old and new keys) during the whole build; once the
    index is ACTIVE each item with a valid index key is in it exactly once."""
    load(data_dir, ITEMS)
    srv = ServerProcess(["--data-dir", data_dir, "--no-sync", "--index-delay", "0"]).start()
    stop = threading.Event()
    during: list[str] = []  # writes acknowledged while the index was CREATING
    failures: list[BaseException] = []  # a writer that dies says why
    state = {"creating": False}

    def write(w: int) -> None:
        ddb, rnd = thread_client(srv.url), random.Random(w)
        try:
            while not stop.is_set():
                i = rnd.randrange(ITEMS + 2000)
                key = {"pk": {"S": f"k{i:06d}"}}
                if rnd.random() < 0.2:
                    ddb.delete_item(TableName=TABLE, Key=key)
                else:
                    g = {"S": f"w{rnd.randrange(50)}"} if rnd.random() < 0.9 else None
                    ddb.put_item(TableName=TABLE, Item={**key, "n": {"N": str(i)}, **({"g": g} if g else {})})
                if state["creating"]:
                    during.append(key["pk"]["S"])
        except BaseException as err:
            failures.append(err)
            raise

    try:
        ddb = client(srv.url)
        writers = [threading.Thread(target=write, args=(w,), daemon=True) for w in range(2)]
        for t in writers:
            t.start()
        started = time.monotonic()
        state["creating"] = True
        add_index(ddb)
        while index_state(ddb)["IndexStatus"] != "ACTIVE":
            assert time.monotonic() - started < 60, "the index was not ACTIVE within 60 s"
            time.sleep(0.05)
        state["creating"] = False
        stop.set()
        for t in writers:
            t.join(30)
        assert not failures, f"a writer failed: {failures[0]!r}"
        assert len(during) > 20, f"only {len(during)} writes were acknowledged during the build"
    finally:
        stop.set()
        code = srv.stop()
    assert code == 0, f"the server exited with {code}"
    indexed = check(data_dir)
    assert indexed > ITEMS * 0.8, f"{indexed} items indexed"


@pytest.mark.parametrize("sig", ["kill", "term"])
def test_backfill_resumes_after_a_restart(data_dir, sig):
    """Stopped in the middle of a build (SIGKILL or SIGTERM), the server resumes it from the
    position saved with the last batch, and the index ends exactly right."""
    load(data_dir, RESTART_ITEMS)
    # 20-item steps (each a synced commit): the build takes seconds, so the stop lands in it
    srv = ServerProcess(["--data-dir", data_dir, "--index-delay", "0", "--backfill-batch", "20"]).start()
    ddb = client(srv.url)
    add_index(ddb)
    started = time.monotonic()
    while index_state(ddb)["ItemCount"] == 0:
        assert time.monotonic() - started < 30
        time.sleep(0.005)
    srv.stop(sig)
    db = Database(data_dir)
    try:
        table = db.catalog.get(TABLE)
        index = table.index(INDEX)
        assert index is not None and index.status == "CREATING" and index.backfilling
        with db.read() as txn:
            position = txn.get(backfill_key(index.id), db=db.sys_db)
            done = read_stats(txn, db.sys_db, index.id)[0]
    finally:
        db.close()
    assert position is not None and 0 < done < RESTART_ITEMS * 0.9
    srv.start()
    try:
        ddb = client(srv.url)
        deadline = time.monotonic() + 60
        while index_state(ddb)["IndexStatus"] != "ACTIVE":
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        srv.stop()
    assert check(data_dir) == RESTART_ITEMS - RESTART_ITEMS // 10
