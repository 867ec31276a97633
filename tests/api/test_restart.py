"""Restarts through boto3: every acknowledged write is there after SIGTERM and after SIGKILL,
with many concurrent writers still running when the server goes down."""

from __future__ import annotations

import threading

import pytest
from botocore.exceptions import ClientError

from tests.conftest import ServerProcess, client, error_of, make_table, thread_client

WRITERS = 8
ACKED_BEFORE_STOP = 200


def write_until_stopped(url: str, table: str) -> tuple[list[str], threading.Event, list[threading.Thread]]:
    """Start WRITERS threads putting items; returns the keys whose PutItem was acknowledged."""
    acked: list[str] = []
    ready = threading.Barrier(WRITERS + 1)

    def run(w: int) -> None:
        ddb = thread_client(url, read_timeout=10)
        ready.wait()
        i = 0
        while True:
            key = f"w{w}-{i}"
            try:
                ddb.put_item(TableName=table, Item={"pk": {"S": key}, "n": {"N": str(i)}, "pad": {"S": "p" * 100}})
            except Exception:  # the server went away: stop; this write was not acknowledged
                return
            acked.append(key)
            i += 1

    threads = [threading.Thread(target=run, args=(w,), daemon=True) for w in range(WRITERS)]
    for t in threads:
        t.start()
    ready.wait()
    enough = threading.Event()

    def watch() -> None:
        while len(acked) < ACKED_BEFORE_STOP and any(t.is_alive() for t in threads):
            threading.Event().wait(0.002)
        enough.set()

    threading.Thread(target=watch, daemon=True).start()
    return acked, enough, threads


@pytest.mark.parametrize("sig", ["kill", "term"])
def test_acknowledged_writes_survive_a_stop(data_dir: str, sig: str) -> None:
    """A write DynamoDB acknowledged is durable: after SIGKILL or SIGTERM and a restart it is read back."""
    srv = ServerProcess(["--data-dir", data_dir]).start()
    table = make_table(client(srv.url))
    acked, enough, threads = write_until_stopped(srv.url, table)
    assert enough.wait(60)
    code = srv.stop(sig)  # writers are still sending
    for t in threads:
        t.join(30)
    if sig == "term":
        assert code == 0
    keys = list(acked)
    assert len(keys) >= ACKED_BEFORE_STOP
    srv.start()
    try:
        ddb = client(srv.url)
        missing = [k for k in keys
                   if "Item" not in ddb.get_item(TableName=table, Key={"pk": {"S": k}}, ConsistentRead=True)]
        assert missing == []
        count = ddb.describe_table(TableName=table)["Table"]["ItemCount"]
        assert count >= len(keys)  # writes in flight at the stop may also have committed
    finally:
        srv.stop()


def test_deleted_table_stays_deleted_after_a_crash(data_dir: str) -> None:
    """DeleteTable is durable at once; a table created again with the name after a crash is empty."""
    srv = ServerProcess(["--data-dir", data_dir]).start()
    ddb = client(srv.url)
    table = make_table(ddb)
    for i in range(50):
        ddb.put_item(TableName=table, Item={"pk": {"S": f"k{i}"}})
    ddb.delete_table(TableName=table)
    srv.stop("kill")
    srv.start()
    try:
        ddb = client(srv.url)
        with pytest.raises(ClientError) as err:
            ddb.describe_table(TableName=table)
        assert error_of(err)[0] == "ResourceNotFoundException"
        make_table(ddb, name=table)
        assert "Item" not in ddb.get_item(TableName=table, Key={"pk": {"S": "k1"}})
        assert ddb.describe_table(TableName=table)["Table"]["ItemCount"] == 0
    finally:
        srv.stop()
