"""Tokens of DynamoDB's expression language (one lexer for all five expression kinds).

Identifiers start with a letter; `#name` and `:value` placeholders take letters, digits and
underscores; numbers (list indexes only) are `0` or a digit run without a leading zero, so
"01" is two tokens, as in DynamoDB. Any other character is a one-character token that the
parser rejects, which gives DynamoDB's `Syntax error; token: "$"` messages.
"""

from __future__ import annotations

from dataclasses import dataclass

# token kinds
IDENT = "ident"
NAME = "name"      # #placeholder
VALUE = "value"    # :placeholder
NUMBER = "number"
PUNCT = "punct"
OTHER = "other"
EOF = "eof"

_TWO_CHAR = ("<>", "<=", ">=")
_ONE_CHAR = frozenset("=<>()[],.+-")
_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DIGITS = frozenset("0123456789")
_SPACE = frozenset(" \t\n\r")


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """All tokens of `text`, ending with an EOF token at len(text)."""
    out: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in _SPACE:
            i += 1
            continue
        j = i + 1
        if c in _LETTERS:
            while j < n and text[j] in _WORD:
                j += 1
            kind = IDENT
        elif c in "#:" and j < n and text[j] in _WORD:
            while j < n and text[j] in _WORD:
                j += 1
            kind = NAME if c == "#" else VALUE
        elif c in _DIGITS:
            if c != "0":
                while j < n and text[j] in _DIGITS:
                    j += 1
            kind = NUMBER
        elif text[i:i + 2] in _TWO_CHAR:
            j = i + 2
            kind = PUNCT
        elif c in _ONE_CHAR:
            kind = PUNCT
        else:
            kind = OTHER
        out.append(Token(kind, text[i:j], i, j))
        i = j
    out.append(Token(EOF, "<EOF>", n, n))
    return out
