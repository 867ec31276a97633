"""ExecuteStatement (PartiQL) through boto3 against a live server: serialization, validation,
functionality."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.conftest import make_table, refused

WELL_FORMED = "Statement wasn't well formed, can't be processed: "


def key() -> str:
    return uuid.uuid4().hex


def run(ddb: Any, statement: str, **kw: Any) -> dict[str, Any]:
    return ddb.execute_statement(Statement=statement, **kw)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def paged(ddb: Any) -> tuple[str, str]:
    """A range table holding partition `p` with sort keys 1..7 (v = 10 * sk) and one item in `q`."""
    name = make_table(ddb, "S", "N")
    for i in range(1, 8):
        ddb.put_item(TableName=name, Item={"pk": {"S": "p"}, "sk": {"N": str(i)}, "v": {"N": str(10 * i)}})
    ddb.put_item(TableName=name, Item={"pk": {"S": "q"}, "sk": {"N": "1"}, "v": {"N": "5"}})
    return name, "p"


# --- serialization ------------------------------------------------------------------------


def test_select_returns_items_in_wire_form(ddb, hash_table):
    """A SELECT answers Items as AttributeValue maps, numbers normalised."""
    k = key()
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": k}, "n": {"N": "1.50"}, "l": {"L": [{"NULL": True}]}})
    r = run(ddb, f"SELECT * FROM \"{hash_table}\" WHERE pk = '{k}'")
    assert r["Items"] == [{"pk": {"S": k}, "n": {"N": "1.5"}, "l": {"L": [{"NULL": True}]}}]
    assert "NextToken" not in r


def test_writes_answer_an_empty_items_list(ddb, hash_table):
    """INSERT, UPDATE and DELETE without RETURNING answer an empty Items list, as does a DELETE
    that finds no item."""
    k = key()
    assert run(ddb, f"INSERT INTO \"{hash_table}\" VALUE {{'pk': '{k}'}}")["Items"] == []
    assert run(ddb, f"UPDATE \"{hash_table}\" SET a = 2 WHERE pk = '{k}'")["Items"] == []
    assert run(ddb, f"DELETE FROM \"{hash_table}\" WHERE pk = '{k}'")["Items"] == []
    assert run(ddb, f"DELETE FROM \"{hash_table}\" WHERE pk = '{k}'")["Items"] == []


def test_literals_become_attribute_values(ddb, hash_table):
    """PartiQL literals map onto DynamoDB types: strings, numbers, booleans, NULL, lists, maps
    and <<bags>> as string or number sets."""
    k = key()
    run(ddb, f"INSERT INTO \"{hash_table}\" VALUE {{'pk': '{k}', 'n': 1.50e1, 't': TRUE, 'z': null, "
             f"'l': [1, 'a'], 'm': {{'x': {{'y': -2}}}}, 'ss': <<'b', 'a'>>, 'ns': <<1, 2>>, 'q': 'it''s'}}")
    item = ddb.get_item(TableName=hash_table, Key={"pk": {"S": k}})["Item"]
    assert item["n"] == {"N": "15"} and item["t"] == {"BOOL": True} and item["z"] == {"NULL": True}
    assert item["l"] == {"L": [{"N": "1"}, {"S": "a"}]}
    assert item["m"] == {"M": {"x": {"M": {"y": {"N": "-2"}}}}}
    assert sorted(item["ss"]["SS"]) == ["a", "b"] and sorted(item["ns"]["NS"]) == ["1", "2"]
    assert item["q"] == {"S": "it's"}


# --- validation ---------------------------------------------------------------------------


@pytest.mark.parametrize("statement, message", [
    ("SELECT * FROM \"{t}\" WHERE pk = 'a' foo", WELL_FORMED + "Unexpected token after expression"),
    ("DELETE FROM \"{t}\" WHERE pk = 'a' ORDER BY pk", WELL_FORMED + "Unexpected token after expression"),
    ("SELECT * FROM \"{t}\" WHERE pk = 'a' # note", WELL_FORMED),
    ("SELECT * FROM \"{t}\" WHERE pk = 1e2147483648", WELL_FORMED),
    ("SLECT * FROM \"{t}\"", WELL_FORMED + "Expected data manipulation"),
    ("SELECT * FROM \"{t}\" t WHERE pk = 'x'", "Aliasing is not supported"),
    ("SELECT * FROM \"{t}\" AS t", "Aliasing is not supported"),
    ("INSERT INTO \"{t}\" t VALUE {{'pk': 'x'}}", WELL_FORMED + "Unexpected token after expression"),
    ("SELECT * FROM \"{t}\" WHERE pk = 1e126",
     "Number overflow. Attempting to store a number with magnitude larger than supported range under root"),
    ("INSERT INTO \"{t}\" VALUE {{'pk': 'x', 'l': [1, 1e126]}}",
     "Number overflow. Attempting to store a number with magnitude larger than supported range under root[1]"),
    ("SELECT * FROM \"{t}\" WHERE attribute_exists('x')",
     "Operator or function requires a document path; operator or function: attribute_exists"),
    ("SELECT * FROM \"{t}\" WHERE attribute_exists(a, b)",
     "Incorrect number of operands for operator or function; operator or function: attribute_exists, "
     "number of operands: 2"),
    ("SELECT * FROM \"{t}\" WHERE a < true",
     "Incorrect operand type for operator or function; operator or function: <, operand type: BOOL"),
    ("SELECT * FROM \"{t}\" WHERE attribute_exists(m.inner)", WELL_FORMED + "Invalid path dot component"),
    ("UPDATE \"{t}\" SET a = 1 WHERE a = 2", "Where clause does not contain a mandatory equality on all key attributes"),
    ("DELETE FROM \"{t}\"", "Where clause does not contain a mandatory equality on all key attributes"),
    ("DELETE FROM \"{t}\" WHERE pk = 'a' OR pk = 'b'",
     "Where clause does not contain a mandatory equality on all key attributes"),
    ("UPDATE \"{t}\" SET pk = 'b' WHERE pk = 'a'",
     "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key"),
    ("UPDATE \"{t}\" SET a = 1, a = 2 WHERE pk = 'a'",
     "Two document paths overlap with each other; must remove or rewrite one of these paths; "
     "path one: [a], path two: [a]"),
    ("DELETE FROM \"{t}\" WHERE pk = 'a' RETURNING ALL NEW *",
     "Invalid returning clause: RETURNING ALL NEW *. Only RETURNING ALL OLD * is allowed in DELETE statements."),
    ("SELECT * FROM \"{t}\" WHERE pk = 1", "Key attribute's data type should match its data type in table's schema: Key pk"),
    ("INSERT INTO \"{t}\" VALUE {{'x': 1}}", "Key attribute should be present in the item: Key pk"),
    ("INSERT INTO \"{t}\" VALUE {{'pk': 'a', 'pk': 'b'}}", "Duplicate keys in tuple. Key: pk under root at 1:{col}:4"),
    ("SELECT * FROM \"{t}\" WHERE x = ?", "Number of parameters in request and statement don't match."),
    ("SELECT * FROM \"{t}\" ORDER BY pk", "Must have WHERE clause in the statement when using ORDER BY clause."),
    ("SELECT * FROM \"{t}\".\"nope\"", "The table does not have the specified index"),
    ("SELECT a, b, a FROM \"{t}\"", "Duplicate identifiers in select clause: a"),
    ("SELECT a, b c FROM \"{t}\"", "Aliasing is not supported"),
    ("SELECT a, 1.5e1 FROM \"{t}\"", "Unexpected path component at 1:11:5"),
    ("SELECT * FROM 'x'", "Unexpected from source"),
    ("SELECT * FROM false WHERE a = 1", "Unexpected from source"),
    ("SELECT * FROM <<'a', 'b'>> WHERE a = 1", "Unexpected from source"),
    ("SELECT * FROM [1]", "Unexpected from source"),
    ("SELECT a AS \"c\" FROM \"{t}\" x", "Aliasing is not supported"),
    ("INSERT INTO \"{t}\" {{'pk': 'a'}}", "Unsupported operation: InsertOp"),
    ("SELECT m, m.x FROM \"{t}\" WHERE s < <<'a'>>",
     "Two document paths overlap with each other; must remove or rewrite one of these paths; "
     "path one: [m, x], path two: [m]"),
    ("SELECT m.x, \"x\" FROM \"{t}\"", "Duplicate identifiers in select clause: x"),
    ("SELECT l[1], m.l[1] FROM \"{t}\"", "Duplicate identifiers in select clause: l[1]"),
    ("SELECT m, m.y.z FROM \"{t}\"",
     "Two document paths overlap with each other; must remove or rewrite one of these paths; "
     "path one: [m, y, z], path two: [m]"),
    ("SELECT m.e, l, m FROM \"{t}\"",
     "Two document paths overlap with each other; must remove or rewrite one of these paths; "
     "path one: [m], path two: [m, e]"),
])
def test_refused_statements(ddb, hash_table, statement, message):
    """DynamoDB refuses malformed or unsupported statements with ValidationException, with the
    wording it has for each (AWS captures; DynamoDB Local where AWS's is not known)."""
    text = statement.format(t=hash_table)
    if "{col}" in message:
        message = message.format(col=text.index("'pk': 'b'") + 1)
    assert refused(ddb.execute_statement, Statement=text) == ("ValidationException", message)


def test_function_and_is_positions(ddb, hash_table):
    """Unknown functions and refused IS types name the token's line:column:length."""
    s = f"SELECT * FROM \"{hash_table}\" WHERE EXISTS(a)"
    col = s.index("EXISTS") + 1
    assert refused(ddb.execute_statement, Statement=s) == (
        "ValidationException", f"Unrecognized function: exists at 1:{col}:6")
    s = f"SELECT * FROM \"{hash_table}\" WHERE a IS INT"
    col = s.index("IS INT") + 1
    assert refused(ddb.execute_statement, Statement=s)[1].startswith(
        "Unsupported data type for IS operator: INTEGER. Supported data types are [MISSING, NULL, BOOLEAN")
    assert refused(ddb.execute_statement, Statement=s)[1].endswith(f"at 1:{col}:2")


@pytest.mark.parametrize("statement", [
    "SELECT * FROM \"{t}\" t pk = 'a'",
    "SELECT * FROM \"{t}\" AS t WHERE pk =",
    "INSERT INTO \"{t}\" VALUE {{'pk': 'a', 0}}",
    "INSERT INTO \"{t}\" VALUE {{'pk': 'a', 1.5: 1}} garbage",
    "SELECT * FROM \"{t}\" LIMIT 5 x",
    "SELECT a b FROM \"{t}\" WHERE",
    "INSERT INTO \"{t}\" VALUE true}} 'x'",
    "INSERT INTO \"{t}\" {{'pk': 'a'}} x",
    "UPDATE \"{t}\" SET a = 1 WHERE pk = ? 'a'",
    "SELECT * FROM \"{t}\" WHERE a = [?",
    "SELECT a, 1.5 FROM \"{t}\" WHERE",
    "SELECT * FROM 5 WHERE",
    "INSERT INTO \"{t}\" VALUE {{'pk': 'a', 's': << null, 'x': ''}}",
    "SELECT * FROM \"{t}\" WHERE pk = AND (a > 1)",
])
def test_syntax_errors_come_before_what_was_read(ddb, hash_table, statement):
    """DynamoDB parses the whole statement before it refuses an alias or a number as a tuple key,
    so a syntax error further on is what it reports."""
    code, message = refused(ddb.execute_statement, Statement=statement.format(t=hash_table))
    assert code == "ValidationException"
    assert message.startswith("Statement wasn't well formed, can't be processed: ")


def test_limit_clause_is_refused_at_its_count(ddb, hash_table):
    """DynamoDB refuses a LIMIT clause (the request's Limit pages instead), at its count's position,
    before an alias or a literal of the statement."""
    for prefix in (f"SELECT * FROM \"{hash_table}\" ", f"SELECT * FROM \"{hash_table}\" t ",
                   f"SELECT * FROM \"{hash_table}\" WHERE x = {{0: 1}} "):
        s = prefix + "LIMIT 'x'"
        assert refused(ddb.execute_statement, Statement=s) == (
            "ValidationException", f"Unsupported clause: LIMIT at 1:{len(prefix) + 7}:3")


@pytest.mark.parametrize("statement, message", [
    ("SELECT * FROM \"{t}\" WHERE a = MISSING", "MISSING must be compared using IS operator"),
    ("SELECT * FROM \"{t}\" WHERE a IN [MISSING, 1]", "MISSING must be compared using IS operator"),
    ("UPDATE \"{t}\" SET a = a + MISSING WHERE pk = 'a'", "MISSING must be compared using IS operator"),
    ("SELECT * FROM \"{t}\" WHERE a = {{'x': [1, MISSING]}}",
     "Unsupported data type: LiteralMissing under key root.x.1 at 1:{col}:7"),
    ("INSERT INTO \"{t}\" VALUE {{'pk': 'a', 'l': [MISSING]}}",
     "Unsupported data type: LiteralMissing under key root.0 at 1:{col}:7"),
    ("INSERT INTO \"{t}\" VALUE {{'pk': 'a', 'd': MISSING}}", "Unsupported data type: MISSING under key root at 1:{col}:7"),
])
def test_missing_as_a_value(ddb, hash_table, statement, message):
    """MISSING is only for IS: as an operand DynamoDB says so, inside a literal it names the literal's
    path (list indexes as .0) and calls it LiteralMissing, as an INSERT's attribute MISSING."""
    text = statement.format(t=hash_table)
    assert refused(ddb.execute_statement, Statement=text) == (
        "ValidationException", message.format(col=text.index("MISSING") + 1))


@pytest.mark.parametrize("value, at", [("MISSING", "1:{c}:7"), ("[1]", "1:{c}:1"), ("<<1>>", "1:{c}:2"),
                                       ("-5", "1:{c1}:1")])
def test_insert_of_a_non_struct_names_its_first_token(ddb, hash_table, value, at):
    """An INSERT whose VALUE is not a struct is refused at the value's first token (a signed
    number's number), whatever the value holds."""
    text = f"INSERT INTO \"{hash_table}\" VALUE {value}"
    c = text.rindex(" VALUE ") + len(" VALUE ") + 1  # the value's column (the table name may hold "-5")
    assert refused(ddb.execute_statement, Statement=text) == ("ValidationException", (
        "Unsupported format in item expression. Please use struct format {...} to express item values for "
        f"insert statement. at {at.format(c=c, c1=c + 1)}"))


@pytest.mark.parametrize("where, op", [
    ("n + 1 = 2", "+"), ("n = 1 + 2", "+"), ("n * 2 = 2", "*"), ("n = -n", "-"), ("size(n) - 1 = 2", "-"),
    ("n LIKE 'a'", "like"),
])
def test_arithmetic_in_a_condition_is_refused(ddb, hash_table, where, op):
    """A condition parses arithmetic and LIKE but DynamoDB refuses them by operator."""
    assert refused(ddb.execute_statement, Statement=f"SELECT * FROM \"{hash_table}\" WHERE {where}") == (
        "ValidationException", f"Unsupported operator in Condition Expression. Operator: {op}")


def test_a_sign_before_a_number_in_a_condition_folds(ddb, hash_table):
    """`- -3` in a condition is the number 3."""
    k = key()
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": k}, "n": {"N": "3"}})
    assert run(ddb, f"SELECT pk FROM \"{hash_table}\" WHERE pk = '{k}' AND n = - -3")["Items"] == [{"pk": {"S": k}}]


def test_missing_table(ddb):
    """A statement on a table that does not exist answers ResourceNotFoundException."""
    code, _ = refused(ddb.execute_statement, Statement="SELECT * FROM \"nope-never-made\"")
    assert code == "ResourceNotFoundException"


def test_statement_checks_come_before_the_table(ddb):
    """An operand of a type with no order, or an empty FROM component, is refused before the
    table is looked up (so even for a table that does not exist)."""
    assert refused(ddb.execute_statement, Statement="SELECT pk FROM \"nope-never-made\" WHERE pk = ? AND v < ?",
                   Parameters=[{"S": "x"}, {"BOOL": True}]) == (
        "ValidationException", "Incorrect operand type for operator or function; operator or function: <, "
                               "operand type: BOOL")
    assert refused(ddb.execute_statement, Statement="SELECT * FROM \"\" WHERE pk = 'x'") == (
        "ValidationException", "Path component cannot be an empty string")


def test_bad_parameter_number(ddb, hash_table):
    """A parameter is checked as an AttributeValue; a bad number names its text."""
    assert refused(ddb.execute_statement, Statement=f"SELECT * FROM \"{hash_table}\" WHERE pk = ?",
                   Parameters=[{"N": "abc"}]) == (
        "ValidationException", "The parameter cannot be converted to a numeric value: abc")


def test_invalid_next_token(ddb, hash_table):
    """A NextToken the server did not hand out answers ValidationException "Invalid NextToken"."""
    assert refused(ddb.execute_statement, Statement=f"SELECT * FROM \"{hash_table}\"", NextToken="garbage") == (
        "ValidationException", "Invalid NextToken")


# --- functionality: SELECT ------------------------------------------------------------------


def test_select_on_the_partition_reads_it_in_order(ddb, paged):
    """An equality on the partition key reads that partition, in sort key order."""
    name, p = paged
    r = run(ddb, f"SELECT sk FROM \"{name}\" WHERE pk = '{p}'")
    assert [i["sk"]["N"] for i in r["Items"]] == [str(i) for i in range(1, 8)]


@pytest.mark.parametrize("where, expected", [
    ("sk > 5", [6, 7]), ("sk <= 2", [1, 2]), ("sk BETWEEN 3 AND 4", [3, 4]), ("sk = 2", [2]),
    ("v >= 60", [6, 7]), ("NOT sk IN [1, 2, 3, 4, 5]", [6, 7]), ("sk IN (1, 7)", [1, 7]),
    ("(sk = 1 OR v = 70)", [1, 7]), ("sk <> 1 AND sk < 3", [2]),
])
def test_select_where(ddb, paged, where, expected):
    """WHERE terms on the sort key narrow the read; the others filter it; all combine."""
    name, p = paged
    r = run(ddb, f"SELECT * FROM \"{name}\" WHERE pk = '{p}' AND {where}")
    assert [int(i["sk"]["N"]) for i in r["Items"]] == expected


def test_order_by_sort_key_desc(ddb, paged):
    """ORDER BY the sort key DESC reads the partition backwards."""
    name, p = paged
    r = run(ddb, f"SELECT * FROM \"{name}\" WHERE pk = '{p}' ORDER BY sk DESC")
    assert [int(i["sk"]["N"]) for i in r["Items"]] == [7, 6, 5, 4, 3, 2, 1]


def test_order_by_rules(ddb, paged):
    """ORDER BY needs a partition key equality and a key attribute."""
    name, p = paged
    assert refused(ddb.execute_statement, Statement=f"SELECT * FROM \"{name}\" WHERE v > 1 ORDER BY sk")[1] == (
        "Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause.")
    assert refused(ddb.execute_statement, Statement=f"SELECT * FROM \"{name}\" WHERE pk = 'p' ORDER BY v")[1] == (
        "Variable reference v in ORDER BY clause must be part of the primary key")


def test_limit_and_next_token_page_a_query(ddb, paged):
    """Limit counts items read; NextToken resumes after the last one until the partition ends."""
    name, p = paged
    seen, token, pages = [], None, 0
    while True:
        kw = {"NextToken": token} if token else {}
        r = run(ddb, f"SELECT * FROM \"{name}\" WHERE pk = '{p}'", Limit=3, **kw)
        seen += [int(i["sk"]["N"]) for i in r["Items"]]
        pages += 1
        token = r.get("NextToken")
        if not token:
            break
    assert seen == list(range(1, 8)) and pages == 3


def test_scan_without_key_condition_pages_and_filters(ddb, paged):
    """A SELECT without a partition key equality reads the whole table as a Scan does: Limit
    counts items read before the filter, so a page may hold fewer items, and paging ends."""
    name, _ = paged
    found, token = [], None
    for _ in range(20):
        kw = {"NextToken": token} if token else {}
        r = run(ddb, f"SELECT v FROM \"{name}\" WHERE v > 40", Limit=2, **kw)
        assert len(r["Items"]) <= 2
        found += [int(i["v"]["N"]) for i in r["Items"]]
        token = r.get("NextToken")
        if not token:
            break
    assert sorted(found) == [50, 60, 70]


def test_projection_of_nested_paths(ddb, hash_table):
    """A column list returns each path's value under its last name; absent paths are left out."""
    k = key()
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": k}, "m": {"M": {"q": {"L": [{"N": "1"}, {"S": "two"}]}}},
                                             "x": {"N": "1"}})
    r = run(ddb, f"SELECT x, m.q, nope FROM \"{hash_table}\" WHERE pk = '{k}'")
    assert r["Items"] == [{"x": {"N": "1"}, "q": {"L": [{"N": "1"}, {"S": "two"}]}}]


