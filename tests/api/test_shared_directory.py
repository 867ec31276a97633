"""Several processes on one data directory: a running server and an embedded engine see each
other's tables and items; a server's worker processes serve one port together. (A second
server on the directory is still refused: test_lifecycle.py.)"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from ddbserver.embedded import Embedded
from tests.api.test_lifecycle import Spawned
from tests.conftest import REPO_ROOT, client

KEYS = {"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "BillingMode": "PAY_PER_REQUEST"}


@pytest.fixture
def data_dir(tmp_path: Any) -> str:
    return str(tmp_path / "data")


def poll(check: object, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if check():  # type: ignore[operator]
                return
        except Exception:
            if time.monotonic() > deadline:
                raise
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)


def test_server_and_embedded_engine_share_a_directory(data_dir):
    """An embedded engine opens the directory of a running server: tables and items written by
    either are seen by the other, and a table dropped by one refuses the other's writes."""
    server = Spawned("--data-dir", data_dir)
    try:
        server.first_answer()
        remote = client(server.url)
        remote.create_table(TableName="from_server", **KEYS)
        remote.put_item(TableName="from_server", Item={"pk": {"S": "s"}})
        with Embedded(data_dir) as local:
            assert local.get_item(TableName="from_server", Key={"pk": {"S": "s"}}) == {"Item": {"pk": {"S": "s"}}}
            local.create_table(TableName="from_embedded", **KEYS)
            local.put_item(TableName="from_embedded", Item={"pk": {"S": "e"}, "n": {"N": "1"}})
            local.put_item(TableName="from_server", Item={"pk": {"S": "e2"}})
            poll(lambda: "from_embedded" in remote.list_tables()["TableNames"])
            assert remote.get_item(TableName="from_embedded", Key={"pk": {"S": "e"}})["Item"]["n"] == {"N": "1"}
            assert remote.scan(TableName="from_server")["Count"] == 2
            assert remote.describe_table(TableName="from_server")["Table"]["ItemCount"] == 2
            local.get_item(TableName="from_server", Key={"pk": {"S": "s"}})  # cache the table here
            remote.delete_table(TableName="from_server")
            with pytest.raises(Exception) as err:  # the embedded side's cached table is stale:
                local.put_item(TableName="from_server", Item={"pk": {"S": "late"}})  # the write re-checks
            assert getattr(err.value, "type", "") == "ResourceNotFoundException"
    finally:
        assert server.stop() == 0
    with Embedded(data_dir) as again:  # everything is on disk
        assert again.list_tables() == {"TableNames": ["from_embedded"]}


def test_workers_serve_one_port_and_stop_together(data_dir):
    """--workers 2: two processes answer on one port over one directory, writes from either
    are seen by both, and SIGTERM to the server stops them all."""
    server = Spawned("--data-dir", data_dir, "--workers", "2")
    try:
        server.first_answer()
        poll(lambda: "2 worker processes" in server.output(), timeout=15)
        ddb = client(server.url)
        ddb.create_table(TableName="spread", **KEYS)

        def write(i: int) -> None:
            c = client(server.url)  # a connection (and so possibly a worker) of its own
            c.put_item(TableName="spread", Item={"pk": {"S": f"k{i}"}})

        with ThreadPoolExecutor(8) as pool:
            list(pool.map(write, range(64)))
        poll(lambda: all(client(server.url).scan(TableName="spread")["Count"] == 64 for _ in range(8)))
        children = subprocess.run(["pgrep", "-P", str(server.proc.pid)], capture_output=True, text=True).stdout.split()
        assert len(children) == 1
    finally:
        assert server.stop(signal.SIGTERM) == 0
    for pid in children:
        assert not os.path.exists(f"/proc/{pid}") or "Z" in open(f"/proc/{pid}/stat").read().split()[2]


def test_map_growth_in_one_process_is_adopted_by_another(tmp_path):
    """When one process grows the LMDB map, another process's next transaction adopts the
    new size instead of failing."""
    path = str(tmp_path / "grow")
    script = (
        "import sys; sys.path.insert(0, %r)\n"
        "from ddbserver.engine.database import Database\n"
        "from tests.engine.conftest import create_table, put_op\n"
        "db = Database(%r, sync=False, map_size=1 << 20)\n"
        "t = create_table(db)\n"
        "for i in range(3000): db.write_blocking(put_op(t, 'k%%d' %% i, v='x' * 1000))\n"
        "print(db.writer.map_growths)\n"
        "db.close()\n"
    ) % (REPO_ROOT, path)
    from ddbserver.engine.database import Database
    os.makedirs(path)
    mine = Database(path, sync=False, map_size=1 << 20)
    try:
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO_ROOT,
                             timeout=120)
        assert out.returncode == 0, out.stderr
        assert int(out.stdout.split()[-1]) >= 1
        table = mine.catalog.get("t")
        with mine.read() as txn:
            assert txn.stat(mine.items_db)["entries"] == 3000
        assert mine.map_size() > 1 << 20 and table.name == "t"
    finally:
        mine.close()
