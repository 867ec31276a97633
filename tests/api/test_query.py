"""Query through boto3 against a live server: serialization, validation, functionality."""

from __future__ import annotations

import uuid

import pytest

from tests.conftest import make_table, refused

INVALID = "One or more parameter values were invalid: "
N = 30  # items in the shared partition: sk 0..29



@pytest.fixture(scope="module")
def table(ddb):
    """A table (pk S, sk N) whose partition `p` holds sk 0..29 with an attribute `even`."""
    name = make_table(ddb, "S", "N")
    for start in range(0, N, 25):
        ddb.batch_write_item(RequestItems={name: [
            {"PutRequest": {"Item": {"pk": {"S": "p"}, "sk": {"N": str(i)}, "even": {"BOOL": i % 2 == 0},
                                     "data": {"S": "x" * 10}}}}
            for i in range(start, min(N, start + 25))]})
    return name


def q(ddb, table, kce="pk = :p", values=None, **kw):
    vals = {":p": {"S": "p"}, **(values or {})}
    return ddb.query(TableName=table, KeyConditionExpression=kce, ExpressionAttributeValues=vals, **kw)


def sks(response):
    return [int(i["sk"]["N"]) for i in response["Items"]]


# --- serialization ------------------------------------------------------------------------


def test_items_come_back_as_written(ddb, table):
    """Items keep their attribute types; Count and ScannedCount are numbers."""
    r = q(ddb, table, "pk = :p AND sk = :s", {":s": {"N": "4"}})
    assert r["Items"] == [{"pk": {"S": "p"}, "sk": {"N": "4"}, "even": {"BOOL": True}, "data": {"S": "x" * 10}}]
    assert (r["Count"], r["ScannedCount"]) == (1, 1)
    assert "LastEvaluatedKey" not in r


def test_empty_partition_answers_empty_items(ddb, table):
    """A partition with no items answers Items [] and zero counts."""
    r = ddb.query(TableName=table, KeyConditionExpression="pk = :p",
                  ExpressionAttributeValues={":p": {"S": uuid.uuid4().hex}})
    assert (r["Items"], r["Count"], r["ScannedCount"]) == ([], 0, 0)


# --- validation ---------------------------------------------------------------------------


@pytest.mark.parametrize("kce, message", [
    ("pk = :p OR sk = :n", "Invalid operator used in KeyConditionExpression: OR"),
    ("NOT pk = :p", "Invalid operator used in KeyConditionExpression: NOT"),
    ("pk <> :p", "Invalid operator used in KeyConditionExpression: <>"),
    ("pk = :p AND sk IN (:n)", "Invalid operator used in KeyConditionExpression: IN"),
    ("pk = :p AND contains(sk, :n)", "Invalid operator used in KeyConditionExpression: contains"),
    ("pk = :p AND attribute_exists(sk)", "Invalid operator used in KeyConditionExpression: attribute_exists"),
    ("pk = :p AND pk = :p", "Invalid KeyConditionExpression: KeyConditionExpressions must only contain one "
                            "condition per key"),
    ("pk = :p AND sk = :n AND sk = :m", "Invalid KeyConditionExpression: KeyConditionExpressions must only "
                                        "contain one condition per key"),
    ("pk = :p AND sk > :n AND x = :n", "The number of query conditions (3) exceeds the number of key attributes "
                                       "defined in the schema (2)"),
    ("x = :p", "Query condition missed key schema element: pk"),
    ("sk = :n", "Query condition missed key schema element: pk"),
    ("pk = :p AND x = :n", "Query condition missed key schema element: sk"),
    ("pk = :n", INVALID + "Condition parameter type does not match schema type"),
    ("pk = :p AND sk = :p", INVALID + "Condition parameter type does not match schema type"),
    ("pk < :p", "Query key condition not supported"),
    ("begins_with(pk, :p)", "Query key condition not supported"),
    ("pk = :p AND size(sk) = :n", "KeyConditionExpressions cannot contain nested operations"),
    ("pk = :p AND sk BETWEEN :n AND size(x)", "KeyConditionExpressions cannot contain nested operations"),
    ("pk = :p AND sk > x", "Invalid condition in KeyConditionExpression: Multiple attribute names used in one "
                           "condition"),
    ("pk = :p AND sk BETWEEN x AND :n", "Invalid condition in KeyConditionExpression: Multiple attribute names used "
                                        "in one condition"),
    ("pk = :p AND :n < :m", "Invalid condition in KeyConditionExpression: No key attribute specified"),
    (":n BETWEEN sk AND :m AND pk = :p", "Invalid condition in KeyConditionExpression: BETWEEN operator must have "
                                         "the key attribute as its first operand"),
    ("begins_with(:p, pk)", "Invalid condition in KeyConditionExpression: begins_with operator must have the key "
                            "attribute as its first operand"),
    ("pk = :p AND a.b = :n", "Invalid KeyConditionExpression: KeyConditionExpressions cannot have conditions on nested attributes"),
    ("pk = :p AND sk.x = :n", "Invalid KeyConditionExpression: KeyConditionExpressions cannot have conditions on nested attributes"),
    ("pk = :p AND begins_with(sk, :n)", "Invalid KeyConditionExpression: Incorrect operand type for operator "
                                        "or function; operator or function: begins_with, operand type: N"),
])
def test_invalid_key_conditions(ddb, table, kce, message):
    """DynamoDB names what is wrong with a key condition, in its own words."""
    vals = {k: v for k, v in {":p": {"S": "p"}, ":n": {"N": "1"}, ":m": {"N": "2"}}.items() if k in kce}
    assert refused(ddb.query, TableName=table, KeyConditionExpression=kce, ExpressionAttributeValues=vals) == \
        ("ValidationException", message)


