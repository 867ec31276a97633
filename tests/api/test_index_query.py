"""Query with IndexName through boto3 against a live server: global and local secondary indexes,
their projections, start keys, filters, capacity, and multi-attribute GSI keys."""

from __future__ import annotations

import time
from typing import Any

import pytest

from ddbserver.api import pages
from ddbserver.engine.catalog import Table
from tests.conftest import refused, unique

INVALID = "One or more parameter values were invalid: "
BAD_START = "The provided starting key is invalid"


def S(v: str) -> dict[str, str]:
    return {"S": v}


def N(v: int) -> dict[str, str]:
    return {"N": str(v)}


def key(name: str, kind: str) -> dict[str, str]:
    return {"AttributeName": name, "KeyType": kind}


def indexed_table(ddb: Any) -> str:
    """pk S / sk N with LSIs lkeys (l, KEYS_ONLY) and linc (l, INCLUDE x) and GSIs gkeys (g, gs,
    KEYS_ONLY), ginc (g, INCLUDE x) and gall (g, gs, ALL)."""
    name = unique()
    defs = [("pk", "S"), ("sk", "N"), ("l", "N"), ("g", "S"), ("gs", "N")]
    ddb.create_table(
        TableName=name, BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": a, "AttributeType": t} for a, t in defs],
        KeySchema=[key("pk", "HASH"), key("sk", "RANGE")],
        LocalSecondaryIndexes=[
            {"IndexName": "lkeys", "KeySchema": [key("pk", "HASH"), key("l", "RANGE")],
             "Projection": {"ProjectionType": "KEYS_ONLY"}},
            {"IndexName": "linc", "KeySchema": [key("pk", "HASH"), key("l", "RANGE")],
             "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["x"]}}],
        GlobalSecondaryIndexes=[
            {"IndexName": "gkeys", "KeySchema": [key("g", "HASH"), key("gs", "RANGE")],
             "Projection": {"ProjectionType": "KEYS_ONLY"}},
            {"IndexName": "ginc", "KeySchema": [key("g", "HASH")],
             "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["x"]}},
            {"IndexName": "gall", "KeySchema": [key("g", "HASH"), key("gs", "RANGE")],
             "Projection": {"ProjectionType": "ALL"}}])
    return name


@pytest.fixture(scope="module")
def table(ddb):
    """Partition p holds sk 0..5 (l = 5 - sk, g = G, gs = sk, x and y); partition q holds sk 0..2
    in GSI partition G (gs 10+sk); item `bare` has no index key (in no GSI, no LSI)."""
    name = indexed_table(ddb)
    items = [{"pk": S("p"), "sk": N(i), "l": N(5 - i), "g": S("G"), "gs": N(i), "x": S(f"x{i}"), "y": S(f"y{i}")}
             for i in range(6)]
    items += [{"pk": S("q"), "sk": N(i), "g": S("G"), "gs": N(10 + i), "y": S("qy")} for i in range(3)]
    items.append({"pk": S("bare"), "sk": N(0), "y": S("no index key")})
    ddb.batch_write_item(RequestItems={name: [{"PutRequest": {"Item": it}} for it in items]})
    return name


def gq(ddb, table, index="gkeys", **kw):
    """Query GSI partition G."""
    kw.setdefault("KeyConditionExpression", "g = :g")
    return ddb.query(TableName=table, IndexName=index,
                     ExpressionAttributeValues={":g": S("G"), **kw.pop("values", {})}, **kw)


def lq(ddb, table, index="lkeys", **kw):
    """Query LSI partition p."""
    kw.setdefault("KeyConditionExpression", "pk = :p")
    return ddb.query(TableName=table, IndexName=index,
                     ExpressionAttributeValues={":p": S("p"), **kw.pop("values", {})}, **kw)


def pks(r) -> list[tuple[str, int]]:
    return [(it["pk"]["S"], int(it["sk"]["N"])) for it in r["Items"]]


# --- reading what the index holds ---------------------------------------------------------------


def test_gsi_query_returns_projected_entries_in_index_key_order(ddb, table):
    """A GSI Query reads the index partition in index sort key order and returns what the index
    projects (KEYS_ONLY: the table key and the index key); items without the key are absent."""
    r = gq(ddb, table)
    assert pks(r) == [("p", i) for i in range(6)] + [("q", i) for i in range(3)]
    assert r["Items"][0] == {"pk": S("p"), "sk": N(0), "g": S("G"), "gs": N(0)}
    assert r["Count"] == r["ScannedCount"] == 9


def test_include_projection_holds_the_named_attributes(ddb, table):
    """An INCLUDE index holds its NonKeyAttributes beside the keys, and nothing else."""
    r = gq(ddb, table, "ginc")
    assert sorted(pks(r)) == [("p", i) for i in range(6)] + [("q", i) for i in range(3)]
    assert {"pk": S("p"), "sk": N(2), "g": S("G"), "x": S("x2")} in r["Items"]
    assert all("y" not in it for it in r["Items"])


def test_all_projection_returns_whole_items(ddb, table):
    """An ALL index returns whole items, Select ALL_ATTRIBUTES included."""
    r = gq(ddb, table, "gall", Select="ALL_ATTRIBUTES", Limit=1)
    assert r["Items"] == [{"pk": S("p"), "sk": N(0), "l": N(5), "g": S("G"), "gs": N(0), "x": S("x0"), "y": S("y0")}]


def test_lsi_query_orders_by_the_index_sort_key(ddb, table):
    """An LSI Query reads one table partition ordered by the index's sort key; descending too."""
    assert pks(lq(ddb, table)) == [("p", i) for i in (5, 4, 3, 2, 1, 0)]
    assert pks(lq(ddb, table, ScanIndexForward=False)) == [("p", i) for i in range(6)]
    r = lq(ddb, table, KeyConditionExpression="pk = :p AND l BETWEEN :a AND :b", values={":a": N(1), ":b": N(2)})
    assert pks(r) == [("p", 4), ("p", 3)]


def test_count_on_an_index(ddb, table):
    """Select COUNT counts the index entries the condition selects."""
    r = gq(ddb, table, Select="COUNT", KeyConditionExpression="g = :g AND gs >= :n", values={":n": N(4)})
    assert (r["Count"], r["ScannedCount"], "Items" in r) == (5, 5, False)


def test_select_all_attributes_on_a_partial_gsi_is_refused(ddb, table):
    """A GSI that does not project everything cannot give ALL_ATTRIBUTES (Query and Scan)."""
    message = INVALID + ("Select type ALL_ATTRIBUTES is not supported for global secondary index gkeys because its "
                         "projection type is not ALL")
    assert refused(gq, ddb, table, Select="ALL_ATTRIBUTES") == ("ValidationException", message)
    assert refused(ddb.scan, TableName=table, IndexName="gkeys", Select="ALL_ATTRIBUTES") == \
        ("ValidationException", message)


def test_all_projected_attributes_is_the_index_default(ddb, table):
    """ALL_PROJECTED_ATTRIBUTES (the default on an index) returns the entries as projected."""
    assert gq(ddb, table, "ginc", Select="ALL_PROJECTED_ATTRIBUTES")["Items"] == gq(ddb, table, "ginc")["Items"]
    assert lq(ddb, table, Select="ALL_PROJECTED_ATTRIBUTES")["Items"][0] == {"pk": S("p"), "sk": N(5), "l": N(0)}


def test_all_projected_attributes_takes_no_projection(ddb, table):
    """ALL_PROJECTED_ATTRIBUTES refuses a ProjectionExpression or AttributesToGet (Query and Scan)."""
    assert refused(gq, ddb, table, Select="ALL_PROJECTED_ATTRIBUTES", ProjectionExpression="pk") == (
        "ValidationException", "Cannot specify the ProjectionExpression when choosing to get ALL_PROJECTED_ATTRIBUTES")
    assert refused(ddb.scan, TableName=table, IndexName="gkeys", Select="ALL_PROJECTED_ATTRIBUTES",
                   AttributesToGet=["pk"]) == (
        "ValidationException", "Cannot specify the AttributesToGet when choosing to get ALL_PROJECTED_ATTRIBUTES")


def test_projection_of_unprojected_attributes_on_a_gsi_is_refused(ddb, table):
    """A GSI refuses a projection naming attributes it lacks, listed as DynamoDB lists them (a
    Java hash set's order); projected ones are fine."""
    assert refused(gq, ddb, table, ProjectionExpression="y, y2, a.b") == (
        "ValidationException", INVALID + "Global secondary index gkeys does not project [a, y2, y]")
    assert refused(ddb.query, TableName=table, IndexName="ginc", AttributesToGet=["x", "zz"],
                   KeyConditions={"g": {"ComparisonOperator": "EQ", "AttributeValueList": [S("G")]}}) == (
        "ValidationException", INVALID + "Global secondary index ginc does not project [zz]")
    many = "a, q, b, c, d, e, f, h, i, j, k, m"  # 13 names with pk: a 32-bucket set, q last
    assert refused(gq, ddb, table, ProjectionExpression=many + ", pk") == (
        "ValidationException", INVALID + "Global secondary index gkeys does not project [a, b, c, d, e, f, h, i, j, k, m, q]")
    assert refused(gq, ddb, table, ProjectionExpression="a, q, b") == (
        "ValidationException", INVALID + "Global secondary index gkeys does not project [q, a, b]")
    r = gq(ddb, table, "ginc", ProjectionExpression="x, #s", ExpressionAttributeNames={"#s": "sk"})
    assert {"x": S("x0"), "sk": N(0)} in r["Items"] and {"sk": N(0)} in r["Items"]


def test_lsi_fetches_unprojected_attributes_from_the_table(ddb, table):
    """An LSI fetches whole items from the table for ALL_ATTRIBUTES or a projection naming
    attributes it does not project."""
    r = lq(ddb, table, Select="ALL_ATTRIBUTES", Limit=1)
    assert r["Items"] == [{"pk": S("p"), "sk": N(5), "l": N(0), "g": S("G"), "gs": N(5), "x": S("x5"), "y": S("y5")}]
    assert r["LastEvaluatedKey"] == {"pk": S("p"), "sk": N(5), "l": N(0)}
    assert lq(ddb, table, "linc", ProjectionExpression="y, x", Limit=2)["Items"] == \
        [{"y": S("y5"), "x": S("x5")}, {"y": S("y4"), "x": S("x4")}]


def test_consistent_read_on_indexes(ddb, table):
    """Consistent reads are refused on a GSI and allowed on an LSI."""
    assert refused(gq, ddb, table, ConsistentRead=True) == \
        ("ValidationException", "Consistent reads are not supported on global secondary indexes")
    assert lq(ddb, table, ConsistentRead=True)["Count"] == 6


def test_unknown_index(ddb, table):
    """An IndexName the table lacks is named."""
    assert refused(gq, ddb, table, "nope") == \
        ("ValidationException", "The table does not have the specified index: nope")


def test_an_index_being_built_or_deleted_cannot_be_read():
    """A GSI still backfilling answers DynamoDB's backfilling error; one being deleted is gone."""
    meta = {"TableName": "t", "id": 1, "KeySchema": [key("pk", "HASH")],
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                     {"AttributeName": "g", "AttributeType": "S"}],
            "GlobalSecondaryIndexes": [
                {"IndexName": "new", "id": 2, "KeySchema": [key("g", "HASH")], "Projection": {"ProjectionType": "ALL"},
                 "IndexStatus": "CREATING", "Backfilling": True},
                {"IndexName": "old", "id": 3, "KeySchema": [key("g", "HASH")], "Projection": {"ProjectionType": "ALL"},
                 "IndexStatus": "DELETING"}]}
    table = Table.from_meta(meta)
    with pytest.raises(Exception) as e:
        pages.index_of(table, {"IndexName": "new"})
    assert e.value.message == "Cannot read from backfilling global secondary index: new"  # type: ignore[attr-defined]
    with pytest.raises(Exception) as e:
        pages.index_of(table, {"IndexName": "old"})
    assert e.value.message == "The table does not have the specified index: old"  # type: ignore[attr-defined]


# --- key conditions on an index -----------------------------------------------------------------


@pytest.mark.parametrize("index, kce, values, message", [
    ("gkeys", "pk = :s", {":s": S("p")}, "Query condition missed key schema element: g"),
    ("gkeys", "g = :s AND sk = :n", {":s": S("G"), ":n": N(1)}, "Query condition missed key schema element: gs"),
    ("gkeys", "g = :n", {":n": N(1)}, INVALID + "Condition parameter type does not match schema type"),
    ("gkeys", "g < :s", {":s": S("G")}, "Query key condition not supported"),
    ("ginc", "g = :s AND gs = :n", {":s": S("G"), ":n": N(1)},
     "The number of query conditions (2) exceeds the number of key attributes defined in the schema (1)"),
    ("gkeys", "g = :s AND gs = :n AND x = :n", {":s": S("G"), ":n": N(1)},
     "The number of query conditions (3) exceeds the number of key attributes defined in the schema (2)"),
    ("gkeys", "g = :e", {":e": S("")}, "One or more parameter values are not valid. A value specified for a secondary "
     "index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. "
     "IndexName: gkeys, IndexKey: g"),
    ("lkeys", "pk = :e", {":e": S("")}, "One or more parameter values are not valid. A value specified for a secondary "
     "index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. "
     "IndexName: lkeys, IndexKey: pk"),
])
def test_key_condition_is_planned_on_the_index_key(ddb, table, index, kce, values, message):
    """The key condition names the index's key attributes, with their types; an empty string
    names the index."""
    assert refused(ddb.query, TableName=table, IndexName=index, KeyConditionExpression=kce,
                   ExpressionAttributeValues=values) == ("ValidationException", message)


# --- filters --------------------------------------------------------------------------------------


def test_filter_may_not_name_the_index_key(ddb, table):
    """A Query filter may not name the index's key attributes; the table's key is fine on a GSI."""
    assert refused(gq, ddb, table, FilterExpression="gs = :g") == (
        "ValidationException", "Filter Expression can only contain non-primary key attributes: Primary key attribute: gs")
    assert refused(lq, ddb, table, FilterExpression="l = :p") == (
        "ValidationException", "Filter Expression can only contain non-primary key attributes: Primary key attribute: l")
    assert pks(gq(ddb, table, FilterExpression="pk = :q", values={":q": S("q")})) == [("q", i) for i in range(3)]


def test_query_filter_legacy_may_not_name_the_index_key(ddb, table):
    """QueryFilter follows the same rule, with its own member name."""
    assert refused(ddb.query, TableName=table, IndexName="gkeys",
                   KeyConditions={"g": {"ComparisonOperator": "EQ", "AttributeValueList": [S("G")]}},
                   QueryFilter={"gs": {"ComparisonOperator": "EQ", "AttributeValueList": [N(1)]}}) == (
        "ValidationException", "QueryFilter can only contain non-primary key attributes: Primary key attribute: gs")


def test_filter_may_only_name_projected_attributes(ddb, table):
    """A Query filter on an index (global or local) may name only projected attributes, listed
    sorted; on an INCLUDE index the included ones filter."""
    assert refused(gq, ddb, table, FilterExpression="z = :g AND y.a = :g AND #b[0] = :g AND sk = :g",
                   ExpressionAttributeNames={"#b": "b"}) == (
        "ValidationException", INVALID + "Secondary index gkeys does not project one or more filter attributes: [b, y, z]")
    assert refused(lq, ddb, table, Select="ALL_ATTRIBUTES", FilterExpression="y = :p") == (
        "ValidationException", INVALID + "Secondary index lkeys does not project one or more filter attributes: [y]")
    r = gq(ddb, table, "ginc", FilterExpression="x = :x", values={":x": S("x3")})
    assert (pks(r), r["ScannedCount"]) == ([("p", 3)], 9)


# --- pages and start keys -------------------------------------------------------------------------


def test_last_evaluated_key_holds_table_and_index_keys_and_pages_resume(ddb, table):
    """LastEvaluatedKey from an index holds the table key and the index key; paging with it
    visits every entry once, in both directions."""
    r = gq(ddb, table, Limit=2)
    assert r["LastEvaluatedKey"] == {"pk": S("p"), "sk": N(1), "g": S("G"), "gs": N(1)}
    for forward in (True, False):
        seen, start = [], None
        while True:
            kw = {"ExclusiveStartKey": start} if start else {}
            r = gq(ddb, table, Limit=4, ScanIndexForward=forward, **kw)
            seen += pks(r)
            start = r.get("LastEvaluatedKey")
            if not start:
                break
        expected = [("p", i) for i in range(6)] + [("q", i) for i in range(3)]
        assert seen == (expected if forward else expected[::-1])
    r = gq(ddb, table, "ginc", Limit=1)
    assert set(r["LastEvaluatedKey"]) == {"pk", "sk", "g"}


@pytest.mark.parametrize("start, message", [
    ({"pk": S("p"), "sk": N(1), "g": S("G")}, BAD_START),
    ({"pk": S("p"), "g": S("G"), "gs": N(1)}, BAD_START),
    ({"pk": S("p"), "sk": N(1), "g": S("G"), "gs": N(1), "x": S("x")}, BAD_START),
    ({"pk": S("p"), "sk": N(1), "g": N(1), "gs": N(1)}, "The provided key element does not match the schema"),
    ({"pk": N(1), "sk": N(1), "g": S("G"), "gs": N(1)}, "The provided key element does not match the schema"),
    ({"pk": S("p"), "sk": N(1), "g": S("H"), "gs": N(1)},
     "The provided starting key is outside query boundaries based on provided conditions"),
])
def test_exclusive_start_key_on_a_gsi(ddb, table, start, message):
    """A start key on an index needs exactly the table key and the index key, of their types,
    inside the query's partition."""
    assert refused(gq, ddb, table, ExclusiveStartKey=start) == ("ValidationException", message)


def test_exclusive_start_key_outside_the_index_sort_condition(ddb, table):
    """A start key whose index sort key the condition excludes does not match the predicate."""
    start = {"pk": S("p"), "sk": N(1), "g": S("G"), "gs": N(9)}
    assert refused(gq, ddb, table, KeyConditionExpression="g = :g AND gs < :n", values={":n": N(2)},
                   ExclusiveStartKey=start) == \
        ("ValidationException", "The provided starting key does not match the range key predicate")
    r = gq(ddb, table, KeyConditionExpression="g = :g AND gs < :n", values={":n": N(12)},
           ExclusiveStartKey={"pk": S("p"), "sk": N(4), "g": S("G"), "gs": N(4)})
    assert pks(r) == [("p", 5), ("q", 0), ("q", 1)]


def test_exclusive_start_key_of_an_item_not_in_the_index_resumes_in_place(ddb, table):
    """The start key need not be an entry: the read resumes after where it would be."""
    r = gq(ddb, table, ExclusiveStartKey={"pk": S("zz"), "sk": N(0), "g": S("G"), "gs": N(4)})
    assert pks(r)[0] in {("p", 4), ("p", 5)} and ("p", 3) not in pks(r)


def test_exclusive_start_key_on_an_lsi(ddb, table):
    """An LSI start key is the table key plus the index sort key."""
    r = lq(ddb, table, ExclusiveStartKey={"pk": S("p"), "sk": N(3), "l": N(2)})
    assert pks(r) == [("p", 2), ("p", 1), ("p", 0)]
    assert refused(lq, ddb, table, ExclusiveStartKey={"pk": S("p"), "sk": N(3)}) == ("ValidationException", BAD_START)


def test_page_limit_counts_projected_entries(ddb):
    """The 1 MB page limit counts what the index holds: big unprojected attributes do not cut
    a KEYS_ONLY index's page, while the table's own Query pages."""
    name = indexed_table(ddb)
    big = "b" * 300_000
    for i in range(5):
        ddb.put_item(TableName=name, Item={"pk": S("p"), "sk": N(i), "l": N(i), "g": S("G"), "gs": N(i), "big": S(big)})
    assert gq(ddb, name)["Count"] == 5 and "LastEvaluatedKey" not in gq(ddb, name)
    whole = ddb.query(TableName=name, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": S("p")})
    assert whole["Count"] < 5 and "LastEvaluatedKey" in whole
    fetched = lq(ddb, name, Select="ALL_ATTRIBUTES", ReturnConsumedCapacity="INDEXES")
    assert fetched["Count"] == 5  # fetched items do not count toward the index page
    assert fetched["ConsumedCapacity"]["Table"]["CapacityUnits"] == 5 * 37.0  # 74 units each, halved


# --- capacity -----------------------------------------------------------------------------------


def test_consumed_capacity_is_charged_to_the_index(ddb, table):
    """Index reads are charged to the index, the table gets 0.0; TOTAL folds them together."""
    assert gq(ddb, table, ReturnConsumedCapacity="INDEXES")["ConsumedCapacity"] == {
        "TableName": table, "CapacityUnits": 0.5, "Table": {"CapacityUnits": 0.0},
        "GlobalSecondaryIndexes": {"gkeys": {"CapacityUnits": 0.5}}}
    assert gq(ddb, table, ReturnConsumedCapacity="TOTAL", Select="COUNT")["ConsumedCapacity"] == {
        "TableName": table, "CapacityUnits": 0.5}
    assert lq(ddb, table, ReturnConsumedCapacity="INDEXES", ConsistentRead=True)["ConsumedCapacity"] == {
        "TableName": table, "CapacityUnits": 1.0, "Table": {"CapacityUnits": 0.0},
        "LocalSecondaryIndexes": {"lkeys": {"CapacityUnits": 1.0}}}


def test_lsi_fetches_are_charged_to_the_table_item_by_item(ddb, table):
    """Each item an LSI fetches from the table costs a read of its own (rounded up alone)."""
    r = lq(ddb, table, Select="ALL_ATTRIBUTES", Limit=2, ReturnConsumedCapacity="INDEXES")
    assert r["ConsumedCapacity"] == {"TableName": table, "CapacityUnits": 1.5, "Table": {"CapacityUnits": 1.0},
                                     "LocalSecondaryIndexes": {"lkeys": {"CapacityUnits": 0.5}}}
    r = lq(ddb, table, ProjectionExpression="l", ReturnConsumedCapacity="TOTAL")
    assert r["ConsumedCapacity"] == {"TableName": table, "CapacityUnits": 0.5}  # projected: no fetch


# --- multi-attribute GSI keys ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def multi(ddb):
    """A GSI `multi` on HASH (h1 S, h2 N) and RANGE (r1 S, r2 N, r3 S); items p1..p8 in partition
    (H, 1) cover r1 in a/b, r2 in 1/2, r3 in x/y; `other` is in partition (H, 2)."""
    name = unique()
    defs = [("pk", "S"), ("h1", "S"), ("h2", "N"), ("r1", "S"), ("r2", "N"), ("r3", "S")]
    ddb.create_table(
        TableName=name, BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": a, "AttributeType": t} for a, t in defs],
        KeySchema=[key("pk", "HASH")],
        GlobalSecondaryIndexes=[{"IndexName": "multi", "KeySchema": [
            key("h1", "HASH"), key("h2", "HASH"), key("r1", "RANGE"), key("r2", "RANGE"), key("r3", "RANGE")],
            "Projection": {"ProjectionType": "KEYS_ONLY"}}])
    items, i = [], 0
    for r1 in "ab":
        for r2 in (1, 2):
            for r3 in "xy":
                i += 1
                items.append({"pk": S(f"p{i}"), "h1": S("H"), "h2": N(1), "r1": S(r1), "r2": N(r2), "r3": S(r3)})
    items.append({"pk": S("other"), "h1": S("H"), "h2": N(2), "r1": S("a"), "r2": N(1), "r3": S("x")})
    items.append({"pk": S("sparse"), "h1": S("H"), "h2": N(1), "r1": S("a")})
    ddb.batch_write_item(RequestItems={name: [{"PutRequest": {"Item": it}} for it in items]})
    return name


MULTI_VALUES = {":h1": S("H"), ":h2": N(1), ":a": S("a"), ":b": S("b"), ":one": N(1), ":x": S("x")}
HASHES = "h1 = :h1 AND h2 = :h2"


def mq(ddb, table, kce, **kw):
    used = {k: v for k, v in MULTI_VALUES.items() if k in kce}
    return ddb.query(TableName=table, IndexName="multi", KeyConditionExpression=kce, ExpressionAttributeValues=used, **kw)


@pytest.mark.parametrize("kce, expected", [
    (HASHES, [1, 2, 3, 4, 5, 6, 7, 8]),
    (HASHES + " AND r1 = :a", [1, 2, 3, 4]),
    (HASHES + " AND r1 = :a AND r2 = :one", [1, 2]),
    (HASHES + " AND r1 = :a AND r2 = :one AND r3 = :x", [1]),
    (HASHES + " AND r1 > :a", [5, 6, 7, 8]),
    (HASHES + " AND r1 BETWEEN :a AND :b", [1, 2, 3, 4, 5, 6, 7, 8]),
    (HASHES + " AND r1 = :a AND r2 > :one", [3, 4]),
    (HASHES + " AND r1 = :a AND r2 <= :one", [1, 2]),
    (HASHES + " AND r1 = :a AND r2 = :one AND begins_with(r3, :x)", [1]),
])
def test_multi_attribute_key_conditions(ddb, multi, kce, expected):
    """Every HASH attribute with =, RANGE attributes left to right with = and the last with any
    sort operator; an item lacking a key attribute is not in the index."""
    assert [it["pk"]["S"] for it in mq(ddb, multi, kce)["Items"]] == [f"p{i}" for i in expected]


@pytest.mark.parametrize("kce, message", [
    ("h1 = :h1", "HASH key attributes h2 must have equality conditions specified in the query"),
    ("r1 = :a", "HASH key attributes h1, h2 must have equality conditions specified in the query"),
    ("h1 > :h1 AND h2 = :h2", "HASH key attributes h1 must have equality conditions specified in the query"),
    (HASHES + " AND r2 = :one", "RANGE key attributes r1 must have equality conditions specified in the query "
                                "because a condition is present on key attribute r2"),
    (HASHES + " AND r3 = :x", "RANGE key attributes r1, r2 must have equality conditions specified in the query "
                              "because a condition is present on key attribute r3"),
    (HASHES + " AND r1 > :a AND r2 = :one", "RANGE key attributes r1 must have equality conditions specified in "
                                            "the query because a condition is present on key attribute r2"),
    (HASHES + " AND r1 < :a AND r3 = :x", "RANGE key attributes r2 must have equality conditions specified in "
                                          "the query because a condition is present on key attribute r3"),
    (HASHES + " AND r1 = :b AND r2 = :a", INVALID + "Condition parameter type does not match schema type"),
    (HASHES + " AND pk = :a", "Query condition missed key schema element: r1"),
    (HASHES + " AND r1 = :a AND r2 = :one AND r3 = :x AND pk = :b", "Query key condition not supported"),
])
def test_multi_attribute_key_condition_rules(ddb, multi, kce, message):
    """DynamoDB's rules for multi-attribute keys, each with its message."""
    assert refused(mq, ddb, multi, kce) == ("ValidationException", message)


def test_legacy_key_conditions_on_a_multi_attribute_key_are_refused(ddb, multi):
    """AWS refuses KeyConditions on a multi-attribute key (KeyConditionExpression only)."""
    code, _ = refused(ddb.query, TableName=multi, IndexName="multi", KeyConditions={
        "h1": {"ComparisonOperator": "EQ", "AttributeValueList": [S("H")]},
        "h2": {"ComparisonOperator": "EQ", "AttributeValueList": [N(1)]}})
    assert code == "ValidationException"


def test_multi_attribute_key_pages(ddb, multi):
    """LastEvaluatedKey holds every index key attribute and the table key; paging resumes after
    it, and a start key from another partition is refused."""
    r = mq(ddb, multi, HASHES, Limit=3)
    assert r["LastEvaluatedKey"] == {"pk": S("p3"), "h1": S("H"), "h2": N(1), "r1": S("a"), "r2": N(2), "r3": S("x")}
    rest = mq(ddb, multi, HASHES, ExclusiveStartKey=r["LastEvaluatedKey"])
    assert [it["pk"]["S"] for it in rest["Items"]] == [f"p{i}" for i in range(4, 9)]
    back = mq(ddb, multi, HASHES + " AND r1 = :a", ScanIndexForward=False)
    assert [it["pk"]["S"] for it in back["Items"]] == ["p4", "p3", "p2", "p1"]
    other = {"pk": S("other"), "h1": S("H"), "h2": N(2), "r1": S("a"), "r2": N(1), "r3": S("x")}
    assert refused(mq, ddb, multi, HASHES, ExclusiveStartKey=other) == (
        "ValidationException", "The provided starting key is outside query boundaries based on provided conditions")
    partial = {k: v for k, v in r["LastEvaluatedKey"].items() if k != "r3"}
    assert refused(mq, ddb, multi, HASHES, ExclusiveStartKey=partial) == ("ValidationException", BAD_START)


def test_java_set_order():
    """The order DynamoDB lists unprojected attributes in: a Java HashSet's, names added last to first."""
    assert pages.java_set_order(["y2", "y"]) == ["y2", "y"]
    assert pages.java_set_order(["bb", "aa"]) == ["bb", "aa"]
    names = ["q", "a", "zz", "b", "c", "d", "e", "f", "gg", "h", "i", "j", "k", "m", "n", "o1"]
    assert pages.java_set_order(names[::-1]) == ["gg", "zz", "a", "o1", "b", "c", "d", "e", "f", "h", "i", "j",
                                                  "k", "m", "n", "q"]


def test_a_gsi_added_by_update_table_is_read_once_active(ddb):
    """A GSI UpdateTable adds cannot be read until it is ACTIVE (DynamoDB's backfilling error),
    then holds the items written before it; an index being deleted is no longer there."""
    name = unique()
    ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST", KeySchema=[key("pk", "HASH")],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}])
    ddb.put_item(TableName=name, Item={"pk": S("a"), "g": S("G")})
    ddb.update_table(TableName=name, AttributeDefinitions=[{"AttributeName": "g", "AttributeType": "S"}],
                     GlobalSecondaryIndexUpdates=[{"Create": {"IndexName": "late", "KeySchema": [key("g", "HASH")],
                                                              "Projection": {"ProjectionType": "ALL"}}}])

    def read():
        return ddb.query(TableName=name, IndexName="late", KeyConditionExpression="g = :g",
                         ExpressionAttributeValues={":g": S("G")})

    assert refused(read) == ("ValidationException", "Cannot read from backfilling global secondary index: late")
    assert refused(ddb.scan, TableName=name, IndexName="late") == \
        ("ValidationException", "Cannot read from backfilling global secondary index: late")
    assert refused(ddb.execute_statement, Statement=f'SELECT * FROM "{name}"."late"') == \
        ("ValidationException", "Cannot read from backfilling global secondary index: late")
    for _ in range(200):
        status = ddb.describe_table(TableName=name)["Table"]["GlobalSecondaryIndexes"][0]["IndexStatus"]
        if status == "ACTIVE":
            break
        time.sleep(0.05)
    assert read()["Items"] == [{"pk": S("a"), "g": S("G")}]
    ddb.update_table(TableName=name, GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "late"}}])
    assert refused(read) == ("ValidationException", "The table does not have the specified index: late")


