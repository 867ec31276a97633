"""The server's lifecycle: quick start-up, data on disk in a per-user directory by default,
--in-memory removed at exit, clean exit (code 0) on SIGINT and SIGTERM, one server per directory."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

import pytest

from tests.conftest import REPO_ROOT, client, free_port, make_table

# Measured: median ~0.3 s wall on a quiet machine (tools/startup_time.py). The test machine is shared
# and often loaded, so the test bounds the CPU the server spent until its first answer (imports
# dominate), and the wall time only loosely.
STARTUP_CPU_BOUND_S = 1.5
STARTUP_WALL_BOUND_S = 15.0
LIST_TABLES = {
    "X-Amz-Target": "DynamoDB_20120810.ListTables",
    "Content-Type": "application/x-amz-json-1.0",
    "Authorization": "AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/dynamodb/aws4_request, "
                     "SignedHeaders=host, Signature=0",
}


class Spawned:
    """`python -m ddbserver serve ...` with its output in a file."""

    def __init__(self, *args: str, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.out = tempfile.NamedTemporaryFile(prefix="ddbserver-lifecycle-", suffix=".log", delete=False)
        full_env = dict(os.environ, PYTHONPATH=REPO_ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""), **(env or {}))
        self.started = time.monotonic()
        self.proc = subprocess.Popen([sys.executable, "-m", "ddbserver", "serve", "--port", str(self.port), *args],
                                     stdout=self.out, stderr=subprocess.STDOUT, env=full_env, cwd=REPO_ROOT)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def first_answer(self, timeout: float = 30.0) -> float:
        """Seconds from spawning until ListTables answered."""
        deadline = self.started + timeout
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.output()
            try:
                req = urllib.request.Request(self.url + "/", data=b"{}", headers=LIST_TABLES)
                with urllib.request.urlopen(req, timeout=1) as resp:
                    assert b"TableNames" in resp.read()
                return time.monotonic() - self.started
            except OSError:
                time.sleep(0.005)
        raise AssertionError("no answer: " + self.output())

    def cpu_seconds(self) -> float:
        """User + system CPU time the server process has used so far (Linux /proc)."""
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def output(self) -> str:
        with open(self.out.name, encoding="utf-8", errors="replace") as f:
            return f.read()

    def data_dir(self) -> str:
        """The data directory the server printed at start."""
        deadline = time.monotonic() + 10
        while "(data: " not in self.output():
            assert time.monotonic() < deadline, self.output()
            time.sleep(0.005)
        return self.output().split("(data: ", 1)[1].split(",", 1)[0]

    def stop(self, sig: int = signal.SIGTERM) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=30)
        finally:
            self.final_output = self.output()
            os.unlink(self.out.name)


def test_startup_answers_quickly(data_dir: str) -> None:
    """The server answers its first request soon after it is spawned, having done little work."""
    srv = Spawned("--data-dir", data_dir)
    try:
        assert srv.first_answer() < STARTUP_WALL_BOUND_S
        assert srv.cpu_seconds() < STARTUP_CPU_BOUND_S
    finally:
        assert srv.stop() == 0


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_in_memory_directory_is_removed_at_exit(sig: int) -> None:
    """--in-memory data lives in a throwaway directory that is gone after SIGTERM or SIGINT (exit 0)."""
    srv = Spawned("--in-memory")
    srv.first_answer()
    path = srv.data_dir()
    ddb = client(srv.url)
    make_table(ddb)
    assert os.path.isfile(os.path.join(path, "data.mdb"))
    assert srv.stop(sig) == 0
    assert not os.path.exists(path)
    assert "ddbserver stopped: " in srv.final_output  # a clean shutdown, not a kill


def test_default_data_dir_is_per_user_and_printed(data_dir: str) -> None:
    """Without --data-dir, data goes to $XDG_DATA_HOME/ddbserver, which the server prints; SIGINT exits 0."""
    srv = Spawned(env={"XDG_DATA_HOME": data_dir})
    srv.first_answer()
    assert srv.data_dir() == os.path.join(data_dir, "ddbserver")
    name = make_table(client(srv.url))
    assert srv.stop(signal.SIGINT) == 0
    again = Spawned(env={"XDG_DATA_HOME": data_dir})
    try:
        again.first_answer()
        assert name in client(again.url).list_tables()["TableNames"]
    finally:
        assert again.stop() == 0


def test_second_server_on_the_same_directory_exits(data_dir: str) -> None:
    """A data directory belongs to one server; a second one says so and exits with code 1."""
    first = Spawned("--data-dir", data_dir)
    try:
        first.first_answer()
        second = Spawned("--data-dir", data_dir)
        assert second.proc.wait(timeout=30) == 1
        assert "in use" in second.output()
        os.unlink(second.out.name)
    finally:
        assert first.stop() == 0
