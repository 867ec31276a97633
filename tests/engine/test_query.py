"""engine/query.py: key ranges of sort key conditions, pages that seek, Limit and the 1 MB cap."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ddbserver.engine import codec, keys, query, values
from ddbserver.engine.expr import ast
from ddbserver.engine.writes import PutOp
from ddbserver.errors import DynamoError
from tests.engine.conftest import create_table

NUMBERS = ["-1e10", "-12.5", "-12", "-1", "-0.001", "0", "0.001", "1", "1.5", "2", "10", "12", "100", "1e20"]
STRINGS = ["", "a", "a\x00", "a\x00b", "ab", "abc", "ab\xff", "b", "\xff", "\xff\xff", "zz"]


def put(db: Any, table: Any, pk: str, sk: dict[str, str], **extra: dict[str, Any]) -> None:
    item = values.check_item({"pk": {"S": pk}, "sk": sk, **extra})  # numbers normalised
    key = {"pk": item["pk"], "sk": item["sk"]}
    db.write_blocking(PutOp(table, key, keys.item_key(table.id, table.key, key), item, values.item_size(item)))


def condition(pk: str, sort: ast.Condition | None) -> ast.Condition:
    eq = ast.Compare("=", ast.Path(("pk",)), ast.Literal({"S": pk}))
    return eq if sort is None else ast.And(eq, sort)


def plan(table: Any, cond: ast.Condition, legacy: bool = False) -> query.KeyRange:
    return query.plan_query(table, query.check_key_condition(cond, legacy))


def sk_values(page: query.Page, type_: str) -> list[str]:
    return [codec.decode(s)["sk"][type_] for s in page.items]


def test_numeric_sort_ranges_match_brute_force(db):
    """Every sort key operator's range holds exactly the numbers the operator selects, in order."""
    table = create_table(db, "t", "N")
    for n in NUMBERS:
        put(db, table, "p", {"N": n})
    put(db, table, "q", {"N": "1"})  # another partition never leaks in
    stored = sorted(Decimal(n) for n in NUMBERS)
    sk = ast.Path(("sk",))
    ops = {"=": lambda a, v: a == v, "<": lambda a, v: a < v, "<=": lambda a, v: a <= v,
           ">": lambda a, v: a > v, ">=": lambda a, v: a >= v}
    for bound in ["-12", "-0.5", "0", "1", "1.25", "100", "1e30"]:
        lit = ast.Literal({"N": bound})
        for op, pred in ops.items():
            rng = plan(table, condition("p", ast.Compare(op, sk, lit)), legacy=False)
            page = query.read_page(db, table, rng.low, rng.high)
            assert [Decimal(v) for v in sk_values(page, "N")] == [v for v in stored if pred(v, Decimal(bound))]
    rng = plan(table, condition("p", ast.Between(sk, ast.Literal({"N": "-12"}), ast.Literal({"N": "2"}))),
                           legacy=False)
    got = [Decimal(v) for v in sk_values(query.read_page(db, table, rng.low, rng.high), "N")]
    assert got == [v for v in stored if Decimal(-12) <= v <= 2]


def test_begins_with_and_reverse_order_on_strings(db):
    """begins_with selects byte prefixes (NUL and 0xFF bytes included); reverse pages run backwards."""
    table = create_table(db, "s", "S")
    for s in STRINGS:
        put(db, table, "p", {"S": s})
    ordered = sorted(STRINGS, key=lambda s: s.encode())
    for prefix in ["a", "a\x00", "ab", "\xff", "zzz"]:
        rng = plan(table, condition("p", ast.Call("begins_with", (ast.Path(("sk",)),
                                                                              ast.Literal({"S": prefix})))), False)
        page = query.read_page(db, table, rng.low, rng.high)
        assert sk_values(page, "S") == [s for s in ordered if s.startswith(prefix)]
    whole = plan(table, condition("p", None), legacy=False)
    back = query.read_page(db, table, whole.low, whole.high, forward=False)
    assert sk_values(back, "S") == ordered[::-1]


