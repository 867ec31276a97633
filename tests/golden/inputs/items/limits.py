"""Item size (400 KB), key sizes (2048 / 1024 bytes) and nesting depth (32 levels)."""

from tests.golden.inputs.common import K, S, case, get, hash_table, range_table, validation_override

HASH_BIG = validation_override("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes")
RANGE_BIG = validation_override("One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes")


def nested(depth):
    value = S("x")
    for _ in range(depth):
        value = {"M": {"a": value}}
    return value


def nested_list(depth):
    value = S("x")
    for _ in range(depth):
        value = {"L": [value]}
    return value


MAX = 400 * 1024
CASES = [
    # size = len("pk") + len("k") + len("s") + len(value)
    case("item-exactly-400kb", "PutItem", {"TableName": "{T}", "Item": {"pk": S("k"), "s": S(f"<<a*{MAX - 4}>>")}},
         setup=[hash_table()], then=[get(K(), ProjectionExpression="pk")]),
    case("item-over-400kb", "PutItem", {"TableName": "{T}", "Item": {"pk": S("k"), "s": S(f"<<a*{MAX - 3}>>")}},
         setup=[hash_table()]),
    case("item-over-400kb-multibyte", "PutItem", {"TableName": "{T}", "Item": {"pk": S("k"), "s": S(f"<<é*{MAX // 2}>>")}},
         setup=[hash_table()]),
    case("hash-key-2048-bytes", "PutItem", {"TableName": "{T}", "Item": {"pk": S("<<k*2048>>")}}, setup=[hash_table()]),
    case("hash-key-2049-bytes", "PutItem", {"TableName": "{T}", "Item": {"pk": S("<<k*2049>>")}}, setup=[hash_table()], **HASH_BIG),
    case("hash-key-2049-bytes-get", "GetItem", {"TableName": "{T}", "Key": {"pk": S("<<k*2049>>")}}, setup=[hash_table()], **HASH_BIG),
    case("hash-key-multibyte-over", "PutItem", {"TableName": "{T}", "Item": {"pk": S("<<é*1025>>")}}, setup=[hash_table()], **HASH_BIG),
    case("range-key-1024-bytes", "PutItem", {"TableName": "{T}", "Item": {"pk": S("a"), "sk": S("<<r*1024>>")}},
         setup=[range_table("{T}", "S", "S")]),
    case("range-key-1025-bytes", "PutItem", {"TableName": "{T}", "Item": {"pk": S("a"), "sk": S("<<r*1025>>")}},
         setup=[range_table("{T}", "S", "S")], **RANGE_BIG),
    case("binary-hash-key-2049-bytes", "PutItem", {"TableName": "{T}", "Item": {"pk": {"B": "<<A*2732>>"}}},
         setup=[hash_table("{T}", "B")], **HASH_BIG),
    case("nesting-32-levels", "PutItem", {"TableName": "{T}", "Item": {"pk": S("k"), "m": nested(31)}}, setup=[hash_table()]),
    case("nesting-33-levels", "PutItem", {"TableName": "{T}", "Item": {"pk": S("k"), "m": nested(32)}}, setup=[hash_table()]),
    case("nesting-list-33-levels", "PutItem", {"TableName": "{T}", "Item": {"pk": S("k"), "m": nested_list(32)}}, setup=[hash_table()]),
]
