"""Writes to tables with secondary indexes, through boto3: index key validation, the index
entries each write leaves, ConsumedCapacity with index shares, ItemCollectionMetrics and the
item-collection size limit, and index/table agreement after a crash under concurrent writers.

Facts from DynamoDB Local 3.3.0 (the oracle) unless said; where Local words a message its own
way the AWS text is used (public AWS captures, see each test)."""

from __future__ import annotations

import json
import random
import shutil
import tempfile
import threading
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.conftest import ServerProcess, client, error_of, refused, request_error, unique

Item = dict[str, Any]
INVALID = "One or more parameter values were invalid: "


def S(v: str) -> dict[str, str]:
    return {"S": v}


def N(v: str) -> dict[str, str]:
    return {"N": v}


def create(ddb: Any, attrs: dict[str, str], gsis: tuple[Any, ...] | list[Any] = (),
           lsis: tuple[Any, ...] | list[Any] = (), name: str | None = None) -> str:
    """A pk/sk (both S) table with the given indexes; `attrs` types the index key attributes."""
    name = name or unique()
    kw: dict[str, Any] = {}
    if gsis:
        kw["GlobalSecondaryIndexes"] = list(gsis)
    if lsis:
        kw["LocalSecondaryIndexes"] = list(lsis)
    ddb.create_table(
        TableName=name, BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": n, "AttributeType": t} for n, t in {"pk": "S", "sk": "S", **attrs}.items()],
        **kw)
    return name


def gsi(name: str, hash_key: str, range_key: str | None = None, projection: str = "ALL", include: tuple[str, ...] = ()) -> Any:
    schema = [{"AttributeName": hash_key, "KeyType": "HASH"}]
    if range_key:
        schema.append({"AttributeName": range_key, "KeyType": "RANGE"})
    proj: dict[str, Any] = {"ProjectionType": projection}
    if include:
        proj["NonKeyAttributes"] = list(include)
    return {"IndexName": name, "KeySchema": schema, "Projection": proj}


def lsi(name: str, range_key: str, projection: str = "ALL", include: tuple[str, ...] = ()) -> Any:
    return gsi(name, "pk", range_key, projection, include)


def index_stats(ddb: Any, table: str) -> dict[str, tuple[int, int]]:
    """{index: (ItemCount, IndexSizeBytes)} from DescribeTable."""
    desc = ddb.describe_table(TableName=table)["Table"]
    return {i["IndexName"]: (i["ItemCount"], i["IndexSizeBytes"])
            for i in desc.get("GlobalSecondaryIndexes", []) + desc.get("LocalSecondaryIndexes", [])}


