"""What the golden recorder and the replay share: case files, table-name placeholders, raw HTTP,
normalisation and comparison.

A recorded case (tests/golden/cases/<area>/<group>.json holds a list of them):

    {"name": "items/put_item/n-trailing-zeros",      unique; <area>/<group>/<slug>
     "note": "...",                                    optional: what DynamoDB does here
     "setup": [{"op": "CreateTable", "body": {...}}],  sent first; must succeed; not compared
     "steps": [                                        sent in order; every response compared
        {"op": "PutItem", "body": {...}}               the request: JSON body ...
        | {"op": ..., "raw": "{\"TableName\": "}       ... or raw text sent as it is
        + "headers": {"Authorization": null}           optional header overrides (null removes)
        + "response": {"status": 400, "type": "ValidationException",
                       "message": "...", "body": {}}   recorded from DynamoDB Local, normalised
        + "aws": {...}, "aws_note": "..."              optional: what AWS answers where Local differs
        + "ignore": ["TableDescription.X"]             optional: body members not compared (transient)
     ]}

Inside a request, `<<c*N>>` stands for N copies of the character c. Table names are placeholders `{T}`, `{T2}`, ... replaced by unique names when a case runs, and
mapped back in responses, so cases never collide and may run in parallel. A response's `body` is
the whole JSON of a success; for an error it is whatever members the error has besides `__type`
and `message`/`Message` (e.g. the `Item` of a failed condition). Volatile members (timestamps,
ARN region and account, TableId, stream labels, transient table and index status) are normalised in both the
recording and the live answer, and set members are sorted (DynamoDB does not order sets).
WarmThroughput (unknown to DynamoDB Local), LastUpdateToPayPerRequestDateTime in the answers of
Create/Update/DeleteTable, and the order of AttributeDefinitions are not compared.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import uuid
from dataclasses import dataclass
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
CASES_DIR = os.path.join(HERE, "cases")
PENDING_FILE = os.path.join(HERE, "pending.txt")

AUTHORIZATION = (
    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/dynamodb/aws4_request, "
    "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0"
)
TARGET_PREFIX = "DynamoDB_20120810."

PLACEHOLDER = re.compile(r"\{T[0-9A-Za-z_]*\}")
ARN = re.compile(r"arn:aws:dynamodb:[^:\"]*:[0-9]*:")
STREAM_LABEL = re.compile(r"/stream/[0-9T:.\-]+")

TIMES = ("CreationDateTime", "LastUpdateToPayPerRequestDateTime", "LastIncreaseDateTime",
         "LastDecreaseDateTime", "LastUpdateDateTime")
ZERO_MEANS_ABSENT = ("LastIncreaseDateTime", "LastDecreaseDateTime")
SETS = ("SS", "NS", "BS")
# DynamoDB Local (3.3.0) predates warm throughput; what AWS reports there is not recorded here
NOT_COMPARED = ("WarmThroughput",)


# ---------------------------------------------------------------- loading


def load_cases() -> list[dict[str, Any]]:
    """Every recorded case, in file then definition order."""
    out: list[dict[str, Any]] = []
    for root, _dirs, files in sorted(os.walk(CASES_DIR)):
        for fname in sorted(files):
            if fname.endswith(".json"):
                with open(os.path.join(root, fname), encoding="utf-8") as f:
                    out.extend(json.load(f))
    names = [c["name"] for c in out]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise ValueError(f"duplicate golden case names: {sorted(dupes)}")
    return out


def load_pending() -> set[str]:
    if not os.path.exists(PENDING_FILE):
        return set()
    with open(PENDING_FILE, encoding="utf-8") as f:
        return {line.strip() for line in f if line.strip() and not line.startswith("#")}


# ---------------------------------------------------------------- table names


def placeholders(case: dict[str, Any]) -> list[str]:
    """The case's table placeholders, in order of first appearance."""
    text = json.dumps([case.get("setup", []), [_request_text(s) for s in case["steps"]]])
    seen: list[str] = []
    for p in PLACEHOLDER.findall(text):
        if p not in seen:
            seen.append(p)
    return seen


def assign_names(case: dict[str, Any]) -> dict[str, str]:
    """Unique real names for the placeholders; one random prefix per case, so that the names of
    one case sort as their labels do ({T1} < {T2} < {T3})."""
    prefix = "golden-" + uuid.uuid4().hex[:12] + "-"
    return {p: prefix + p[1:-1] for p in placeholders(case)}


def substitute(text: str, names: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: names.get(m.group(0), m.group(0)), text)


def unsubstitute(text: str, names: dict[str, str]) -> str:
    for placeholder, real in sorted(names.items(), key=lambda kv: -len(kv[1])):
        text = text.replace(real, placeholder)
    return text