def test_resuming_seeks_and_reads_only_the_page(db):
    """After ExclusiveStartKey a page evaluates only its own items (O(page)), and Limit sets the
    last evaluated key even when the range ends there."""
    table = create_table(db, "r", "N")
    for i in range(500):
        put(db, table, "p", {"N": str(i)})
    rng = plan(table, condition("p", None), legacy=False)
    after = query.start_after(table, {"pk": {"S": "p"}, "sk": {"N": "480"}})
    page = query.read_page(db, table, rng.low, rng.high, after=after, limit=10)
    assert page.scanned == 10 and sk_values(page, "N") == [str(i) for i in range(481, 491)]
    assert page.last_key == {"pk": {"S": "p"}, "sk": {"N": "490"}}
    tail = query.read_page(db, table, rng.low, rng.high, after=after, limit=19)
    assert tail.scanned == 19 and tail.last_key == {"pk": {"S": "p"}, "sk": {"N": "499"}}
    back = query.read_page(db, table, rng.low, rng.high, after=after, forward=False, limit=3)
    assert sk_values(back, "N") == ["479", "478", "477"]
    # a start key between stored keys (a deleted item) resumes at the next one
    between = query.start_after(table, {"pk": {"S": "p"}, "sk": {"N": "480.5"}})
    assert sk_values(query.read_page(db, table, rng.low, rng.high, after=between, limit=1), "N") == ["481"]


def test_filter_runs_after_limit_and_page_stops_at_one_megabyte(db):
    """ScannedCount counts items read; the filter only drops them; 1 MB of data ends a page."""
    table = create_table(db, "m", "N")
    for i in range(6):
        put(db, table, "p", {"N": str(i)}, v={"S": "x" * 250_000})
    rng = plan(table, condition("p", None), legacy=False)
    page = query.read_page(db, table, rng.low, rng.high, filter=lambda item: item is not None and
                           item["sk"]["N"] in ("1", "3"))
    assert page.scanned == 5 and sk_values(page, "N") == ["1", "3"]
    assert page.read_bytes == sum(values.item_size({"pk": {"S": "p"}, "sk": {"N": str(i)},
                                                    "v": {"S": "x" * 250_000}}) for i in range(5))
    assert page.last_key == {"pk": {"S": "p"}, "sk": {"N": "4"}}


def test_segments_partition_the_table(db):
    """Parallel-scan segment ranges are disjoint and together hold every item."""
    table = create_table(db, "g")
    from tests.engine.conftest import put_op
    for i in range(200):
        db.write_blocking(put_op(table, f"k{i}"))
    seen: list[str] = []
    for segment in range(7):
        low, high = query.scan_range(table, segment, 7)
        seen += [codec.decode(s)["pk"]["S"] for s in query.read_page(db, table, low, high).items]
    assert sorted(seen) == sorted(f"k{i}" for i in range(200))
    low, high = query.scan_range(table, None, None)
    assert len(query.read_page(db, table, low, high).items) == 200


@pytest.mark.parametrize("prefix, expected", [
    (b"\x00\x01", b"\x00\x02"), (b"\x01\xff", b"\x02"), (b"\xff\xff", b"\xff" * 512), (b"a", b"b"),
])
def test_successor(prefix, expected):
    """successor(p) is the least string above every string starting with p."""
    assert query.successor(prefix) == expected


def test_plan_refuses_a_key_condition_without_the_partition_key(db):
    """A condition only on the sort key misses the partition key (AWS names it)."""
    table = create_table(db, "x", "N")
    only_sort = ast.Compare("=", ast.Path(("sk",)), ast.Literal({"N": "1"}))
    with pytest.raises(DynamoError) as e:
        plan(table, only_sort)
    assert e.value.message == "Query condition missed key schema element: pk"


_WORDS = [bytes(w).decode("latin-1") for w in (b"", b"a", b"a\x00", b"a\x00\xff", b"ab", b"b\xff", b"\x00", b"\x7f",
                                                b"\xff", b"\xff\x00", b"zz", b"a\xffb", b"\x01\x02")]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(op=st.sampled_from(["=", "<", "<=", ">", ">=", "BETWEEN", "begins_with"]),
       a=st.text(alphabet="a\x00\xffb\x7f", max_size=3), b=st.text(alphabet="a\x00\xffbz", max_size=3))