def index_items(ddb: Any, table: str, index: str) -> list[str]:
    """Everything a Scan of `index` returns (all pages), canonical and sorted."""
    items: list[Item] = []
    kw: dict[str, Any] = {}
    while True:
        page = ddb.scan(TableName=table, IndexName=index, **kw)
        items += page["Items"]
        if "LastEvaluatedKey" not in page:
            return sorted(map(_canon, items))
        kw["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def projected(items: list[Item], keys: tuple[str, ...], attrs: tuple[str, ...] | None) -> list[str]:
    """What an index with key attributes `keys` holds of `items` (`attrs`: the non-key attributes
    it projects besides the table key, None for ALL), canonical and sorted."""
    out = []
    for item in items:
        if all(k in item for k in keys):
            keep = None if attrs is None else {"pk", "sk", *keys, *attrs}
            out.append({n: v for n, v in item.items() if keep is None or n in keep})
    return sorted(map(_canon, out))


# ---- validation ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def vtable(ddb: Any) -> str:
    """GSI gsi1 (g S, gr N) ALL, GSI gsib (b B), GSI gsis (h S, hs S) KEYS_ONLY, LSI lsi1 (l S) KEYS_ONLY."""
    return create(ddb, {"g": "S", "gr": "N", "b": "B", "h": "S", "hs": "S", "l": "S"},
                  gsis=[gsi("gsi1", "g", "gr"), gsi("gsib", "b"), gsi("gsis", "h", "hs", "KEYS_ONLY")],
                  lsis=[lsi("lsi1", "l", "KEYS_ONLY")])


def _key() -> Item:
    return {"pk": S(uuid.uuid4().hex), "sk": S("1")}


TYPE_CASES = [
    ({"g": N("1")}, "Type mismatch for Index Key g Expected: S Actual: N IndexName: gsi1"),
    ({"g": {"NULL": True}}, "Type mismatch for Index Key g Expected: S Actual: NULL IndexName: gsi1"),
    ({"g": {"SS": ["a"]}}, "Type mismatch for Index Key g Expected: S Actual: SS IndexName: gsi1"),
    ({"g": {"M": {}}}, "Type mismatch for Index Key g Expected: S Actual: M IndexName: gsi1"),
    ({"gr": S("1")}, "Type mismatch for Index Key gr Expected: N Actual: S IndexName: gsi1"),
    ({"b": S("x")}, "Type mismatch for Index Key b Expected: B Actual: S IndexName: gsib"),
    ({"l": N("1")}, "Type mismatch for Index Key l Expected: S Actual: N IndexName: lsi1"),
]


@pytest.mark.parametrize("attrs, message", TYPE_CASES)
@pytest.mark.parametrize("how", ["put", "update", "attribute_updates", "batch"])
def test_index_key_of_the_wrong_type_is_refused(ddb_raw, vtable, attrs, message, how):
    """An index key attribute of another type than its definition is refused (400
    ValidationException, AWS's text naming the attribute, both types and the index: dynalite's
    AWS recordings; "Actual: NULL" in public AWS error reports) by PutItem, UpdateItem (SET or
    AttributeUpdates PUT) and BatchWriteItem, and nothing is written. (DynamoDB Local says only
    "Type mismatch for Index Key", or "Invalid attribute value type" for NULL/sets/maps.)"""
    key = _key()
    if how == "put":
        call = lambda: ddb_raw.put_item(TableName=vtable, Item={**key, **attrs})  # noqa: E731
    elif how == "update":
        (name, value), = attrs.items()
        call = lambda: ddb_raw.update_item(TableName=vtable, Key=key, UpdateExpression="SET #a = :v",  # noqa: E731
                                           ExpressionAttributeNames={"#a": name}, ExpressionAttributeValues={":v": value})
    elif how == "attribute_updates":
        call = lambda: ddb_raw.update_item(TableName=vtable, Key=key,  # noqa: E731
                                           AttributeUpdates={n: {"Action": "PUT", "Value": v} for n, v in attrs.items()})
    else:
        call = lambda: ddb_raw.batch_write_item(RequestItems={vtable: [{"PutRequest": {"Item": {**key, **attrs}}}]})  # noqa: E731
    assert refused(call) == ("ValidationException", INVALID + message)
    assert "Item" not in ddb_raw.get_item(TableName=vtable, Key=key)


EMPTY_PUT = ("One or more parameter values are not valid. A value specified for a secondary index key is not "
             "supported. The AttributeValue for a key attribute cannot contain an empty {kind} value. "
             "IndexName: {index}, IndexKey: {name}")
EMPTY_UPDATE = ("One or more parameter values are not valid. The update expression attempted to update a secondary "
                "index key to a value that is not supported. The AttributeValue for a key attribute cannot contain "
                "an empty {kind} value.")


@pytest.mark.parametrize("name, value, kind, index", [
    ("g", S(""), "string", "gsi1"), ("b", {"B": b""}, "binary", "gsib"), ("l", S(""), "string", "lsi1"),
])
def test_empty_index_key_is_refused(ddb_raw, vtable, name, value, kind, index):
    """An empty string or binary as an index key value is refused: PutItem, BatchWriteItem and
    AttributeUpdates name the index and the attribute; an UpdateExpression gets its own text
    (DynamoDB Local, AWS's wording)."""
    key = _key()
    put_text = EMPTY_PUT.format(kind=kind, index=index, name=name)
    assert refused(ddb_raw.put_item, TableName=vtable, Item={**key, name: value}) == ("ValidationException", put_text)
    assert refused(ddb_raw.batch_write_item, RequestItems={vtable: [{"PutRequest": {"Item": {**key, name: value}}}]}) == (
        "ValidationException", put_text)
    assert refused(ddb_raw.update_item, TableName=vtable, Key=key,
                   AttributeUpdates={name: {"Action": "PUT", "Value": value}}) == ("ValidationException", put_text)
    assert refused(ddb_raw.update_item, TableName=vtable, Key=key, UpdateExpression="SET #a = :v",
                   ExpressionAttributeNames={"#a": name}, ExpressionAttributeValues={":v": value}) == (
        "ValidationException", EMPTY_UPDATE.format(kind=kind))
    assert "Item" not in ddb_raw.get_item(TableName=vtable, Key=key)


@pytest.mark.parametrize("attrs, error", [
    ({"g": S("x" * 2048)}, None),
    ({"g": S("x" * 2049)}, "Size limit exceeded for Index Key g Actual Size: 2049 bytes Max Size: 2048 bytes IndexName: gsi1"),
    ({"g": S("é" * 1025)}, "Size limit exceeded for Index Key g Actual Size: 2050 bytes Max Size: 2048 bytes IndexName: gsi1"),
    ({"b": {"B": b"x" * 2049}}, "Size limit exceeded for Index Key b Actual Size: 2049 bytes Max Size: 2048 bytes IndexName: gsib"),
    ({"h": S("h"), "hs": S("y" * 1024)}, None),
    ({"h": S("h"), "hs": S("y" * 1025)},
     "Size limit exceeded for Index Key hs Actual Size: 1025 bytes Max Size: 1024 bytes IndexName: gsis"),
    ({"l": S("y" * 1025)}, "Size limit exceeded for Index Key l Actual Size: 1025 bytes Max Size: 1024 bytes IndexName: lsi1"),
])
def test_index_key_size_limits(ddb_raw, vtable, attrs, error):
    """An index partition key value may have 2048 bytes (UTF-8), a sort key value 1024; more is
    refused with AWS's text (public AWS error reports; Local: "Size limit exceeded"), by PutItem
    and by UpdateItem."""
    key = _key()
    sets = ", ".join(f"#{n} = :{n}" for n in attrs)
    names = {f"#{n}": n for n in attrs}
    vals = {f":{n}": v for n, v in attrs.items()}
    if error is None:
        ddb_raw.put_item(TableName=vtable, Item={**key, **attrs})
        ddb_raw.update_item(TableName=vtable, Key=_key(), UpdateExpression="SET " + sets,
                            ExpressionAttributeNames=names, ExpressionAttributeValues=vals)
        return
    assert refused(ddb_raw.put_item, TableName=vtable, Item={**key, **attrs}) == ("ValidationException", INVALID + error)
    assert refused(ddb_raw.update_item, TableName=vtable, Key=key, UpdateExpression="SET " + sets,
                   ExpressionAttributeNames=names, ExpressionAttributeValues=vals) == ("ValidationException", INVALID + error)


NESTED = "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: IndexKey: {}"


@pytest.mark.parametrize("expression, values, name", [
    ("SET g.a = :v", {":v": S("1")}, "g"),
    ("SET #g[0] = :v", {":v": S("1")}, "g"),
    ("REMOVE g.a", None, "g"),
    ("ADD gr.a :n", {":n": N("1")}, "gr"),
    ("DELETE l.a :s", {":s": {"SS": ["1"]}}, "l"),
    ("SET y = :v, hs[2] = :v", {":v": S("1")}, "hs"),
])
def test_nested_path_below_an_index_key_is_refused(ddb_raw, vtable, expression, values, name):
    """An UpdateExpression may not write below an index key attribute (the ScyllaDB Alternator
    suite records DynamoDB's text; DynamoDB Local agrees), whether or not the item exists;
    a failing condition is reported first."""
    kw: dict[str, Any] = {"ExpressionAttributeNames": {"#g": "g"}} if "#g" in expression else {}
    if values:
        kw["ExpressionAttributeValues"] = values
    key = _key()
    message = NESTED.format(name)
    assert refused(ddb_raw.update_item, TableName=vtable, Key=key, UpdateExpression=expression, **kw) == (
        "ValidationException", message)
    ddb_raw.put_item(TableName=vtable, Item={**key, "g": S("x"), "gr": N("1"), "l": S("l"), "hs": S("s")})
    assert refused(ddb_raw.update_item, TableName=vtable, Key=key, UpdateExpression=expression, **kw) == (
        "ValidationException", message)
    code, _ = refused(ddb_raw.update_item, TableName=vtable, Key=key, UpdateExpression=expression,
                      ConditionExpression="attribute_exists(nope)", **kw)
    assert code == "ConditionalCheckFailedException"


def test_nested_path_below_other_attributes_is_fine(ddb, vtable):
    """Nested paths below attributes that are not index keys are ordinary updates."""
    key = _key()
    ddb.put_item(TableName=vtable, Item={**key, "m": {"M": {"a": S("1")}}, "g": S("x")})
    ddb.update_item(TableName=vtable, Key=key, UpdateExpression="SET m.a = :v", ExpressionAttributeValues={":v": S("2")})
    assert ddb.get_item(TableName=vtable, Key=key)["Item"]["m"] == {"M": {"a": S("2")}}


def test_order_of_index_key_checks(ddb_raw, vtable):
    """What DynamoDB reports first when a write has several problems (DynamoDB Local): the
    table's key before an index key; on PutItem the 400 KB limit, then index keys, then the
    condition; on UpdateItem the condition, then index keys, then the 400 KB limit. Indexes
    are checked in the order of their names (AWS names the alphabetically first index an
    attribute keys, nubo-db's captures; Local checks local indexes first), each attribute by
    attribute in key order."""
    key = _key()
    code, message = refused(ddb_raw.put_item, TableName=vtable, Item={"pk": N("1"), "sk": S("1"), "g": N("1")})
    assert "Index Key" not in message and code == "ValidationException"
    assert refused(ddb_raw.put_item, TableName=vtable, Item={**key, "g": N("1")},
                   ConditionExpression="attribute_exists(nope)")[1] == INVALID + TYPE_CASES[0][1]
    with pytest.raises(ClientError) as e:
        ddb_raw.put_item(TableName=vtable, Item={**key, "g": N("1"), "big": S("x" * 410000)})
    assert request_error(e) == ("ValidationException", "Item size has exceeded the maximum allowed size")
    assert refused(ddb_raw.update_item, TableName=vtable, Key=key, UpdateExpression="SET g = :v",
                   ExpressionAttributeValues={":v": N("1")}, ConditionExpression="attribute_exists(nope)")[0] == (
        "ConditionalCheckFailedException")
    assert refused(ddb_raw.update_item, TableName=vtable, Key=key, UpdateExpression="SET g = :v, big = :b",
                   ExpressionAttributeValues={":v": N("1"), ":b": S("x" * 405000)})[1] == INVALID + TYPE_CASES[0][1]
    # indexes by name (gsi1 < gsis < lsi1); within gsi1 its HASH g before its RANGE gr
    assert refused(ddb_raw.put_item, TableName=vtable, Item={**key, "g": S(""), "l": N("1")})[1] == (
        EMPTY_PUT.format(kind="string", index="gsi1", name="g"))
    assert refused(ddb_raw.put_item, TableName=vtable, Item={**key, "hs": S(""), "h": S("h"), "l": N("1")})[1] == (
        EMPTY_PUT.format(kind="string", index="gsis", name="hs"))
    assert refused(ddb_raw.put_item, TableName=vtable, Item={**key, "gr": S("1"), "g": S("")})[1] == (
        EMPTY_PUT.format(kind="string", index="gsi1", name="g"))
    assert refused(ddb_raw.put_item, TableName=vtable, Item={**key, "g": S("x" * 3000), "l": S("")})[1] == (
        INVALID + "Size limit exceeded for Index Key g Actual Size: 3000 bytes Max Size: 2048 bytes IndexName: gsi1")


def test_batch_write_with_a_bad_index_key_writes_nothing(ddb_raw, vtable):
    """BatchWriteItem checks every request's index keys before writing: one bad one fails the
    whole request and none of its writes happen; a request checked earlier that repeats a key
    is reported as a duplicate first (requests are checked in order)."""
    good, bad = _key(), _key()
    assert refused(ddb_raw.batch_write_item, RequestItems={vtable: [
        {"PutRequest": {"Item": good}}, {"PutRequest": {"Item": {**bad, "g": N("1")}}}]})[1] == INVALID + TYPE_CASES[0][1]
    assert "Item" not in ddb_raw.get_item(TableName=vtable, Key=good)
    assert refused(ddb_raw.batch_write_item, RequestItems={vtable: [
        {"PutRequest": {"Item": good}}, {"PutRequest": {"Item": good}},
        {"PutRequest": {"Item": {**bad, "g": N("1")}}}]})[1] == "Provided list of item keys contains duplicates"


@pytest.mark.parametrize("action, reason", [
    ({"Put": {"Item": {"g": N("1")}}}, INVALID + TYPE_CASES[0][1]),
    ({"Update": {"UpdateExpression": "SET g = :v", "ExpressionAttributeValues": {":v": N("1")}}}, INVALID + TYPE_CASES[0][1]),
    ({"Put": {"Item": {"g": S("")}}}, None),
    ({"Put": {"Item": {"g": S("x" * 2049)}}}, None),
    ({"Update": {"UpdateExpression": "SET g = :v", "ExpressionAttributeValues": {":v": S("")}}}, None),
    ({"Update": {"UpdateExpression": "SET g.a = :v", "ExpressionAttributeValues": {":v": S("1")}}}, None),
])
def test_index_key_errors_in_a_transaction(ddb_raw, vtable, action, reason):
    """In TransactWriteItems a wrong-typed index key is the action's ValidationError reason
    (TransactionCanceledException); an empty or oversized index key value and a nested path
    below an index key fail the whole request with the same ValidationException as the
    single-item operations (DynamoDB Local). Nothing is written."""
    key, other = _key(), _key()
    (kind, spec), = action.items()
    body = {**spec, "TableName": vtable}
    if kind == "Put":
        body["Item"] = {**key, **spec["Item"]}
    else:
        body["Key"] = key
    with pytest.raises(ClientError) as e:
        ddb_raw.transact_write_items(TransactItems=[{"Put": {"TableName": vtable, "Item": other}}, {kind: body}])
    code, message = error_of(e)
    if reason is not None:
        assert code == "TransactionCanceledException"
        assert e.value.response["CancellationReasons"] == [{"Code": "None"}, {"Code": "ValidationError", "Message": reason}]
    else:
        single = (lambda: ddb_raw.put_item(TableName=vtable, Item=body["Item"])) if kind == "Put" else (
            lambda: ddb_raw.update_item(**{k: v for k, v in body.items()}))
        with pytest.raises(ClientError) as direct:
            single()
        assert (code, message) == request_error(direct)
    assert "Item" not in ddb_raw.get_item(TableName=vtable, Key=other)


def test_absent_index_keys_are_fine(ddb, vtable):
    """An item without an index's key attributes is written and stays out of that index
    (a sparse index); REMOVE of an index key attribute is allowed."""
    key = _key()
    ddb.put_item(TableName=vtable, Item={**key, "g": S("x")})  # not in gsi1, which also needs gr
    ddb.update_item(TableName=vtable, Key=key, UpdateExpression="REMOVE g")
    assert ddb.get_item(TableName=vtable, Key=key)["Item"] == key


# ---- index entries ------------------------------------------------------------------------

def test_index_counts_and_sizes_follow_writes(ddb):
    """Each index holds exactly the items that have all its key attributes, each counted with
    its projection's size (DescribeTable ItemCount / IndexSizeBytes): puts, updates moving an
    item in, between and out of an index, deletes and batch writes keep them exact."""
    table = create(ddb, {"g": "S", "l": "S"},
                   gsis=[gsi("gkeys", "g", projection="KEYS_ONLY"), gsi("gincl", "g", projection="INCLUDE", include=("x",))],
                   lsis=[lsi("lall", "l")])
    a = {"pk": S("a"), "sk": S("1")}        # 4 bytes
    ddb.put_item(TableName=table, Item={**a, "y": S("yy")})                      # in no index
    assert index_stats(ddb, table) == {"gkeys": (0, 0), "gincl": (0, 0), "lall": (0, 0)}
    ddb.update_item(TableName=table, Key=a, UpdateExpression="SET g = :g, x = :x",
                    ExpressionAttributeValues={":g": S("gg"), ":x": S("xxx")})
    # item: pk 3 + sk 3 + y 3 + g 3 + x 4 = 16; KEYS_ONLY: pk sk g = 9; INCLUDE x: 13
    assert index_stats(ddb, table) == {"gkeys": (1, 9), "gincl": (1, 13), "lall": (0, 0)}
    ddb.update_item(TableName=table, Key=a, UpdateExpression="SET g = :g, l = :l",
                    ExpressionAttributeValues={":g": S("g"), ":l": S("l")})
    # item: 3+3+3+2+4+2 = 17
    assert index_stats(ddb, table) == {"gkeys": (1, 8), "gincl": (1, 12), "lall": (1, 17)}
    ddb.batch_write_item(RequestItems={table: [
        {"PutRequest": {"Item": {"pk": S("b"), "sk": S("1"), "g": S("g"), "x": S("x")}}},   # 3+3+2+2 = 10
        {"PutRequest": {"Item": {"pk": S("c"), "sk": S("1"), "l": S("ll")}}},               # 3+3+3 = 9
    ]})
    assert index_stats(ddb, table) == {"gkeys": (2, 16), "gincl": (2, 22), "lall": (2, 26)}
    items = ddb.scan(TableName=table)["Items"]
    assert index_items(ddb, table, "gkeys") == projected(items, ("g",), ()) != []
    assert index_items(ddb, table, "gincl") == projected(items, ("g",), ("x",))
    assert index_items(ddb, table, "lall") == projected(items, ("l",), None)
    ddb.update_item(TableName=table, Key=a, UpdateExpression="REMOVE g")
    assert index_stats(ddb, table) == {"gkeys": (1, 8), "gincl": (1, 10), "lall": (2, 24)}
    assert index_items(ddb, table, "gincl") == [_canon({"pk": S("b"), "sk": S("1"), "g": S("g"), "x": S("x")})]
    ddb.delete_item(TableName=table, Key={"pk": S("c"), "sk": S("1")})
    ddb.batch_write_item(RequestItems={table: [{"DeleteRequest": {"Key": {"pk": S("b"), "sk": S("1")}}},
                                               {"DeleteRequest": {"Key": a}}]})
    assert index_stats(ddb, table) == {"gkeys": (0, 0), "gincl": (0, 0), "lall": (0, 0)}


def test_refused_writes_leave_the_indexes_alone(ddb_raw):
    """A write refused for an index key (or its condition) changes no index."""
    table = create(ddb_raw, {"g": "S"}, gsis=[gsi("gidx", "g")])
    key = {"pk": S("a"), "sk": S("1")}
    ddb_raw.put_item(TableName=table, Item={**key, "g": S("x")})
    before = index_stats(ddb_raw, table)
    for call in (
        lambda: ddb_raw.put_item(TableName=table, Item={**key, "g": N("1")}),
        lambda: ddb_raw.update_item(TableName=table, Key=key, UpdateExpression="SET g = :v",
                                    ExpressionAttributeValues={":v": S("")}),
        lambda: ddb_raw.put_item(TableName=table, Item={**key, "g": S("y")}, ConditionExpression="attribute_not_exists(pk)"),
    ):
        with pytest.raises(ClientError):
            call()
    assert index_stats(ddb_raw, table) == before == {"gidx": (1, 8)}


# ---- ConsumedCapacity ---------------------------------------------------------------------

def _cap_table(ddb: Any) -> str:
    return create(ddb, {"g": "S", "h": "S", "l": "S", "l2": "S"},
                  gsis=[gsi("gsik", "g", projection="KEYS_ONLY"), gsi("gsii", "g", projection="INCLUDE", include=("x",)),
                        gsi("gsia", "h", "g")],
                  lsis=[lsi("lsik", "l", "KEYS_ONLY"), lsi("lsii", "l", "INCLUDE", ("x",)), lsi("lsia", "l2")])


def _cc(total: float, table: float, g: dict[str, float] | None = None, l: dict[str, float] | None = None) -> Item:
    out: Item = {"CapacityUnits": total, "Table": {"CapacityUnits": table}}
    if g:
        out["GlobalSecondaryIndexes"] = {n: {"CapacityUnits": u} for n, u in g.items()}
    if l:
        out["LocalSecondaryIndexes"] = {n: {"CapacityUnits": u} for n, u in l.items()}
    return out


# (what, request, ConsumedCapacity) recorded from DynamoDB Local; each step runs on the item the
# previous ones left. GSIs: gsik KEYS_ONLY on g, gsii INCLUDE x on g, gsia ALL on (h, g); LSIs:
# lsik KEYS_ONLY on l, lsii INCLUDE x on l, lsia ALL on l2.
CAPACITY_STEPS: list[tuple[str, tuple[str, Item], Item]] = [
    ("put, in no index", ("put", {}), _cc(1, 1)),
    ("enter two GSIs", ("set", {"g": S("g1")}), _cc(3, 1, {"gsik": 1, "gsii": 1})),
    ("enter the GSI with a sort key", ("set", {"h": S("h1")}), _cc(2, 1, {"gsia": 1})),
    ("enter three LSIs", ("set", {"l": S("l1"), "l2": S("m")}), _cc(5, 1, {"gsia": 1}, {"lsik": 1, "lsii": 1, "lsia": 1})),
    ("non-projected change: ALL indexes only", ("set", {"y": S("2")}), _cc(3, 1, {"gsia": 1}, {"lsia": 1})),
    ("projected attribute added", ("set", {"x": S("x1")}), _cc(5, 1, {"gsia": 1, "gsii": 1}, {"lsia": 1, "lsii": 1})),
    ("projected attribute changed", ("set", {"x": S("x2")}), _cc(5, 1, {"gsia": 1, "gsii": 1}, {"lsia": 1, "lsii": 1})),
    ("same value: no index write", ("set", {"x": S("x2")}), _cc(1, 1)),
    ("move between GSI keys", ("set", {"g": S("g2")}), _cc(8, 1, {"gsik": 2, "gsii": 2, "gsia": 2}, {"lsia": 1})),
    ("move between LSI keys", ("set", {"l": S("l9")}), _cc(7, 1, {"gsia": 1}, {"lsik": 2, "lsii": 2, "lsia": 1})),
    ("big non-projected attribute", ("set", {"big": S("b" * 1500)}), _cc(6, 2, {"gsia": 2}, {"lsia": 2})),
    # 4024-byte item: a GSI ALL entry costs 4, an LSI ALL entry (100 bytes more) 5
    ("big projected attribute", ("set", {"x": S("c" * 2500)}), _cc(19, 4, {"gsia": 4, "gsii": 3}, {"lsia": 5, "lsii": 3})),
    ("move big entries", ("set", {"g": S("g3")}), _cc(25, 4, {"gsik": 2, "gsii": 6, "gsia": 8}, {"lsia": 5})),
    ("remove a projected attribute", ("remove", {"x": {}}), _cc(19, 4, {"gsia": 4, "gsii": 3}, {"lsia": 5, "lsii": 3})),
    ("leave GSIs", ("remove", {"g": {}}), _cc(8, 2, {"gsik": 1, "gsii": 1, "gsia": 2}, {"lsia": 2})),
    ("leave LSIs", ("remove", {"l": {}, "l2": {}, "h": {}, "big": {}}), _cc(6, 2, None, {"lsik": 1, "lsii": 1, "lsia": 2})),
    ("put entering", ("put", {"g": S("z"), "l": S("z"), "x": S("1")}), _cc(5, 1, {"gsik": 1, "gsii": 1}, {"lsik": 1, "lsii": 1})),
    ("put, projected change", ("put", {"g": S("z"), "l": S("z"), "x": S("2")}), _cc(3, 1, {"gsii": 1}, {"lsii": 1})),
    ("put, non-projected change", ("put", {"g": S("z"), "l": S("z"), "x": S("2"), "y": S("9")}), _cc(1, 1)),
    ("put, identical", ("put", {"g": S("z"), "l": S("z"), "x": S("2"), "y": S("9")}), _cc(1, 1)),
    ("delete", ("delete", {}), _cc(5, 1, {"gsik": 1, "gsii": 1}, {"lsik": 1, "lsii": 1})),
    ("delete of a missing item", ("delete", {}), _cc(1, 1)),
]


def test_write_capacity_with_index_shares(ddb):
    """ReturnConsumedCapacity=INDEXES on PutItem / UpdateItem / DeleteItem: the table's units
    plus each index's: entering or leaving an index is one entry write, moving two, a change to
    a projected attribute one (sized by the larger entry), an untouched index nothing (absent,
    not zero); a local index entry counts 100 bytes of overhead (DynamoDB Local, every step)."""
    table = _cap_table(ddb)
    key = {"pk": S("a"), "sk": S("1")}
    for what, (kind, attrs), expected in CAPACITY_STEPS:
        if kind == "put":
            r = ddb.put_item(TableName=table, Item={**key, **attrs}, ReturnConsumedCapacity="INDEXES")
        elif kind == "delete":
            r = ddb.delete_item(TableName=table, Key=key, ReturnConsumedCapacity="INDEXES")
        elif kind == "set":
            r = ddb.update_item(TableName=table, Key=key, ReturnConsumedCapacity="INDEXES",
                                UpdateExpression="SET " + ", ".join(f"#{n} = :{n}" for n in attrs),
                                ExpressionAttributeNames={f"#{n}": n for n in attrs},
                                ExpressionAttributeValues={f":{n}": v for n, v in attrs.items()})
        else:
            r = ddb.update_item(TableName=table, Key=key, ReturnConsumedCapacity="INDEXES",
                                UpdateExpression="REMOVE " + ", ".join(attrs))
        assert r["ConsumedCapacity"] == {"TableName": table, **expected}, what


def test_total_capacity_folds_index_shares(ddb):
    """TOTAL reports the same sum without the breakdown."""
    table = _cap_table(ddb)
    r = ddb.put_item(TableName=table, Item={"pk": S("a"), "sk": S("1"), "g": S("1"), "l": S("1")},
                     ReturnConsumedCapacity="TOTAL")
    assert r["ConsumedCapacity"] == {"TableName": table, "CapacityUnits": 5.0}


def test_batch_write_capacity_with_index_shares(ddb):
    """BatchWriteItem reports, per table, the table's units and each index's summed over the
    request's writes (DynamoDB Local; a delete of a missing item costs the table 1 unit as in
    AWS, where Local says 2)."""
    table = _cap_table(ddb)
    key = {"pk": S("a"), "sk": S("1")}
    r = ddb.batch_write_item(RequestItems={table: [
        {"PutRequest": {"Item": {**key, "g": S("z"), "x": S("q" * 1100)}}},
        {"PutRequest": {"Item": {"pk": S("b"), "sk": S("1"), "l": S("1")}}}]}, ReturnConsumedCapacity="INDEXES")
    assert r["ConsumedCapacity"] == [{"TableName": table, **_cc(8, 3, {"gsik": 1, "gsii": 2}, {"lsik": 1, "lsii": 1})}]
    r = ddb.batch_write_item(RequestItems={table: [
        {"PutRequest": {"Item": {**key, "g": S("w"), "x": S("q")}}},
        {"DeleteRequest": {"Key": {"pk": S("b"), "sk": S("1")}}},
        {"DeleteRequest": {"Key": {"pk": S("c"), "sk": S("1")}}}]}, ReturnConsumedCapacity="INDEXES")
    assert r["ConsumedCapacity"] == [{"TableName": table, **_cc(11, 4, {"gsik": 2, "gsii": 3}, {"lsik": 1, "lsii": 1})}]
    r = ddb.batch_write_item(RequestItems={table: [{"DeleteRequest": {"Key": key}}]}, ReturnConsumedCapacity="TOTAL")
    assert r["ConsumedCapacity"] == [{"TableName": table, "CapacityUnits": 3.0}]


# ---- ItemCollectionMetrics ----------------------------------------------------------------

def test_item_collection_metrics_on_every_write(ddb, lsi_table, hash_table):
    """ReturnItemCollectionMetrics=SIZE on a table with a local index: PutItem, UpdateItem and
    DeleteItem report the collection's key and [0.0, 1.0]; BatchWriteItem lists, per table,
    one entry per item collection it wrote to; tables without local indexes report nothing."""
    pk, pk2 = uuid.uuid4().hex, uuid.uuid4().hex
    metrics = {"ItemCollectionKey": {"pk": S(pk)}, "SizeEstimateRangeGB": [0.0, 1.0]}
    key = {"pk": S(pk), "sk": S("a")}
    assert ddb.put_item(TableName=lsi_table, Item={**key, "lsik": S("l")},
                        ReturnItemCollectionMetrics="SIZE")["ItemCollectionMetrics"] == metrics
    assert ddb.update_item(TableName=lsi_table, Key=key, UpdateExpression="SET x = :x", ExpressionAttributeValues={
        ":x": S("1")}, ReturnItemCollectionMetrics="SIZE")["ItemCollectionMetrics"] == metrics
    assert ddb.delete_item(TableName=lsi_table, Key=key, ReturnItemCollectionMetrics="SIZE")["ItemCollectionMetrics"] == metrics
    r = ddb.batch_write_item(RequestItems={
        lsi_table: [{"PutRequest": {"Item": {"pk": S(pk), "sk": S(s)}}} for s in "abc"]
        + [{"DeleteRequest": {"Key": {"pk": S(pk2), "sk": S("a")}}}],
        hash_table: [{"PutRequest": {"Item": {"pk": S(pk)}}}]}, ReturnItemCollectionMetrics="SIZE")
    assert r["ItemCollectionMetrics"] == {lsi_table: [
        metrics, {"ItemCollectionKey": {"pk": S(pk2)}, "SizeEstimateRangeGB": [0.0, 1.0]}]}
    r = ddb.batch_write_item(RequestItems={hash_table: [{"PutRequest": {"Item": {"pk": S(pk)}}}]},
                             ReturnItemCollectionMetrics="SIZE")
    assert "ItemCollectionMetrics" not in r


# ---- the item-collection size limit -------------------------------------------------------

LIMIT = 4000


@pytest.fixture(scope="module")
def small_collections() -> Iterator[Any]:
    """A server whose item collections may hold LIMIT bytes (DynamoDB's are 10 GB)."""
    srv = ServerProcess(["--in-memory", "--item-collection-limit", str(LIMIT)]).start()
    yield client(srv.url)
    srv.stop()


def test_item_collection_limit(small_collections):
    """A write that would grow an item collection past the limit is refused with 400
    ItemCollectionSizeLimitExceededException "Collection size exceeded" (AWS's developer guide)
    and changes nothing; a collection may be exactly full; writes that shrink a collection pass,
    and other collections are unaffected. The size counts each item plus, for each local index
    entry, its projected attributes and 100 bytes."""
    ddb = small_collections
    table = create(ddb, {"lsik": "S"}, lsis=[lsi("lsi1", "lsik", "KEYS_ONLY")])
    pk = uuid.uuid4().hex[:12]                                    # "pk" + 12 = 14 bytes

    def item(sk: str, pad: int = 0, **extra: Any) -> Item:        # 14 + 3 + (3 + pad) bytes
        return {"pk": S(pk), "sk": S(sk), **({"pad": S("p" * pad)} if pad else {}), **extra}

    ddb.put_item(TableName=table, Item=item("a", 1980))           # 2000
    ddb.put_item(TableName=table, Item=item("b", 1980))           # 4000: exactly full
    e = refused(ddb.put_item, TableName=table, Item=item("c"))
    assert e == ("ItemCollectionSizeLimitExceededException", "Collection size exceeded")
    assert "Item" not in ddb.get_item(TableName=table, Key={"pk": S(pk), "sk": S("c")})
    assert refused(ddb.update_item, TableName=table, Key={"pk": S(pk), "sk": S("a")}, UpdateExpression="SET y = :y",
                   ExpressionAttributeValues={":y": S("")})[0] == "ItemCollectionSizeLimitExceededException"
    ddb.put_item(TableName=table, Item=item("a", 1980))           # the same size: passes
    ddb.put_item(TableName=table, Item=item("a", 1000))           # shrinks to 3020
    ddb.put_item(TableName=table, Item=item("d", 0, lsik=S("l")))  # item 22 + entry (22 + 100): 3164
    assert refused(ddb.put_item, TableName=table, Item=item("e", 817))[0] == "ItemCollectionSizeLimitExceededException"
    r = ddb.put_item(TableName=table, Item=item("e", 816), ReturnItemCollectionMetrics="SIZE")  # 4000 again
    assert r["ItemCollectionMetrics"] == {"ItemCollectionKey": {"pk": S(pk)}, "SizeEstimateRangeGB": [0.0, 1.0]}
    other = {"pk": S("other"), "sk": S("a"), "pad": S("p" * 3000)}
    ddb.put_item(TableName=table, Item=other)                     # another collection
    # BatchWriteItem: the refused write fails the request; the others stand (it is not atomic)
    e = refused(ddb.batch_write_item, RequestItems={table: [
        {"PutRequest": {"Item": {"pk": S("third"), "sk": S("a")}}}, {"PutRequest": {"Item": item("f")}}]})
    assert e == ("ItemCollectionSizeLimitExceededException", "Collection size exceeded")
    assert "Item" in ddb.get_item(TableName=table, Key={"pk": S("third"), "sk": S("a")})
    assert "Item" not in ddb.get_item(TableName=table, Key={"pk": S(pk), "sk": S("f")})
    ddb.update_item(TableName=table, Key={"pk": S(pk), "sk": S("d")}, UpdateExpression="REMOVE lsik")  # -122
    ddb.put_item(TableName=table, Item=item("f", 102))            # +122: full again
    ddb.delete_item(TableName=table, Key={"pk": S(pk), "sk": S("b")})
    ddb.put_item(TableName=table, Item=item("b", 1980))


def test_item_collection_limit_cancels_a_transaction(small_collections):
    """In TransactWriteItems a write past the limit cancels the transaction with the reason
    ItemCollectionSizeLimitExceeded, "Collection size exceeded" (the API reference's list of
    cancellation reasons); none of its writes happen."""
    ddb = small_collections
    table = create(ddb, {"lsik": "S"}, lsis=[lsi("lsi1", "lsik")])
    ddb.put_item(TableName=table, Item={"pk": S("p"), "sk": S("a"), "pad": S("p" * 3900)})
    with pytest.raises(ClientError) as e:
        ddb.transact_write_items(TransactItems=[
            {"Put": {"TableName": table, "Item": {"pk": S("q"), "sk": S("a")}}},
            {"Update": {"TableName": table, "Key": {"pk": S("p"), "sk": S("a")}, "UpdateExpression": "SET more = :m",
                        "ExpressionAttributeValues": {":m": S("m" * 200)}}}])
    assert error_of(e)[0] == "TransactionCanceledException"
    assert e.value.response["CancellationReasons"] == [
        {"Code": "None"}, {"Code": "ItemCollectionSizeLimitExceeded", "Message": "Collection size exceeded"}]
    assert "Item" not in ddb.get_item(TableName=table, Key={"pk": S("q"), "sk": S("a")})
    assert "more" not in ddb.get_item(TableName=table, Key={"pk": S("p"), "sk": S("a")})["Item"]


def test_no_collection_limit_without_local_indexes(small_collections):
    """Tables without local secondary indexes have no item-collection limit."""
    ddb = small_collections
    table = create(ddb, {"g": "S"}, gsis=[gsi("gidx", "g")])
    for sk in "abc":
        ddb.put_item(TableName=table, Item={"pk": S("p"), "sk": S(sk), "g": S("g"), "pad": S("p" * 3000)})
    assert ddb.describe_table(TableName=table)["Table"]["ItemCount"] == 3


# ---- crash consistency --------------------------------------------------------------------

@pytest.fixture
def data_dir() -> Iterator[str]:
    path = tempfile.mkdtemp(prefix="ddbserver-idx-crash-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _random_write(ddb: Any, table: str, rng: random.Random) -> None:
    key = {"pk": S(f"p{rng.randrange(8)}"), "sk": S(f"s{rng.randrange(6)}")}
    choice = rng.random()
    if choice < 0.45:
        item = {**key, "x": S("x" * rng.randrange(1, 60)), "y": S("y" * rng.randrange(1, 60))}
        for name in ("g", "l"):
            if rng.random() < 0.7:
                item[name] = S(f"{name}{rng.randrange(5)}")
        ddb.put_item(TableName=table, Item=item)
    elif choice < 0.8:
        ddb.update_item(TableName=table, Key=key, UpdateExpression="SET g = :g, x = :x REMOVE l",
                        ExpressionAttributeValues={":g": S(f"g{rng.randrange(5)}"), ":x": S("u" * rng.randrange(90))})
    elif choice < 0.9:
        ddb.batch_write_item(RequestItems={table: [
            {"PutRequest": {"Item": {"pk": S(f"p{rng.randrange(8)}"), "sk": S(f"b{i}"), "l": S(f"l{i}"), "y": S("b")}}}
            for i in range(3)]})
    else:
        ddb.delete_item(TableName=table, Key=key)


def test_indexes_agree_with_their_table_after_a_crash(data_dir):
    """SIGKILL under concurrent writers (puts, updates moving index keys, batch writes, deletes)
    never leaves an index disagreeing with its table: after a restart every index holds exactly
    the projections of the table's items that have its keys, and every item collection counter
    equals a recount."""
    from tests.api.test_restart import thread_client

    srv = ServerProcess(["--data-dir", data_dir]).start()
    ddb = client(srv.url)
    table = create(ddb, {"g": "S", "l": "S"},
                   gsis=[gsi("gkeys", "g", projection="KEYS_ONLY"), gsi("gall", "g")],
                   lsis=[lsi("lincl", "l", "INCLUDE", ("x",))])
    done = [0]
    stop = threading.Event()

    def run(seed: int) -> None:
        mine, rng = thread_client(srv.url), random.Random(seed)
        while not stop.is_set():
            try:
                _random_write(mine, table, rng)
            except Exception:  # the server went away
                return
            done[0] += 1

    threads = [threading.Thread(target=run, args=(seed,), daemon=True) for seed in range(6)]
    for t in threads:
        t.start()
    while done[0] < 300 and any(t.is_alive() for t in threads):
        threading.Event().wait(0.005)
    srv.stop("kill")
    stop.set()
    for t in threads:
        t.join(30)
    srv.start()
    try:
        ddb = client(srv.url)
        items = ddb.scan(TableName=table, ConsistentRead=True)["Items"]
        stats = index_stats(ddb, table)
        assert stats["gkeys"][0] == stats["gall"][0] == sum("g" in i for i in items)
        assert stats["lincl"][0] == sum("l" in i for i in items)
        assert index_items(ddb, table, "gkeys") == projected(items, ("g",), ())
        assert index_items(ddb, table, "gall") == projected(items, ("g",), None)
        assert index_items(ddb, table, "lincl") == projected(items, ("l",), ("x",))
    finally:
        assert srv.stop() == 0
    _check_entries(data_dir, table, items)


def _check_entries(path: str, name: str, items: list[Item]) -> None:
    """Read the data directory with the engine: each index's entries are exactly the projected
    items, and each collection counter is the recount."""
    from ddbserver.engine import codec, keys, values
    from ddbserver.engine.database import Database
    from ddbserver.engine.store import read_collection

    db = Database(path)
    try:
        table = db.catalog.get(name)
        assert len(table.indexes) == 3
        with db.read() as txn:
            cur = txn.cursor(db=db.items_db)
            for index in table.indexes:
                prefix = keys.table_prefix(index.id)
                entries = []
                if cur.set_range(prefix):
                    for k, v in cur:
                        if bytes(k[:4]) != prefix:
                            break
                        entries.append(codec.decode(bytes(v)))
                expected = [index.project(i) for i in items if all(n in i for n in index.key_names)]
                assert sorted(map(_canon, entries)) == sorted(map(_canon, expected)), index.name
            local = [i for i in table.indexes if not i.is_global]
            for pk in {i["pk"]["S"] for i in items}:
                mine = [i for i in items if i["pk"]["S"] == pk]
                expected_size = sum(map(values.item_size, mine)) + sum(
                    values.item_size(ix.project(i)) + 100 for ix in local for i in mine if "l" in i)
                assert read_collection(txn, db.sys_db, keys.partition_prefix(table.id, "S", pk)) == expected_size
    finally:
        db.close()


def _canon(item: Item) -> str:
    return json.dumps(item, sort_keys=True)


def test_partiql_writes_check_index_keys(ddb_raw, vtable):
    """ExecuteStatement's INSERT and UPDATE refuse bad index keys as PutItem and UpdateItem do,
    a nested path below an index key included (DynamoDB Local)."""
    pk = uuid.uuid4().hex
    assert refused(ddb_raw.execute_statement, Statement=f"INSERT INTO \"{vtable}\" VALUE {{'pk': '{pk}', 'sk': '1', 'g': 1}}") == (
        "ValidationException", INVALID + TYPE_CASES[0][1])
    ddb_raw.execute_statement(Statement=f"INSERT INTO \"{vtable}\" VALUE {{'pk': '{pk}', 'sk': '1', 'g': 'x'}}")
    where = f"WHERE pk = '{pk}' AND sk = '1'"
    assert refused(ddb_raw.execute_statement, Statement=f"UPDATE \"{vtable}\" SET g = '' {where}") == (
        "ValidationException", EMPTY_UPDATE.format(kind="string"))
    assert refused(ddb_raw.execute_statement, Statement=f"UPDATE \"{vtable}\" SET g.a = 1 {where}") == (
        "ValidationException", NESTED.format("g"))
    assert ddb_raw.get_item(TableName=vtable, Key={"pk": S(pk), "sk": S("1")})["Item"]["g"] == S("x")
