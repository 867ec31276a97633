"""Measure ddbserver against its peers in one interleaved run and print a markdown report.

    python bench/compare.py --quick        # about a minute: c=16, 1 round, 1 s per run
    python bench/compare.py                # the full run (see README.md for its length)
    python bench/compare.py --servers ddbserver,ddblocal --workloads put,get --concurrency 16

1. Throughput: every server is started once, each workload's table is created and preloaded and
   one request checked (a server that answers it with an error is "n/a" for that workload), and
   each workload primed for `--prime` seconds (unmeasured, for the JVM's JIT); then
   for each round, workload and concurrency the servers run one after another (A B C D A B C D
   ...), so drift of a shared machine falls on all of them alike. Reported: the median over
   rounds of throughput, p50 and p99; a cell with any error in any round shows the errors, never
   a throughput.
2. Start-up and memory: each server is started `--starts` times (fresh each time); start-up is
   spawn to the first answered ListTables. On the last start, its resident memory is read idle
   (1 s after it answers) and after `--items` items of 1 KB were written into it (or as many as
   `--load-seconds` allowed; the report says how many).

Servers run pinned to core 0 (taskset) and this process, which is the load generator, to core 1.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import os
import platform
import shlex
import signal
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from typing import Any

import orjson

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import loadgen  # noqa: E402
import servers  # noqa: E402
from report import render  # noqa: E402
from workloads import WORKLOADS  # noqa: E402

CLIENT_CORE = 1


@dataclass(frozen=True)
class Plan:
    servers: list[str]
    workloads: list[str]
    concurrency: list[int]
    rounds: int
    duration: float
    warmup: float
    starts: int
    items: int
    pin: bool
    client: str
    prime: float
    load_seconds: float


QUICK = dict(concurrency="16", rounds=1, duration=1.0, warmup=0.5, starts=1, items=2_000, prime=0.0, load_seconds=20.0)
FULL = dict(concurrency="1,16,64", rounds=3, duration=3.0, warmup=1.0, starts=3, items=100_000, prime=2.0,
            load_seconds=60.0)


@dataclass
class Startup:
    seconds: list[float] = field(default_factory=list)
    rss_idle: int | None = None
    rss_loaded: int | None = None
    items_loaded: int | None = None
    load_seconds: float | None = None
    error: str | None = None


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def measure_startup(plan: Plan) -> dict[str, Startup]:
    out = {name: Startup() for name in plan.servers}
    for k in range(plan.starts):
        last = k == plan.starts - 1
        for name in plan.servers:
            st = out[name]
            if st.error:
                continue
            try:
                running = servers.start(servers.SERVERS[name], plan.pin)
            except RuntimeError as err:
                st.error = str(err)
                continue
            try:
                st.seconds.append(running.started_s)
                if last:
                    time.sleep(1.0)
                    st.rss_idle = running.rss()
                    loaded = asyncio.run(loadgen.load(running.url, plan.items, plan.load_seconds))
                    st.load_seconds = loaded["seconds"]
                    st.items_loaded = loaded["items"]
                    time.sleep(1.0)
                    st.rss_loaded = running.rss()
            except Exception as err:  # a peer failing must not lose the others' results
                st.error = f"{type(err).__name__}: {err}"
            finally:
                running.stop()
            log(f"start-up {k + 1}/{plan.starts} {name}: {running.started_s:.2f} s"
                + (f", rss idle {st.rss_idle >> 20} MiB, loaded {(st.rss_loaded or 0) >> 20} MiB" if last and st.rss_idle else ""))
    return out


def measure_throughput(plan: Plan) -> tuple[dict[str, dict[str, str]], list[dict[str, Any]]]:
    running: dict[str, servers.Running] = {}
    status: dict[str, dict[str, str]] = {}
    runs: list[dict[str, Any]] = []
    try:
        for name in plan.servers:
            try:
                running[name] = servers.start(servers.SERVERS[name], plan.pin)
            except RuntimeError as err:
                status[name] = {w: f"n/a: {err}" for w in plan.workloads}
                continue
            status[name] = asyncio.run(loadgen.setup(running[name].url, plan.workloads))
            log(f"set-up {name}: " + ", ".join(f"{w} {s}" for w, s in status[name].items()))
            for w in plan.workloads:  # unmeasured: lets a JIT (DynamoDB Local's JVM) compile the paths
                if plan.prime > 0 and status[name][w] == "ok":
                    asyncio.run(loadgen.run(running[name].url, WORKLOADS[w], 16, plan.prime, 0.0, plan.client))
        for r in range(plan.rounds):
            for w in plan.workloads:
                for c in plan.concurrency:
                    for name, srv in running.items():
                        if status[name][w] != "ok":
                            continue
                        cpu_before = srv.cpu()
                        result = asyncio.run(loadgen.run(srv.url, WORKLOADS[w], c, plan.duration, plan.warmup,
                                                         plan.client))
                        server_cpu = srv.cpu() - cpu_before
                        runs.append({"server": name, "round": r, **asdict(result), "server_cpu_s": round(server_cpu, 3)})
                        log(f"round {r + 1}/{plan.rounds} {w} c={c} {name}: {result.throughput:,.0f} {result.unit}"
                            f" p50 {result.p50_ms:.2f} ms p99 {result.p99_ms:.2f} ms"
                            f" cpu/req server {_us(server_cpu, result.completed)} client {_us(result.client_cpu_s, result.completed)} µs"
                            + (f" ERRORS {result.errors} ({result.first_error})" if result.errors else ""))
    finally:
        for srv in running.values():
            srv.stop()
    return status, runs


def _us(seconds: float, requests: int) -> str:
    return f"{seconds / requests * 1e6:.0f}" if requests else "-"


def machine_note() -> dict[str, Any]:
    model = "?"
    try:
        with open("/proc/cpuinfo") as f:
            model = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "?")
    except OSError:
        pass
    return {"cores": os.cpu_count(), "cpu": model, "python": platform.python_version(),
            "load_avg": os.getloadavg()}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description="ddbserver against DynamoDB Local, dynalite and moto.")
    p.add_argument("--quick", action="store_true", help="about a minute: " + str(QUICK))
    p.add_argument("--servers", default=",".join(n for n, s in servers.SERVERS.items() if s.default),
                   help="comma list of " + ",".join(servers.SERVERS))
    p.add_argument("--workloads", default=",".join(WORKLOADS), help="comma list of " + ",".join(WORKLOADS))
    p.add_argument("--concurrency", help=f"comma list (full: {FULL['concurrency']})")
    p.add_argument("--rounds", type=int, help=f"interleaved rounds (full: {FULL['rounds']})")
    p.add_argument("--duration", type=float, help=f"measured seconds per run (full: {FULL['duration']})")
    p.add_argument("--warmup", type=float, help=f"unmeasured seconds before each run (full: {FULL['warmup']})")
    p.add_argument("--starts", type=int, help=f"start-ups per server, 0 to skip start-up and memory (full: {FULL['starts']})")
    p.add_argument("--items", type=int, help=f"items loaded for the memory figure (full: {FULL['items']})")
    p.add_argument("--client", choices=loadgen.CLIENTS, default="raw",
                   help="the timed loop's HTTP client (raw: rawclient.py; see its docstring)")
    p.add_argument("--prime", type=float,
                   help=f"unmeasured seconds of each workload per server after set-up (full: {FULL['prime']})")
    p.add_argument("--load-seconds", type=float,
                   help=f"stop loading items for the memory figure after this long (full: {FULL['load_seconds']})")
    p.add_argument("--no-pin", action="store_true", help="do not pin servers and load generator to cores")
    p.add_argument("--json", help="also write the raw results to this file")
    p.add_argument("--markdown", help="also write the report to this file")
    return p


def make_plan(args: argparse.Namespace) -> Plan:
    base = QUICK if args.quick else FULL

    def pick(name: str) -> Any:
        value = getattr(args, name)
        return base[name] if value is None else value

    names = [n for n in args.servers.split(",") if n]
    unknown = [n for n in names if n not in servers.SERVERS] + [w for w in args.workloads.split(",") if w and w not in WORKLOADS]
    if unknown:
        raise SystemExit(f"unknown server or workload: {', '.join(unknown)}")
    available = []
    for n in names:
        why = servers.SERVERS[n].missing()
        if why:
            log(f"skipping {n}: {why}")
        else:
            available.append(n)
    pin = not args.no_pin and (os.cpu_count() or 1) >= 2
    return Plan(available, [w for w in args.workloads.split(",") if w],
                [int(c) for c in str(pick("concurrency")).split(",")], pick("rounds"), pick("duration"),
                pick("warmup"), pick("starts"), pick("items"), pin, args.client, pick("prime"),
                pick("load_seconds"))


def main(argv: list[str] | None = None) -> int:
    # SIGTERM (e.g. from `timeout`) unwinds like Ctrl-C, so every started server is stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    args = _parser().parse_args(argv)
    plan = make_plan(args)
    if plan.pin:
        os.sched_setaffinity(0, {CLIENT_CORE})
    try:
        import uvloop
        uvloop.install()
    except ImportError:  # pragma: no cover
        pass
    began = datetime.datetime.now(datetime.timezone.utc)
    machine = machine_note()
    data: dict[str, Any] = {
        "began": began.strftime("%Y-%m-%d %H:%M UTC"),
        "command": "python bench/compare.py " + shlex.join(argv if argv is not None else sys.argv[1:]),
        "plan": asdict(plan),
        "machine": machine,
        "versions": {n: servers.SERVERS[n].version() for n in plan.servers},
        "startup": {},
    }
    # Throughput first: if a slow machine makes the start-up phase drag, its results are saved.
    data["status"], data["runs"] = measure_throughput(plan)
    _save(args, data, began)
    if plan.starts > 0:
        data["startup"] = {n: asdict(s) for n, s in measure_startup(plan).items()}
        _save(args, data, began)
    print(render(data))
    return 0


def _save(args: argparse.Namespace, data: dict[str, Any], began: datetime.datetime) -> None:
    data["minutes"] = round((datetime.datetime.now(datetime.timezone.utc) - began).total_seconds() / 60, 1)
    data["machine"]["load_avg_end"] = os.getloadavg()
    if args.json:
        with open(args.json, "wb") as f:
            f.write(orjson.dumps(data, option=orjson.OPT_INDENT_2))
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(render(data))


if __name__ == "__main__":
    sys.exit(main())
