"""Secondary indexes: what an index holds of an item, where its entry lives, and the checks an
item's index key attributes must pass.

Index entries live in the `items` database beside the table items, under the index's own id
(ids come from the table-id counter: never shared with a table, never reused). Layout of one
entry key (version 1):

    +----------+------------------------+----------------------------+-------------------------+
    | index id | partition digest       | sort components            | table key tail          |
    | 4 B, BE  | 16 B of the index's    | keys.encode_component of   | the item's `items` key  |
    |          | HASH value(s)          | each RANGE value, in order | without its table id    |
    +----------+------------------------+----------------------------+-------------------------+

- partition digest: keys.partition_digest of the value for a one-attribute partition key (so
  an index partition and a parallel-scan segment are the same ranges as a table's); a
  multi-attribute key digests every value, each with its type and length.
- sort components: each is prefix-free (keys.py), so their concatenation orders by the tuple of
  values, first attribute first, as DynamoDB orders a multi-attribute sort key.
- table key tail: makes entries of items with equal index keys distinct and orders them by the
  table key (partition hash, then sort key) after the index key.
- An entry longer than LMDB's 511-byte key limit keeps its first 495 bytes and a 16-byte digest
  of the whole: still unique, in order except among entries that share those 495 bytes.

The value is the projected item in the codec layout (codec.py); its size header is the projected
item's DynamoDB size, which IndexSizeBytes sums. An item lacking any of the index's key
attributes has no entry (a sparse index).

Indexes are maintained by Store.put / Store.delete in the transaction of the table write
(maintain()); an index being deleted (IndexStatus DELETING) is no longer maintained.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from collections.abc import Callable
from typing import Any

from ddbserver.engine import codec, keys, values
from ddbserver.engine.keys import KeyShape
from ddbserver.errors import DynamoError, invalid_parameter, validation

Item = dict[str, Any]

FORMAT_VERSION = 1
# Bytes a local index entry counts beyond its attributes, in write units and in its item
# collection's size: the "100 bytes of overhead per index item" of AWS's developer guide (local
# secondary indexes, storage considerations); DynamoDB Local charges it on LSI writes only.
LSI_ENTRY_OVERHEAD = 100
_CUT = keys.MAX_KEY_BYTES - keys.DIGEST_BYTES

NO_INDEX = "The table does not have the specified index: {name}"
INDEX_BACKFILLING = "Cannot read from backfilling global secondary index: {name}"
TYPE_MISMATCH = "Type mismatch for Index Key {name} Expected: {expected} Actual: {actual} IndexName: {index}"
EMPTY_INDEX_KEY = (
    "One or more parameter values are not valid. A value specified for a secondary index key is not supported. "
    "The AttributeValue for a key attribute cannot contain an empty {kind} value. IndexName: {index}, IndexKey: {name}"
)
KEY_TOO_LARGE = ("Size limit exceeded for Index Key {name} Actual Size: {size} bytes Max Size: {limit} bytes "
                 "IndexName: {index}")
# A path below a key attribute: `kind` is "Key" (a table key) or "IndexKey" (AWS, dynalite's
# AWS-recorded suite, ScyllaDB's test_gsi.py; DynamoDB Local alike).
KEY_NOT_SCALAR = ("Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: "
                  "{kind}: {name}")
_REQUEST_LEVEL = ("One or more parameter values are not valid.",
                  "One or more parameter values were invalid: " + KEY_TOO_LARGE.split(" {")[0])
EMPTY_INDEX_KEY_UPDATE = (
    "One or more parameter values are not valid. The update expression attempted to update a secondary index key "
    "to a value that is not supported. The AttributeValue for a key attribute cannot contain an empty {kind} value."
)


@dataclass(frozen=True, slots=True)
class Index:
    """One secondary index of a table, as the engine uses it (built from the table's record)."""

    name: str
    id: int
    is_global: bool
    hash_keys: tuple[tuple[str, str], ...]   # (attribute, type), in KeySchema order
    range_keys: tuple[tuple[str, str], ...]
    projection: str                          # "ALL" | "KEYS_ONLY" | "INCLUDE"
    projected: frozenset[str]                # table keys, index keys and NonKeyAttributes (not for ALL)
    table_keys: tuple[str, ...]
    status: str = "ACTIVE"                   # "CREATING" | "ACTIVE" | "DELETING" (GSIs; LSIs ACTIVE)
    backfilling: bool = False

    @property
    def key(self) -> KeyShape:
        """The first HASH and first RANGE attribute (the whole key unless it is multi-attribute)."""
        (hash_name, hash_type) = self.hash_keys[0]
        rng = self.range_keys[0] if self.range_keys else (None, None)
        return KeyShape(hash_name, hash_type, rng[0], rng[1])

    @property
    def key_names(self) -> tuple[str, ...]:
        return tuple(n for n, _ in self.hash_keys + self.range_keys)

    @property
    def page_key_names(self) -> tuple[str, ...]:
        """The attributes of a LastEvaluatedKey from this index: the table's key and the index's."""
        return tuple(dict.fromkeys(self.table_keys + self.key_names))

    @property
    def maintained(self) -> bool:
        return self.status != "DELETING"

    @property
    def readable(self) -> bool:
        return self.status == "ACTIVE"

    @property
    def projects_all(self) -> bool:
        return self.projection == "ALL"

    def project(self, item: Item) -> Item:
        """What the index holds of `item` (which has every index key attribute)."""
        if self.projection == "ALL":
            return item
        return {n: v for n, v in item.items() if n in self.projected}

    def entry_key(self, item: Item, tail: bytes) -> bytes | None:
        """The entry key of `item` (its table key tail `tail`), None when it is not indexed."""
        try:
            hashes = [(t, item[n][t]) for n, t in self.hash_keys]
            ranges = [(t, item[n][t]) for n, t in self.range_keys]
        except KeyError:
            return None
        out = self.partition_prefix(hashes) + b"".join(keys.encode_component(t, v) for t, v in ranges) + tail
        if len(out) > keys.MAX_KEY_BYTES:
            out = out[:_CUT] + hashlib.blake2b(out, digest_size=keys.DIGEST_BYTES).digest()
        return out

    def partition_prefix(self, hashes: list[tuple[str, str]]) -> bytes:
        """The 20-byte prefix of every entry whose HASH values are `hashes` ((type, value) each)."""
        if len(hashes) == 1:
            return keys.partition_prefix(self.id, *hashes[0])
        parts = b"".join(t.encode() + struct.pack(">I", len(raw)) + raw
                         for t, raw in ((t, keys.value_bytes(t, v)) for t, v in hashes))
        return keys.table_prefix(self.id) + hashlib.blake2b(parts, digest_size=keys.DIGEST_BYTES).digest()

    def check(self, item: Item, update: bool = False) -> None:
        """DynamoDB's checks of an item's index key attributes before it is written, attribute by
        attribute in key order (HASH, then RANGE): the type the definition names ("Actual:
        NULL" for a NULL), no empty S/B value, 2048 bytes for a partition key value and 1024 for
        a sort key value (AWS's texts; DynamoDB Local says only "Type mismatch for Index Key" /
        "Size limit exceeded"). Absent is fine (a sparse index). `update`: UpdateExpression's
        wording for an empty value."""
        for position, (name, type_) in enumerate(self.hash_keys + self.range_keys):
            value = item.get(name)
            if value is None:
                continue
            (actual, v), = value.items()
            if actual != type_:
                raise invalid_parameter(TYPE_MISMATCH.format(name=name, expected=type_, actual=actual, index=self.name))
            if type_ == "N":
                continue
            if v == "":
                kind = "string" if type_ == "S" else "binary"
                if update:
                    raise validation(EMPTY_INDEX_KEY_UPDATE.format(kind=kind))
                raise validation(EMPTY_INDEX_KEY.format(kind=kind, index=self.name, name=name))
            size = len(keys.value_bytes(type_, v))
            limit = values.MAX_HASH_KEY if position < len(self.hash_keys) else values.MAX_RANGE_KEY
            if size > limit:
                raise invalid_parameter(KEY_TOO_LARGE.format(name=name, size=size, limit=limit, index=self.name))


def from_meta(meta: dict[str, Any], table_keys: tuple[str, ...]) -> tuple[Index, ...]:
    """The table's indexes from its record: local ones first, then global, each in definition
    order (the order DynamoDB checks an item's index keys in). An index without an id (stored
    before indexes were maintained) is left out."""
    types = {d["AttributeName"]: d["AttributeType"] for d in meta["AttributeDefinitions"]}
    out = []
    for member, is_global in (("LocalSecondaryIndexes", False), ("GlobalSecondaryIndexes", True)):
        for spec in meta.get(member) or ():
            if "id" not in spec:
                continue
            schema = spec["KeySchema"]
            hashes = tuple((k["AttributeName"], types[k["AttributeName"]]) for k in schema if k["KeyType"] == "HASH")
            ranges = tuple((k["AttributeName"], types[k["AttributeName"]]) for k in schema if k["KeyType"] == "RANGE")
            projection = spec.get("Projection") or {}
            kind = projection.get("ProjectionType") or "ALL"
            projected = frozenset(table_keys) | {n for n, _ in hashes + ranges}
            if kind == "INCLUDE":
                projected |= frozenset(projection.get("NonKeyAttributes") or ())
            out.append(Index(spec["IndexName"], spec["id"], is_global, hashes, ranges, kind, projected, table_keys,
                             spec.get("IndexStatus", "ACTIVE"), bool(spec.get("Backfilling"))))
    return tuple(out)


def readable(table_indexes: tuple[Index, ...], name: str) -> Index:
    """The index a read names: one of the table's (one being deleted is no longer there) whose
    build is finished (a GSI being built answers INDEX_BACKFILLING)."""
    index = next((i for i in table_indexes if i.name == name), None)
    if index is None or index.status == "DELETING":
        raise validation(NO_INDEX.format(name=name))
    if not index.readable:
        raise validation(INDEX_BACKFILLING.format(name=name))
    return index


def check_item(indexes: tuple[Index, ...], item: Item, update: bool = False) -> None:
    """Every index's checks of `item` (see Index.check); raises the first problem. Indexes are
    checked in the order of their names, global and local alike: an attribute keying several
    indexes is reported with the alphabetically first one (AWS, nubo-db/dynamodb-conformance's
    captures; DynamoDB Local checks local indexes first). Within an index, attribute by
    attribute in key order (an empty HASH value before a wrong-typed RANGE value, Local)."""
    for index in sorted(indexes, key=_name):
        if index.maintained:
            index.check(item, update)


def _name(index: Index) -> str:
    return index.name


def check_nested_update(indexes: tuple[Index, ...], nested: tuple[str, ...]) -> None:
    """An UpdateExpression may not write below an index key attribute (`g.a`, `g[0]`): the
    attribute must stay a scalar. `nested` names the top-level attributes of the update's
    nested paths, in the expression's order. DynamoDB reports it once the condition has passed
    (and whether the item exists or not)."""
    for name in nested:
        if any(name in index.key_names for index in indexes if index.maintained):
            raise validation(KEY_NOT_SCALAR.format(kind="IndexKey", name=name))


def nested_guard(update: Callable[[Item], Item], indexes: tuple[Index, ...],
                 nested: tuple[str, ...]) -> Callable[[Item], Item]:
    """`update`, or, when it writes below an index key attribute, an update that always raises
    check_nested_update's error (applied where the update runs: after the condition)."""
    try:
        check_nested_update(indexes, nested)
    except DynamoError as err:
        refused = err

        def refuse(item: Item) -> Item:
            raise refused

        return refuse
    return update


def request_level(err: DynamoError) -> bool:
    """Whether an index key error fails a whole transaction (an empty or oversized value,
    DynamoDB Local) rather than being its action's ValidationError reason (a wrong type)."""
    return (err.message or "").startswith(_REQUEST_LEVEL)


def entry_value(index: Index, item: Item, stored: bytes) -> bytes:
    """The stored value of `item`'s entry: the table's bytes themselves when all is projected."""
    if index.projection == "ALL":
        return stored
    projected = index.project(item)
    return codec.encode(projected, values.item_size(projected))

