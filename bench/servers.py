"""The servers compared: how to start each on a loopback port, stop it, and read its memory.

| name      | what                                   | storage                          |
|-----------|----------------------------------------|----------------------------------|
| ddbserver | this repository, `python -m ddbserver` | durable (synced LMDB) in a temp dir |
| ddbserver-nosync | the same with `--no-sync` (opt-in) | LMDB, writes not synced     |
| ddbserver-mem | the same with `--in-memory` (opt-in) | LMDB in /dev/shm, like the peers' memory |
| ddblocal  | Amazon's DynamoDB Local (Java)         | in memory (`-inMemory`)          |
| dynalite  | npm `dynalite`, from bench/peers       | in memory (its default)          |
| moto      | PyPI `moto[server]`, `moto_server`     | in memory                        |
| bare      | bench/bare_server.py: canned answers   | none (the HTTP ceiling; opt-in)  |

Every server is started pinned to core 0 (taskset) unless pinning is off.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DDBLOCAL_SCRIPT = os.path.join("..", "shared", "oracle", "ddblocal.sh")  # relative to REPO
DYNALITE_CLI = os.path.join("bench", "peers", "node_modules", "dynalite", "cli.js")
SERVER_CORE = "0"
LIST_TABLES_HEADERS = {
    "X-Amz-Target": "DynamoDB_20120810.ListTables",
    "Content-Type": "application/x-amz-json-1.0",
    "X-Amz-Date": "20260101T000000Z",
    "Authorization": "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, "
                     "SignedHeaders=host;x-amz-date, Signature=" + "0" * 64,
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def answers(port: int) -> bool:
    """True once ListTables on `port` returns HTTP 200."""
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        conn.request("POST", "/", body=b"{}", headers=LIST_TABLES_HEADERS)
        ok = conn.getresponse().status == 200
        conn.close()
        return ok
    except OSError:
        return False


def rss_bytes(pid: int) -> int:
    """Resident memory of `pid` and all its descendants (VmRSS; file-backed pages included)."""
    total = 0
    for p in [pid, *_descendants(pid)]:
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def cpu_seconds(pid: int) -> float:
    """User + system CPU time used so far by `pid` and its live descendants."""
    ticks = 0
    for p in [pid, *_descendants(pid)]:
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
        except (OSError, IndexError, ValueError):
            pass
    return ticks / os.sysconf("SC_CLK_TCK")


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@dataclass
class Running:
    """One started server: its port, the pid whose memory we read, and how to stop it."""

    name: str
    port: int
    pid: int
    started_s: float          # spawn to first answered ListTables
    _stop: Callable[[], None]
    workdir: str

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def rss(self) -> int:
        return rss_bytes(self.pid)

    def cpu(self) -> float:
        return cpu_seconds(self.pid)

    def stop(self) -> None:
        self._stop()
        deadline = time.monotonic() + 15
        while _alive(self.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if _alive(self.pid):
            os.kill(self.pid, signal.SIGKILL)
        while not port_free(self.port) and time.monotonic() < deadline + 5:
            time.sleep(0.05)
        shutil.rmtree(self.workdir, ignore_errors=True)


@dataclass(frozen=True)
class Server:
    name: str
    label: str
    storage: str
    version: Callable[[], str]
    missing: Callable[[], str | None]                    # why it cannot run, or None
    spawn: Callable[["Server", int, str, list[str]], Running]
    fixed_port: int | None = field(default=None)
    default: bool = True                                 # in compare.py's default --servers


def _pin(pin: bool) -> list[str]:
    return ["taskset", "-c", SERVER_CORE] if pin and shutil.which("taskset") else []


def _wait(port: int, began: float, proc: subprocess.Popen[bytes] | None, log: str, timeout: float = 120) -> float:
    while time.perf_counter() - began < timeout:
        if answers(port):
            return time.perf_counter() - began
        if proc is not None and proc.poll() is not None and proc.returncode != 0:
            break
        time.sleep(0.01)
    raise RuntimeError(f"server on port {port} did not answer; see {log}")


def _spawn_plain(name: str, argv: Callable[[int, str], list[str]]) -> Callable[[Server, int, str, list[str]], Running]:
    def spawn(server: Server, port: int, workdir: str, pin: list[str]) -> Running:
        log = os.path.join(workdir, "server.log")
        env = dict(os.environ, PYTHONPATH=REPO + os.pathsep + os.environ.get("PYTHONPATH", ""))
        with open(log, "wb") as out:
            began = time.perf_counter()
            proc = subprocess.Popen([*pin, *argv(port, workdir)], stdout=out, stderr=subprocess.STDOUT,
                                    cwd=REPO, env=env, start_new_session=True)
        started = _wait(port, began, proc, log)

        def stop() -> None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

        return Running(name, port, proc.pid, started, stop, workdir)

    return spawn


def _spawn_ddblocal(server: Server, port: int, workdir: str, pin: list[str]) -> Running:
    """Through the oracle script, which writes the Java process's pid to $DDBLOCAL_RUN/PORT.pid."""
    env = dict(os.environ, DDBLOCAL_RUN=workdir)
    script = os.path.join(REPO, DDBLOCAL_SCRIPT)
    log = os.path.join(workdir, f"{port}.log")
    began = time.perf_counter()
    proc = subprocess.Popen([*pin, "bash", script, "start", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, cwd=REPO, env=env)
    started = _wait(port, began, None, log)
    proc.wait(timeout=60)
    with open(os.path.join(workdir, f"{port}.pid")) as f:
        pid = int(f.read().strip())

    def stop() -> None:
        subprocess.run(["bash", script, "stop", str(port)], env=env, cwd=REPO, check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    return Running(server.name, port, pid, started, stop, workdir)


def _ddblocal_version() -> str:
    """The version in the jar's Maven properties (the jar the oracle script runs)."""
    cache = os.environ.get("DDBLOCAL_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "ddblocal")
    for root, _, files in os.walk(cache):
        if "DynamoDBLocal.jar" in files:
            try:
                with zipfile.ZipFile(os.path.join(root, "DynamoDBLocal.jar")) as jar:
                    props = jar.read("META-INF/maven/software/amazon/dynamodb/DynamoDBLocal/pom.properties")
            except (OSError, KeyError, zipfile.BadZipFile):
                continue
            for line in props.decode().splitlines():
                if line.startswith("version="):
                    return line.split("=", 1)[1]
    return "?"


def _dynalite_version() -> str:
    try:
        with open(os.path.join(REPO, "bench", "peers", "node_modules", "dynalite", "package.json")) as f:
            return str(json.load(f)["version"])
    except OSError:
        return "?"


def _python_version(dist: str) -> Callable[[], str]:
    def version() -> str:
        from importlib import metadata
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "?"
    return version


def _git_version() -> str:
    out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    return out.stdout.strip() or "?"


def _need(*checks: tuple[bool, str]) -> Callable[[], str | None]:
    def missing() -> str | None:
        for ok, why in checks:
            if not ok:
                return why
        return None
    return missing


SERVERS: dict[str, Server] = {s.name: s for s in (
    Server("ddbserver", "ddbserver", "durable (LMDB, synced)", _git_version, _need(),
           _spawn_plain("ddbserver", lambda port, d: [sys.executable, "-m", "ddbserver", "serve",
                                                      "--port", str(port), "--data-dir", os.path.join(d, "data")])),
    Server("ddbserver-nosync", "ddbserver --no-sync", "LMDB, writes not synced", _git_version, _need(),
           _spawn_plain("ddbserver-nosync", lambda port, d: [sys.executable, "-m", "ddbserver", "serve", "--no-sync",
                                                             "--port", str(port), "--data-dir", os.path.join(d, "data")]),
           default=False),
    Server("ddbserver-mem", "ddbserver --in-memory", "in memory (LMDB in /dev/shm)", _git_version, _need(),
           _spawn_plain("ddbserver-mem", lambda port, d: [sys.executable, "-m", "ddbserver", "serve", "--in-memory",
                                                          "--port", str(port)]),
           default=False),
    Server("ddblocal", "DynamoDB Local", "in memory", _ddblocal_version,
           lambda: _need((os.path.exists(os.path.join(REPO, DDBLOCAL_SCRIPT)), f"{DDBLOCAL_SCRIPT} not found"),
                         (shutil.which("java") is not None, "java not installed"))(),
           _spawn_ddblocal, fixed_port=9017),
    Server("dynalite", "dynalite", "in memory", _dynalite_version,
           lambda: _need((shutil.which("node") is not None, "node not installed"),
                         (os.path.exists(os.path.join(REPO, DYNALITE_CLI)), "run: npm ci --prefix bench/peers"))(),
           _spawn_plain("dynalite", lambda port, d: ["node", DYNALITE_CLI, "--host", "127.0.0.1",
                                                     "--port", str(port)])),
    Server("moto", "moto", "in memory", _python_version("moto"),
           lambda: _need((shutil.which("moto_server") is not None, "run: pip install 'moto[server]'"))(),
           _spawn_plain("moto", lambda port, d: [shutil.which("moto_server") or "moto_server",
                                                 "-H", "127.0.0.1", "-p", str(port)])),
    Server("bare", "bare aiohttp (no work)", "none", _python_version("aiohttp"), _need(),
           _spawn_plain("bare", lambda port, d: [sys.executable, os.path.join("bench", "bare_server.py"),
                                                 "--port", str(port)]), default=False),
)}


def start(server: Server, pin: bool, port: int | None = None) -> Running:
    workdir = tempfile.mkdtemp(prefix=f"bench-{server.name}-")
    port = port or server.fixed_port or free_port()
    if not port_free(port):
        raise RuntimeError(f"port {port} for {server.name} is in use")
    return server.spawn(server, port, workdir, _pin(pin))
