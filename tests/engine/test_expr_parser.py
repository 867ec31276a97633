"""Expression parsing: DynamoDB's grammar, precedence, and its text-only errors (golden messages
recorded from DynamoDB Local)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ddbserver.engine.expr import ast, cache, parser
from ddbserver.engine.expr.lexer import tokenize
from ddbserver.errors import DynamoError


def error(fn, text):
    with pytest.raises(DynamoError) as info:
        fn(text)
    return info.value.message


def test_lexer_splits_numbers_without_leading_zero_and_unknown_characters():
    """DynamoDB lexes "01" as two numbers and any unknown character as a token of its own."""
    assert [t.text for t in tokenize("a.b[01] <> :v AND #x<=$v _a")] == [
        "a", ".", "b", "[", "0", "1", "]", "<>", ":v", "AND", "#x", "<=", "$", "v", "_", "a", "<EOF>"]


def test_precedence_not_binds_tighter_than_and_tighter_than_or():
    """NOT binds tighter than AND, which binds tighter than OR."""
    tree = parser.parse_condition("a = :a OR NOT b = :b AND c = :c")
    assert isinstance(tree, ast.Or)
    assert isinstance(tree.right, ast.And)
    assert isinstance(tree.right.left, ast.Not)


def test_paths_with_names_and_indexes():
    """A document path mixes map keys, #names and list indexes."""
    tree = parser.parse_condition("a.#b[1][2].c = :v")
    assert tree == ast.Compare("=", ast.Path(("a", ast.Name("#b"), 1, 2, "c")), ast.ValueRef(":v"))


def test_keywords_are_case_insensitive_and_functions_are_not():
    """AND/BETWEEN/IN are case-insensitive; function names are case-sensitive."""
    assert isinstance(parser.parse_condition("a between :a and :b or b in (:c)"), ast.Or)
    assert error(parser.parse_condition, "SIZE(a) = :v") == "Invalid function name; function: SIZE"


@pytest.mark.parametrize("text, message", [
    ("a =", 'Syntax error; token: "<EOF>", near: "="'),
    ("a = :v b", 'Syntax error; token: "b", near: ":v b"'),
    ("  ", 'Syntax error; token: "<EOF>", near: "  "'),
    ("a = $v", 'Syntax error; token: "$", near: "= $v"'),
    ("(a = :v", 'Syntax error; token: "<EOF>", near: ":v"'),
    ("a = :v)", 'Syntax error; token: ")", near: ":v)"'),
    ("a = :v AND AND b = :v", 'Syntax error; token: "AND", near: "AND AND b"'),
    ("a[-1] = :v", 'Syntax error; token: "-", near: "[-1"'),
    ("a[01] = :v", 'Syntax error; token: "1", near: "01]"'),
    ("a != :v", 'Syntax error; token: "!", near: "a !="'),
    ("a IN ()", 'Syntax error; token: ")", near: "()"'),
    ("_a = :v", 'Syntax error; token: "_", near: "_a"'),
    ("a.1 = :v", 'Syntax error; token: "1", near: ".1 ="'),
    ("a < b < c", 'Syntax error; token: "<", near: "b < c"'),
    ("a = :v + :v", 'Syntax error; token: "+", near: ":v + :v"'),
    ("", "The expression can not be empty;"),
    ("((a = :v))", "The expression has redundant parentheses;"),
    ("((a)) = :v AND b = = :v", "The expression has redundant parentheses;"),
    ("status = :v AND ((a)) = :v", "The expression has redundant parentheses;"),
    ("status = :v AND foo(b)", "Attribute name is a reserved keyword; reserved keyword: status"),
    ("a.Status = :v", "Attribute name is a reserved keyword; reserved keyword: Status"),
    ("a[2147483648] = :v", "List index is not within the allowable range; index: [2147483648]"),
    ("foo(a)", "Invalid function name; function: foo"),
    ("size(a)", "The function is not allowed to be used this way in an expression; function: size"),
    ("a = attribute_exists(b)",
     "The function is not allowed to be used this way in an expression; function: attribute_exists"),
    ("if_not_exists(a, :v) = :w", "The function is not allowed in a condition expression; function: if_not_exists"),
    ("a IN (" + ", ".join([":v"] * 101) + ")",
     "The IN operator is provided with too many operands; number of operands: 101"),
    (".".join(["a"] * 33) + " = :v", "The document path has too many nesting levels; nesting levels: 33"),
    ("a = :v" + " " * 4096, "Expression size has exceeded the maximum allowed size; expression size: 4102"),
])
def test_condition_errors(text, message):
    """Each text-only error of a condition, worded as DynamoDB words it."""
    assert error(parser.parse_condition, text) == message


