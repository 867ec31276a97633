"""The Ion type of a backquoted Ion literal, which DynamoDB names when it refuses one
("Ion Literals are not supported: DECIMAL ..."). Only the type is read, not the value."""

from __future__ import annotations

import re

_INT = re.compile(r"[+-]?(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|[0-9][0-9_]*)")
_DECIMAL = re.compile(r"[+-]?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[dD][+-]?[0-9]+)?|[+-]?\.[0-9]+")
_FLOAT = re.compile(r"[+-]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][+-]?[0-9]+|nan|[+-]inf")
_TIMESTAMP = re.compile(r"[0-9]{4}(?:T|-[0-9]{2}(?:T|-[0-9]{2}(?:T[0-9:.+\-Z]*)?)?)")
_SYMBOL = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_TYPED_NULLS = {"null", "bool", "int", "float", "decimal", "timestamp", "symbol", "string", "clob", "blob", "list",
                "sexp", "struct"}


def ion_type(text: str) -> str | None:
    """The Ion type name of `text` (INT, DECIMAL, FLOAT, STRING, SYMBOL, BOOL, NULL, TIMESTAMP,
    BLOB, CLOB, STRUCT, LIST, SEXP), or None when it is no Ion value."""
    t = text.strip()
    if not t:
        return None
    if t.startswith("null."):
        kind = t[5:]
        return ("NULL" if kind == "null" else kind.upper()) if kind in _TYPED_NULLS else None
    checks = (("NULL", t == "null"), ("BOOL", t in ("true", "false")),
              ("CLOB", t.startswith("{{") and t[2:].lstrip().startswith(('"', "'"))),
              ("BLOB", t.startswith("{{")), ("STRUCT", t.startswith("{")), ("LIST", t.startswith("[")),
              ("SEXP", t.startswith("(")), ("STRING", t.startswith('"') or t.startswith("'''")),
              ("SYMBOL", t.startswith("'")), ("TIMESTAMP", _TIMESTAMP.fullmatch(t) is not None),
              ("INT", _INT.fullmatch(t) is not None), ("FLOAT", _FLOAT.fullmatch(t) is not None),
              ("DECIMAL", _DECIMAL.fullmatch(t) is not None), ("SYMBOL", _SYMBOL.fullmatch(t) is not None))
    return next((name for name, hit in checks if hit), None)
