"""ListTables through boto3, on a server of its own so the set of tables is known."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import ServerProcess, client, make_table


@pytest.fixture(scope="module")
def own(tmp_path_factory: Any) -> Iterator[Any]:
    srv = ServerProcess(["--data-dir", str(tmp_path_factory.mktemp("list")), "--no-sync"]).start()
    ddb = client(srv.url)
    for name in ("t-a", "t-b", "t-c", "t-d", "t-e"):
        make_table(ddb, name=name)
    yield ddb
    srv.stop()


def test_all_names_in_order(own):
    """Without Limit ListTables returns every name, sorted, and no LastEvaluatedTableName."""
    r = own.list_tables()
    assert r["TableNames"] == ["t-a", "t-b", "t-c", "t-d", "t-e"]
    assert "LastEvaluatedTableName" not in r


def test_pages(own):
    """Limit cuts the page; LastEvaluatedTableName is the last name, given only when more remain."""
    r = own.list_tables(Limit=2)
    assert r["TableNames"] == ["t-a", "t-b"] and r["LastEvaluatedTableName"] == "t-b"
    r = own.list_tables(Limit=2, ExclusiveStartTableName="t-b")
    assert r["TableNames"] == ["t-c", "t-d"] and r["LastEvaluatedTableName"] == "t-d"
    r = own.list_tables(Limit=2, ExclusiveStartTableName="t-d")
    assert r["TableNames"] == ["t-e"] and "LastEvaluatedTableName" not in r


def test_exact_fit_has_no_last_evaluated(own):
    """A page that ends exactly at the last table has no LastEvaluatedTableName."""
    r = own.list_tables(Limit=5)
    assert len(r["TableNames"]) == 5 and "LastEvaluatedTableName" not in r
    r = own.list_tables(Limit=2, ExclusiveStartTableName="t-c")
    assert r["TableNames"] == ["t-d", "t-e"] and "LastEvaluatedTableName" not in r


def test_start_name_need_not_exist(own):
    """ExclusiveStartTableName is a position, not a table: names after it are listed."""
    assert own.list_tables(ExclusiveStartTableName="t-bb")["TableNames"] == ["t-c", "t-d", "t-e"]
    assert own.list_tables(ExclusiveStartTableName="zzz")["TableNames"] == []


def test_paginator(own):
    """boto3's paginator walks every page."""
    pages = own.get_paginator("list_tables").paginate(PaginationConfig={"PageSize": 2})
    assert [n for p in pages for n in p["TableNames"]] == ["t-a", "t-b", "t-c", "t-d", "t-e"]
