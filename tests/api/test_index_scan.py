"""Scan with IndexName through boto3 against a live server: what an index holds, projections,
parallel segments, pages and start keys, filters, capacity."""

from __future__ import annotations

import pytest

from tests.api.test_index_query import INVALID, N, S, indexed_table
from tests.conftest import refused


@pytest.fixture(scope="module")
def table(ddb):
    """Partitions p0..p19 hold sk 0..1 (l = sk, x, y); odd partitions have g = G<i mod 3> and
    gs = i; `bare` has no index key."""
    name = indexed_table(ddb)
    items = []
    for i in range(20):
        for sk in range(2):
            item = {"pk": S(f"p{i}"), "sk": N(sk), "l": N(sk), "x": S(f"x{i}"), "y": S(f"y{i}")}
            if i % 2:
                item.update(g=S(f"G{i % 3}"), gs=N(i))
            items.append(item)
    items.append({"pk": S("bare"), "sk": N(9), "y": S("-")})
    for start in range(0, len(items), 25):
        ddb.batch_write_item(RequestItems={name: [{"PutRequest": {"Item": it}} for it in items[start:start + 25]]})
    return name


def keys_of(items):
    return sorted((it["pk"]["S"], int(it["sk"]["N"])) for it in items)


def scan_all(ddb, table, **kw):
    """Every page of a Scan, following LastEvaluatedKey."""
    items, start = [], None
    while True:
        r = ddb.scan(TableName=table, **kw, **({"ExclusiveStartKey": start} if start else {}))
        items += r["Items"]
        start = r.get("LastEvaluatedKey")
        if not start:
            return items


ODD = sorted((f"p{i}", sk) for i in range(1, 20, 2) for sk in range(2))
ALL = sorted((f"p{i}", sk) for i in range(20) for sk in range(2))


def test_gsi_scan_holds_only_indexed_items_as_projected(ddb, table):
    """A GSI Scan returns the items that have the index key (a sparse index), as projected."""
    r = ddb.scan(TableName=table, IndexName="gkeys")
    assert keys_of(r["Items"]) == ODD and r["ScannedCount"] == len(ODD)
    assert all(set(it) == {"pk", "sk", "g", "gs"} for it in r["Items"])
    assert all(set(it) == {"pk", "sk", "g", "x"} for it in ddb.scan(TableName=table, IndexName="ginc")["Items"])


def test_lsi_scan_holds_every_item_with_the_sort_key(ddb, table):
    """An LSI Scan returns the items having the index sort key, projected."""
    items = ddb.scan(TableName=table, IndexName="lkeys")["Items"]
    assert keys_of(items) == ALL
    assert all(set(it) == {"pk", "sk", "l"} for it in items)


def test_scan_pages_through_an_index(ddb, table):
    """Limit pages through an index; LastEvaluatedKey holds the table and index keys."""
    r = ddb.scan(TableName=table, IndexName="gkeys", Limit=3)
    assert set(r["LastEvaluatedKey"]) == {"pk", "sk", "g", "gs"}
    assert keys_of(scan_all(ddb, table, IndexName="gkeys", Limit=3)) == ODD
    assert keys_of(scan_all(ddb, table, IndexName="lkeys", Limit=7)) == ALL


def test_parallel_scan_of_an_index(ddb, table):
    """Segments of an index Scan cover every entry exactly once."""
    for index, expected in (("gkeys", ODD), ("linc", ALL)):
        seen = []
        for segment in range(3):
            seen += scan_all(ddb, table, IndexName=index, Segment=segment, TotalSegments=3, Limit=4)
        assert keys_of(seen) == expected


def test_projection_rules_on_a_scan(ddb, table):
    """A Scan follows the Query's projection rules: a partial GSI refuses ALL_ATTRIBUTES and
    unprojected attributes; an LSI fetches whole items from the table."""
    assert refused(ddb.scan, TableName=table, IndexName="gkeys", ProjectionExpression="y") == (
        "ValidationException", INVALID + "Global secondary index gkeys does not project [y]")
    items = ddb.scan(TableName=table, IndexName="lkeys", Select="ALL_ATTRIBUTES")["Items"]
    assert keys_of(items) == ALL and all("y" in it and "x" in it for it in items)
    items = ddb.scan(TableName=table, IndexName="linc", ProjectionExpression="y")["Items"]
    assert sorted(it["y"]["S"] for it in items) == sorted(f"y{i}" for i in range(20) for _ in range(2))
    assert ddb.scan(TableName=table, IndexName="gall", Select="ALL_ATTRIBUTES", Limit=1)["Items"][0]["y"]


