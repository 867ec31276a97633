"""In-process measurement of the writer: per-write handoff cost and group-commit batch sizes.

Not an HTTP benchmark (bench/ owns those): it drives engine.writes.PutOp through Database.write()
from C concurrent asyncio tasks on one event loop (uvloop), as the server's handlers do.

    python tools/measure_writer.py                # all configurations, a few seconds
    python tools/measure_writer.py --writes 4000  # more writes per configuration
    python tools/measure_writer.py --no-coalesce  # one queue entry per write, to compare
    python tools/measure_writer.py --work-us 60   # each request also spends 60 µs of CPU first

Columns: dir (shm = /dev/shm, disk = a directory on the root filesystem), sync, C, writes/s,
wall µs per write, CPU µs per write (both threads), mean batch size, batch-size histogram
(power-of-two buckets). "direct" rows apply the same PutOps on the loop thread, one transaction
each, with no thread handoff: the difference to the C=1 writer row is the handoff cost.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from ddbserver.engine import keys  # noqa: E402
from ddbserver.engine.database import Database  # noqa: E402
from ddbserver.engine.store import Store  # noqa: E402
from ddbserver.engine.tables import CreateTableOp  # noqa: E402
from ddbserver.engine.writes import PutOp  # noqa: E402

META = {
    "TableName": "bench", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
    "BillingMode": "PAY_PER_REQUEST", "ProvisionedThroughput": None,
    "DeletionProtectionEnabled": False, "Tags": [],
}


def make_op(table, i: int) -> PutOp:
    key = {"pk": {"S": f"k{i}"}}
    item = {**key, "v": {"N": str(i)}, "s": {"S": "x" * 40}}
    return PutOp(table, key, keys.item_key(table.id, table.key, key), item, 60)


def histogram(hist: dict[int, int]) -> str:
    return " ".join(f"{k}:{v}" for k, v in sorted(hist.items()))


def busy(us: float) -> None:
    end = time.perf_counter() + us / 1e6
    while time.perf_counter() < end:
        pass


async def drive(db: Database, table, concurrency: int, writes: int, work_us: float) -> None:
    per = writes // concurrency

    async def worker(w: int) -> None:
        for j in range(per):
            if work_us:  # a request's own work, with the GIL released once as a socket call would
                busy(work_us / 2)
                time.sleep(0)
                busy(work_us / 2)
            await db.write(make_op(table, w * per + j))

    await asyncio.gather(*(worker(w) for w in range(concurrency)))


def run(where: str, sync: bool, concurrency: int, writes: int, coalesce: bool, work_us: float) -> None:
    base = "/dev/shm" if where == "shm" else os.path.expanduser("~")
    path = tempfile.mkdtemp(prefix="ddb-measure-", dir=base)
    try:
        db = Database(path, sync=sync)
        db.writer.coalesce = coalesce
        table = db.write_blocking(CreateTableOp(META))
        db.writer.reset_stats()
        wall, cpu = time.perf_counter(), time.process_time()
        if concurrency == 0:
            for i in range(writes):
                with db.env.begin(write=True) as txn:
                    store = Store(db, txn)
                    make_op(table, i).apply(store)
                    store.finish()
            label = "direct"
        else:
            asyncio.run(drive(db, table, concurrency, writes, work_us))
            label = str(concurrency)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        st = db.writer.stats()
        mean = st["ops"] / st["batches"] if st["batches"] else 0.0
        print(f"{where:5} {'sync' if sync else 'nosync':7} C={label:7} {writes / wall:9.0f}/s "
              f"wall {wall / writes * 1e6:7.1f} µs  cpu {cpu / writes * 1e6:7.1f} µs  "
              f"batch {mean:5.1f}  [{histogram(st['hist'])}]", flush=True)
        db.close()
    finally:
        shutil.rmtree(path, ignore_errors=True)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--writes", type=int, default=2000)
    p.add_argument("--no-coalesce", action="store_true", help="one queue entry per write (the old handoff)")
    p.add_argument("--only", choices=("shm", "disk"), default=None)
    p.add_argument("--work-us", type=float, default=0.0,
                   help="CPU work per request before its write (HTTP parsing etc.), with one GIL release")
    args = p.parse_args()
    try:
        import uvloop
        uvloop.install()
    except ImportError:
        pass
    for where, sync in (("shm", False), ("disk", True)):
        if args.only in (None, where):
            for c in (0, 1, 16, 64):
                run(where, sync, c, args.writes, not args.no_coalesce, args.work_us)


if __name__ == "__main__":
    main()