def test_functions_and_is_in_where(ddb, hash_table):
    """attribute_exists, size, attribute_type, begins_with, contains and IS run as filters."""
    k = key()
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": k}, "s": {"S": "str"}, "nul": {"NULL": True},
                                             "ss": {"SS": ["a", "b"]}, "flag": {"BOOL": True}})
    def hit(cond: str) -> bool:
        return bool(run(ddb, f"SELECT pk FROM \"{hash_table}\" WHERE pk = '{k}' AND {cond}")["Items"])
    assert hit("attribute_exists(ss)") and not hit("attribute_exists(nope)")
    assert hit("ATTRIBUTE_NOT_EXISTS(nope)") and hit("attribute_exists(ss) = true")
    assert hit("size(s) = 3") and not hit("size(s) = 4")
    assert hit("attribute_type(ss, 'SS')") and hit("begins_with(s, 'st')") and hit("contains(ss, 'a')")
    assert hit("nul IS NULL") and not hit("s IS NULL") and hit("s IS NOT NULL")
    assert hit("nope IS MISSING") and hit("flag IS BOOLEAN") and hit("s IS STRING") and not hit("s IS BOOL")


def test_parameters_bind_in_order(ddb, paged):
    """`?` takes the Parameters in order, any AttributeValue type."""
    name, p = paged
    r = run(ddb, f"SELECT sk FROM \"{name}\" WHERE pk = ? AND sk BETWEEN ? AND ?",
            Parameters=[{"S": p}, {"N": "2"}, {"N": "3"}])
    assert [i["sk"]["N"] for i in r["Items"]] == ["2", "3"]


