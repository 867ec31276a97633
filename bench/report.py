"""The markdown report of one compare.py run (medians over rounds, ratios, start-up, memory)."""

from __future__ import annotations

import statistics
from typing import Any

import servers
from workloads import WORKLOADS

MIB = 1 << 20


def _label(name: str) -> str:
    return servers.SERVERS[name].label


def _cells(data: dict[str, Any]) -> dict[tuple[str, int, str], dict[str, Any]]:
    """(workload, concurrency, server) -> medians over rounds, or the errors seen."""
    grouped: dict[tuple[str, int, str], list[dict[str, Any]]] = {}
    for run in data["runs"]:
        grouped.setdefault((run["workload"], run["concurrency"], run["server"]), []).append(run)
    out = {}
    for key, runs in grouped.items():
        errors = sum(r["errors"] for r in runs)
        if errors:
            first = next(r["first_error"] for r in runs if r["errors"])
            out[key] = {"errors": errors, "first_error": first}
        else:
            out[key] = {
                "throughput": statistics.median(r["throughput"] for r in runs),
                "p50": statistics.median(r["p50_ms"] for r in runs),
                "p99": statistics.median(r["p99_ms"] for r in runs),
                "spread": (min(r["throughput"] for r in runs), max(r["throughput"] for r in runs)),
                "cpu_us": statistics.median(r["server_cpu_s"] / r["completed"] * 1e6 if r["completed"] else 0.0
                                            for r in runs),
            }
    return out


def _missing(data: dict[str, Any], workload: str, server: str) -> str:
    status = data["status"].get(server, {}).get(workload, "n/a")
    return "n/a" if status != "ok" else "—"


def _throughput_cell(cell: dict[str, Any] | None, fallback: str) -> str:
    if cell is None:
        return fallback
    if "errors" in cell:
        return f"errors ({cell['errors']}: {cell['first_error']})"
    if not cell["throughput"]:
        return "0 (no request finished inside the window)"
    return f"{cell['throughput']:,.0f}"


def render(data: dict[str, Any]) -> str:
    names: list[str] = data["plan"]["servers"]
    peers = [n for n in names if n != "ddbserver"]
    ours = "ddbserver" in names
    cells = _cells(data)
    plan = data["plan"]
    m = data["machine"]
    lines = _headline(data, cells, names) + [
        f"Run {data['began']} ({data['minutes']} min): `{data['command']}`",
        "",
        f"Machine: {m['cores']} cores ({m['cpu']}), Python {m['python']}; load average "
        f"{m['load_avg'][0]:.2f} at start, {m['load_avg_end'][0]:.2f} at end. "
        + ("Servers pinned to core 0, load generator to core 1. " if plan["pin"] else "No pinning. ")
        + f"{plan['rounds']} interleaved round(s), {plan['warmup']} s warm-up + {plan['duration']} s measured per run"
        + (f", each workload primed {plan['prime']} s per server after set-up" if plan.get("prime") else "")
        + f"; load generator client: {plan.get('client', 'raw')}.",
        "",
        "Versions and storage: " + "; ".join(
            f"{_label(n)} {data['versions'][n]} ({servers.SERVERS[n].storage})" for n in names) + ".",
        "",
        "### Throughput (median over rounds)",
        "",
        "| workload | unit | c | " + " | ".join(_label(n) for n in names)
        + "".join(f" | ddbserver / {_label(p)}" for p in peers if ours) + " |",
        "|---|---|---:|" + "---:|" * len(names) + ("---:|" * len(peers) if ours else ""),
    ]
    for w in plan["workloads"]:
        for c in plan["concurrency"]:
            row = [w, WORKLOADS[w].unit, str(c)]
            row += [_throughput_cell(cells.get((w, c, n)), _missing(data, w, n)) for n in names]
            if ours:
                mine = cells.get((w, c, "ddbserver"))
                for p in peers:
                    theirs = cells.get((w, c, p))
                    if mine and theirs and "throughput" in mine and "throughput" in theirs and theirs["throughput"]:
                        row.append(f"{mine['throughput'] / theirs['throughput']:.2f}x")
                    else:
                        row.append("—")
            lines.append("| " + " | ".join(row) + " |")
    lines += _cell_table(data, plan, names, cells, [
        "### Latency p50 / p99 in ms (median over rounds)",
    ], lambda cell: f"{cell['p50']:.2f} / {cell['p99']:.2f}")
    lines += _cell_table(data, plan, names, cells, [
        "### Server CPU time per request in µs (median over rounds; user + system, all threads)",
        "",
        "Less sensitive to a busy machine than throughput: what one request costs the server,",
        "whatever else was running.",
    ], lambda cell: f"{cell['cpu_us']:,.0f}")
    if data["startup"]:
        lines += _startup_table(data, names)
    na = {n: {w: s for w, s in data["status"].get(n, {}).items() if s != "ok"} for n in names}
    if any(na.values()):
        lines += ["", "Not measured (the set-up request was answered with an error or a wrong answer):"]
        for n, ws in na.items():
            if ws:
                lines.append(f"- {_label(n)}: " + ", ".join(f"{w} ({s.removeprefix('n/a: ')})" for w, s in ws.items()))
    return "\n".join(lines) + "\n"


