"""PartiQL literals (strings, numbers, booleans, NULL, lists, maps, <<bags>>, `?` parameters) in
wire form, and the token cursor the statement parser builds on.

DynamoDB's rules for literals: a number past Java's 32-bit exponent or scale cannot be read
(nothing after "wasn't well formed: "); a number out of DynamoDB's range names where it is
("under root.x"); a parameter stands only for a whole value; a bag holds strings or numbers,
no duplicates, at least one; map keys are strings, once each; Ion literals are refused.
"""

from __future__ import annotations

from typing import Any

from ddbserver.engine import numbers, values
from ddbserver.engine.partiql.ion import ion_type
from ddbserver.engine.partiql.lexer import EOF, IDENT, ION, NOT_WELL_FORMED, NUMBER, PARAM, PUNCT, STRING, Token
from ddbserver.errors import DynamoError, validation

UNEXPECTED_TERM = NOT_WELL_FORMED + "Unexpected term"
PARAMETER_COUNT = "Number of parameters in request and statement don't match."
UNSUPPORTED_TYPE = "Unsupported data type: {what} under key {path} {at}"
DUPLICATE_KEY = "Duplicate keys in tuple. Key: {key} under {path} {at}"
KEY_TYPE = "Tuple keys must be of type String. Actual type: {type} under {path} {at}"
MISSING_OPERAND = "MISSING must be compared using IS operator"
ION_LITERAL = "Ion Literals are not supported: {type} under key {path} {at}"
BAG_TYPE = "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags {at}"
EMPTY_BAG = "Empty bags are not supported"
BAG_DUPLICATES = "One or more parameter values were invalid: Input collection [{members}] contains duplicates."
UNDER = "{message} under {path}"

Value = dict[str, Any]


class Syntax(Exception):
    """A statement the grammar does not accept (reported with the statement, see parser.py)."""