def test_comparing_sets_and_maps(ddb, hash_table):
    """Sets compare regardless of order, maps by content, lists in order."""
    k = key()
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": k}, "ss": {"SS": ["a", "b"]}, "l": {"L": [{"S": "a"}, {"S": "b"}]}})
    stmt = f"SELECT pk FROM \"{hash_table}\" WHERE pk = ? AND ss = ?"
    assert run(ddb, stmt, Parameters=[{"S": k}, {"SS": ["b", "a"]}])["Items"]
    stmt = f"SELECT pk FROM \"{hash_table}\" WHERE pk = ? AND l = ?"
    assert not run(ddb, stmt, Parameters=[{"S": k}, {"L": [{"S": "b"}, {"S": "a"}]}])["Items"]


def test_consumed_capacity_of_a_select(ddb, hash_table):
    """ReturnConsumedCapacity TOTAL reports the read's units (half for an eventually consistent read)."""
    k = key()
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": k}})
    r = run(ddb, f"SELECT * FROM \"{hash_table}\" WHERE pk = '{k}'", ReturnConsumedCapacity="TOTAL")
    assert r["ConsumedCapacity"] == {"TableName": hash_table, "CapacityUnits": 0.5}
    r = run(ddb, f"SELECT * FROM \"{hash_table}\" WHERE pk = '{k}'", ReturnConsumedCapacity="TOTAL",
            ConsistentRead=True)
    assert r["ConsumedCapacity"]["CapacityUnits"] == 1.0


