"""The PartiQL lexer and parser (engine/partiql): statements, literals, positions, refusals."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from ddbserver.engine.expr import ast
from ddbserver.engine.partiql import statements as st
from ddbserver.engine.partiql.lexer import tokenize
from ddbserver.engine.partiql.parser import LEFTOVER, NOT_DML, parse
from ddbserver.errors import DynamoError


def message(text: str, params: list[Any] | None = None) -> str:
    with pytest.raises(DynamoError) as e:
        parse(text, params)
    return e.value.message or ""


def test_select_parts():
    """SELECT's columns, table, index, WHERE and ORDER BY land in the dataclass."""
    s = parse('SELECT a, m.b[2], "q"."r" FROM "t"."i" WHERE pk = ? ORDER BY sk DESC', [{"S": "x"}])
    assert isinstance(s, st.Select)
    assert s.table == "t" and s.index == "i"
    assert s.projection == (ast.Path(("a",)), ast.Path(("m", "b", 2)), ast.Path(("q", "r")))
    assert s.where == ast.Compare("=", ast.Path(("pk",)), ast.Literal({"S": "x"}))
    assert s.order_by == (ast.Path(("sk",)), True)


def test_keywords_are_case_insensitive_and_precedence():
    """AND binds tighter than OR; NOT applies to one predicate."""
    s = parse("select * from t where a = 1 or not b = 2 and c = 3")
    assert isinstance(s, st.Select)
    assert isinstance(s.where, ast.Or) and isinstance(s.where.right, ast.And)
    assert isinstance(s.where.right.left, ast.Not)


def test_update_actions():
    """SET (comma-separated or repeated), REMOVE, set_add / set_delete become update actions."""
    s = parse("UPDATE t SET a = a + 1, b = list_append(b, [1]) REMOVE c SET d = set_add(d, <<'x'>>) "
              "WHERE pk = 'k' RETURNING MODIFIED NEW *")
    assert isinstance(s, st.Update) and s.returning == "MODIFIED NEW"
    kinds = [type(a).__name__ for a in s.actions]
    assert kinds == ["SetAction", "SetAction", "RemoveAction", "AddAction"]
    assert s.actions[3] == ast.AddAction(ast.Path(("d",)), ast.Literal({"SS": ["x"]}))


def test_is_tests():
    """IS MISSING is attribute_not_exists; IS <type> is attribute_type; IS NOT negates."""
    s = parse("SELECT * FROM t WHERE a IS MISSING AND b IS NOT STRUCT")
    assert isinstance(s, st.Select) and isinstance(s.where, ast.And)
    assert s.where.left == ast.Call("attribute_not_exists", (ast.Path(("a",)),))
    assert s.where.right == ast.Not(ast.Call("attribute_type", (ast.Path(("b",)), ast.Literal({"S": "M"}))))


def test_a_call_among_the_columns_is_refused_once_planned():
    """`SELECT COUNT(*)` parses; the refusal waits for the table (AWS reports a multi-attribute
    index first), and only the first call is reported."""
    s = parse("SELECT a, COUNT(*), size(b) FROM t WHERE pk = 1")
    assert isinstance(s, st.Select) and s.projection == (ast.Path(("a",)),)
    assert s.refused == "Unexpected path component at 1:11:5"
    assert message("SELECT attribute_exists(x FROM t") == (
        "Statement wasn't well formed, can't be processed: SELECT attribute_exists(x FROM t")


