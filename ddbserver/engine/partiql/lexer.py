"""Tokens of a PartiQL statement, with their positions (line and column from 1, as DynamoDB
prints them in "at <line>:<column>:<length>").

Whitespace, `-- line` comments and `/* block */` comments separate tokens. A character no
token starts with (`#`, a stray quote, an unterminated comment) makes the statement
unreadable: DynamoDB then says only "Statement wasn't well formed, can't be processed: ".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ddbserver.errors import DynamoError, validation

NOT_WELL_FORMED = "Statement wasn't well formed, can't be processed: "

# kinds
IDENT = "ident"        # a bare word (keywords are bare words, compared without case)
QUOTED = "quoted"      # "a quoted name"
STRING = "string"      # 'a string'
NUMBER = "number"
PARAM = "param"        # ?
PUNCT = "punct"
EOF = "eof"

_PUNCT = ("<<", ">>", "<=", ">=", "<>", "!=", "=", "<", ">", "(", ")", "[", "]", "{", "}", ",", ".", "*",
          ":", "+", "-", ";", "?")
_NUMBER = re.compile(r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_WORD = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str      # the word, the unquoted name or string, the number's text, the punctuation
    line: int
    column: int
    length: int    # characters the token takes in the statement

    def at(self) -> str:
        """DynamoDB's position suffix: "at <line>:<column>:<length>"."""
        return f"at {self.line}:{self.column}:{self.length}"

    def word(self) -> str:
        return self.text.upper() if self.kind == IDENT else ""


def unreadable() -> DynamoError:
    return validation(NOT_WELL_FORMED)


def tokenize(text: str) -> list[Token]:
    out: list[Token] = []
    i, line, line_start, n = 0, 1, 0, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            i += 1
            line, line_start = line + 1, i
            continue
        if c.isspace():
            i += 1
            continue
        if text.startswith("--", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise unreadable()
            line += text.count("\n", i, end)
            if "\n" in text[i:end]:
                line_start = text.rfind("\n", i, end) + 1
            i = end + 2
            continue
        column = i - line_start + 1
        if c in "'\"":
            j, parts = i + 1, []
            while True:
                k = text.find(c, j)
                if k < 0:
                    raise unreadable()
                parts.append(text[j:k])
                if text.startswith(c, k + 1):  # a doubled quote stands for itself
                    parts.append(c)
                    j = k + 2
                    continue
                j = k + 1
                break
            out.append(Token(STRING if c == "'" else QUOTED, "".join(parts), line, column, j - i))
            i = j
            continue
        m = _NUMBER.match(text, i)
        if m and (c.isdigit() or c == "."):
            out.append(Token(NUMBER, m.group(0), line, column, m.end() - i))
            i = m.end()
            continue
        m = _WORD.match(text, i)
        if m:
            out.append(Token(IDENT, m.group(0), line, column, m.end() - i))
            i = m.end()
            continue
        for p in _PUNCT:
            if text.startswith(p, i):
                out.append(Token(PARAM if p == "?" else PUNCT, p, line, column, len(p)))
                i += len(p)
                break
        else:
            raise unreadable()
    out.append(Token(EOF, "", line, n - line_start + 1, 0))
    return out
