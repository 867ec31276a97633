"""Expression text -> unresolved AST, with every check that depends on the text alone.

One recursive-descent parser serves all kinds (see README.md for the grammar). Errors come in
DynamoDB's order: empty / too long, then syntax (unless a redundant pair of parentheses was already
seen), then redundant parentheses, then reserved words, list index range, path nesting, IN
operand count and unknown function names in the order they appear, then where each function may
be used. Messages carry no "Invalid XExpression: " prefix; the caller adds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NoReturn

from ddbserver.engine.expr import ast
from ddbserver.engine.expr.lexer import EOF, IDENT, NAME, NUMBER, VALUE, Token, tokenize
from ddbserver.engine.expr.reserved import is_reserved  # noqa: F401 (re-exported)
from ddbserver.errors import DynamoError, validation

MAX_EXPRESSION_SIZE = 4096
MAX_INDEX = 2**31 - 1
MAX_PATH_DEPTH = 32
MAX_IN_OPERANDS = 100

# Expression kinds, as named in DynamoDB's messages.
CONDITION = "ConditionExpression"
FILTER = "FilterExpression"
KEY_CONDITION = "KeyConditionExpression"
UPDATE = "UpdateExpression"
PROJECTION = "ProjectionExpression"
CONDITION_KINDS = frozenset((CONDITION, FILTER, KEY_CONDITION))

KEYWORDS = frozenset(("AND", "OR", "NOT", "BETWEEN", "IN", "SET", "REMOVE", "ADD", "DELETE"))
# Grammar tokens of DynamoDB's lexer that the reserved-word check never sees as names.
NOT_RESERVED = frozenset(("SIZE", "CONVERT"))
CLAUSES = ("SET", "REMOVE", "ADD", "DELETE")
COMPARATORS = frozenset(ast.COMPARATORS)


@dataclass(frozen=True, slots=True)
class Function:
    arity: int
    boolean: bool        # a condition by itself (attribute_exists) or an operand (size)
    update: bool         # allowed in an UpdateExpression (else in condition kinds)
    path_first: bool     # first operand must be a document path


FUNCTIONS: dict[str, Function] = {
    "attribute_exists": Function(1, True, False, True),
    "attribute_not_exists": Function(1, True, False, True),
    "attribute_type": Function(2, True, False, True),
    "begins_with": Function(2, True, False, False),
    "contains": Function(2, True, False, False),
    "size": Function(1, False, False, False),
    "if_not_exists": Function(2, False, True, True),
    "list_append": Function(2, False, True, False),
}

NOT_IN_ARITHMETIC = frozenset(("list_append",))  # may not be an operand of + or -

EMPTY = "The expression can not be empty;"
TOO_LARGE = "Expression size has exceeded the maximum allowed size; expression size: {size}"
SYNTAX = 'Syntax error; token: "{token}", near: "{near}"'
REDUNDANT_PARENS = "The expression has redundant parentheses;"
RESERVED = "Attribute name is a reserved keyword; reserved keyword: {name}"
INDEX_RANGE = "List index is not within the allowable range; index: [{index}]"
NESTING = "The document path has too many nesting levels; nesting levels: {depth}"
IN_OPERANDS = "The IN operator is provided with too many operands; number of operands: {count}"
BAD_FUNCTION = "Invalid function name; function: {name}"
FUNCTION_POSITION = "The function is not allowed to be used this way in an expression; function: {name}"
FUNCTION_IN_CONDITION = "The function is not allowed in a condition expression; function: {name}"
FUNCTION_IN_UPDATE = "The function is not allowed in an update expression; function: {name}"
CLAUSE_TWICE = 'The "{clause}" section can only be used once in an update expression;'


class _Syntax(Exception):
    def __init__(self, index: int) -> None:
        self.index = index


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = tokenize(text)
        self.i = 0
        self.parens: dict[int, object] = {}  # id -> node written inside parentheses
        self.redundant = False   # a redundant pair of parentheses was parsed
        self.committed = False   # ... inside a comparison or action that was complete
        self.static: DynamoError | None = None  # first in-order static error

    # ---- tokens ----------------------------------------------------------------------

    @property
    def tok(self) -> Token:
        return self.toks[self.i]

    def fail(self, index: int | None = None) -> NoReturn:
        raise _Syntax(self.i if index is None else index)

    def is_punct(self, text: str) -> bool:
        t = self.toks[self.i]
        return t.kind == "punct" and t.text == text

    def is_keyword(self, word: str, offset: int = 0) -> bool:
        t = self.toks[self.i + offset] if self.i + offset < len(self.toks) else self.toks[-1]
        return t.kind == IDENT and t.text.upper() == word

    def expect(self, text: str) -> None:
        if not self.is_punct(text):
            self.fail()
        self.i += 1

    def note(self, err: DynamoError) -> None:
        if self.static is None:
            self.static = err

    def syntax_error(self, index: int) -> DynamoError:
        toks = self.toks
        tok = toks[index]
        start = toks[index - 1].start if index > 0 else 0
        nxt = toks[index + 1] if index + 1 < len(toks) else None
        end = nxt.end if nxt is not None and nxt.kind != EOF else len(self.text)
        return validation(SYNTAX.format(token=tok.text, near=self.text[start:end]))

    def mark_paren(self, node: object) -> object:
        if id(node) in self.parens:
            self.redundant = True
        self.parens[id(node)] = node
        return node

    # ---- paths and operands ------------------------------------------------------------

    def path_name(self) -> str | ast.Name:
        t = self.tok
        if t.kind == NAME:
            self.i += 1
            return ast.Name(t.text)
        if t.kind == IDENT and t.text.upper() not in KEYWORDS:
            self.i += 1
            if is_reserved(t.text) and t.text.upper() not in NOT_RESERVED:
                self.note(validation(RESERVED.format(name=t.text)))
            return t.text
        self.fail()

    def path(self) -> ast.Path:
        elements: list[ast.PathElement] = [self.path_name()]
        while True:
            if self.is_punct("."):
                self.i += 1
                elements.append(self.path_name())
            elif self.is_punct("["):
                self.i += 1
                t = self.tok
                if t.kind != NUMBER:
                    self.fail()
                self.i += 1
                self.expect("]")
                index = int(t.text)
                if index > MAX_INDEX:
                    self.note(validation(INDEX_RANGE.format(index=t.text)))
                elements.append(index)
            else:
                break
        if len(elements) > MAX_PATH_DEPTH:
            self.note(validation(NESTING.format(depth=len(elements))))
        return ast.Path(tuple(elements))

    def call(self) -> ast.Call:
        name = self.tok.text
        if name not in FUNCTIONS:
            self.note(validation(BAD_FUNCTION.format(name=name)))
        self.i += 2  # name and "("
        args = [self.operand()]
        while self.is_punct(","):
            self.i += 1
            args.append(self.operand())
        self.expect(")")
        return ast.Call(name, tuple(args))

    def at_call(self) -> bool:
        t = self.tok
        if t.kind != IDENT:
            return False
        nxt = self.toks[self.i + 1]
        return t.kind == IDENT and nxt.kind == "punct" and nxt.text == "(" and t.text.upper() not in KEYWORDS

    def operand(self) -> ast.Operand:
        t = self.tok
        if t.kind == VALUE:
            self.i += 1
            return ast.ValueRef(t.text)
        if self.is_punct("("):
            self.i += 1
            inner = self.operand()
            self.expect(")")
            self.mark_paren(inner)
            return inner
        if self.at_call():
            return self.call()
        return self.path()

    # ---- conditions --------------------------------------------------------------------

    def condition(self) -> ast.Condition:
        left = self.conjunction()
        while self.is_keyword("OR"):
            self.i += 1
            left = ast.Or(left, self.conjunction())
        return left

    def conjunction(self) -> ast.Condition:
        left = self.negation()
        while self.is_keyword("AND"):
            self.i += 1
            left = ast.And(left, self.negation())
        return left

    def negation(self) -> ast.Condition:
        if self.is_keyword("NOT"):
            self.i += 1
            return ast.Not(self.negation())
        return self.atom()

    def at_comparison(self) -> bool:
        t = self.tok
        return (t.kind == "punct" and t.text in COMPARATORS) or self.is_keyword("BETWEEN") or self.is_keyword("IN")

    def atom(self) -> ast.Condition:
        if self.is_punct("("):
            start, state = self.i, (self.redundant, self.committed, self.static, dict(self.parens))
            try:
                self.i += 1
                inner = self.condition()
                self.expect(")")
                if not self.at_comparison():
                    self.mark_paren(inner)
                    self.committed |= self.redundant
                    return inner
                first: _Syntax | None = None
            except _Syntax as e:
                first = e
            self.i = start
            self.redundant, self.committed, self.static, self.parens = state
            try:
                return self.comparison()
            except _Syntax as e:
                if first is not None and first.index > e.index:
                    raise first from None
                raise
        return self.comparison()

    def comparison(self) -> ast.Condition:
        node = self._comparison()
        self.committed |= self.redundant
        return node

    def _comparison(self) -> ast.Condition:
        left = self.operand()
        t = self.tok
        if t.kind == "punct" and t.text in COMPARATORS:
            self.i += 1
            return ast.Compare(t.text, left, self.operand())
        if self.is_keyword("BETWEEN"):
            self.i += 1
            low = self.operand()
            if not self.is_keyword("AND"):
                self.fail()
            self.i += 1
            return ast.Between(left, low, self.operand())
        if self.is_keyword("IN"):
            self.i += 1
            self.expect("(")
            options = [self.operand()]
            while self.is_punct(","):
                self.i += 1
                options.append(self.operand())
            self.expect(")")
            if len(options) > MAX_IN_OPERANDS:
                self.note(validation(IN_OPERANDS.format(count=len(options))))
            return ast.In(left, tuple(options))
        if isinstance(left, ast.Call) and id(left) not in self.parens:
            return left
        self.fail()

    # ---- update ------------------------------------------------------------------------

    def update(self) -> ast.Update:
        actions: list[ast.Action] = []
        seen: set[str] = set()
        while True:
            t = self.tok
            clause = t.text.upper() if t.kind == IDENT else ""
            if clause not in CLAUSES:
                self.fail()
            if clause in seen:
                self.note(validation(CLAUSE_TWICE.format(clause=clause)))
            seen.add(clause)
            self.i += 1
            while True:
                actions.append(self.action(clause))
                if not self.is_punct(","):
                    break
                self.i += 1
            if self.tok.kind == EOF:
                return ast.Update(tuple(actions))

    def action(self, clause: str) -> ast.Action:
        node = self._action(clause)
        self.committed |= self.redundant
        return node

    def _action(self, clause: str) -> ast.Action:
        path = self.path()
        if clause == "SET":
            self.expect("=")
            return ast.SetAction(path, self.set_value())
        if clause == "REMOVE":
            return ast.RemoveAction(path)
        t = self.tok
        if t.kind != VALUE:
            self.fail()
        self.i += 1
        value = ast.ValueRef(t.text)
        return ast.AddAction(path, value) if clause == "ADD" else ast.DeleteAction(path, value)

    def set_value(self) -> ast.Operand:
        if self.is_punct("("):
            self.i += 1
            inner = self.set_value()
            self.expect(")")
            self.mark_paren(inner)
            return inner
        left = self.operand()
        if self.is_punct("+") or self.is_punct("-"):
            op = self.tok.text
            self.i += 1
            return ast.Arithmetic(op, left, self.operand())
        return left

    # ---- projection --------------------------------------------------------------------

    def projection(self) -> ast.Projection:
        paths = [self.path()]
        while self.is_punct(","):
            self.i += 1
            paths.append(self.path())
        return ast.Projection(tuple(paths))


def _run(text: str, rule: str) -> object:
    if not text:
        raise validation(EMPTY)
    if len(text.encode("utf-8")) > MAX_EXPRESSION_SIZE:
        raise validation(TOO_LARGE.format(size=len(text.encode("utf-8"))))
    p = _Parser(text)
    try:
        node = getattr(p, rule)()
        if p.tok.kind != EOF:
            p.fail()
    except _Syntax as e:
        if p.committed:
            raise validation(REDUNDANT_PARENS) from None
        raise p.syntax_error(e.index) from None
    if p.redundant:
        raise validation(REDUNDANT_PARENS)
    if p.static is not None:
        raise p.static
    return node


def parse_condition(text: str, kind: str = CONDITION) -> ast.Condition:
    node = _run(text, "condition")
    _check_condition_functions(node, kind, top=True)  # type: ignore[arg-type]
    return node  # type: ignore[return-value]


def parse_update(text: str) -> ast.Update:
    node = _run(text, "update")
    assert isinstance(node, ast.Update)
    for action in node.actions:
        if isinstance(action, ast.SetAction):
            _check_operand_functions(action.value, UPDATE)
    return node


def parse_projection(text: str) -> ast.Projection:
    node = _run(text, "projection")
    assert isinstance(node, ast.Projection)
    return node


# ---- where functions may appear ---------------------------------------------------------


def _check_function(call: ast.Call, kind: str, boolean_place: bool) -> None:
    spec = FUNCTIONS[call.name]
    if kind == UPDATE and not spec.update:
        raise validation(FUNCTION_IN_UPDATE.format(name=call.name))
    if kind != UPDATE and spec.update:
        raise validation(FUNCTION_IN_CONDITION.format(name=call.name))
    if spec.boolean != boolean_place:
        raise validation(FUNCTION_POSITION.format(name=call.name))


def _check_operand_functions(node: ast.Operand, kind: str) -> None:
    if isinstance(node, ast.Call):
        _check_function(node, kind, False)
        for arg in node.args:
            _check_operand_functions(arg, kind)
    elif isinstance(node, ast.Arithmetic):
        for side in (node.left, node.right):
            _check_operand_functions(side, kind)
            if isinstance(side, ast.Call) and side.name in NOT_IN_ARITHMETIC:
                raise validation(FUNCTION_POSITION.format(name=side.name))


def _check_condition_functions(node: ast.Condition, kind: str, top: bool = False) -> None:
    if isinstance(node, (ast.And, ast.Or)):
        _check_condition_functions(node.left, kind)
        _check_condition_functions(node.right, kind)
    elif isinstance(node, ast.Not):
        _check_condition_functions(node.operand, kind)
    elif isinstance(node, ast.Call):
        _check_function(node, kind, True)
        for arg in node.args:
            _check_operand_functions(arg, kind)
    elif isinstance(node, ast.Compare):
        _check_operand_functions(node.left, kind)
        _check_operand_functions(node.right, kind)
    elif isinstance(node, ast.Between):
        for op in (node.value, node.low, node.high):
            _check_operand_functions(op, kind)
    elif isinstance(node, ast.In):
        for op in (node.value, *node.options):
            _check_operand_functions(op, kind)
