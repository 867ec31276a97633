"""Time to first answer: spawn `python -m ddbserver serve`, poll ListTables until it answers.

    python tools/startup_time.py            # median of 10 runs, fresh --data-dir each
    python tools/startup_time.py 20 --in-memory

Prints the median and every run's wall seconds, and the server's CPU seconds at its first answer
(user + system, from /proc), which a loaded machine disturbs much less than the wall time.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADERS = {
    "X-Amz-Target": "DynamoDB_20120810.ListTables",
    "Content-Type": "application/x-amz-json-1.0",
    "Authorization": "AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/dynamodb/aws4_request, "
                     "SignedHeaders=host, Signature=0",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def once(extra: list[str]) -> tuple[float, float]:
    port, data = free_port(), tempfile.mkdtemp(prefix="ddb-startup-")
    args = extra or ["--data-dir", data]
    env = dict(os.environ, PYTHONPATH=ROOT)
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "ddbserver", "serve", "--port", str(port), *args],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                req = urllib.request.Request(f"http://127.0.0.1:{port}/", data=b"{}", headers=HEADERS)
                urllib.request.urlopen(req, timeout=1).read()
                break
            except OSError:
                time.sleep(0.002)
        return time.perf_counter() - t0, cpu_seconds(proc.pid)
    finally:
        proc.terminate()
        proc.wait()
        shutil.rmtree(data, ignore_errors=True)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 10
    extra = [a for a in sys.argv[1:] if a.startswith("--")]
    results = [once(extra) for _ in range(runs)]
    walls, cpus = [w for w, _ in results], [c for _, c in results]
    print(f"time to first answer: median {statistics.median(walls):.3f} s "
          f"(min {min(walls):.3f}, max {max(walls):.3f}); server CPU median {statistics.median(cpus):.3f} s")
    print("runs:", " ".join(f"{w:.3f}" for w in walls))


if __name__ == "__main__":
    main()