def test_parentheses_around_one_operand_or_condition_are_fine():
    """One pair of parentheses around an operand or a condition is accepted."""
    assert parser.parse_condition("(a) = :v") == parser.parse_condition("a = :v")
    assert parser.parse_condition("(a = :v)") == parser.parse_condition("a = :v")
    assert parser.parse_condition("(size(a)) = :v") == parser.parse_condition("size(a) = :v")


def test_size_and_convert_are_names():
    """SIZE and CONVERT are in the reserved list but DynamoDB's parser accepts them as names."""
    assert parser.parse_condition("size = :v") == ast.Compare("=", ast.Path(("size",)), ast.ValueRef(":v"))


@pytest.mark.parametrize("text, message", [
    ("SET a = :v SET b = :v", 'The "SET" section can only be used once in an update expression;'),
    ("SET a = :v ADD b :v SET c = :v", 'The "SET" section can only be used once in an update expression;'),
    ("SET a = :v + a + :v", 'Syntax error; token: "+", near: "a + :v"'),
    ("ADD a b", 'Syntax error; token: "b", near: "a b"'),
    ("SET a = :v,", 'Syntax error; token: "<EOF>", near: ","'),
    ("REMOVE", 'Syntax error; token: "<EOF>", near: "REMOVE"'),
    ("SET a = ((:v))", "The expression has redundant parentheses;"),
    ("SET a = size(b)", "The function is not allowed in an update expression; function: size"),
    ("SET a = attribute_exists(b)", "The function is not allowed in an update expression; function: attribute_exists"),
    ("SET status = :v", "Attribute name is a reserved keyword; reserved keyword: status"),
])
def test_update_errors(text, message):
    """Each text-only error of an UpdateExpression."""
    assert error(parser.parse_update, text) == message


def test_update_clauses_in_any_order_and_case():
    """Clauses may come in any order and any case; actions keep their written order."""
    tree = parser.parse_update("remove x set a = if_not_exists(a, :z) + :one, b = list_append(b, :l) ADD c :n DELETE d :s")
    kinds = [type(a).__name__ for a in tree.actions]
    assert kinds == ["RemoveAction", "SetAction", "SetAction", "AddAction", "DeleteAction"]
    assert isinstance(tree.actions[1].value, ast.Arithmetic)


def test_projection():
    """A ProjectionExpression is a comma-separated list of paths."""
    tree = parser.parse_projection("a, b.c, #d[0]")
    assert tree == ast.Projection((ast.Path(("a",)), ast.Path(("b", "c")), ast.Path((ast.Name("#d"), 0))))
    assert error(parser.parse_projection, "a,") == 'Syntax error; token: "<EOF>", near: ","'


def test_cache_returns_the_same_tree_and_repeats_errors():
    """A cached text is parsed once; a cached error is raised again on every use."""
    assert cache.condition("cached_a = :v") is cache.condition("cached_a = :v")
    for _ in range(2):
        with pytest.raises(DynamoError, match="Syntax error"):
            cache.condition("cached_a = = :v")


names = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True).filter(
    lambda s: not parser.is_reserved(s) and s.upper() not in parser.KEYWORDS)
elements = st.lists(st.one_of(names, st.integers(0, 1000)), max_size=5)


@settings(deadline=None)  # the shared CI machine is too slow for a per-example deadline
@given(names, elements)
def test_printed_paths_parse_back(head, rest):
    """Any path printed in DynamoDB's syntax parses back to the same elements."""
    text = head + "".join(f"[{e}]" if isinstance(e, int) else f".{e}" for e in rest)
    assert parser.parse_projection(text).paths == (ast.Path((head, *rest)),)