def test_comments_are_whitespace(ddb, hash_table):
    """-- line and /* block */ comments separate tokens anywhere."""
    k = key()
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": k}})
    r = run(ddb, f"-- first\nSELECT * FROM \"{hash_table}\" /* x */ -- y\nWHERE pk = '{k}' /* z */")
    assert len(r["Items"]) == 1


# --- functionality: writes ------------------------------------------------------------------


def test_insert_refuses_an_existing_key(ddb, hash_table):
    """INSERT on an existing key fails with DuplicateItemException and changes nothing."""
    k = key()
    run(ddb, f"INSERT INTO \"{hash_table}\" VALUE {{'pk': '{k}', 'a': 1}}")
    assert refused(ddb.execute_statement, Statement=f"INSERT INTO \"{hash_table}\" VALUE {{'pk': '{k}', 'a': 2}}") == (
        "DuplicateItemException", "Duplicate primary key exists in table")
    assert ddb.get_item(TableName=hash_table, Key={"pk": {"S": k}})["Item"]["a"] == {"N": "1"}


def test_update_set_remove_and_returning(ddb, hash_table):
    """UPDATE applies SET (arithmetic, list_append, if_not_exists, set_add/set_delete) and REMOVE;
    RETURNING gives the old or new item, whole or only the modified attributes."""
    k = key()
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": k}, "a": {"N": "1"}, "b": {"S": "x"},
                                             "l": {"L": [{"N": "1"}]}, "ss": {"SS": ["a"]}})
    r = run(ddb, f"UPDATE \"{hash_table}\" SET a = a + 2 SET l = list_append(l, [2]) REMOVE b "
                 f"WHERE pk = '{k}' RETURNING MODIFIED OLD *")
    assert r["Items"] == [{"a": {"N": "1"}, "b": {"S": "x"}, "l": {"L": [{"N": "1"}]}}]
    r = run(ddb, f"UPDATE \"{hash_table}\" SET c = if_not_exists(c, 5), ss = set_add(ss, <<'b'>>) "
                 f"WHERE pk = '{k}' RETURNING MODIFIED NEW *")
    assert r["Items"][0]["c"] == {"N": "5"} and sorted(r["Items"][0]["ss"]["SS"]) == ["a", "b"]
    r = run(ddb, f"UPDATE \"{hash_table}\" SET ss = set_delete(ss, <<'a'>>) WHERE pk = '{k}' RETURNING ALL NEW *")
    assert r["Items"] == [{"pk": {"S": k}, "a": {"N": "3"}, "l": {"L": [{"N": "1"}, {"N": "2"}]},
                           "c": {"N": "5"}, "ss": {"SS": ["b"]}}]
    r = run(ddb, f"UPDATE \"{hash_table}\" SET a = 0 WHERE pk = '{k}' RETURNING ALL OLD *")
    assert r["Items"][0]["a"] == {"N": "3"}