@pytest.mark.parametrize("kce,count", [("pk = :p AND sk = :n", 2), ("pk = :p AND sk = :n AND x = :n", 3)])
def test_hash_only_table_counts_conditions_against_its_key(ddb, hash_table, kce, count):
    """On a table without a sort key, a second (or third) key condition exceeds the key's one
    attribute: DynamoDB counts the conditions against the key's attributes."""
    assert refused(ddb.query, TableName=hash_table, KeyConditionExpression=kce,
                   ExpressionAttributeValues={":p": {"S": "a"}, ":n": {"N": "1"}}) == \
        ("ValidationException", f"The number of query conditions ({count}) exceeds the number of key attributes "
                                "defined in the schema (1)")


def test_legacy_key_conditions_over_two_attributes(ddb, table):
    """Three KeyConditions entries keep the legacy parameter's own message."""
    eq = lambda v: {"ComparisonOperator": "EQ", "AttributeValueList": [v]}  # noqa: E731
    assert refused(ddb.query, TableName=table, KeyConditions={
        "pk": eq({"S": "p"}), "sk": eq({"N": "1"}), "x": eq({"N": "1"})}) == \
        ("ValidationException", "Conditions can be of length 1 or 2 only")




def test_key_condition_is_required(ddb_raw, table):
    """Without KeyConditionExpression or KeyConditions DynamoDB refuses the Query."""
    assert refused(ddb_raw.query, TableName=table) == (
        "ValidationException",
        "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.")


def test_key_condition_form_is_checked_before_the_table(ddb):
    """Errors in the key condition's form come before the table lookup; schema errors after."""
    assert refused(ddb.query, TableName="no-such-table", KeyConditionExpression="pk = :p OR pk = :p",
                   ExpressionAttributeValues={":p": {"S": "a"}}) == \
        ("ValidationException", "Invalid operator used in KeyConditionExpression: OR")
    assert refused(ddb.query, TableName="no-such-table", KeyConditionExpression="x = :p",
                   ExpressionAttributeValues={":p": {"S": "a"}}) == \
        ("ResourceNotFoundException", "Requested resource not found")


def test_missing_table(ddb):
    """A Query on a missing table is ResourceNotFoundException."""
    assert refused(ddb.query, TableName="no-such-table", KeyConditionExpression="pk = :p",
                   ExpressionAttributeValues={":p": {"S": "a"}}) == \
        ("ResourceNotFoundException", "Requested resource not found")


