"""PartiQL statements (DynamoDB's subset) parsed into `statements` dataclasses.

    statement  := select | insert | update | delete | from_update | EXISTS ( select )
    select     := SELECT (* | path {, path}) FROM table [WHERE cond] [ORDER BY path [ASC|DESC]]
    insert     := INSERT INTO table VALUE map
    update     := UPDATE table action {action} [WHERE cond] [returning]
    from_update:= FROM table WHERE cond action {action} [returning]
    delete     := DELETE FROM table [WHERE cond] [returning]
    action     := SET path = value {, path = value} | REMOVE path
    returning  := RETURNING (ALL | MODIFIED) (OLD | NEW) *
    table      := name [. name]                       ("table"."index")
    cond       := or; or := and {OR and}; and := not {AND not}; not := NOT not | predicate
    predicate  := ( cond ) | function(args) | operand (op operand | BETWEEN a AND b
                  | IN [list] | IN (list) | IS [NOT] type)
    value      := 'string' | number | TRUE | FALSE | NULL | ? | [..] | {'k': v, ..} | <<..>>

The `?` parameters are bound while parsing (the request's Parameters, in order), so the trees
are resolved engine/expr trees. Messages are DynamoDB's; where AWS's detail after "Statement
wasn't well formed, can't be processed: " is not known, the statement itself follows the
colon, as DynamoDB Local writes it.
"""

from __future__ import annotations

from collections.abc import Callable

from ddbserver.engine.expr import ast
from ddbserver.engine.partiql import statements as st
from ddbserver.engine.partiql.lexer import EOF, IDENT, ION, NOT_WELL_FORMED, NUMBER, PUNCT, QUOTED, STRING, tokenize
from ddbserver.engine.partiql.literals import PARAMETER_COUNT, Syntax, TokenStream, Value
from ddbserver.errors import validation

LEFTOVER = NOT_WELL_FORMED + "Unexpected token after expression"
NOT_DML = NOT_WELL_FORMED + "Expected data manipulation"
DOT_COMPONENT = NOT_WELL_FORMED + "Invalid path dot component"
# The FROM path (AWS, nubo-db dynamodb-conformance partiqlIndexQualifier captures, eu-west-2).
EMPTY_COMPONENT = "Path component cannot be an empty string"
TWO_COMPONENTS = "A path may contain at most 2 components in the FROM clause"
INSERT_INDEX = "FROM clause may only contain a single table name in data manipulation statements {at}"
WRITE_INDEX = "This operation is not supported on an index"
ALIASING = "Aliasing is not supported"
UNARY_OPERANDS = ("Incorrect number of operands for operator or function; operator or function: {op}, "
                  "number of operands: 1")
CONDITION_OPERATOR = "Unsupported operator in Condition Expression. Operator: {op}"
FROM_SOURCE = "Unexpected from source"
INSERT_EXPRESSION = "Unsupported operation: InsertOp"
UNSUPPORTED_LIMIT = "Unsupported clause: LIMIT {at}"
PATH_COMPONENT = "Unexpected path component {at}"
UNKNOWN_FUNCTION = "Unrecognized function: {name} {at}"
IS_TYPE = ("Unsupported data type for IS operator: {type}. Supported data types are [MISSING, NULL, BOOLEAN, "
           "BLOB, STRING, NUMERIC, STRUCT, TUPLE, LIST] {at}")
NOT_STRUCT = ("Unsupported format in item expression. Please use struct format {{...}} to express item values for "
              "insert statement. {at}")
FIRST_ARGUMENT = "The first argument to {name} must equal the assignment value {at}"
SECOND_ARGUMENT = "The second argument to {name} must be a value with type SET {at}"
TWO_ARGUMENTS = "{name} must have exactly two arguments {at}"

