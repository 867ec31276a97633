"""Replay of the golden corpus: every case recorded from DynamoDB Local (tests/golden/cases/),
sent as raw HTTP to ddbserver, must get the same status, error type, message and body (after
normalising volatile members; where Local differs from AWS, the case's `aws` answer is expected).

Cases listed in pending.txt are not passed yet and are expected to fail (strictly: one that passes
must be removed, with `python tests/golden/update_pending.py`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.golden import harness

CASES = harness.load_cases()
PENDING = harness.load_pending()


def _params() -> list[Any]:
    out = []
    for case in CASES:
        marks = [pytest.mark.xfail(strict=True, reason="listed in tests/golden/pending.txt")] if case["name"] in PENDING else []
        out.append(pytest.param(case, id=case["name"], marks=marks))
    return out


@pytest.fixture(scope="module")
def golden_client(server: Any) -> Iterator[harness.Client]:
    client = harness.Client("127.0.0.1", server.port)
    yield client
    client.close()


def test_pending_names_exist() -> None:
    """pending.txt names only cases that exist (a renamed case must not linger there)."""
    names = {c["name"] for c in CASES}
    assert sorted(PENDING - names) == []


def test_corpus_shape() -> None:
    """The corpus keeps its size and its share of bad input (at least a third)."""
    bad = [c for c in CASES if any(harness.expected_of(s)["status"] >= 400 for s in c["steps"])]
    assert len(CASES) >= 300
    assert 3 * len(bad) >= len(CASES)


@pytest.mark.parametrize("case", _params())
def test_golden(golden_client: harness.Client, case: dict[str, Any]) -> None:
    """DynamoDB answers this request as recorded."""
    problems = harness.check_case(golden_client, case)
    assert not problems, case["name"] + ("\nnote: " + case["note"] if case.get("note") else "") + "\n" + "\n".join(problems)