@pytest.mark.parametrize("select, extra, message", [
    ("SPECIFIC_ATTRIBUTES", {}, "1 validation error detected: Must specify the AttributesToGet or "
                                "ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES"),
    ("ALL_ATTRIBUTES", {"ProjectionExpression": "a"}, "Cannot specify the ProjectionExpression when choosing to "
                                                      "get ALL_ATTRIBUTES"),
    ("COUNT", {"ProjectionExpression": "a"}, "Cannot specify the ProjectionExpression when choosing to get only "
                                             "the Count"),
    ("ALL_PROJECTED_ATTRIBUTES", {}, "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"),
])
def test_select_rules(ddb, table, select, extra, message):
    """Select must agree with the projection parameters."""
    assert refused(q, ddb, table, Select=select, **extra) == ("ValidationException", message)


def test_invalid_select_value_is_a_model_error(ddb_raw, table):
    """A Select outside the enum is refused by the request's constraints."""
    code, message = refused(q, ddb_raw, table, Select="BOGUS")
    assert code == "ValidationException" and "at 'select' failed to satisfy constraint" in message


@pytest.mark.parametrize("limit", [0, -1])
def test_limit_below_one_names_the_member_without_its_value(ddb_raw, table, limit):
    """Query's Limit is checked in AWS's newer validation framework: 'Value at 'Limit'' with no
    value echoed (Scan's still reads "Value '0' at 'limit'")."""
    assert refused(q, ddb_raw, table, Limit=limit) == (
        "ValidationException", "1 validation error detected: Value at 'Limit' failed to satisfy constraint: "
                               "Member must have value greater than or equal to 1")