def test_string_sort_ranges_match_byte_order(db, op, a, b):
    """For any operator and bound, the planned range holds exactly the sort keys the operator
    selects by UTF-8 byte order (DynamoDB's order for strings)."""
    table = db.catalog.find("h")
    if table is None:
        table = create_table(db, "h", "S")
        for w in _WORDS[1:]:
            put(db, table, "p", {"S": w})
    words = sorted((w for w in _WORDS[1:]), key=lambda w: w.encode())
    sk = ast.Path(("sk",))
    enc = str.encode
    if op == "BETWEEN":
        lo, hi = sorted([a, b], key=enc)
        cond: ast.Condition = ast.Between(sk, ast.Literal({"S": lo}), ast.Literal({"S": hi}))
        expected = [w for w in words if enc(lo) <= enc(w) <= enc(hi)]
    elif op == "begins_with":
        cond = ast.Call("begins_with", (sk, ast.Literal({"S": a})))
        expected = [w for w in words if enc(w).startswith(enc(a))]
    else:
        cond = ast.Compare(op, sk, ast.Literal({"S": a}))
        compare = {"=": lambda x: x == enc(a), "<": lambda x: x < enc(a), "<=": lambda x: x <= enc(a),
                   ">": lambda x: x > enc(a), ">=": lambda x: x >= enc(a)}[op]
        expected = [w for w in words if compare(enc(w))]
    if "" in (a, b) and op != "begins_with":
        return  # an empty key value is refused before any range is planned
    try:
        rng = plan(table, condition("p", cond))
    except DynamoError:
        assert op == "begins_with" and a == ""
        return
    assert sk_values(query.read_page(db, table, rng.low, rng.high), "S") == expected


# ---- secondary indexes -------------------------------------------------------------------------


