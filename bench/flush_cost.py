"""What a durable commit costs on this disk: fdatasync after writing N 4 KB pages, scattered or
contiguous, wall time and the CPU the calling process spends on it.

A group commit of LMDB flushes every page the transaction dirtied (item leaves, B-tree branch
pages, the change log's leaf, the sys counters, the free list) and then the meta page. Items
with hashed keys land on scattered leaves, so the flush is N separate writes. This measures what
each costs, to explain the durable write figures in bench/README.md.

    python bench/flush_cost.py [--dir DIR] [--reps 300]

DIR defaults to the current directory: run it on the filesystem that holds the data directory.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import tempfile
import time

PAGE = 4096
FILE_PAGES = 100_000  # a 400 MB file, well past the pages one test touches


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def measure(fd: int, pages: int, contiguous: bool, reps: int) -> tuple[float, float, float]:
    """(median wall µs of the fdatasync, mean CPU µs of writes + fdatasync, p90 wall µs)."""
    data = os.urandom(PAGE)
    walls = []
    cpu0 = _cpu()
    for _ in range(reps):
        if contiguous:
            first = random.randrange(0, FILE_PAGES - pages)
            offsets = [(first + i) * PAGE for i in range(pages)]
        else:
            offsets = [random.randrange(0, FILE_PAGES) * PAGE for _ in range(pages)]
        for offset in offsets:
            os.pwrite(fd, data, offset)
        began = time.perf_counter()
        os.fdatasync(fd)
        walls.append(time.perf_counter() - began)
    cpu = (_cpu() - cpu0) / reps
    walls.sort()
    return walls[len(walls) // 2] * 1e6, cpu * 1e6, walls[int(len(walls) * 0.9)] * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", default=".")
    parser.add_argument("--reps", type=int, default=300)
    args = parser.parse_args()
    fd, path = tempfile.mkstemp(prefix="flush-cost-", dir=args.dir)
    try:
        chunk = os.urandom(1 << 20)
        for offset in range(0, FILE_PAGES * PAGE, len(chunk)):  # written, not sparse: no allocation later
            os.pwrite(fd, chunk, offset)
        os.fsync(fd)
        print("| pages per flush | scattered: wall p50 / p90 µs | scattered: CPU µs | "
              "contiguous: wall p50 / p90 µs | contiguous: CPU µs |")
        print("|---:|---:|---:|---:|---:|")
        for pages in (1, 2, 4, 8, 16, 32, 64):
            s_wall, s_cpu, s_p90 = measure(fd, pages, False, args.reps)
            c_wall, c_cpu, c_p90 = measure(fd, pages, True, args.reps)
            print(f"| {pages} | {s_wall:,.0f} / {s_p90:,.0f} | {s_cpu:,.0f} | {c_wall:,.0f} / {c_p90:,.0f} | {c_cpu:,.0f} |")
    finally:
        os.close(fd)
        os.unlink(path)


if __name__ == "__main__":
    main()