# Words that cannot name an attribute (PartiQL's reserved words that DynamoDB's statements meet).
KEYWORDS = frozenset("""
    ALL AND AS ASC BETWEEN BY CASE CAST COUNT CROSS DELETE DESC DISTINCT ELSE END ESCAPE EXISTS FALSE FROM
    FULL GROUP HAVING IN INNER INSERT INTO IS JOIN LEFT LIKE LIMIT MISSING MODIFIED NEW NOT NULL OFFSET OLD ON
    OR ORDER OUTER PIVOT REMOVE RETURNING RIGHT SELECT SET THEN TRUE UNION UNPIVOT UPDATE VALUE VALUES WHEN
    WHERE WITH
""".split())
# Words after the table name that start the next clause (anything else there is an alias).
_LITERAL_WORDS = frozenset(("TRUE", "FALSE", "NULL", "MISSING"))
_CLAUSES = frozenset(("WHERE", "ORDER", "SET", "REMOVE", "RETURNING", "LIMIT"))
CONDITION_FUNCTIONS = frozenset(("attribute_exists", "attribute_not_exists", "attribute_type", "begins_with",
                                 "contains", "size"))
UPDATE_FUNCTIONS = frozenset(("list_append", "if_not_exists", "set_add", "set_delete"))
# IS <type>: DynamoDB's accepted names -> attribute type; names it refuses by name.
IS_TYPES = {"NULL": "NULL", "BOOL": "BOOL", "BOOLEAN": "BOOL", "BLOB": "B", "STRING": "S", "NUMERIC": "N",
            "STRUCT": "M", "TUPLE": "M", "LIST": "L"}
IS_REFUSED = {"INT": "INTEGER", "INTEGER": "INTEGER", "DECIMAL": "DECIMAL", "FLOAT": "FLOAT", "DOUBLE": "DOUBLE",
              "TIMESTAMP": "TIMESTAMP", "SYMBOL": "SYMBOL", "CLOB": "CLOB", "BAG": "BAG", "SEXP": "SEXP"}