def test_unary_signs_fold_into_a_number(ddb, hash_table):
    """A sign before a number, or before a sign or a parenthesised number, folds into the number;
    a sign before anything else is refused as an operator with one operand."""
    k = key()
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": k}, "n": {"N": "1"}})
    for value, expected in (("+ -3", "-3"), ("- -3", "3"), ("-(3)", "-3"), ("-(0)", "0")):
        r = run(ddb, f"UPDATE \"{hash_table}\" SET n = {value} WHERE pk = '{k}' RETURNING MODIFIED NEW *")
        assert r["Items"] == [{"n": {"N": expected}}]
    for value, op in (("+'a'", "+"), ("-n", "-"), ("-(1 + 2)", "-")):
        assert refused(ddb.execute_statement, Statement=f"UPDATE \"{hash_table}\" SET n = {value} WHERE pk = '{k}'") == (
            "ValidationException",
            f"Incorrect number of operands for operator or function; operator or function: {op}, number of operands: 1")


def test_from_first_update(ddb, hash_table):
    """`FROM "t" WHERE <key> SET ...` is an UPDATE of the item the WHERE names."""
    k = key()
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": k}, "a": {"N": "1"}})
    run(ddb, f"from \"{hash_table}\" where pk = ? and a = 1 set c = ? remove a", Parameters=[{"S": k}, {"N": "7"}])
    assert ddb.get_item(TableName=hash_table, Key={"pk": {"S": k}})["Item"] == {"pk": {"S": k}, "c": {"N": "7"}}


