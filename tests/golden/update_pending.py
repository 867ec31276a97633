"""Rewrite tests/golden/pending.txt: the golden cases the current ddbserver does not pass.

    python tests/golden/update_pending.py [--check]

Starts ddbserver from this checkout (--in-memory on a free port), replays every case, and writes
the failing names (sorted). With --check, only prints the differences and exits 1 if the file
would change. Also prints pass/pending counts per area.
"""

from __future__ import annotations

import os
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

from tests.conftest import ServerProcess  # noqa: E402
from tests.golden import harness  # noqa: E402

HEADER = "# Golden cases ddbserver does not pass yet (xfail strict). Regenerate: python tests/golden/update_pending.py\n"


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    cases = harness.load_cases()
    srv = ServerProcess(["--in-memory"]).start()
    try:
        client = harness.Client("127.0.0.1", srv.port)
        failing = []
        for case in cases:
            problems = harness.check_case(client, case)
            if problems:
                failing.append(case["name"])
                if verbose:
                    print("FAIL", case["name"], "\n", "\n".join(problems), "\n")
    finally:
        srv.stop()
    total = Counter(c["name"].split("/")[0] + "/" + c["name"].split("/")[1] for c in cases)
    bad = Counter(n.split("/")[0] + "/" + n.split("/")[1] for n in failing)
    for group in sorted(total):
        print(f"{group:40} {total[group] - bad[group]:4} pass {bad[group]:4} pending")
    print(f"{'total':40} {len(cases) - len(failing):4} pass {len(failing):4} pending")
    new = HEADER + "".join(n + "\n" for n in sorted(failing))
    old = open(harness.PENDING_FILE, encoding="utf-8").read() if os.path.exists(harness.PENDING_FILE) else ""
    if "--check" in argv:
        if old != new:
            print("pending.txt is out of date")
            return 1
        return 0
    with open(harness.PENDING_FILE, "w", encoding="utf-8") as f:
        f.write(new)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
