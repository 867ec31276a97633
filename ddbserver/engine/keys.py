"""Order-preserving key bytes for items in the `items` database.

Layout of one item key (version 1):

    +-----------+----------+------------------------+------------------------+
    | table id  | hash     | partition key value    | sort key value         |
    | 4 B, BE   | 4 B      | component (delimited)  | component (delimited)  |
    +-----------+----------+------------------------+------------------------+

- table id: a number given to each table at creation and never reused, so one prefix scan reads
  a table and a dropped table's leftovers never mix with a new table of the same name.
- hash: the first 4 bytes of MD5 over the partition key's value; partitions are therefore laid
  out (and scanned) in hash order as DynamoDB scans them, and a parallel-scan segment is a
  contiguous hash range.
- components keep DynamoDB's order within their type:
  S and B: the bytes with 0x00 escaped as 0x00 0xFF, closed by 0x00 0x00 (bytewise order);
  N: a class byte (0x01 negative, 0x02 zero, 0x03 positive), then for non-zero numbers the
  decimal exponent as 2 bytes (biased by 0x8000) and the digits as ASCII closed by 0x00; for
  negative numbers every byte after the class byte is inverted (0xFF - b), so they sort in reverse.
"""

from __future__ import annotations

import hashlib
import struct
from decimal import Decimal

FORMAT_VERSION = 1

_NEG, _ZERO, _POS = b"\x01", b"\x02", b"\x03"
_INVERT = bytes(255 - i for i in range(256))
HASH_SPACE = 1 << 32


def table_prefix(table_id: int) -> bytes:
    return struct.pack(">I", table_id)


def value_bytes(type_: str, value: str) -> bytes:
    """The bytes DynamoDB compares for a scalar key value (S: UTF-8, B: raw, N: canonical text)."""
    if type_ == "S" or type_ == "N":
        return value.encode("utf-8")
    import base64

    return base64.b64decode(value)


def partition_hash(type_: str, value: str) -> bytes:
    return hashlib.md5(type_.encode() + value_bytes(type_, value)).digest()[:4]


def encode_component(type_: str, value: str) -> bytes:
    if type_ == "N":
        return _encode_number(value)
    raw = value_bytes(type_, value)
    return raw.replace(b"\x00", b"\x00\xff") + b"\x00\x00"


def _encode_number(text: str) -> bytes:
    value = Decimal(text)
    if not value:
        return _ZERO
    sign, digits, exponent = value.normalize().as_tuple()
    assert isinstance(exponent, int)
    # value = 0.d1d2d3... x 10^e
    e = exponent + len(digits)
    body = struct.pack(">H", e + 0x8000) + bytes(0x30 + d for d in digits) + b"\x00"
    if sign:
        return _NEG + body.translate(_INVERT)
    return _POS + body


def item_key(table_id: int, schema: "KeyShape", key: dict[str, dict[str, str]]) -> bytes:
    """The `items` key of an item whose key attributes are `key` (already validated)."""
    (pk_type, pk_value), = key[schema.hash_name].items()
    out = table_prefix(table_id) + partition_hash(pk_type, pk_value) + encode_component(pk_type, pk_value)
    if schema.range_name is not None:
        (sk_type, sk_value), = key[schema.range_name].items()
        out += encode_component(sk_type, sk_value)
    return out


def partition_prefix(table_id: int, pk_type: str, pk_value: str) -> bytes:
    """The prefix shared by every item of one partition (for Query)."""
    return table_prefix(table_id) + partition_hash(pk_type, pk_value) + encode_component(pk_type, pk_value)


def segment_bounds(table_id: int, segment: int, total: int) -> tuple[bytes, bytes]:
    """[start, end) key range of one parallel-scan segment: a contiguous slice of the hash space."""
    lo = segment * HASH_SPACE // total
    hi = (segment + 1) * HASH_SPACE // total
    start = table_prefix(table_id) + struct.pack(">I", lo)
    end = table_prefix(table_id) + struct.pack(">I", hi) if hi < HASH_SPACE else table_prefix(table_id + 1)
    return start, end


class KeyShape:
    """The key attribute names and types of a table (or index)."""

    __slots__ = ("hash_name", "hash_type", "range_name", "range_type")

    def __init__(self, hash_name: str, hash_type: str, range_name: str | None, range_type: str | None) -> None:
        self.hash_name = hash_name
        self.hash_type = hash_type
        self.range_name = range_name
        self.range_type = range_type

    @property
    def names(self) -> tuple[str, ...]:
        return (self.hash_name,) if self.range_name is None else (self.hash_name, self.range_name)