SCALARS = "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: "


@pytest.mark.parametrize("extra, message", [
    ({"ProjectionExpression": "pk.a"}, SCALARS + "Key: pk"),
    ({"ProjectionExpression": "#k[0]", "ExpressionAttributeNames": {"#k": "sk"}}, SCALARS + "Key: sk"),
    ({"ProjectionExpression": "y, gs.a"}, SCALARS + "IndexKey: gs"),
    ({"FilterExpression": "g.a = :p"}, SCALARS + "IndexKey: g"),
    ({"FilterExpression": "size(l.b) > :p"}, SCALARS + "IndexKey: l"),
    ({"FilterExpression": "g.a = :p", "ProjectionExpression": "pk.a"}, SCALARS + "IndexKey: g"),
    ({"FilterExpression": "sk.a = :p AND pk.b = :p"}, SCALARS + "Key: pk"),
])
def test_paths_into_key_attributes_are_refused(ddb, table, extra, message):
    """Filter and projection paths may not reach inside a key attribute of the table ("Key") or
    of any index ("IndexKey"), whichever the request reads; the filter is checked first."""
    assert refused(ddb.query, TableName=table, KeyConditionExpression="pk = :p",
                   ExpressionAttributeValues={":p": S("p")}, **extra) == ("ValidationException", message)
    if "FilterExpression" not in extra:
        assert refused(ddb.scan, TableName=table, IndexName="gall", **extra) == ("ValidationException", message)