def test_scan_filters_on_an_index(ddb, table):
    """A Scan filter may name index key attributes; on a GSI an unprojected attribute is simply
    absent; on an LSI the filter sees the table's item."""
    r = ddb.scan(TableName=table, IndexName="gkeys", FilterExpression="g = :g", ExpressionAttributeValues={":g": S("G1")})
    assert keys_of(r["Items"]) == sorted((f"p{i}", sk) for i in (1, 7, 13, 19) for sk in range(2))
    r = ddb.scan(TableName=table, IndexName="gkeys", FilterExpression="y = :y", ExpressionAttributeValues={":y": S("y1")})
    assert (r["Count"], r["ScannedCount"]) == (0, len(ODD))
    r = ddb.scan(TableName=table, IndexName="lkeys", FilterExpression="y = :y", ExpressionAttributeValues={":y": S("y4")},
                 ReturnConsumedCapacity="INDEXES")
    assert r["Items"] == [{"pk": S("p4"), "sk": N(0), "l": N(0)}, {"pk": S("p4"), "sk": N(1), "l": N(1)}]
    assert r["ConsumedCapacity"]["Table"] == {"CapacityUnits": 0.0}


def test_exclusive_start_key_on_an_index_scan(ddb, table):
    """An index Scan's start key holds exactly the table and index keys (Scan's long text, as
    for a table)."""
    assert refused(ddb.scan, TableName=table, IndexName="gkeys", ExclusiveStartKey={"pk": S("p1"), "sk": N(0)}) == (
        "ValidationException", "The provided starting key is invalid: The provided key element does not match the schema")
    assert refused(ddb.scan, TableName=table, IndexName="lkeys", ExclusiveStartKey={"pk": S("p1"), "sk": N(0)}) == (
        "ValidationException", "The provided starting key is invalid: The provided key element does not match the schema")
    whole = ddb.scan(TableName=table, IndexName="gkeys")["Items"]
    rest = ddb.scan(TableName=table, IndexName="gkeys", ExclusiveStartKey=whole[4])["Items"]
    assert rest == whole[5:]


def test_consistent_scan_and_capacity_on_indexes(ddb, table):
    """A GSI cannot be scanned consistently, an LSI can; capacity goes to the index."""
    assert refused(ddb.scan, TableName=table, IndexName="gkeys", ConsistentRead=True) == (
        "ValidationException", "Consistent reads are not supported on global secondary indexes")
    r = ddb.scan(TableName=table, IndexName="lkeys", ConsistentRead=True, ReturnConsumedCapacity="INDEXES")
    assert r["ConsumedCapacity"] == {"TableName": table, "CapacityUnits": 1.0, "Table": {"CapacityUnits": 0.0},
                                     "LocalSecondaryIndexes": {"lkeys": {"CapacityUnits": 1.0}}}
    r = ddb.scan(TableName=table, IndexName="gkeys", Select="COUNT", ReturnConsumedCapacity="INDEXES")
    assert r["ConsumedCapacity"] == {"TableName": table, "CapacityUnits": 0.5, "Table": {"CapacityUnits": 0.0},
                                     "GlobalSecondaryIndexes": {"gkeys": {"CapacityUnits": 0.5}}}


def test_index_whose_key_reuses_the_table_key_pages(ddb):
    """A GSI whose sort key is the table's partition key: LastEvaluatedKey names it once, and
    paging (with a filter too) visits every entry once."""
    from tests.conftest import unique

    name = unique()
    ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "ID", "AttributeType": "S"},
                                           {"AttributeName": "Type", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "ID", "KeyType": "HASH"}],
                     GlobalSecondaryIndexes=[{"IndexName": "TypeIndex", "Projection": {"ProjectionType": "ALL"},
                                              "KeySchema": [{"AttributeName": "Type", "KeyType": "HASH"},
                                                            {"AttributeName": "ID", "KeyType": "RANGE"}]}])
    items = [{"ID": S(f"item-{i:03}"), "Type": S("widget"), "Num": N(i)} for i in range(30)]
    for start in range(0, 30, 25):
        ddb.batch_write_item(RequestItems={name: [{"PutRequest": {"Item": it}} for it in items[start:start + 25]]})
    first = ddb.scan(TableName=name, IndexName="TypeIndex", Limit=10)
    assert first["LastEvaluatedKey"] == {"ID": S("item-009"), "Type": S("widget")}
    everything = scan_all(ddb, name, IndexName="TypeIndex", Limit=10)
    assert [it["ID"]["S"] for it in everything] == [f"item-{i:03}" for i in range(30)]
    fives = scan_all(ddb, name, IndexName="TypeIndex", Limit=7, FilterExpression="Num IN (:a, :b, :c)",
                     ExpressionAttributeValues={":a": N(0), ":b": N(15), ":c": N(29)})
    assert [it["Num"]["N"] for it in fives] == ["0", "15", "29"]