def test_unknown_conditional_operator_is_reported_alone(ddb_raw):
    """Query's ConditionalOperator outside AND/OR is answered bare and alone, ahead of an unknown
    Select and of the missing table (AWS's newer validation framework, its own "[ALL, OR]")."""
    assert refused(ddb_raw.query, TableName="no-such-table",
                   KeyConditions={"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "a"}]}},
                   QueryFilter={"b": {"ComparisonOperator": "NULL"}, "c": {"ComparisonOperator": "NULL"}},
                   ConditionalOperator="XOR", Select="BOGUS") == (
        "ValidationException", "Failed to satisfy constraint: Member must satisfy enum value set: [ALL, OR]")


def test_filter_may_not_name_key_attributes(ddb, table):
    """A Query's FilterExpression may only read non-key attributes."""
    assert refused(q, ddb, table, FilterExpression="#k = :n", ExpressionAttributeNames={"#k": "sk"},
                   values={":n": {"N": "1"}}) == (
        "ValidationException", "Filter Expression can only contain non-primary key attributes: "
                               "Primary key attribute: sk")


def test_query_filter_may_not_name_key_attributes(ddb, table):
    """The legacy QueryFilter has the same rule, in its own name."""
    assert refused(ddb.query, TableName=table,
                   KeyConditions={"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]}},
                   QueryFilter={"pk": {"ComparisonOperator": "NULL"}}) == (
        "ValidationException", "QueryFilter can only contain non-primary key attributes: Primary key attribute: pk")


RANGE = "The provided starting key does not match the range key predicate"


@pytest.mark.parametrize("kce, start, message", [
    ("pk = :p AND sk > :n", {"pk": {"S": "p"}}, "The provided starting key is invalid"),
    ("pk = :p AND sk > :n", {"sk": {"N": "1"}, "x": {"S": "p"}}, "The provided starting key is invalid"),
    ("pk = :p AND sk > :n", {"pk": {"S": "p"}, "sk": {"S": "1"}}, "The provided key element does not match the schema"),
    ("pk = :p AND sk > :n", {"pk": {"S": "p"}, "x": {"N": "1"}}, "The provided key element does not match the schema"),
    ("x = :p", {"pk": {"S": "p"}}, "The provided starting key is invalid"),
    ("pk = :p AND sk > :n", {"pk": {"S": "p"}, "sk": {"N": "1"}}, RANGE),
    ("pk = :p AND sk > :n", {"pk": {"S": "other"}, "sk": {"N": "1"}}, RANGE),
    ("pk = :p AND sk > :n", {"pk": {"S": "other"}, "sk": {"N": "7"}},
     "The query can return at most one row and cannot be restarted"),
    ("pk = :p", {"pk": {"S": "other"}, "sk": {"N": "7"}},
     "The provided starting key is outside query boundaries based on provided conditions"),
])
def test_bad_exclusive_start_keys(ddb, table, kce, start, message):
    """ExclusiveStartKey must be a key of the table inside the query's range (AWS's texts, as
    recorded by dynalite's suite: the sort key is checked before the partition)."""
    values = {":n": {"N": "5"}} if ":n" in kce else None
    assert refused(q, ddb, table, kce, values, ExclusiveStartKey=start) == ("ValidationException", message)


def test_legacy_key_conditions_errors(ddb, table):
    """KeyConditions: the partition key takes EQ only; the sort key only indexable operators."""
    eq = {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]}
    assert refused(ddb.query, TableName=table, KeyConditions={
        "pk": {"ComparisonOperator": "NE", "AttributeValueList": [{"S": "p"}]}}) == \
        ("ValidationException", "Query key condition not supported")
    assert refused(ddb.query, TableName=table, KeyConditions={
        "pk": eq, "sk": {"ComparisonOperator": "CONTAINS", "AttributeValueList": [{"N": "1"}]}}) == \
        ("ValidationException", "Attempted conditional constraint is not an indexable operation")
    assert refused(ddb.query, TableName=table, KeyConditions={
        "sk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "1"}]}}) == \
        ("ValidationException", "Query condition missed key schema element: pk")


# --- functionality ------------------------------------------------------------------------


@pytest.mark.parametrize("cond, values, expected", [
    ("sk = :a", {":a": 7}, [7]),
    ("sk < :a", {":a": 3}, [0, 1, 2]),
    ("sk <= :a", {":a": 2}, [0, 1, 2]),
    ("sk > :a", {":a": 27}, [28, 29]),
    ("sk >= :a", {":a": 28}, [28, 29]),
    ("sk BETWEEN :a AND :b", {":a": 10, ":b": 12}, [10, 11, 12]),
    (":a < sk", {":a": 28}, [29]),
])
def test_sort_key_conditions(ddb, table, cond, values, expected):
    """Each sort key operator selects its range, in sort order."""
    vals = {k: {"N": str(v)} for k, v in values.items()}
    assert sks(q(ddb, table, "pk = :p AND " + cond, vals)) == expected


def test_begins_with_on_string_sort_keys(ddb):
    """begins_with reads the sort keys that start with the prefix (bytes, in order)."""
    name = make_table(ddb, "S", "S")
    words = ["a", "ab", "abc", "abd", "b", "a\x00", "ac"]
    ddb.batch_write_item(RequestItems={name: [
        {"PutRequest": {"Item": {"pk": {"S": "w"}, "sk": {"S": w}}}} for w in words]})
    r = ddb.query(TableName=name, KeyConditionExpression="pk = :p AND begins_with(sk, :b)",
                  ExpressionAttributeValues={":p": {"S": "w"}, ":b": {"S": "ab"}})
    assert [i["sk"]["S"] for i in r["Items"]] == ["ab", "abc", "abd"]
    r = ddb.query(TableName=name, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "w"}},
                  ScanIndexForward=False)
    assert [i["sk"]["S"] for i in r["Items"]] == sorted(words, reverse=True)


def test_scan_index_forward_false_reverses(ddb, table):
    """ScanIndexForward false reads the partition in descending sort order."""
    assert sks(q(ddb, table, ScanIndexForward=False, Limit=3)) == [29, 28, 27]


def test_limit_counts_items_before_the_filter(ddb, table):
    """Limit bounds the items evaluated; the filter then drops some (Count <= ScannedCount)."""
    r = q(ddb, table, Limit=5, FilterExpression="even = :t", values={":t": {"BOOL": True}})
    assert sks(r) == [0, 2, 4]
    assert (r["Count"], r["ScannedCount"]) == (3, 5)
    assert r["LastEvaluatedKey"] == {"pk": {"S": "p"}, "sk": {"N": "4"}}


def test_page_ending_exactly_at_limit_still_has_last_evaluated_key(ddb, table):
    """A page that stops at Limit returns LastEvaluatedKey even when nothing follows."""
    r = q(ddb, table, Limit=N)
    assert len(r["Items"]) == N and r["LastEvaluatedKey"] == {"pk": {"S": "p"}, "sk": {"N": str(N - 1)}}
    r2 = q(ddb, table, ExclusiveStartKey=r["LastEvaluatedKey"])
    assert (r2["Items"], r2["Count"]) == ([], 0) and "LastEvaluatedKey" not in r2


def test_paging_forward_and_backward(ddb, table):
    """ExclusiveStartKey resumes just after (or, descending, just before) the key."""
    r = q(ddb, table, Limit=4, ExclusiveStartKey={"pk": {"S": "p"}, "sk": {"N": "10"}})
    assert sks(r) == [11, 12, 13, 14]
    r = q(ddb, table, Limit=4, ScanIndexForward=False, ExclusiveStartKey={"pk": {"S": "p"}, "sk": {"N": "10"}})
    assert sks(r) == [9, 8, 7, 6]


def test_resume_from_a_deleted_key(ddb):
    """A LastEvaluatedKey whose item was deleted since still resumes after its position."""
    name = make_table(ddb, "S", "N")
    ddb.batch_write_item(RequestItems={name: [
        {"PutRequest": {"Item": {"pk": {"S": "d"}, "sk": {"N": str(i)}}}} for i in range(6)]})
    r = ddb.query(TableName=name, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "d"}},
                  Limit=3)
    ddb.delete_item(TableName=name, Key=r["LastEvaluatedKey"])
    ddb.put_item(TableName=name, Item={"pk": {"S": "d"}, "sk": {"N": "1.5"}})
    r2 = ddb.query(TableName=name, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "d"}},
                   ExclusiveStartKey=r["LastEvaluatedKey"])
    assert sks(r2) == [3, 4, 5]