def _headline(data: dict[str, Any], cells: dict[tuple[str, int, str], dict[str, Any]],
              names: list[str]) -> list[str]:
    """PutItem and GetItem at c=16, ddbserver next to DynamoDB Local: the figures asked for first."""
    if "ddbserver" not in names or "ddblocal" not in names:
        return []
    out = []
    for w, op in (("put", "PutItem"), ("get", "GetItem")):
        mine, theirs = cells.get((w, 16, "ddbserver")), cells.get((w, 16, "ddblocal"))
        if mine and theirs and "throughput" in mine and "throughput" in theirs:
            out.append(f"- {op}, 16 concurrent clients: ddbserver {mine['throughput']:,.0f} requests/s, "
                       f"DynamoDB Local {theirs['throughput']:,.0f} requests/s "
                       f"({mine['throughput'] / theirs['throughput']:.2f}x)")
    return out + [""] if out else []


def _startup_table(data: dict[str, Any], names: list[str]) -> list[str]:
    st = data["startup"]
    plan = data["plan"]

    def mib(v: int | None) -> str:
        return f"{v / MIB:,.0f} MiB" if v else "—"

    def row(label: str, f: Any) -> str:
        return f"| {label} | " + " | ".join(f(st[n]) if n in st else "—" for n in names) + " |"

    return [
        "",
        "### Start-up and memory",
        "",
        "| | " + " | ".join(_label(n) for n in names) + " |",
        "|---|" + "---:|" * len(names),
        row(f"start-up to first ListTables (median of {plan['starts']})",
            lambda s: f"{statistics.median(s['seconds']):.2f} s" if s["seconds"] else (s["error"] or "—")),
        row("RSS idle", lambda s: mib(s["rss_idle"])),
        row(f"RSS after loading up to {plan['items']:,} items of 1 KB",
            lambda s: f"{mib(s['rss_loaded'])} ({s.get('items_loaded') or 0:,} items)" if s["rss_loaded"] else "—"),
        row("load time (BatchWriteItem, else PutItem; c=32)",
            lambda s: f"{s['load_seconds']:.1f} s" if s["load_seconds"] is not None else (s["error"] or "—")),
    ]


def _cell_table(data: Any, plan: Any, names: list[str], cells: dict[Any, Any], heading: list[str],
                render: Any) -> list[str]:
    """One markdown table with a row per workload and concurrency, a column per server."""
    lines = ["", *heading, "",
             "| workload | c | " + " | ".join(_label(n) for n in names) + " |",
             "|---|---:|" + "---:|" * len(names)]
    for w in plan["workloads"]:
        for c in plan["concurrency"]:
            row = [w, str(c)]
            for n in names:
                cell = cells.get((w, c, n))
                if cell is None or "errors" in cell:
                    row.append(_missing(data, w, n) if cell is None else "errors")
                else:
                    row.append(render(cell))
            lines.append("| " + " | ".join(row) + " |")
    return lines
