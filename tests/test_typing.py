"""The engine and the API layer type-check under mypy --strict (STYLE.md, habit 10)."""

from __future__ import annotations

import os

from mypy import api

from tests.conftest import REPO_ROOT


def test_engine_and_api_pass_mypy_strict() -> None:
    """mypy --strict finds no error in ddbserver/engine and ddbserver/api."""
    out, err, status = api.run([
        "--strict", "--no-incremental", "--cache-dir", os.devnull,
        os.path.join(REPO_ROOT, "ddbserver", "engine"), os.path.join(REPO_ROOT, "ddbserver", "api"),
    ])
    assert status == 0, out + err