def test_boto3_paginator_reads_everything_once(ddb, table):
    """boto3's Query paginator follows LastEvaluatedKey to the end."""
    pages = ddb.get_paginator("query").paginate(
        TableName=table, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p"}},
        PaginationConfig={"PageSize": 7})
    seen = [int(i["sk"]["N"]) for page in pages for i in page["Items"]]
    assert seen == list(range(N))


def test_projection_and_count(ddb, table):
    """ProjectionExpression picks attributes; Select COUNT returns counts without Items."""
    r = q(ddb, table, "pk = :p AND sk < :n", {":n": {"N": "2"}}, ProjectionExpression="sk, #d",
          ExpressionAttributeNames={"#d": "data"})
    assert r["Items"] == [{"sk": {"N": "0"}, "data": {"S": "x" * 10}}, {"sk": {"N": "1"}, "data": {"S": "x" * 10}}]
    r = q(ddb, table, Select="COUNT", FilterExpression="even = :t", values={":t": {"BOOL": False}})
    assert "Items" not in r and (r["Count"], r["ScannedCount"]) == (N // 2, N)


def test_legacy_key_conditions_and_query_filter(ddb, table):
    """KeyConditions and QueryFilter select as their expression twins do."""
    r = ddb.query(TableName=table, KeyConditions={
        "pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]},
        "sk": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"N": "3"}, {"N": "8"}]}},
        QueryFilter={"even": {"ComparisonOperator": "EQ", "AttributeValueList": [{"BOOL": True}]}},
        AttributesToGet=["sk"])
    assert r["Items"] == [{"sk": {"N": str(i)}} for i in (4, 6, 8)]
    assert r["ScannedCount"] == 6


def test_consumed_capacity_over_the_data_read(ddb, table):
    """Read units: the page's summed size in 4 KB units, halved unless ConsistentRead."""
    r = q(ddb, table, ReturnConsumedCapacity="TOTAL")
    assert r["ConsumedCapacity"] == {"TableName": table, "CapacityUnits": 0.5}
    r = q(ddb, table, ReturnConsumedCapacity="INDEXES", ConsistentRead=True)
    assert r["ConsumedCapacity"] == {"TableName": table, "CapacityUnits": 1.0, "Table": {"CapacityUnits": 1.0}}