@pytest.mark.parametrize("text, expected", [
    ("SELECT * FROM t WHERE a = 1 foo", LEFTOVER),
    ("SELECT * FROM t WHERE a = 1)", LEFTOVER),
    ("INSERT INTO t x VALUE {'pk': 1}", LEFTOVER),
    ("INSERT INTO t \"x\" VALUE {'pk': 1}", LEFTOVER),
    ("INSERT INTO t x", "Statement wasn't well formed, can't be processed: INSERT INTO t x"),
    ("INSERT INTO t VALUES {'pk': 1}", "Statement wasn't well formed, can't be processed: INSERT INTO t VALUES {'pk': 1}"),
    ("SLECT * FROM t", NOT_DML),
    ("SELECT * FROM t WHERE a = 1 /* open", "Statement wasn't well formed, can't be processed: "),
    ("SELECT * FROM t WHERE a = 1.5e-2147483647", "Statement wasn't well formed, can't be processed: "),
    ("SELECT * FROM t WHERE a = 1e-131",
     "Number underflow. Attempting to store a number with magnitude smaller than supported range under root"),
    ("SELECT * FROM t WHERE a = 123456789012345678901234567890123456789",
     "Attempting to store more than 38 significant digits in a Number under root"),
    ("INSERT INTO t VALUE {'pk': 1, 'm': {'x': 1e126}}",
     "Number overflow. Attempting to store a number with magnitude larger than supported range under root.x"),
    ("INSERT INTO t VALUE 'a'", "Unsupported format in item expression. Please use struct format {...} to express "
                                "item values for insert statement. at 1:21:3"),
    ("INSERT INTO t VALUE {'pk': 'a', 'd': MISSING}", "Unsupported data type: MISSING under key root at 1:38:7"),
    ("INSERT INTO t VALUE {'pk': 'a', 1: 2}", "Tuple keys must be of type String. Actual type: INT under root at 1:33:1"),
    ("INSERT INTO t VALUE {'pk': 'a', 's': <<'a', 1>>}",
     "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags at 1:45:1"),
    ("UPDATE t SET s = set_add(s, <<>>) WHERE pk = 'a'", "Empty bags are not supported"),
    ("UPDATE t SET s = set_add(s, <<'x', 'x'>>) WHERE pk = 'a'",
     "One or more parameter values were invalid: Input collection [x, x] contains duplicates."),
    ("UPDATE t SET t = set_add(s, <<'x'>>) WHERE pk = 'a'",
     "The first argument to SET_ADD must equal the assignment value at 1:18:7"),
    ("UPDATE t SET s = set_delete(s, 'x') WHERE pk = 'a'",
     "The second argument to SET_DELETE must be a value with type SET at 1:29:1"),
    ("UPDATE t SET s = set_add(s) WHERE pk = 'a'", "SET_ADD must have exactly two arguments at 1:18:7"),
    ("SELECT * FROM t WHERE set_add(a, <<'x'>>) = a", "Unrecognized function: set_add at 1:23:7"),
    ("SELECT * FROM t WHERE a = `2d0`", "Ion Literals are not supported: DECIMAL under key root at 1:27:5"),
    ("SELECT * FROM t WHERE a = `{a: 1}`", "Ion Literals are not supported: STRUCT under key root at 1:27:8"),
    ("INSERT INTO t VALUE `{pk: 1}`", "Unsupported format in item expression. Please use struct format {...} to express "
                                      "item values for insert statement. at 1:21:9"),
    ("SELECT * FROM t; SELECT * FROM t", LEFTOVER),
])
def test_refusals(text, expected):
    """Each malformed statement gets DynamoDB's message (with its token position where DynamoDB
    gives one)."""
    assert message(text) == expected


def test_parameter_count():
    """More or fewer Parameters than `?`s is refused, unless the statement has none (DynamoDB
    Local then ignores them); a `?` inside a list or map literal is refused."""
    assert message("SELECT * FROM t WHERE a = ?") == "Number of parameters in request and statement don't match."
    assert message("SELECT * FROM t WHERE a = ?", [{"S": "x"}, {"S": "y"}]) == (
        "Number of parameters in request and statement don't match.")
    assert isinstance(parse("SELECT * FROM t", [{"S": "x"}]), st.Select)
    assert message("INSERT INTO t VALUE {'pk': 'a', 'm': {'x': ?}}", [{"S": "x"}]) == (
        "Unsupported data type: Parameter under key root.x at 1:44:1")


def test_token_positions_count_lines_and_columns():
    """Positions are 1-based line:column, after newlines and comments."""
    toks = tokenize("SELECT\n  /* c */ a -- x\n , b")
    assert [(t.text, t.line, t.column) for t in toks[:4]] == [("SELECT", 1, 1), ("a", 2, 11), (",", 3, 2), ("b", 3, 4)]


# ---- literals round-trip (hypothesis) ---------------------------------------------------------

_names = hs.text(alphabet="abcdefgh'xyz", min_size=1, max_size=5)
_numbers = hs.decimals(min_value=Decimal("-1e20"), max_value=Decimal("1e20"), allow_nan=False, places=3)
_scalars = hs.one_of(
    hs.text(alphabet="ab' c\u00e9", max_size=6).map(lambda s: ("'" + s.replace("'", "''") + "'", {"S": s})),
    _numbers.map(lambda d: (str(d), {"N": _canon(d)})),
    hs.booleans().map(lambda b: (str(b).upper(), {"BOOL": b})),
    hs.just(("NULL", {"NULL": True})),
)


def _canon(d: Decimal) -> str:
    return "0" if d == 0 else f"{d.normalize():f}"


def _compound(children: Any) -> Any:
    lists = hs.lists(children, max_size=3).map(
        lambda xs: ("[" + ", ".join(t for t, _ in xs) + "]", {"L": [v for _, v in xs]}))
    maps = hs.dictionaries(_names, children, max_size=3).map(
        lambda d: ("{" + ", ".join("'" + k.replace("'", "''") + "': " + t for k, (t, _) in d.items()) + "}",
                   {"M": {k: v for k, (_, v) in d.items()}}))
    return hs.one_of(lists, maps)


