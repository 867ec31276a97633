"""Record the golden cases from DynamoDB Local (never collected by pytest; needs Java).

    python tests/golden/record.py [AREA[/GROUP] ...]

Starts the oracle on port $GOLDEN_ORACLE_PORT (default 9005) unless it already answers, runs
every case input in tests/golden/inputs/<area>/<group>.py (or the ones named), and writes
tests/golden/cases/<area>/<group>.json. An `aws` override given as a function is evaluated here,
on the recorded response, and stored as data. Afterwards run `python tests/golden/update_pending.py`.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

from tests.golden import harness  # noqa: E402
from tests.golden.inputs.common import WRAPPED_VALUE  # noqa: E402

PORT = int(os.environ.get("GOLDEN_ORACLE_PORT", "9005"))
ORACLE = os.path.join(os.path.dirname(os.path.dirname(HERE)), "..", "shared", "oracle", "ddblocal.sh")
INPUTS = os.path.join(HERE, "inputs")


def input_modules(selected: list[str]) -> list[tuple[str, str, str]]:
    """(area, group, path) of every input module, optionally only those selected."""
    out = []
    for area in sorted(os.listdir(INPUTS)):
        adir = os.path.join(INPUTS, area)
        if not os.path.isdir(adir) or area.startswith("_"):
            continue
        for fname in sorted(os.listdir(adir)):
            if fname.endswith(".py") and not fname.startswith("_"):
                group = fname[:-3]
                if not selected or area in selected or f"{area}/{group}" in selected:
                    out.append((area, group, os.path.join(adir, fname)))
    return out


def load_inputs(area: str, group: str, path: str) -> list[dict[str, Any]]:
    spec = importlib.util.spec_from_file_location(f"golden_inputs_{area}_{group}", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    cases = [dict(c, name=f"{area}/{group}/{c['name']}") for c in mod.CASES]
    return cases


def ensure_oracle() -> None:
    try:
        harness.Client("127.0.0.1", PORT).send("ListTables", b"{}")
    except OSError:
        subprocess.run([ORACLE, "start", str(PORT)], check=True)


ENVELOPE = "1 validation error detected: "
ENVELOPED = re.compile(r"\d+ validation errors? detected: ")
ENVELOPE_OPS = ("PutItem", "DeleteItem", "UpdateItem")
# Found while applying the write to the stored item (or by another layer): reported bare.
NOT_ENVELOPED = (
    "Item size has exceeded the maximum allowed size",
    "Item size to update has exceeded the maximum allowed size",
    "Nesting Levels have exceeded supported limits",
    "The provided expression refers to an attribute that does not exist in the item",
    "An operand in the update expression has an incorrect data type",
    "The document path provided in the update expression is invalid for update",
    "Type mismatch for attribute to update",
    # checks against the table's key schema: reported bare
    "One or more parameter values were invalid: Missing the key",
    "One or more parameter values were invalid: Type mismatch for key",
    "One or more parameter values were invalid: Size of hashkey",
    "One or more parameter values were invalid: Aggregated size of all range keys",
    "One or more parameter values are not valid. The AttributeValue for a key attribute",
    "The provided key element does not match the schema",
    "One or more parameter values were invalid: Cannot update attribute",
    # checks against a secondary index's key schema: reported bare, as the table key's are
    "One or more parameter values were invalid: Type mismatch for Index Key",
    "One or more parameter values were invalid: Size limit exceeded for Index Key",
    "One or more parameter values are not valid. A value specified for a secondary index key",
    "One or more parameter values are not valid. The update expression attempted to update a secondary index key",
)
APPLY_PHASE_NUMBERS = ("Number overflow", "Number underflow", "Attempting to store more than 38")
ENVELOPE_NOTE = ("DynamoDB (all regions, 2026) reports the expression and attribute-value errors of PutItem/DeleteItem/"
                 "UpdateItem inside '1 validation error detected: ' (seen in public AWS error logs; scope as captured in "
                 "ddbserver/api/items.py); DynamoDB Local reports them bare")


def envelope(step: dict[str, Any], expected: dict[str, Any]) -> dict[str, Any] | None:
    """The AWS override that puts a request-phase validation error of a write in AWS's envelope."""
    message = expected.get("message") or ""
    if (step["op"] not in ENVELOPE_OPS or expected.get("status") != 400 or expected.get("type") != "ValidationException"
            or ENVELOPED.match(message) or message.startswith(NOT_ENVELOPED)):
        return None
    body = step.get("body", {})
    if step["op"] == "UpdateItem" and message.startswith(APPLY_PHASE_NUMBERS) and "UpdateExpression" in body:
        return None  # the result of arithmetic on the stored item
    wrapped = WRAPPED_VALUE.fullmatch(message)
    if wrapped:  # the current value layer reports a bad ExpressionAttributeValues value as it is
        message = wrapped.group(1)
    return {"message": ENVELOPE + message}


def add_table_id(resp: dict[str, Any]) -> None:
    """DynamoDB Local omits TableId from table descriptions; DynamoDB always includes it."""
    body = resp.get("body")
    if resp["status"] == 200 and isinstance(body, dict):
        for member in ("TableDescription", "Table"):
            desc = body.get(member)
            if isinstance(desc, dict) and "TableName" in desc and "TableId" not in desc:
                keys = list(desc)
                at = keys.index("TableArn") + 1 if "TableArn" in keys else len(keys)
                items = list(desc.items())
                items.insert(at, ("TableId", "<id>"))
                body[member] = dict(items)


_local = threading.local()


def record_case(case: dict[str, Any]) -> dict[str, Any]:
    client = getattr(_local, "client", None)
    if client is None:
        client = _local.client = harness.Client("127.0.0.1", PORT)
    responses = harness.run_case(client, case)
    out = {k: v for k, v in case.items() if k not in ("steps",)}
    steps = []
    for step, resp in zip(case["steps"], responses):
        add_table_id(resp)
        rec = {k: v for k, v in step.items() if k not in ("aws", "aws_note")}
        rec["response"] = resp
        aws = step.get("aws")
        override = dict((aws(resp) if callable(aws) else aws) or {})
        notes = [step["aws_note"]] if override else []
        wrapped = envelope(step, dict(resp, **override))
        if wrapped:
            override.update(wrapped)
            notes.append(ENVELOPE_NOTE)
        if override:
            rec["aws"] = override
            rec["aws_note"] = "; ".join(notes)
        steps.append(rec)
    out["steps"] = steps
    return out


def main(argv: list[str]) -> int:
    ensure_oracle()
    total = bad = 0
    with ThreadPoolExecutor(1) as pool:
        for area, group, path in input_modules(argv):
            cases = load_inputs(area, group, path)
            recorded = list(pool.map(record_case, cases))
            os.makedirs(os.path.join(harness.CASES_DIR, area), exist_ok=True)
            with open(os.path.join(harness.CASES_DIR, area, group + ".json"), "w", encoding="utf-8") as f:
                json.dump(recorded, f, indent=1, ensure_ascii=False)
                f.write("\n")
            n_bad = sum(1 for c in recorded if any(harness.expected_of(s)["status"] >= 400 for s in c["steps"]))
            total += len(recorded)
            bad += n_bad
            print(f"{area}/{group}: {len(recorded)} cases, {n_bad} bad input")
    print(f"recorded {total} cases, {bad} bad input")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
