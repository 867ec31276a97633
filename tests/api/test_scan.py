"""Scan through boto3 against a live server: serialization, validation, functionality."""

from __future__ import annotations

import pytest

from tests.conftest import make_table, refused

N = 120  # items in the shared table: 40 partitions x 3 sort keys



@pytest.fixture(scope="module")
def table(ddb):
    """A table (pk S, sk N) with 40 partitions of 3 items each."""
    name = make_table(ddb, "S", "N")
    items = [{"pk": {"S": f"p{i // 3}"}, "sk": {"N": str(i % 3)}, "n": {"N": str(i)}} for i in range(N)]
    for start in range(0, N, 25):
        ddb.batch_write_item(RequestItems={name: [{"PutRequest": {"Item": it}} for it in items[start:start + 25]]})
    return name


def ids(items):
    return [int(i["n"]["N"]) for i in items]


# --- serialization ------------------------------------------------------------------------


def test_scan_returns_every_item(ddb, table):
    """A Scan of a small table answers every item, with Count and ScannedCount."""
    r = ddb.scan(TableName=table)
    assert sorted(ids(r["Items"])) == list(range(N))
    assert (r["Count"], r["ScannedCount"]) == (N, N) and "LastEvaluatedKey" not in r


# --- validation ---------------------------------------------------------------------------


@pytest.mark.parametrize("params, message", [
    ({"Segment": 0}, "The TotalSegments parameter is required but was not present in the request when Segment "
                     "parameter is present"),
    ({"TotalSegments": 4}, "The Segment parameter is required but was not present in the request when parameter "
                           "TotalSegments is present"),
    ({"Segment": 5, "TotalSegments": 5}, "The Segment parameter is zero-based and must be less than parameter "
                                         "TotalSegments: Segment: 5 is not less than TotalSegments: 5"),
    ({"Limit": 0}, "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must "
                   "have value greater than or equal to 1"),
    ({"TotalSegments": 1000001, "Segment": 0}, "1 validation error detected: Value '1000001' at 'totalSegments' "
     "failed to satisfy constraint: Member must have value less than or equal to 1000000"),
    ({"Select": "COUNT", "AttributesToGet": ["a"]}, "Cannot specify the AttributesToGet when choosing to get only "
                                                    "the Count"),
    ({"Select": "ALL_ATTRIBUTES", "AttributesToGet": ["a"]}, "Cannot specify the AttributesToGet when choosing to "
                                                             "get ALL_ATTRIBUTES"),
    ({"ExclusiveStartKey": {"pk": {"S": "x"}}}, "The provided starting key is invalid: The provided key element "
                                                "does not match the schema"),
    ({"ExclusiveStartKey": {"pk": {"S": "x"}, "sk": {"S": "1"}}}, "The provided key element does not match the schema"),
    ({"ExclusiveStartKey": {"pk": {"S": "x"}, "sk": {}}}, "The provided starting key is invalid: Supplied "
     "AttributeValue is empty, must contain exactly one of the supported datatypes"),
    ({"IndexName": "nope"}, "The table does not have the specified index: nope"),
    ({"FilterExpression": "a = :a", "ScanFilter": {"a": {"ComparisonOperator": "NULL"}},
      "ExpressionAttributeValues": {":a": {"S": "x"}}},
     "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: "
     "{ScanFilter} Expression parameters: {FilterExpression}"),
])
def test_invalid_requests(ddb_raw, table, params, message):
    """DynamoDB refuses inconsistent Scan parameters with these texts."""
    assert refused(ddb_raw.scan, TableName=table, **params) == ("ValidationException", message)


def test_missing_table(ddb):
    """A Scan of a missing table is ResourceNotFoundException."""
    assert refused(ddb.scan, TableName="no-such-table") == ("ResourceNotFoundException", "Requested resource not found")


# --- functionality ------------------------------------------------------------------------


def test_order_is_partition_hash_then_sort_key(ddb, table):
    """Items of one partition come together, in sort order, and repeated scans agree."""
    first = ddb.scan(TableName=table)["Items"]
    assert first == ddb.scan(TableName=table)["Items"]
    for i in range(0, N, 3):
        chunk = first[i:i + 3]
        assert len({it["pk"]["S"] for it in chunk}) == 1
        assert [it["sk"]["N"] for it in chunk] == ["0", "1", "2"]