COMPARATORS = {"=": "=", "<>": "<>", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
RETURNING = ("ALL OLD", "MODIFIED OLD", "ALL NEW", "MODIFIED NEW")




def parse(text: str, parameters: list[Value] | None = None) -> st.Statement:
    """The statement `text` with `parameters` (checked AttributeValues) bound to its `?`s."""
    try:
        tokens = tokenize(text)
        parser = _Parser(tokens, parameters or [])
        statement = parser.statement()
    except Syntax:
        raise validation(NOT_WELL_FORMED + text) from None
    if parser.deferred is not None:
        raise parser.deferred
    if parser.used and parser.used != len(parameters or []):  # DynamoDB Local ignores unused ones
        raise validation(PARAMETER_COUNT)
    return statement


def _no_index(index: str | None) -> None:
    """UPDATE and DELETE parse an index qualifier, then refuse it before the table is looked up."""
    if index is not None:
        raise validation(WRITE_INDEX)


class _Parser(TokenStream):
    __slots__ = ()

    def end(self) -> None:
        if self.is_punct(";") and self.peek().kind == EOF:  # one closing semicolon is allowed
            self.advance()
        if self.tok.kind != EOF:
            raise validation(LEFTOVER)

    # ---- statements ----------------------------------------------------------------------

    def statement(self) -> st.Statement:
        if self.is_word("SELECT"):
            return self.select()
        if self.is_word("INSERT"):
            return self.insert()
        if self.is_word("UPDATE"):
            return self.update()
        if self.is_word("DELETE"):
            return self.delete()
        if self.is_word("FROM"):
            return self.from_update()
        if self.is_word("EXISTS") and self.peek().text == "(":
            self.advance()
            self.punct("(")
            select = self.select(nested=True)
            self.punct(")")
            self.end()
            return st.Exists(select)
        if self.tok.kind == IDENT and self.tok.text.upper() not in KEYWORDS:
            raise validation(NOT_DML)
        raise Syntax()

    def select(self, nested: bool = False) -> st.Select:
        self.word("SELECT")
        projection: tuple[ast.Path, ...] | None = None
        refused = None
        if self.is_punct("*"):
            self.advance()
        else:
            calls: list[str] = []
            paths = self.projected(calls)
            while self.is_punct(","):
                self.advance()
                paths += self.projected(calls)
            projection = tuple(paths)
            refused = calls[0] if calls else None
        self.word("FROM")
        if self.tok.kind in (STRING, NUMBER) or self.tok.word() in _LITERAL_WORDS or self.is_punct("<<", "[", "{"):
            self.value("root")  # `FROM 'x'`: a literal where the table goes
            self.defer(validation(FROM_SOURCE))
            table, index = "", None
        else:
            table, index = self.table(alias=True)
        where = None
        if self.is_word("WHERE"):
            self.advance()
            where = self.condition()
        order_by = None
        if self.is_word("ORDER"):
            self.advance()
            self.word("BY")
            path = self.path()
            descending = False
            if self.is_word("ASC", "DESC"):
                descending = self.advance().text.upper() == "DESC"
            order_by = (path, descending)
        if self.is_word("LIMIT"):  # refused at its count (DynamoDB Local; ExecuteStatement takes a Limit)
            self.advance()
            self.deferred = validation(UNSUPPORTED_LIMIT.format(at=self.tok.at()))  # checked before the rest
            self.value("root")
        if not nested:
            self.end()
        return st.Select(table, index, projection, where, order_by, refused)

    def projected(self, calls: list[str]) -> list[ast.Path]:
        """A column: a path, or a call (COUNT(*), size(a)...) that DynamoDB refuses only once the
        table and index are known (AWS: a multi-attribute index is reported first, paritysuite
        partiqlMultiAttributeIndex), recorded in `calls` and skipped."""
        if self.tok.kind == IDENT and self.peek().kind == PUNCT and self.peek().text == "(":
            calls.append(PATH_COMPONENT.format(at=self.tok.at()))
            self.advance()
            depth = 0
            while True:
                tok = self.advance()
                if tok.kind == EOF:
                    raise Syntax()
                if tok.kind == PUNCT and tok.text in "()":
                    depth += 1 if tok.text == "(" else -1
                    if depth == 0:
                        return []
        if self.tok.kind in (STRING, NUMBER):  # a literal column
            self.defer(validation(PATH_COMPONENT.format(at=self.advance().at())))
            return []
        path = self.path()
        if self.is_word("AS") or (self.tok.kind in (IDENT, QUOTED) and self.tok.text.upper() != "FROM"):
            self.defer(validation(ALIASING))  # `SELECT a AS b` or `SELECT a b`
            if self.is_word("AS"):
                self.advance()
            self.name()
        return [path]

    def insert(self) -> st.Insert:
        self.word("INSERT")
        self.word("INTO")
        target = self.tok
        table, index = self.table(alias=False)
        if index is not None:
            raise validation(INSERT_INDEX.format(at=target.at()))
        if self.tok.kind == QUOTED or (self.tok.kind == IDENT and self.tok.text.upper() not in KEYWORDS):
            # PartiQL's `INSERT INTO t <expression>` form: a name there is that expression, and
            # anything after it is left over (AWS, paritysuite partiqlGrammar: an alias).
            self.advance()
            if self.tok.kind != EOF:
                raise validation(LEFTOVER)
            raise Syntax()
        if not self.is_word("VALUE") and self.tok.kind != EOF and not self.is_punct("["):
            self.value("root")  # PartiQL's `INSERT INTO t <expression>`, which DynamoDB does not run
            self.defer(validation(INSERT_EXPRESSION))
            self.end()
            return st.Insert(table, {})
        self.word("VALUE")
        start = self.tok
        if self.tok.kind == ION:
            raise validation(NOT_STRUCT.format(at=self.tok.at()))
        if not self.is_punct("{"):
            # DynamoDB names the value's first token (a signed number's number)
            value_start = self.peek() if self.is_punct("+", "-") and self.peek().kind == NUMBER else self.tok
            before = self.deferred
            self.value("root")
            self.deferred = before  # what the value holds is not looked at (`VALUE MISSING`)
            self.defer(validation(NOT_STRUCT.format(at=value_start.at())))
            self.end()
            return st.Insert(table, {})
        item = self.value("root", top=True)
        del start
        self.end()
        return st.Insert(table, item["M"])

    def update(self) -> st.Update:
        self.word("UPDATE")
        table, index = self.table(alias=True)
        actions = self.actions()
        where = None
        if self.is_word("WHERE"):
            self.advance()
            where = self.condition()
        returning = self.returning()
        self.end()
        _no_index(index)
        return st.Update(table, actions, where, returning)

    def from_update(self) -> st.Update:
        self.word("FROM")
        table, index = self.table(alias=True)
        self.word("WHERE")
        where = self.condition()
        actions = self.actions()
        returning = self.returning()
        self.end()
        _no_index(index)
        return st.Update(table, actions, where, returning)

    def delete(self) -> st.Delete:
        self.word("DELETE")
        self.word("FROM")
        table, index = self.table(alias=True)
        where = None
        if self.is_word("WHERE"):
            self.advance()
            where = self.condition()
        returning = self.returning()
        self.end()
        _no_index(index)
        return st.Delete(table, where, returning)

    def returning(self) -> str | None:
        if not self.is_word("RETURNING"):
            return None
        self.advance()
        which = self.word("ALL", "MODIFIED")
        when = self.word("OLD", "NEW")
        self.punct("*")
        return f"{which} {when}"

    def table(self, alias: bool) -> tuple[str, str | None]:
        name = self.name()
        index = None
        if self.is_punct("."):
            self.advance()
            index = self.name()
            if self.is_punct("."):
                raise validation(TWO_COMPONENTS)
        if name == "" or index == "":
            raise validation(EMPTY_COMPONENT)
        if alias and (self.is_word("AS") or (self.tok.kind in (IDENT, QUOTED)
                                              and self.tok.text.upper() not in _CLAUSES)):
            self.defer(validation(ALIASING))
            if self.is_word("AS"):
                self.advance()
            self.name()
        return name, index

    def name(self) -> str:
        tok = self.tok
        if tok.kind == QUOTED or (tok.kind == IDENT and tok.text.upper() not in KEYWORDS):
            self.advance()
            return tok.text
        raise Syntax()

    # ---- update actions ------------------------------------------------------------------

    def actions(self) -> tuple[ast.Action, ...]:
        actions: list[ast.Action] = []
        while self.is_word("SET", "REMOVE"):
            if self.advance().text.upper() == "REMOVE":
                actions.append(ast.RemoveAction(self.path()))
                continue
            actions.append(self.assignment())
            while self.is_punct(","):
                self.advance()
                actions.append(self.assignment())
        if not actions:
            raise Syntax()
        return tuple(actions)

    def assignment(self) -> ast.Action:
        path = self.path()
        self.punct("=")
        if self.tok.kind == IDENT and self.tok.text.lower() in ("set_add", "set_delete") and self.peek().text == "(":
            return self.set_function(path)
        return ast.SetAction(path, self.update_value())

    def set_function(self, target: ast.Path) -> ast.Action:
        name_tok = self.advance()
        name = name_tok.text.upper()
        self.punct("(")
        first_tok = self.tok
        args: list[ast.Operand] = [self.update_value()]
        while self.is_punct(","):
            self.advance()
            args.append(self.update_value())
        self.punct(")")
        if len(args) != 2:
            raise validation(TWO_ARGUMENTS.format(name=name, at=name_tok.at()))
        if args[0] != target:
            raise validation(FIRST_ARGUMENT.format(name=name, at=name_tok.at()))
        second = args[1]
        if not isinstance(second, ast.Literal) or next(iter(second.value)) not in ("SS", "NS", "BS"):
            raise validation(SECOND_ARGUMENT.format(name=name, at=first_tok.at()))
        return ast.AddAction(target, second) if name == "SET_ADD" else ast.DeleteAction(target, second)

    def signed(self, parse: Callable[[], ast.Operand], refusal: str) -> ast.Operand | None:
        """A sign before an operand (a sign before a number literal is the number's own): folded
        into the number it negates, else refused with `refusal` once the statement is read; None
        when no sign is here."""
        if not (self.is_punct("+", "-") and self.peek().kind != NUMBER):
            return None
        op = self.advance().text
        operand = parse()
        folded = _fold_sign(op, operand)
        if folded is None:
            self.defer(validation(refusal.format(op=op)))
        return folded or operand

    def update_value(self) -> ast.Operand:
        left = self.update_primary()
        while self.is_punct("+", "-"):
            op = self.advance().text
            left = ast.Arithmetic(op, left, self.update_primary())
        return left

    def update_primary(self) -> ast.Operand:
        signed = self.signed(self.update_primary, UNARY_OPERANDS)
        if signed is not None:
            return signed
        if self.tok.kind == IDENT and self.peek().kind == PUNCT and self.peek().text == "(":
            tok = self.advance()
            name = tok.text.lower()
            if name not in UPDATE_FUNCTIONS:
                raise validation(UNKNOWN_FUNCTION.format(name=name, at=tok.at()))
            return ast.Call(name, self.arguments(self.update_value))
        if self.is_punct("("):
            self.advance()
            inner = self.update_value()
            self.punct(")")
            return inner
        if self.tok.kind == QUOTED or (self.tok.kind == IDENT and self.tok.text.upper() not in KEYWORDS):
            return self.path()
        return ast.Literal(self.value("root"))

    def arguments(self, item: Callable[[], ast.Operand]) -> tuple[ast.Operand, ...]:
        self.punct("(")
        args: list[ast.Operand] = []
        if not self.is_punct(")"):
            args.append(item())
            while self.is_punct(","):
                self.advance()
                args.append(item())
        self.punct(")")
        return tuple(args)

    # ---- conditions ----------------------------------------------------------------------

    def condition(self) -> ast.Condition:
        left = self.conjunction()
        while self.is_word("OR"):
            self.advance()
            left = ast.Or(left, self.conjunction())
        return left

    def conjunction(self) -> ast.Condition:
        left = self.negation()
        while self.is_word("AND"):
            self.advance()
            left = ast.And(left, self.negation())
        return left

    def negation(self) -> ast.Condition:
        if self.is_word("NOT"):
            self.advance()
            return ast.Not(self.negation())
        return self.predicate()

    def predicate(self) -> ast.Condition:
        if self.is_punct("("):
            self.advance()
            inner = self.condition()
            self.punct(")")
            return inner
        left = self.condition_operand()
        if isinstance(left, ast.Call) and left.name != "size":
            if self.is_punct("=", "<>", "!=") and self.peek().kind == IDENT and self.peek().text.upper() in ("TRUE", "FALSE"):
                op = self.advance().text
                truth = (self.advance().text.upper() == "TRUE") == (op == "=")
                return left if truth else ast.Not(left)
            return left
        if self.tok.kind == PUNCT and self.tok.text in COMPARATORS:
            op = COMPARATORS[self.advance().text]
            return ast.Compare(op, left, self.condition_operand())
        if self.is_word("LIKE"):
            self.advance()
            self.condition_operand()
            self.defer(validation(CONDITION_OPERATOR.format(op="like")))
            return ast.Compare("=", left, left)  # a stand-in: the statement is refused once it is read
        negated = False
        if self.is_word("NOT") and self.peek().kind == IDENT and self.peek().text.upper() in ("IN", "BETWEEN"):
            self.advance()
            negated = True
        if self.is_word("BETWEEN"):
            self.advance()
            low = self.operand()
            self.word("AND")
            cond: ast.Condition = ast.Between(left, low, self.operand())
        elif self.is_word("IN"):
            self.advance()
            close = {"(": ")", "[": "]"}.get(self.tok.text if self.tok.kind == PUNCT else "")
            if close is None:
                raise Syntax()
            self.advance()
            options = [self.operand()]
            while self.is_punct(","):
                self.advance()
                options.append(self.operand())
            self.punct(close)
            cond = ast.In(left, tuple(options))
        elif self.is_word("IS") and not negated:
            return self.is_test(left)
        else:
            raise Syntax()
        return ast.Not(cond) if negated else cond

    def condition_operand(self) -> ast.Operand:
        """An operand of a comparison; arithmetic parses there but DynamoDB refuses it once the
        statement is read ('Unsupported operator in Condition Expression. Operator: -')."""
        signed = self.signed(self.condition_operand, CONDITION_OPERATOR)
        if signed is not None:
            return signed
        left = self.operand()
        while self.is_punct("+", "-", "*"):
            self.defer(validation(CONDITION_OPERATOR.format(op=self.advance().text)))
            self.operand()
        return left

    def is_test(self, left: ast.Operand) -> ast.Condition:
        is_tok = self.advance()
        negated = False
        if self.is_word("NOT"):
            self.advance()
            negated = True
        if self.tok.kind != IDENT:
            raise Syntax()
        word = self.advance().text.upper()
        if word in IS_REFUSED:
            raise validation(IS_TYPE.format(type=IS_REFUSED[word], at=is_tok.at()))
        cond: ast.Condition
        if word == "MISSING":
            cond = ast.Call("attribute_not_exists", (left,))
        elif word in IS_TYPES:
            cond = ast.Call("attribute_type", (left, ast.Literal({"S": IS_TYPES[word]})))
        else:
            raise Syntax()
        return ast.Not(cond) if negated else cond

    def operand(self) -> ast.Operand:
        tok = self.tok
        if tok.kind == IDENT and self.peek().kind == PUNCT and self.peek().text == "(":
            name = tok.text.lower()
            if name in ("and", "or"):  # `= AND (...)`: an operand is missing
                raise Syntax()
            self.advance()
            if name not in CONDITION_FUNCTIONS:
                raise validation(UNKNOWN_FUNCTION.format(name=name, at=tok.at()))
            return ast.Call(name, self.arguments(self.operand))
        if tok.kind == QUOTED or (tok.kind == IDENT and tok.text.upper() not in KEYWORDS):
            return self.path()
        return ast.Literal(self.value("root"))

    # ---- paths ---------------------------------------------------------------------------

    def path(self) -> ast.Path:
        elements: list[str | int] = [self.name()]
        while True:
            if self.is_punct("."):
                self.advance()
                if self.tok.kind == IDENT and self.tok.text.upper() in KEYWORDS:
                    raise validation(DOT_COMPONENT)
                elements.append(self.name())
            elif self.is_punct("["):
                self.advance()
                if self.tok.kind == NUMBER and self.tok.text.isdigit():
                    elements.append(int(self.advance().text))
                elif self.tok.kind == STRING:
                    elements.append(self.advance().text)
                else:
                    raise Syntax()
                self.punct("]")
            else:
                return ast.Path(tuple(elements))


def _fold_sign(op: str, operand: ast.Operand) -> ast.Literal | None:
    """A sign before a number literal folds into it (`- -3`, `-(3)`, `+ -3`); None before anything else."""
    if not (isinstance(operand, ast.Literal) and "N" in operand.value):
        return None
    text = operand.value["N"]
    if op == "-" and text != "0":
        text = text[1:] if text.startswith("-") else "-" + text
    return ast.Literal({"N": text})