def test_update_conditions(ddb, hash_table):
    """UPDATE needs the item to exist; extra WHERE terms are a condition; a failure can return
    the item (ReturnValuesOnConditionCheckFailure ALL_OLD)."""
    k = key()
    assert refused(ddb.execute_statement, Statement=f"UPDATE \"{hash_table}\" SET a = 1 WHERE pk = '{k}'")[0] == (
        "ConditionalCheckFailedException")
    assert "Item" not in ddb.get_item(TableName=hash_table, Key={"pk": {"S": k}})
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": k}, "a": {"N": "5"}})
    from botocore.exceptions import ClientError
    with pytest.raises(ClientError) as e:
        run(ddb, f"UPDATE \"{hash_table}\" SET b = 1 WHERE pk = '{k}' AND a = 6",
            ReturnValuesOnConditionCheckFailure="ALL_OLD")
    assert e.value.response["Error"]["Code"] == "ConditionalCheckFailedException"
    assert e.value.response["Item"] == {"pk": {"S": k}, "a": {"N": "5"}}
    run(ddb, f"UPDATE \"{hash_table}\" SET b = 1 WHERE pk = '{k}' AND a = 5 AND attribute_not_exists(b)")
    assert ddb.get_item(TableName=hash_table, Key={"pk": {"S": k}})["Item"]["b"] == {"N": "1"}


def test_delete_with_condition_and_returning(ddb, hash_table):
    """DELETE removes the item its WHERE names; extra terms are a condition; RETURNING ALL OLD *
    returns what was deleted."""
    k = key()
    ddb.put_item(TableName=hash_table, Item={"pk": {"S": k}, "a": {"N": "5"}})
    assert refused(ddb.execute_statement, Statement=f"DELETE FROM \"{hash_table}\" WHERE pk = '{k}' AND a = 6")[0] == (
        "ConditionalCheckFailedException")
    r = run(ddb, f"DELETE FROM \"{hash_table}\" WHERE pk = '{k}' AND a = 5 RETURNING ALL OLD *")
    assert r["Items"] == [{"pk": {"S": k}, "a": {"N": "5"}}]
    assert "Item" not in ddb.get_item(TableName=hash_table, Key={"pk": {"S": k}})


def test_write_consumed_capacity(ddb, hash_table):
    """A write asked for its capacity reports one write unit for a small item."""
    k = key()
    r = run(ddb, f"INSERT INTO \"{hash_table}\" VALUE {{'pk': '{k}'}}", ReturnConsumedCapacity="TOTAL")
    assert r["ConsumedCapacity"] == {"TableName": hash_table, "CapacityUnits": 1.0}


def test_select_an_index(ddb, lsi_table):
    """`"table"."index"` reads the index: its key equality makes a Query in index order."""
    p = key()
    for sk, lsik in (("1", "c"), ("2", "a"), ("3", "b")):
        ddb.put_item(TableName=lsi_table, Item={"pk": {"S": p}, "sk": {"S": sk}, "lsik": {"S": lsik}})
    r = run(ddb, f"SELECT sk FROM \"{lsi_table}\".\"lsi1\" WHERE pk = '{p}'")
    assert [i["sk"]["S"] for i in r["Items"]] == ["2", "3", "1"]
    r = run(ddb, f"SELECT sk FROM \"{lsi_table}\".\"lsi1\" WHERE pk = '{p}' AND lsik > 'a' ORDER BY lsik DESC",
            Limit=1)
    assert [i["sk"]["S"] for i in r["Items"]] == ["1"] and "NextToken" in r
    r2 = run(ddb, f"SELECT sk FROM \"{lsi_table}\".\"lsi1\" WHERE pk = '{p}' AND lsik > 'a' ORDER BY lsik DESC",
             Limit=1, NextToken=r["NextToken"])
    assert [i["sk"]["S"] for i in r2["Items"]] == ["3"]


def test_delete_of_an_absent_item_ignores_its_condition(ddb, hash_table):
    """A DELETE whose key names no item succeeds whatever its further conditions (DynamoDB Local)."""
    assert run(ddb, f"DELETE FROM \"{hash_table}\" WHERE pk = '{key()}' AND a = 1")["Items"] == []


def test_an_index_with_a_multi_attribute_key_is_refused(ddb):
    """PartiQL cannot read a GSI whose key has more than one HASH or RANGE attribute."""
    name = f"pq-multi-{key()[:8]}"
    ddb.create_table(
        TableName=name, BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in ("id", "h1", "h2")],
        GlobalSecondaryIndexes=[{"IndexName": "gsi", "Projection": {"ProjectionType": "ALL"}, "KeySchema": [
            {"AttributeName": "h1", "KeyType": "HASH"}, {"AttributeName": "h2", "KeyType": "HASH"}]}])
    assert refused(ddb.execute_statement, Statement=f"SELECT * FROM \"{name}\".\"gsi\" WHERE h1 = 5") == (
        "ValidationException", "PartiQL statements cannot be executed on tables with multi-attribute HASH keys or "
                               "multi-attribute RANGE keys.")
    assert refused(ddb.execute_statement, Statement=f"SELECT * FROM \"{name}\".\"gsi\" WHERE")[1] == (
        WELL_FORMED + "Unexpected term")
    assert refused(ddb.execute_statement, Statement=f"SELECT COUNT(*) FROM \"{name}\".\"gsi\"")[1].startswith(
        "PartiQL statements cannot be executed on tables with multi-attribute")
    assert refused(ddb.execute_statement, Statement=f"SELECT COUNT(*) FROM \"{name}\" WHERE id = 'a'")[1] == (
        "Unexpected path component at 1:8:5")


