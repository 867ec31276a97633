"""engine/keys.py: order-preserving key bytes, partition prefixes, parallel-scan segments."""

from __future__ import annotations

import base64
import struct
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ddbserver.engine import keys, numbers
from ddbserver.engine.keys import KeyShape

texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
blobs = st.binary(max_size=12)


@st.composite
def dynamo_numbers(draw):
    digits = draw(st.text("0123456789", min_size=1, max_size=38)).lstrip("0") or "0"
    if digits == "0":
        return "0"
    adjusted = draw(st.integers(-130, 125))
    sign = draw(st.sampled_from(["", "-"]))
    return numbers.normalize(f"{sign}{digits}e{adjusted - len(digits) + 1}")


def order(a, b) -> int:
    return (a > b) - (a < b)


@settings(max_examples=150, deadline=None)
@given(texts, texts)
def test_string_components_sort_by_utf8_bytes(a, b):
    """DynamoDB orders S keys by their UTF-8 bytes; the encoded components keep that order."""
    ea, eb = keys.encode_component("S", a), keys.encode_component("S", b)
    assert order(ea, eb) == order(a.encode("utf-8"), b.encode("utf-8"))


@settings(max_examples=150, deadline=None)
@given(blobs, blobs)
def test_binary_components_sort_by_unsigned_bytes(a, b):
    """DynamoDB orders B keys as unsigned bytes, including values with 0x00 and 0xFF."""
    ea = keys.encode_component("B", base64.b64encode(a).decode())
    eb = keys.encode_component("B", base64.b64encode(b).decode())
    assert order(ea, eb) == order(a, b)


@settings(max_examples=150, deadline=None)
@given(dynamo_numbers(), dynamo_numbers())
def test_number_components_sort_numerically(a, b):
    """DynamoDB orders N keys by value, across the whole range and all 38 digits."""
    ea, eb = keys.encode_component("N", a), keys.encode_component("N", b)
    assert order(ea, eb) == order(Decimal(a), Decimal(b))


def test_number_order_at_the_edges():
    """Extremes, zero and long numbers sort by value (38-digit keys are not rounded)."""
    values = ["-9.9999999999999999999999999999999999999E+125", "-1", "-1E-130", "0", "1E-130",
              "0.5", "1", "12345678901234567890123456789012345678", "12345678901234567890123456789012345679",
              "9.9999999999999999999999999999999999999E+125"]
    canonical = [numbers.normalize(v) for v in values]
    encoded = [keys.encode_component("N", v) for v in canonical]
    assert encoded == sorted(encoded)
    assert len(set(encoded)) == len(encoded)


@settings(max_examples=100, deadline=None)
@given(st.tuples(texts, texts), st.tuples(texts, texts))
def test_composite_keys_sort_by_sort_key_within_a_partition(x, y):
    """Sort keys that follow the same partition compare as the sort keys alone: the partition
    component is self-delimiting, so "a" + "b" never collides with "ab" + ""."""
    shape = KeyShape("pk", "S", "sk", "S")
    ka = keys.item_key(7, shape, {"pk": {"S": x[0] or "p"}, "sk": {"S": x[1]}})
    kb = keys.item_key(7, shape, {"pk": {"S": x[0] or "p"}, "sk": {"S": y[1]}})
    assert order(ka, kb) == order(x[1].encode(), y[1].encode())
    if (x[0] or "p", x[1]) != (y[0] or "p", y[1]):
        kc = keys.item_key(7, shape, {"pk": {"S": y[0] or "p"}, "sk": {"S": y[1]}})
        assert ka != kc


def test_partition_prefix_starts_every_item_key_of_the_partition():
    """Query reads one partition by prefix."""
    shape = KeyShape("pk", "N", "sk", "B")
    prefix = keys.partition_prefix(3, "N", "42")
    for sk in (b"", b"\x00", b"\xff" * 5):
        key = keys.item_key(3, shape, {"pk": {"N": "42"}, "sk": {"B": base64.b64encode(sk).decode()}})
        assert key.startswith(prefix)
    assert not keys.item_key(3, shape, {"pk": {"N": "420"}, "sk": {"B": "AA=="}}).startswith(prefix)


def test_table_ids_separate_tables():
    """One table's keys never fall inside another table's prefix."""
    shape = KeyShape("pk", "S")
    key = keys.item_key(1, shape, {"pk": {"S": "x"}})
    assert key.startswith(keys.table_prefix(1)) and not key.startswith(keys.table_prefix(2))


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 1000), st.integers(0, (1 << 32) - 1))
def test_segments_cover_the_hash_space_disjointly(total, point):
    """Parallel-scan segments are contiguous, ordered and together cover every key exactly once."""
    bounds = [keys.segment_bounds(5, s, total) for s in range(total)]
    assert bounds[0][0] == keys.table_prefix(5) + b"\x00\x00\x00\x00"
    assert bounds[-1][1] == keys.table_prefix(6)
    for (_, end), (start, _) in zip(bounds, bounds[1:]):
        assert end == start
    key = keys.table_prefix(5) + struct.pack(">I", point) + b"rest"
    assert sum(1 for lo, hi in bounds if lo <= key < hi) == 1


def test_key_shape_is_a_frozen_value():
    """KeyShape compares by value and lists its names in schema order."""
    assert KeyShape("a", "S", "b", "N") == KeyShape("a", "S", "b", "N")
    assert KeyShape("a", "S", "b", "N").names == ("a", "b")
    assert KeyShape("a", "B").names == ("a",)


def test_longest_keys_fit_lmdb():
    """A 2048-byte partition key with a 1024-byte sort key (all 0x00, doubled by escaping)
    still makes a key within LMDB's 511-byte limit."""
    shape = KeyShape("pk", "B", "sk", "B")
    key = keys.item_key(1, shape, {"pk": {"B": base64.b64encode(b"\x00" * 2048).decode()},
                                   "sk": {"B": base64.b64encode(b"\x00" * 1024).decode()}})
    assert len(key) <= keys.MAX_KEY_BYTES


@settings(max_examples=40, deadline=None)
@given(st.binary(min_size=470, max_size=1024), st.binary(min_size=470, max_size=1024))
def test_long_sort_keys_stay_unique_and_ordered_where_they_differ_early(a, b):
    """Long sort keys are cut with a digest: distinct values keep distinct keys, and values that
    differ within the first 475 encoded bytes keep their order."""
    shape = KeyShape("pk", "S", "sk", "B")
    ka, kb = (keys.item_key(1, shape, {"pk": {"S": "p"}, "sk": {"B": base64.b64encode(v).decode()}}) for v in (a, b))
    assert len(ka) <= keys.MAX_KEY_BYTES and len(kb) <= keys.MAX_KEY_BYTES
    assert (ka == kb) == (a == b)
    ea, eb = keys.encode_component("B", base64.b64encode(a).decode()), keys.encode_component("B", base64.b64encode(b).decode())
    if ea[:475] != eb[:475]:
        assert order(ka, kb) == order(a, b)
