"""Order-preserving key bytes for items in the `items` database.

Layout of one item key (version 2):

    +-----------+------------------------------+-------------------------------------+
    | table id  | partition digest             | sort key component (if the table    |
    | 4 B, BE   | 16 B: BLAKE2b(type, value)   | has one), at most 491 B             |
    +-----------+------------------------------+-------------------------------------+

- table id: a number given to each table at creation and never reused, so one prefix scan reads
  a table and a dropped table's leftovers never mix with a new table of the same name.
- partition digest: a 16-byte BLAKE2b digest of the key type and the partition key's value.
  Partitions are therefore laid out (and scanned) in hash order, as DynamoDB scans them; a
  parallel-scan segment is a contiguous range of the digest's first 4 bytes; and a 2048-byte
  partition key still fits LMDB's 511-byte key limit.
- the sort key component keeps DynamoDB's order within its type:
  S and B: the bytes (UTF-8 for S) with 0x00 escaped as 0x00 0xFF, closed by 0x00 0x00, so
  the byte order of components is the byte order of the values;
  N: a class byte (0x01 negative, 0x02 zero, 0x03 positive); for non-zero numbers then the
  decimal exponent of 0.d1d2d3... (2 bytes, biased by 0x8000) and the significant digits as
  ASCII closed by 0x00; for negative numbers every byte after the class byte is inverted
  (0xFF - b), so larger magnitudes sort first.
  A component longer than 491 bytes (an S or B sort key over ~489 bytes) keeps its first 475
  bytes followed by a 16-byte digest of the whole: still unique, and in order except among
  sort keys of one partition that share their first 475 bytes.
Numbers must be normalised (values.check_item) before they get here: 1 and 1.0 are one key.
"""

from __future__ import annotations

import base64
import hashlib
import struct
from dataclasses import dataclass
from decimal import Context, Decimal

FORMAT_VERSION = 2

MAX_KEY_BYTES = 511  # LMDB's key size limit
DIGEST_BYTES = 16

_NEG, _ZERO, _POS = b"\x01", b"\x02", b"\x03"  # never reorder
_INVERT = bytes(255 - i for i in range(256))
_EXACT = Context(prec=400)
HASH_SPACE = 1 << 32


@dataclass(frozen=True, slots=True)
class KeyShape:
    """The key attribute names and types of a table (or index)."""

    hash_name: str
    hash_type: str
    range_name: str | None = None
    range_type: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.hash_name,) if self.range_name is None else (self.hash_name, self.range_name)


def table_prefix(table_id: int) -> bytes:
    return struct.pack(">I", table_id)


def value_bytes(type_: str, value: str) -> bytes:
    """The bytes DynamoDB compares for a scalar key value (S: UTF-8, B: raw, N: canonical text)."""
    if type_ == "B":
        return base64.b64decode(value)
    return value.encode("utf-8")


def partition_digest(type_: str, value: str) -> bytes:
    """16 bytes standing for one partition key value (its first 4 are the scan-order hash)."""
    return _digest(type_.encode() + b"\x00" + value_bytes(type_, value))


def partition_hash(type_: str, value: str) -> bytes:
    """The 4 bytes that place a partition in scan order and in a parallel-scan segment."""
    return partition_digest(type_, value)[:4]


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=DIGEST_BYTES).digest()


def encode_component(type_: str, value: str) -> bytes:
    """One key value as bytes whose order is DynamoDB's order for the type."""
    if type_ == "N":
        return _encode_number(value)
    raw = value_bytes(type_, value)
    return raw.replace(b"\x00", b"\x00\xff") + b"\x00\x00"


def _encode_number(text: str) -> bytes:
    value = Decimal(text)
    if not value:
        return _ZERO
    sign, digits, exponent = value.normalize(_EXACT).as_tuple()
    assert isinstance(exponent, int)
    e = exponent + len(digits)  # value = 0.d1d2d3... x 10^e
    body = struct.pack(">H", e + 0x8000) + bytes(0x30 + d for d in digits) + b"\x00"
    if sign:
        return _NEG + body.translate(_INVERT)
    return _POS + body


PREFIX_BYTES = 4 + DIGEST_BYTES
SORT_BUDGET = MAX_KEY_BYTES - PREFIX_BYTES
_SORT_CUT = SORT_BUDGET - DIGEST_BYTES


def sort_component(type_: str, value: str) -> bytes:
    """The sort key's part of an item key: encode_component, cut to fit LMDB's key limit."""
    component = encode_component(type_, value)
    if len(component) <= SORT_BUDGET:
        return component
    return component[:_SORT_CUT] + _digest(component)


def item_key(table_id: int, schema: KeyShape, key: dict[str, dict[str, str]]) -> bytes:
    """The `items` key of an item whose key attributes are `key` (already validated)."""
    (pk_type, pk_value), = key[schema.hash_name].items()
    out = partition_prefix(table_id, pk_type, pk_value)
    if schema.range_name is not None:
        (sk_type, sk_value), = key[schema.range_name].items()
        out += sort_component(sk_type, sk_value)
    return out


def partition_prefix(table_id: int, pk_type: str, pk_value: str) -> bytes:
    """The prefix shared by every item of one partition (for Query), 20 bytes."""
    return table_prefix(table_id) + partition_digest(pk_type, pk_value)


def segment_bounds(table_id: int, segment: int, total: int) -> tuple[bytes, bytes]:
    """[start, end) key range of one parallel-scan segment: a contiguous slice of the hash space.

    The segments 0..total-1 cover the table's keys exactly once, in order.
    """
    lo = segment * HASH_SPACE // total
    hi = (segment + 1) * HASH_SPACE // total
    start = table_prefix(table_id) + struct.pack(">I", lo)
    end = table_prefix(table_id) + struct.pack(">I", hi) if hi < HASH_SPACE else table_prefix(table_id + 1)
    return start, end