# ---------------------------------------------------------------- HTTP


@dataclass(frozen=True, slots=True)
class Raw:
    status: int
    text: str


class Client:
    """One keep-alive connection to a DynamoDB endpoint, sending requests exactly as given."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.conn: http.client.HTTPConnection | None = None

    def send(self, op: str, data: bytes, headers: dict[str, str | None] | None = None) -> Raw:
        hdrs: dict[str, str | None] = {
            "X-Amz-Target": TARGET_PREFIX + op,
            "Content-Type": "application/x-amz-json-1.0",
            "Authorization": AUTHORIZATION,
            "X-Amz-Date": "20260101T000000Z",
        }
        hdrs.update(headers or {})
        sent = {k: v for k, v in hdrs.items() if v is not None}
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            try:
                self.conn.request("POST", "/", body=data, headers=sent)
                resp = self.conn.getresponse()
                text = resp.read().decode("utf-8", "replace")
                if resp.getheader("Connection", "").lower() == "close":
                    self.close()
                return Raw(resp.status, text)
            except (http.client.HTTPException, ConnectionError):
                self.close()
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


REPEAT = re.compile(r"<<(.)\*([0-9]+)>>")


def _request_text(step: dict[str, Any]) -> str:
    """The request body as sent; `<<c*N>>` inside it stands for N copies of the character c
    (keeps 400 KB items out of the case files)."""
    if "raw" in step:
        text = str(step["raw"])
    else:
        text = json.dumps(step.get("body", {}), ensure_ascii=False)
    return REPEAT.sub(lambda m: m.group(1) * int(m.group(2)), text)


def send_step(client: Client, step: dict[str, Any], names: dict[str, str]) -> Raw:
    data = substitute(_request_text(step), names).encode("utf-8")
    headers = step.get("headers")
    if headers:
        headers = {k: (substitute(v, names) if isinstance(v, str) else v) for k, v in headers.items()}
    return client.send(step["op"], data, headers)


# ---------------------------------------------------------------- responses


def parse(raw: Raw, names: dict[str, str]) -> dict[str, Any]:
    """A response as {status, type, message, body}, names mapped back, normalised."""
    text = unsubstitute(raw.text, names)
    try:
        doc = json.loads(text) if text.strip() else {}
    except ValueError:
        doc = {"<non-json>": text}
    if not isinstance(doc, dict):
        doc = {"<non-object>": doc}
    out: dict[str, Any] = {"status": raw.status, "type": None, "message": None}
    if "__type" in doc:
        doc = dict(doc)
        out["type"] = str(doc.pop("__type")).rpartition("#")[2]
        msg = doc.pop("message", None)
        msg2 = doc.pop("Message", None)
        out["message"] = msg if msg is not None else msg2
    body = normalise(doc)
    desc = body.get("TableDescription")
    if isinstance(desc, dict) and isinstance(desc.get("BillingModeSummary"), dict):
        # set asynchronously by AWS: not compared in Create/Update/DeleteTable answers
        desc["BillingModeSummary"].pop("LastUpdateToPayPerRequestDateTime", None)
    out["body"] = body
    return out


def normalise(value: Any, parent: str = "") -> Any:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            if (k in ZERO_MEANS_ABSENT and v in (0, 0.0)) or k in NOT_COMPARED:
                continue
            if k in TIMES and isinstance(v, (int, float)):
                out[k] = "<time>"
            elif k == "TableId" and isinstance(v, str):
                out[k] = "<id>"
            elif k == "LatestStreamLabel" and isinstance(v, str):
                out[k] = "<label>"
            elif k == "TableStatus" and parent == "TableDescription" and v in ("CREATING", "UPDATING", "DELETING", "ACTIVE"):
                # the response of CreateTable/UpdateTable/DeleteTable: AWS reports the transient
                # status, DynamoDB Local reports ACTIVE; DescribeTable's answer is compared as is
                out[k] = "<transient>"
            elif k == "IndexStatus" and v in ("CREATING", "UPDATING", "ACTIVE"):
                out[k] = "<transient>"  # AWS backfills a new index; DynamoDB Local reports ACTIVE at once
            elif k == "AttributeDefinitions" and isinstance(v, list):
                # DynamoDB Local echoes the request's order, AWS sorts by name: order is not compared
                out[k] = sorted((normalise(d, k) for d in v), key=lambda d: str(d.get("AttributeName")) if isinstance(d, dict) else "")
            elif k in SETS and len(value) == 1 and isinstance(v, list):
                out[k] = sorted(v, key=_set_order(k))
            else:
                out[k] = normalise(v, k)
        return out
    if isinstance(value, list):
        return [normalise(v, parent) for v in value]
    if isinstance(value, str) and value.startswith("arn:aws:dynamodb:"):
        return STREAM_LABEL.sub("/stream/<label>", ARN.sub("arn:aws:dynamodb:<region>:<account>:", value))
    return value


def _set_order(kind: str) -> Any:
    if kind == "NS":
        from decimal import Decimal, InvalidOperation

        def key(v: Any) -> Any:
            try:
                return (0, Decimal(v), "")
            except (InvalidOperation, TypeError):
                return (1, 0, str(v))
        return key
    return lambda v: (0, 0, str(v))


def expected_of(step: dict[str, Any]) -> dict[str, Any]:
    """What ddbserver must answer: AWS's answer where it is recorded, else DynamoDB Local's."""
    exp = dict(step["response"])
    exp.update(step.get("aws") or {})
    return exp


def differences(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    diffs = []
    for field in ("status", "type", "message", "body"):
        want, got = normalise(expected.get(field)), actual.get(field)
        if want != got:
            diffs.append(f"{field}: expected {json.dumps(want)[:2000]}\n"
                         f"{' ' * (len(field) + 2)}got      {json.dumps(got)[:2000]}")
            if field == "body":
                diffs.extend("  at " + d for d in _paths(want, got, "body")[:10])
    return diffs


def drop_path(resp: dict[str, Any], path: str) -> dict[str, Any]:
    """`resp` without the member at dotted `path` inside its body (a step's "ignore" list names
    members whose value is transient, e.g. UpdateTable's throughput while UPDATING). A part
    ending in `[]` names every element of that list (`Table.GlobalSecondaryIndexes[].ItemCount`)."""
    out = json.loads(json.dumps(resp))
    _drop(out.get("body"), path.split("."))
    return out


def _drop(node: Any, parts: list[str]) -> None:
    first, rest = parts[0], parts[1:]
    if not isinstance(node, dict):
        return
    if first.endswith("[]"):
        items = node.get(first[:-2])
        for item in items if isinstance(items, list) else []:
            if rest:
                _drop(item, rest)
        return
    if rest:
        _drop(node.get(first), rest)
    else:
        node.pop(first, None)


def _paths(want: Any, got: Any, path: str) -> list[str]:
    """Where two JSON values differ, as readable paths (for failure messages)."""
    if isinstance(want, dict) and isinstance(got, dict):
        out = []
        for k in list(want) + [k for k in got if k not in want]:
            if k not in got:
                out.append(f"{path}.{k}: missing (expected {json.dumps(want[k])[:200]})")
            elif k not in want:
                out.append(f"{path}.{k}: unexpected {json.dumps(got[k])[:200]}")
            else:
                out.extend(_paths(want[k], got[k], f"{path}.{k}"))
        return out
    if isinstance(want, list) and isinstance(got, list) and len(want) == len(got):
        return [d for i, (w, g) in enumerate(zip(want, got)) for d in _paths(w, g, f"{path}[{i}]")]
    if want != got:
        return [f"{path}: expected {json.dumps(want)[:200]}, got {json.dumps(got)[:200]}"]
    return []


# ---------------------------------------------------------------- running a case


class SetupFailed(Exception):
    pass


def run_case(client: Client, case: dict[str, Any]) -> list[dict[str, Any]]:
    """Set up, send every step, tear down; the parsed responses of the steps."""
    names = assign_names(case)
    try:
        for step in case.get("setup", []):
            raw = send_step(client, step, names)
            if raw.status != 200:
                raise SetupFailed(f"setup {step['op']} answered {raw.status}: {unsubstitute(raw.text, names)[:500]}")
        return [parse(send_step(client, step, names), names) for step in case["steps"]]
    finally:
        teardown(client, names)


def teardown(client: Client, names: dict[str, str]) -> None:
    """Delete the case's tables (turning deletion protection off where a case turned it on)."""
    for real in names.values():
        body = json.dumps({"TableName": real}).encode()
        try:
            if client.send("DeleteTable", body).status == 400:
                unprotect = json.dumps({"TableName": real, "DeletionProtectionEnabled": False}).encode()
                if client.send("UpdateTable", unprotect).status == 200:
                    client.send("DeleteTable", body)
        except (OSError, http.client.HTTPException):
            client.close()


def check_case(client: Client, case: dict[str, Any]) -> list[str]:
    """Problems found replaying `case` (empty when ddbserver answers as recorded)."""
    try:
        actual = run_case(client, case)
    except SetupFailed as err:
        return [str(err)]
    problems = []
    for i, (step, got) in enumerate(zip(case["steps"], actual)):
        want = expected_of(step)
        for path in step.get("ignore", ()):
            want, got = drop_path(want, path), drop_path(got, path)
        diffs = differences(want, got)
        if diffs:
            problems.append(f"step {i} ({step['op']}):\n  " + "\n  ".join(diffs))
    return problems