class TokenStream:
    """A cursor over a statement's tokens, with the `?` parameters it binds in order."""

    __slots__ = ("tokens", "pos", "params", "used", "deferred")

    def __init__(self, tokens: list[Token], params: list[Value]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.params = params
        self.used = 0
        self.deferred: DynamoError | None = None  # a refusal that a later syntax error overrides

    def defer(self, error: DynamoError) -> None:
        """DynamoDB parses the whole statement before it checks what it read: keep the first such
        refusal and go on, so that a syntax error further on is the one reported."""
        if self.deferred is None:
            self.deferred = error

    # ---- tokens --------------------------------------------------------------------------

    @property
    def tok(self) -> Token:
        return self.tokens[self.pos]

    def peek(self, ahead: int = 1) -> Token:
        return self.tokens[min(self.pos + ahead, len(self.tokens) - 1)]

    def advance(self) -> Token:
        tok = self.tokens[self.pos]
        if tok.kind != EOF:
            self.pos += 1
        return tok

    def is_word(self, *words: str) -> bool:
        return self.tok.kind == IDENT and self.tok.text.upper() in words

    def is_punct(self, *puncts: str) -> bool:
        return self.tok.kind == PUNCT and self.tok.text in puncts

    def word(self, *words: str) -> str:
        if not self.is_word(*words):
            raise Syntax()
        return self.advance().text.upper()

    def punct(self, text: str) -> Token:
        if not self.is_punct(text):
            raise Syntax()
        return self.advance()

    # ---- values --------------------------------------------------------------------------

    def value(self, path: str, top: bool = False) -> Value:
        """A literal (or bound parameter) in wire form; `path` names it in number errors."""
        tok = self.tok
        if tok.kind == PARAM:
            if path != "root":  # a parameter stands for a whole attribute value, not a member of one
                dotted = path.replace("[", ".").replace("]", "")  # this message writes list indexes as .0
                self.defer(validation(UNSUPPORTED_TYPE.format(what="Parameter", path=dotted, at=tok.at())))
            self.advance()
            self.used += 1
            if self.used > len(self.params):
                self.defer(validation(PARAMETER_COUNT))
                return {"NULL": True}  # a stand-in: the statement is refused once it is read
            return self.params[self.used - 1]
        if tok.kind == STRING:
            self.advance()
            return {"S": tok.text}
        if tok.kind == ION:
            kind = ion_type(tok.text)
            if kind is None:
                raise Syntax()
            raise validation(ION_LITERAL.format(type=kind, path=path, at=tok.at()))
        if tok.kind == NUMBER or (tok.kind == PUNCT and tok.text in "+-" and self.peek().kind == NUMBER):
            sign = ""
            if tok.kind == PUNCT:
                sign = "-" if self.advance().text == "-" else ""
            return {"N": _number(sign + self.advance().text, path)}
        if tok.kind == IDENT:
            word = tok.text.upper()
            if word in ("TRUE", "FALSE"):
                self.advance()
                return {"BOOL": word == "TRUE"}
            if word == "NULL":
                self.advance()
                return {"NULL": True}
            if word == "MISSING":  # refused once the statement parses
                at = self.advance().at()
                if path == "root":  # an operand
                    self.defer(validation(MISSING_OPERAND))
                else:  # inside a literal, whose list indexes this message writes as .0
                    dotted = path.replace("[", ".").replace("]", "")
                    self.defer(validation(UNSUPPORTED_TYPE.format(what="LiteralMissing", path=dotted, at=at)))
                return {"NULL": True}
            if self.peek().kind == PUNCT and self.peek().text == "(":
                raise validation(UNSUPPORTED_TYPE.format(what=tok.text, path=path, at=tok.at()))
            if word_is_clause(word):
                raise validation(UNEXPECTED_TERM)
            raise Syntax()
        if tok.kind == PUNCT and tok.text == "[":
            self.advance()
            out: list[Value] = []
            while not self.is_punct("]"):
                if out:
                    self.punct(",")
                out.append(self.value(f"{path}[{len(out)}]"))
            self.advance()
            return _nested({"L": out}, path)
        if tok.kind == PUNCT and tok.text == "{":
            mapping = self.mapping(path, top)
            return mapping if top else _nested(mapping, path)
        if tok.kind == PUNCT and tok.text == "<<":
            return self.bag()
        if tok.kind == EOF:
            raise validation(UNEXPECTED_TERM)  # a value expected, the statement ended
        raise Syntax()

    def mapping(self, path: str, top: bool) -> Value:
        self.punct("{")
        out: dict[str, Value] = {}
        while not self.is_punct("}"):
            if out:
                self.punct(",")
            key_tok = self.tok
            if key_tok.kind != STRING:
                if key_tok.kind == NUMBER:
                    kind = "INT" if key_tok.text.isdigit() else "DECIMAL"
                    self.defer(validation(KEY_TYPE.format(type=kind, path=path, at=key_tok.at())))
                else:
                    raise Syntax()
            self.advance()
            self.punct(":")
            if key_tok.text in out:
                raise validation(DUPLICATE_KEY.format(key=key_tok.text, path=path, at=key_tok.at()))
            child = path if top else f"{path}.{key_tok.text}"
            if top and self.tok.word() == "MISSING":  # an INSERT's attribute
                self.defer(validation(UNSUPPORTED_TYPE.format(what="MISSING", path=path, at=self.tok.at())))
            out[key_tok.text] = self.value(child)
        self.advance()
        return {"M": out}

    def bag(self) -> Value:
        self.punct("<<")
        members: list[Value] = []
        kind = ""
        refused = False
        while not self.is_punct(">>"):
            if members or refused:
                self.punct(",")
            tok = self.tok
            member = self.value("root")
            member_kind = next(iter(member))
            if member_kind not in ("S", "N", "B") or member_kind != (kind or member_kind):
                self.defer(validation(BAG_TYPE.format(at=tok.at())))  # once the statement parses
                refused = True
                continue
            kind = member_kind
            members.append(member)
        self.advance()
        if refused:
            return {"NULL": True}  # a stand-in: the statement is refused once it is read
        if not members:
            raise validation(EMPTY_BAG)
        texts = [m[kind] for m in members]
        if len(set(texts)) != len(texts):
            raise validation(BAG_DUPLICATES.format(members=", ".join(texts)))
        return {kind + "S": values.set_order(kind + "S", texts)}


def _nested(value: Value, path: str) -> Value:
    """A whole list or map literal checked for DynamoDB's nesting limit (an attribute is level 1)."""
    if path == "root":
        values.check_value(value)
    return value


def word_is_clause(text: str) -> bool:
    """A keyword that cannot start a value (where a value was expected)."""
    return text.upper() in ("WHERE", "AND", "OR", "SET", "REMOVE", "ORDER", "RETURNING", "FROM", "BETWEEN", "IN")


_INT_MAX = 2**31 - 1
_INT_MIN = -(2**31)


def _number(text: str, path: str) -> str:
    """A number literal's canonical text; DynamoDB's number errors say where the literal is."""
    mantissa, _, exponent = text.lower().partition("e")
    scale = len(mantissa.partition(".")[2]) - int(exponent or "0")
    if not _INT_MIN <= int(exponent or "0") <= _INT_MAX or not _INT_MIN <= scale <= _INT_MAX:
        raise validation(NOT_WELL_FORMED)  # Java's BigDecimal cannot hold it: nothing after the colon
    try:
        return numbers.format(numbers.parse(text))
    except DynamoError as err:
        if not numbers.is_number_error(err):
            raise
        if (err.message or "").startswith(numbers.NOT_A_NUMBER):
            raise validation(NOT_WELL_FORMED) from None
        raise validation(UNDER.format(message=err.message, path=path)) from None