_values = hs.recursive(_scalars, _compound, max_leaves=8)


@settings(max_examples=60, deadline=None)
@given(hs.dictionaries(_names, _values, max_size=4))
def test_insert_literals_round_trip(attrs):
    """Any item written as a PartiQL struct parses back to the same AttributeValues."""
    body = ", ".join("'" + k.replace("'", "''") + "': " + t for k, (t, _) in attrs.items())
    s = parse("INSERT INTO t VALUE {'pk': 'k'" + (", " + body if body else "") + "}") if "pk" not in attrs else None
    if s is None:
        return
    assert isinstance(s, st.Insert)
    assert s.item == {"pk": {"S": "k"}, **{k: v for k, (_, v) in attrs.items()}}



@pytest.mark.parametrize("text, kind", [
    ("2", "INT"), ("0x1F", "INT"), ("2.0", "DECIMAL"), ("2d0", "DECIMAL"), ("2e0", "FLOAT"), ("nan", "FLOAT"),
    ('"s"', "STRING"), ("'sym'", "SYMBOL"), ("abc", "SYMBOL"), ("true", "BOOL"), ("null", "NULL"),
    ("null.int", "INT"), ("2007-02-23T12:14Z", "TIMESTAMP"), ("{{aGVsbG8=}}", "BLOB"), ('{{"text"}}', "CLOB"),
    ("{a: 1}", "STRUCT"), ("[1]", "LIST"), ("(1 2)", "SEXP"), ("", None), ("null.nope", None),
])
def test_ion_literal_types(text, kind):
    """DynamoDB names an Ion literal's type when it refuses it (DynamoDB Local's answers)."""
    from ddbserver.engine.partiql.ion import ion_type
    assert ion_type(text) == kind


def test_one_closing_semicolon():
    """A statement may end with one semicolon."""
    assert isinstance(parse("SELECT * FROM t WHERE a = 1;"), st.Select)


_TOKENS = ["SELECT", "*", "FROM", "t", "\"t\"", ".", "\"i\"", "WHERE", "pk", "sk", "a", "b", "=", "<>", "<", ">=",
           "AND", "OR", "NOT", "(", ")", "[", "]", "{", "}", ",", ":", "1", "-2.5e3", "'s'", "''", "?", "<<", ">>",
           "BETWEEN", "IN", "IS", "NULL", "MISSING", "TRUE", "UPDATE", "SET", "REMOVE", "INSERT", "INTO", "VALUE",
           "DELETE", "RETURNING", "ALL", "NEW", "OLD", "MODIFIED", "ORDER", "BY", "DESC", "EXISTS", "size",
           "attribute_exists", "begins_with", "set_add", "list_append", "+", "`1`", ";", "--c\n", "/*c*/"]


@settings(max_examples=200, deadline=None)
@given(hs.lists(hs.sampled_from(_TOKENS), min_size=1, max_size=18), hs.integers(min_value=0, max_value=3))
def test_any_token_sequence_parses_and_plans_or_is_refused(tokens, n_params):
    """Whatever the text, the parser and the planner answer a statement or a DynamoError, never
    another exception (which the server would turn into a 500)."""
    from ddbserver.engine.catalog import Table
    from ddbserver.engine.partiql import plan
    table = Table.from_meta({"TableName": "t", "id": 7, "KeySchema": [
        {"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                 {"AttributeName": "sk", "AttributeType": "N"}]})
    try:
        stmt = parse(" ".join(tokens), [{"S": "x"}] * n_params)
        if isinstance(stmt, st.Select):
            plan.plan_select(table, stmt)
        elif isinstance(stmt, st.Insert):
            plan.plan_insert(table, stmt)
        elif isinstance(stmt, st.Update):
            plan.plan_update(table, stmt, False)
        elif isinstance(stmt, st.Delete):
            plan.plan_delete(table, stmt, False)
    except DynamoError:
        pass


def test_nesting_limit_of_literals():
    """A list or map literal may nest 31 levels below its attribute, as an item's value may."""
    deep = "'x'"
    for _ in range(31):
        deep = "[" + deep + "]"
    assert isinstance(parse("INSERT INTO t VALUE {'pk': 'a', 'd': " + deep + "}"), st.Insert)
    assert message("INSERT INTO t VALUE {'pk': 'a', 'd': [" + deep + "]}").startswith(
        "Nesting Levels have exceeded supported limits")
    assert message("UPDATE t SET d = {'m': " + deep + "} WHERE pk = 'a'").startswith(
        "Nesting Levels have exceeded supported limits")