def test_one_megabyte_page_limit(ddb):
    """A page stops after 1 MB of item data read and reports where it stopped."""
    name = make_table(ddb, "S", "N")
    big = "y" * 300_000
    for i in range(5):
        ddb.put_item(TableName=name, Item={"pk": {"S": "b"}, "sk": {"N": str(i)}, "v": {"S": big}})
    r = ddb.query(TableName=name, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "b"}},
                  ReturnConsumedCapacity="TOTAL", Select="COUNT")
    assert r["ScannedCount"] == 4 and r["LastEvaluatedKey"]["sk"] == {"N": "3"}
    assert r["ConsumedCapacity"]["CapacityUnits"] == -(-4 * 300_010 // 4096) / 2


def test_one_megabyte_counts_items_the_filter_drops(ddb):
    """The 1 MB page limit counts the items read before FilterExpression drops them (DynamoDB
    reads up to 1 MB, then filters; DynamoDB Local's Query counts only the items that pass, its
    Scan agrees with DynamoDB)."""
    name = make_table(ddb, "S", "N")
    big = "y" * 300_000
    for i in range(6):
        ddb.put_item(TableName=name, Item={"pk": {"S": "b"}, "sk": {"N": str(i)}, "v": {"S": big},
                                           "keep": {"BOOL": i == 5}})
    kw = {"TableName": name, "KeyConditionExpression": "pk = :p", "FilterExpression": "keep = :t",
          "ExpressionAttributeValues": {":p": {"S": "b"}, ":t": {"BOOL": True}}}
    r = ddb.query(**kw)
    assert (r["Count"], r["ScannedCount"], r["LastEvaluatedKey"]) == (0, 4, {"pk": {"S": "b"}, "sk": {"N": "3"}})
    r = ddb.query(ExclusiveStartKey=r["LastEvaluatedKey"], **kw)
    assert (r["Count"], r["ScannedCount"], r["Items"][0]["sk"]) == (1, 2, {"N": "5"})


def test_consistent_read_on_a_global_index_is_refused(ddb):
    """Global secondary indexes cannot be read consistently; an unknown index is named."""
    name = f"gsi-{uuid.uuid4().hex[:10]}"
    ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                           {"AttributeName": "g", "AttributeType": "S"}],
                     GlobalSecondaryIndexes=[{"IndexName": "byg", "KeySchema": [{"AttributeName": "g",
                                                                                  "KeyType": "HASH"}],
                                              "Projection": {"ProjectionType": "ALL"}}])
    kw = {"TableName": name, "KeyConditionExpression": "g = :g", "ExpressionAttributeValues": {":g": {"S": "a"}}}
    assert refused(ddb.query, IndexName="byg", ConsistentRead=True, **kw) == \
        ("ValidationException", "Consistent reads are not supported on global secondary indexes")
    assert refused(ddb.query, IndexName="nope", **kw) == \
        ("ValidationException", "The table does not have the specified index: nope")


def test_empty_key_values_in_the_condition(ddb, table):
    """An empty string is never a key value: the key condition is refused naming the key."""
    assert refused(q, ddb, table, values={":p": {"S": ""}}) == (
        "ValidationException", "One or more parameter values are not valid. The AttributeValue for a key attribute "
                               "cannot contain an empty string value. Key: pk")


def test_empty_key_conditions(ddb, table):
    """KeyConditions {} has no condition at all."""
    assert refused(ddb.query, TableName=table, KeyConditions={}) == \
        ("ValidationException", "Conditions can be of length 1 or 2 only")


def test_binary_sort_keys_in_byte_order(ddb):
    """Binary sort keys sort byte-wise (0xFF last); > and begins_with compare bytes."""
    name = make_table(ddb, "S", "B")
    keys_ = [b"\x01", b"\x01\x02", b"\x02", b"\xff", b"\x00\xff"]
    ddb.batch_write_item(RequestItems={name: [
        {"PutRequest": {"Item": {"pk": {"S": "b"}, "sk": {"B": k}}}} for k in keys_]})

    def run(kce="pk = :p", **kw):
        values = {":p": {"S": "b"}, **kw.pop("values", {})}
        r = ddb.query(TableName=name, KeyConditionExpression=kce, ExpressionAttributeValues=values, **kw)
        return [i["sk"]["B"] for i in r["Items"]]

    assert run() == sorted(keys_)
    assert run(ScanIndexForward=False) == sorted(keys_, reverse=True)
    assert run("pk = :p AND sk > :v", values={":v": {"B": b"\x01\x02"}}) == [b"\x02", b"\xff"]
    assert run("pk = :p AND begins_with(sk, :v)", values={":v": {"B": b"\x01"}}) == [b"\x01", b"\x01\x02"]