def test_filter_and_limit(ddb, table):
    """Limit bounds items evaluated; FilterExpression (key attributes allowed) applies after."""
    r = ddb.scan(TableName=table, Limit=9, FilterExpression="sk = :z", ExpressionAttributeValues={":z": {"N": "0"}})
    assert (r["Count"], r["ScannedCount"]) == (3, 9) and "LastEvaluatedKey" in r


def test_legacy_scan_filter(ddb, table):
    """ScanFilter with ConditionalOperator OR selects as its expression twin."""
    r = ddb.scan(TableName=table, ScanFilter={
        "n": {"ComparisonOperator": "LT", "AttributeValueList": [{"N": "2"}]},
        "sk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "9"}]}}, ConditionalOperator="OR",
        Select="COUNT")
    assert r["Count"] == 2


def test_paginator_covers_the_table_once(ddb, table):
    """boto3's Scan paginator, 7 items a page, sees every item exactly once."""
    pages = ddb.get_paginator("scan").paginate(TableName=table, PaginationConfig={"PageSize": 7})
    seen = [n for page in pages for n in ids(page["Items"])]
    assert sorted(seen) == list(range(N))


@pytest.mark.parametrize("total", [1, 4, 1000])
def test_parallel_segments_are_disjoint_and_cover_the_table(ddb, table, total):
    """Segments 0..TotalSegments-1 together hold every item exactly once."""
    seen: list[int] = []
    for segment in range(total):
        r = ddb.scan(TableName=table, Segment=segment, TotalSegments=total)
        assert "LastEvaluatedKey" not in r
        seen += ids(r["Items"])
    assert sorted(seen) == list(range(N))


def test_a_segment_pages_independently(ddb, table):
    """Paging inside one segment stays inside it."""
    whole = ids(ddb.scan(TableName=table, Segment=1, TotalSegments=4)["Items"])
    pages = ddb.get_paginator("scan").paginate(TableName=table, Segment=1, TotalSegments=4,
                                               PaginationConfig={"PageSize": 2})
    assert [n for page in pages for n in ids(page["Items"])] == whole


def test_projection_and_capacity(ddb, table):
    """ProjectionExpression trims items; read units are over the data read, halved when eventual."""
    r = ddb.scan(TableName=table, ProjectionExpression="n", Limit=2, ReturnConsumedCapacity="TOTAL")
    assert all(set(i) == {"n"} for i in r["Items"])
    assert r["ConsumedCapacity"] == {"TableName": table, "CapacityUnits": 0.5}


def test_empty_table(ddb):
    """A Scan of an empty table answers no items and no LastEvaluatedKey."""
    name = make_table(ddb, "N")
    r = ddb.scan(TableName=name, Segment=0, TotalSegments=2)
    assert (r["Items"], r["Count"], r["ScannedCount"]) == ([], 0, 0) and "LastEvaluatedKey" not in r


def test_one_megabyte_counts_items_the_filter_drops(ddb):
    """A Scan page stops after 1 MB of items read, counting those FilterExpression drops
    (DynamoDB reads up to 1 MB, then filters), and charges their reads."""
    name = make_table(ddb, "S", "N")
    big = "y" * 300_000
    for i in range(6):
        ddb.put_item(TableName=name, Item={"pk": {"S": "b"}, "sk": {"N": str(i)}, "v": {"S": big},
                                           "keep": {"BOOL": i == 5}})
    kw = {"TableName": name, "FilterExpression": "keep = :t", "ExpressionAttributeValues": {":t": {"BOOL": True}},
          "ReturnConsumedCapacity": "TOTAL"}
    r = ddb.scan(**kw)
    assert (r["Count"], r["ScannedCount"], r["LastEvaluatedKey"]) == (0, 4, {"pk": {"S": "b"}, "sk": {"N": "3"}})
    assert r["ConsumedCapacity"]["CapacityUnits"] == 146.5  # 4 items of ~300 KB, dropped ones included
    r = ddb.scan(ExclusiveStartKey=r["LastEvaluatedKey"], **kw)
    assert (r["Count"], r["ScannedCount"], r["Items"][0]["sk"]) == (1, 2, {"N": "5"})
    assert "LastEvaluatedKey" not in r


def test_start_key_from_another_segment(ddb, table):
    """A segment refuses an ExclusiveStartKey that belongs to another segment."""
    item = ddb.scan(TableName=table, Segment=1, TotalSegments=2, Limit=1)["Items"][0]
    start = {"pk": item["pk"], "sk": item["sk"]}
    assert refused(ddb.scan, TableName=table, Segment=0, TotalSegments=2, ExclusiveStartKey=start) == (
        "ValidationException", "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use "
                               "ExclusiveStartKey with correct Segment. TotalSegments: 2 Segment: 0")
    rest = ddb.scan(TableName=table, Segment=1, TotalSegments=2, ExclusiveStartKey=start)["Items"]
    assert item not in rest and len(rest) == len(ddb.scan(TableName=table, Segment=1, TotalSegments=2)["Items"]) - 1


@pytest.fixture(scope="module")
def legacy_table(ddb):
    """Items with a number `n`, a string `s`, a string set `ss` and a binary `b` (some missing)."""
    name = make_table(ddb, "N")
    items = []
    for i in range(8):
        item = {"pk": {"N": str(i)}, "n": {"N": str(i)}, "s": {"S": "ab"[i % 2] + str(i)}}
        if i % 3:
            item["ss"] = {"SS": ["x", f"y{i}"]}
        item["b"] = {"B": bytes([0x10 * i, 0x90])}
        items.append({"PutRequest": {"Item": item}})
    ddb.batch_write_item(RequestItems={name: items})
    return name


@pytest.mark.parametrize("op, args, expression", [
    ("EQ", [{"N": "3"}], "n = :v0"),
    ("NE", [{"N": "3"}], "n <> :v0"),
    ("LE", [{"N": "3"}], "n <= :v0"),
    ("LT", [{"N": "3"}], "n < :v0"),
    ("GE", [{"N": "3"}], "n >= :v0"),
    ("GT", [{"N": "3"}], "n > :v0"),
    ("IN", [{"N": "1"}, {"N": "5"}, {"N": "9"}], "n IN (:v0, :v1, :v2)"),
    ("BETWEEN", [{"N": "2"}, {"N": "4"}], "n BETWEEN :v0 AND :v1"),
    ("NULL", [], "attribute_not_exists(n)"),
    ("NOT_NULL", [], "attribute_exists(n)"),
])
def test_scan_filter_operators_match_their_expressions(ddb, legacy_table, op, args, expression):
    """Each legacy ComparisonOperator selects what its FilterExpression twin selects."""
    legacy = ddb.scan(TableName=legacy_table, ScanFilter={"n": {"ComparisonOperator": op,
                                                                 "AttributeValueList": args}})
    kw = {"ExpressionAttributeValues": {f":v{i}": a for i, a in enumerate(args)}} if args else {}
    modern = ddb.scan(TableName=legacy_table, FilterExpression=expression, **kw)
    assert sorted(ids_of(legacy)) == sorted(ids_of(modern))
    assert legacy["ScannedCount"] == 8


def ids_of(response):
    return [int(i["pk"]["N"]) for i in response["Items"]]


@pytest.mark.parametrize("attr, op, value, expected", [
    ("s", "BEGINS_WITH", {"S": "a"}, [0, 2, 4, 6]),
    ("ss", "CONTAINS", {"S": "x"}, [1, 2, 4, 5, 7]),
    ("ss", "NOT_CONTAINS", {"S": "y4"}, [1, 2, 5, 7]),
    ("b", "CONTAINS", {"B": b"\x90"}, list(range(8))),
    ("b", "BEGINS_WITH", {"B": b"\x70\x90"}, [7]),
])
def test_scan_filter_on_strings_sets_and_bytes(ddb, legacy_table, attr, op, value, expected):
    """BEGINS_WITH / CONTAINS / NOT_CONTAINS (which needs the attribute) compare bytes as bytes,
    0x80 and above included."""
    r = ddb.scan(TableName=legacy_table, ScanFilter={attr: {"ComparisonOperator": op, "AttributeValueList": [value]}})
    assert sorted(ids_of(r)) == expected
