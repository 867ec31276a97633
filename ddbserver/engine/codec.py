"""Item <-> stored bytes in the `items` database.

Layout of a stored item (version 1):

    +-------------------+-----------------------------------------------+
    | item size, 4 B BE | the item in DynamoDB's wire form, as JSON     |
    +-------------------+-----------------------------------------------+

The size is DynamoDB's item size (values.item_size), kept so that capacity and table size need
no decoding. The JSON is what GetItem and Query return, so a response splices the stored bytes
in without decoding and re-encoding the item.
"""

from __future__ import annotations

import struct
from typing import Any

import orjson

FORMAT_VERSION = 1
_SIZE = struct.Struct(">I")


def encode(item: dict[str, Any], size: int) -> bytes:
    return _SIZE.pack(size) + orjson.dumps(item)


def size_of(stored: bytes) -> int:
    return _SIZE.unpack_from(stored)[0]


def json_of(stored: bytes) -> bytes:
    return stored[4:]


def decode(stored: bytes) -> dict[str, Any]:
    return orjson.loads(memoryview(stored)[4:])