def multi_index_table(db: Any) -> Any:
    """A hash-only table with a KEYS_ONLY GSI `m` on HASH (h S) and RANGE (a N, b S)."""
    from ddbserver.engine.tables import CreateTableOp

    defs = [("pk", "S"), ("h", "S"), ("a", "N"), ("b", "S")]
    meta = {
        "TableName": "m", "BillingMode": "PAY_PER_REQUEST", "ProvisionedThroughput": None,
        "DeletionProtectionEnabled": False, "Tags": [],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": n, "AttributeType": t} for n, t in defs],
        "GlobalSecondaryIndexes": [{"IndexName": "m", "KeySchema": [
            {"AttributeName": "h", "KeyType": "HASH"}, {"AttributeName": "a", "KeyType": "RANGE"},
            {"AttributeName": "b", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "KEYS_ONLY"}}],
    }
    return db.write_blocking(CreateTableOp(meta))


def put_item(db: Any, table: Any, item: dict[str, Any]) -> None:
    item = values.check_item(item)
    key = {"pk": item["pk"]}
    db.write_blocking(PutOp(table, key, keys.item_key(table.id, table.key, key), item, values.item_size(item)))


def test_multi_attribute_ranges_match_brute_force(db):
    """A multi-attribute sort key orders by (a, b); `a = v AND b op w` and `a op v` select
    exactly what the operators select, in that order."""
    table = multi_index_table(db)
    rows = [(a, b) for a in (-1, 0, 2) for b in ("", "x", "x\x00", "xy", "z")]
    for n, (a, b) in enumerate(rows):
        item: dict[str, Any] = {"pk": {"S": f"k{n}"}, "h": {"S": "H"}, "a": {"N": str(a)}}
        if b:
            item["b"] = {"S": b}
        put_item(db, table, item)
    put_item(db, table, {"pk": {"S": "other"}, "h": {"S": "I"}, "a": {"N": "0"}, "b": {"S": "x"}})
    index = table.index("m")
    h = ast.Compare("=", ast.Path(("h",)), ast.Literal({"S": "H"}))
    stored = sorted((a, b.encode()) for a, b in rows if b)

    def run(*conds: ast.Condition) -> list[tuple[int, bytes]]:
        node: ast.Condition = h
        for c in conds:
            node = ast.And(node, c)
        rng = query.plan_query(index, query.check_key_condition(node, False))
        page = query.read_page(db, index, rng.low, rng.high)
        return [(int(i["a"]["N"]), i["b"]["S"].encode()) for i in map(codec.decode, page.items)]

    assert run() == stored
    ops = {"=": lambda x, v: x == v, "<": lambda x, v: x < v, "<=": lambda x, v: x <= v,
           ">": lambda x, v: x > v, ">=": lambda x, v: x >= v}
    for op, pred in ops.items():
        assert run(ast.Compare(op, ast.Path(("a",)), ast.Literal({"N": "0"}))) == [r for r in stored if pred(r[0], 0)]
        for w in ("x", "x\x00", "y"):
            got = run(ast.Compare("=", ast.Path(("a",)), ast.Literal({"N": "0"})),
                      ast.Compare(op, ast.Path(("b",)), ast.Literal({"S": w})))
            assert got == [r for r in stored if r[0] == 0 and pred(r[1], w.encode())]
    got = run(ast.Compare("=", ast.Path(("a",)), ast.Literal({"N": "2"})),
              ast.Call("begins_with", (ast.Path(("b",)), ast.Literal({"S": "x"}))))
    assert got == [(2, b"x"), (2, b"x\x00"), (2, b"xy")]


def test_multi_attribute_rules_are_checked_before_types(db):
    """Missing RANGE attributes before the last one named are reported first."""
    table = multi_index_table(db)
    index = table.index("m")
    node = ast.And(ast.Compare("=", ast.Path(("h",)), ast.Literal({"S": "H"})),
                   ast.Compare("=", ast.Path(("b",)), ast.Literal({"N": "1"})))
    with pytest.raises(DynamoError) as e:
        query.plan_query(index, query.check_key_condition(node, False))
    assert e.value.message == query.MULTI_RANGE.format(names="a", last="b")


def test_fetch_reads_the_table_items_of_entries(db):
    """Fetch replaces each entry by its table item (sizes recorded for capacity) or only lets
    the filter see the item; Limit counts entries either way."""
    from tests.engine.test_indexes import index_of, indexed_table, put as put_indexed

    table = indexed_table(db)
    for i in range(4):
        put_indexed(db, table, {"pk": {"S": "p"}, "sk": {"N": str(i)}, "l": {"S": f"l{3 - i}"},
                                "x": {"S": "x"}, "y": {"S": f"y{i}"}})
    local = index_of(table, "local")
    low, high = query.scan_range(local, None, None)
    page = query.read_page(db, local, low, high, limit=3, fetch=query.Fetch(table))
    assert [codec.decode(s)["y"]["S"] for s in page.items] == ["y3", "y2", "y1"]
    assert len(page.fetched) == 3 and page.last_key == {"pk": {"S": "p"}, "sk": {"N": "1"}, "l": {"S": "l2"}}
    only = query.read_page(db, local, low, high, fetch=query.Fetch(table, output=False),
                           filter=lambda item: item is not None and item["y"]["S"] == "y0")
    assert [codec.decode(s) for s in only.items] == [{"pk": {"S": "p"}, "sk": {"N": "0"}, "l": {"S": "l3"},
                                                      "x": {"S": "x"}}]
    assert only.fetched == ()


def test_long_index_sort_values_lie_inside_their_ranges(db):
    """Index entries whose sort value fills the key (cut and digested) are still found by every
    sort operator (values differing within their first 400 bytes)."""
    from tests.engine.test_indexes import index_of, indexed_table, put as put_indexed

    table = indexed_table(db)
    longs = ["b" * 470, "c" * 480, "d" * 490, "f" * 1000, "g" * 1000, "g" * 400 + "h" * 600, "a", "e" * 10]
    for i, v in enumerate(longs):
        put_indexed(db, table, {"pk": {"S": "p"}, "sk": {"N": str(i)}, "l": {"S": v}})
    local = index_of(table, "local")
    order = sorted(longs)
    l_path = ast.Path(("l",))
    ops = {"=": lambda x, v: x == v, "<": lambda x, v: x < v, "<=": lambda x, v: x <= v,
           ">": lambda x, v: x > v, ">=": lambda x, v: x >= v}
    for probe in longs + ["c", "d" * 300 + "e", "g" * 399]:
        for op, pred in ops.items():
            rng = plan(local, condition("p", ast.Compare(op, l_path, ast.Literal({"S": probe}))))
            got = [codec.decode(s)["l"]["S"] for s in query.read_page(db, local, rng.low, rng.high).items]
            assert got == [v for v in order if pred(v, probe)], (op, len(probe))
        rng = plan(local, condition("p", ast.Call("begins_with", (l_path, ast.Literal({"S": probe[:480]})))))
        got = [codec.decode(s)["l"]["S"] for s in query.read_page(db, local, rng.low, rng.high).items]
        assert got == [v for v in order if v.startswith(probe[:480])]