def test_a_local_index_reaches_the_table_item(ddb):
    """An LSI read returns attributes the index does not project (it reaches the table's item)."""
    name = f"pq-lsi-{key()[:8]}"
    ddb.create_table(
        TableName=name, BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in ("pk", "sk", "l")],
        LocalSecondaryIndexes=[{"IndexName": "lsi", "Projection": {"ProjectionType": "KEYS_ONLY"}, "KeySchema": [
            {"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "l", "KeyType": "RANGE"}]}])
    ddb.put_item(TableName=name, Item={"pk": {"S": "a"}, "sk": {"S": "1"}, "l": {"S": "x"}, "data": {"S": "one"}})
    r = run(ddb, f"SELECT data FROM \"{name}\".\"lsi\" WHERE pk = 'a' AND l = 'x'", ConsistentRead=True)
    assert r["Items"] == [{"data": {"S": "one"}}]


@pytest.mark.parametrize("value, message", [
    ("1e99999999999", "The parameter cannot be converted to a numeric value: 1e99999999999"),
    ("-1e2147483648", "The parameter cannot be converted to a numeric value: -1e2147483648"),
    ("1e-2147483648", "The parameter cannot be converted to a numeric value: 1e-2147483648"),
    ("1e2147483647", "Number underflow. Attempting to store a number with magnitude smaller than supported range"),
    ("", "The parameter cannot be converted to a numeric value"),
])
def test_parameter_numbers_read_as_java_decimals(ddb, hash_table, value, message):
    """A number parameter is read as Java's BigDecimal reads text (AWS captures)."""
    assert refused(ddb.execute_statement, Statement=f"SELECT * FROM \"{hash_table}\" WHERE pk = 'a' AND n = ?",
                   Parameters=[{"N": value}]) == ("ValidationException", message)


def test_parameter_problems_in_document_order(ddb, hash_table):
    """Too deep and unconvertible: whichever comes first in the parameters is reported."""
    deep: dict[str, Any] = {"S": "leaf"}
    for _ in range(40):
        deep = {"M": {"n": deep}}
    stmt = f"SELECT * FROM \"{hash_table}\" WHERE pk = 'a' AND x = ? AND y = ?"
    assert refused(ddb.execute_statement, Statement=stmt, Parameters=[deep, {"N": "abc"}])[1].startswith(
        "Nesting Levels have exceeded supported limits")
    assert refused(ddb.execute_statement, Statement=stmt, Parameters=[{"N": "abc"}, deep])[1] == (
        "The parameter cannot be converted to a numeric value: abc")


@pytest.mark.parametrize("statement", ["SELECT * FROM \"ab\"", "SELECT * FROM \"a b c\"", "INSERT INTO \"x\" VALUE {'pk': 'a'}",
                                       "SELECT * FROM \"abc\".\"ix\""])
def test_bad_table_or_index_name(ddb, statement):
    """A table or index name outside DynamoDB's naming rules is refused before the table is looked up."""
    assert refused(ddb.execute_statement, Statement=statement) == (
        "ValidationException",
        "Table name should be within the length [3, 255] and only contain 'a-z', 'A-Z', '0-9', '-', '_', '.'.")


@pytest.fixture(scope="module")
def qualified(ddb):
    """A table with ALL, INCLUDE (projattr) and KEYS_ONLY indexes of both kinds; `nonproj` is
    projected by none of them."""
    name = f"pq-idx-{key()[:8]}"
    h = lambda n: {"AttributeName": n, "KeyType": "HASH"}  # noqa: E731
    r = lambda n: {"AttributeName": n, "KeyType": "RANGE"}  # noqa: E731
    include = {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["projattr"]}
    ddb.create_table(
        TableName=name, BillingMode="PAY_PER_REQUEST", KeySchema=[h("pk"), r("sk")],
        AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in ("pk", "sk", "g", "g2", "l", "l2")],
        GlobalSecondaryIndexes=[
            {"IndexName": "gsi-all", "KeySchema": [h("g")], "Projection": {"ProjectionType": "ALL"}},
            {"IndexName": "gsi-inc", "KeySchema": [h("g2")], "Projection": include},
            {"IndexName": "gsi-keys", "KeySchema": [h("g2")], "Projection": {"ProjectionType": "KEYS_ONLY"}}],
        LocalSecondaryIndexes=[
            {"IndexName": "lsi-keys", "KeySchema": [h("pk"), r("l")], "Projection": {"ProjectionType": "KEYS_ONLY"}},
            {"IndexName": "lsi-inc", "KeySchema": [h("pk"), r("l2")], "Projection": include}])
    s = lambda v: {"S": v}  # noqa: E731
    for i in ("1", "2"):
        ddb.put_item(TableName=name, Item={"pk": s("p"), "sk": s(i), "g": s("x"), "g2": s("y"), "l": s("l" + i),
                                           "l2": s("m" + i), "projattr": s("pa" + i), "nonproj": s("np" + i)})
    return name


@pytest.mark.parametrize("statement, message", [
    ("SELECT * FROM \"{t}\".\"no-such-index\" WHERE pk = 'p'", "The table does not have the specified index"),
    ("SELECT * FROM \"{t}\".\"{t}\" WHERE pk = 'p'", "The table does not have the specified index"),
    ("SELECT * FROM \"{t}\".\"gsi-all\".\"extra\" WHERE pk = 'p'",
     "A path may contain at most 2 components in the FROM clause"),
    ("SELECT * FROM \"{t}\".\"\" WHERE pk = 'p'", "Path component cannot be an empty string"),
    ("SELECT * FROM \"\" WHERE pk = 'p'", "Path component cannot be an empty string"),
    ("INSERT INTO \"{t}\".\"gsi-all\" VALUE {{'pk': 'w', 'sk': 'w'}}",
     "FROM clause may only contain a single table name in data manipulation statements at 1:13:{n}"),
    ("UPDATE \"{t}\".\"gsi-all\" SET projattr = 'z' WHERE pk = 'p' AND sk = '1'",
     "This operation is not supported on an index"),
    ("DELETE FROM \"{t}\".\"gsi-all\" WHERE pk = 'p' AND sk = '1'", "This operation is not supported on an index"),
    ("DELETE FROM \"no-such-table\".\"gsi-all\" WHERE pk = 'p'", "This operation is not supported on an index"),
])
def test_index_qualifier_refusals(ddb, qualified, statement, message):
    """A FROM path names a table and at most one of its indexes; writes refuse an index (INSERT
    at its table name), and a missing index is named without Query's suffix (AWS captures)."""
    text = statement.format(t=qualified)
    assert refused(ddb.execute_statement, Statement=text) == (
        "ValidationException", message.format(n=len(qualified) + 2))
    assert run(ddb, f"SELECT sk FROM \"{qualified}\" WHERE pk = 'p'")["Items"] == [{"sk": {"S": "1"}}, {"sk": {"S": "2"}}]


def test_index_reads_refuse_consistency_and_transactions(ddb, qualified):
    """A strongly consistent read of a global index is refused in PartiQL's own words (Query has
    others), and a transaction may not read an index at all."""
    assert refused(ddb.execute_statement, Statement=f"SELECT * FROM \"{qualified}\".\"gsi-all\" WHERE g = 'x'",
                   ConsistentRead=True) == (
        "ValidationException", "Strongly consistent read is not supported on Global Secondary Indexes")
    assert refused(ddb.execute_transaction, TransactStatements=[
        {"Statement": f"SELECT * FROM \"{qualified}\".\"gsi-all\" WHERE g = 'x'"}]) == (
        "ValidationException",
        "Validation failed in TransactStatements[0]: Reads on indices are not supported within transactions.")


def test_select_star_reads_what_the_index_projects(ddb, qualified):
    """SELECT * of a non-ALL index answers the index's own projection, local ones too (only a
    named column the local index lacks reaches the table's item, charged to the table)."""
    r = run(ddb, f"SELECT * FROM \"{qualified}\".\"lsi-keys\" WHERE pk = 'p'", ReturnConsumedCapacity="INDEXES")
    assert [sorted(i) for i in r["Items"]] == [["l", "pk", "sk"], ["l", "pk", "sk"]]
    assert "Table" not in r["ConsumedCapacity"] or r["ConsumedCapacity"]["Table"]["CapacityUnits"] == 0
    r = run(ddb, f"SELECT * FROM \"{qualified}\".\"gsi-inc\" WHERE g2 = 'y'")
    assert [sorted(i) for i in r["Items"]] == [["g2", "pk", "projattr", "sk"]] * 2
    r = run(ddb, f"SELECT nonproj FROM \"{qualified}\".\"lsi-keys\" WHERE pk = 'p'", ReturnConsumedCapacity="INDEXES")
    assert r["Items"] == [{"nonproj": {"S": "np1"}}, {"nonproj": {"S": "np2"}}]
    assert r["ConsumedCapacity"]["Table"]["CapacityUnits"] > 0


@pytest.mark.parametrize("index, where", [
    ("gsi-inc", "g2 = 'y' AND nonproj = 'np1'"),
    ("gsi-inc", "g2 IN ['y', 'z'] AND NOT nonproj = 'np1'"),
    ("gsi-inc", "g2 = 'y' AND nonproj IS MISSING"),
    ("gsi-keys", "g2 = 'y' AND begins_with(nonproj, 'np')"),
    ("lsi-keys", "pk = 'p' AND l BETWEEN 'l1' AND 'l2' AND nonproj = 'np1'"),
])
def test_a_keyed_index_read_refuses_an_unprojected_filter(ddb, qualified, index, where):
    """Keyed on its partition key (= or IN at the top level), an index read may not filter on an
    attribute the index does not project."""
    assert refused(ddb.execute_statement, Statement=f"SELECT pk FROM \"{qualified}\".\"{index}\" WHERE {where}") == (
        "ValidationException", "One or more parameter values were invalid: Secondary index "
                               f"{index} does not project one or more filter attributes: [nonproj]")


@pytest.mark.parametrize("index, where, expected", [
    ("gsi-inc", "nonproj = 'np1'", []),
    ("lsi-keys", "nonproj = 'np1'", []),
    ("gsi-keys", "NOT nonproj = 'np1'", ["1", "2"]),
    ("gsi-inc", "(g2 = 'y' AND nonproj = 'np1') OR (g2 = 'y' AND sk = '2')", ["2"]),
    ("gsi-inc", "g2 = 'y' AND projattr IS NOT MISSING", ["1", "2"]),
])
def test_an_unkeyed_index_read_filters_on_what_it_holds(ddb, qualified, index, where, expected):
    """Without a top-level key condition the read scans the index, where an unprojected
    attribute is simply absent."""
    r = run(ddb, f"SELECT sk FROM \"{qualified}\".\"{index}\" WHERE {where}")
    assert sorted(i["sk"]["S"] for i in r["Items"]) == expected


def test_a_next_token_belongs_to_its_index(ddb, qualified):
    """A NextToken of one index is refused by another, even one with the same key."""
    first = run(ddb, f"SELECT pk, sk FROM \"{qualified}\".\"gsi-inc\" WHERE g2 = 'y'", Limit=1)
    again = run(ddb, f"SELECT pk, sk FROM \"{qualified}\".\"gsi-inc\" WHERE g2 = 'y'", NextToken=first["NextToken"])
    assert [i["sk"]["S"] for i in first["Items"] + again["Items"]] == ["1", "2"]
    assert refused(ddb.execute_statement, Statement=f"SELECT pk, sk FROM \"{qualified}\".\"gsi-keys\" WHERE g2 = 'y'",
                   NextToken=first["NextToken"]) == ("ValidationException", "Invalid NextToken")
