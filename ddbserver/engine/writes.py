"""Single-item write operations: prepared outside the writer, applied inside it.

Each operation is a frozen dataclass whose `apply(store)` reads the old item, checks the
condition, and writes through the store; it raises (changing nothing) when the condition fails.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ddbserver.engine import codec, indexes, values
from ddbserver.engine.catalog import Table
from ddbserver.engine.expr.charge import Charge
from ddbserver.engine.store import Store
from ddbserver.errors import conditional_failed, validation

Item = dict[str, Any]
Condition = Callable[[Item | None], bool]
Update = Callable[[Item], Item]

UPDATE_TOO_LARGE = "Item size to update has exceeded the maximum allowed size"


@dataclass(frozen=True, slots=True)
class WriteResult:
    old: bytes | None  # stored bytes before (codec layout), None if there was no item
    new: bytes | None  # stored bytes after, None if the item is gone or unchanged


def check_condition(cond: Condition | None, old: bytes | None, return_old: bool) -> Item | None:
    """Evaluate `cond` on the old item; raise ConditionalCheckFailed (with the item if asked)."""
    old_item = codec.decode(old) if old is not None else None
    if cond is not None and not cond(old_item):
        raise conditional_failed(old_item if return_old and old_item is not None else None)
    return old_item


def check_updated(table: Table, new_item: Item) -> int:
    """An updated item's index keys and size (known only inside the writer); its size."""
    if table.indexes:
        indexes.check_item(table.indexes, new_item, update=True)
    size = values.item_size(new_item)
    if size > values.MAX_ITEM_SIZE:
        raise validation(UPDATE_TOO_LARGE)
    return size


@dataclass(frozen=True, slots=True)
class PutOp:
    table: Table
    key: Item
    key_bytes: bytes
    item: Item
    size: int
    condition: Condition | None = None
    return_old_on_fail: bool = False
    origin: str = "user"

    def apply(self, store: Store) -> WriteResult:
        old = store.get(self.table, self.key_bytes)
        if self.condition is not None:
            check_condition(self.condition, old, self.return_old_on_fail)
        new = store.put(self.table, self.key, self.key_bytes, old, self.item, self.size, self.origin)
        return WriteResult(old, new)


@dataclass(frozen=True, slots=True)
class DeleteOp:
    table: Table
    key: Item
    key_bytes: bytes
    condition: Condition | None = None
    return_old_on_fail: bool = False
    origin: str = "user"

    def apply(self, store: Store) -> WriteResult:
        old = store.get(self.table, self.key_bytes)
        if self.condition is not None:
            check_condition(self.condition, old, self.return_old_on_fail)
        if old is not None:
            store.delete(self.table, self.key, self.key_bytes, old, self.origin)
        return WriteResult(old, None)


@dataclass(frozen=True, slots=True)
class UpdateOp:
    """UpdateItem: `update` maps the old item (or just the key when there is none) to the new one.

    `update` may raise a DynamoError (a type error found only against the stored item); the
    new item is checked against the 400 KB limit here, inside the writer.
    """

    table: Table
    key: Item
    key_bytes: bytes
    update: Update
    condition: Condition | None = None
    return_old_on_fail: bool = False
    origin: str = "user"
    charge: Charge | None = None  # UpdateItem's statement charge (engine/expr/charge.py)

    def apply(self, store: Store) -> WriteResult:
        old = store.get(self.table, self.key_bytes)
        if self.charge is not None:  # checked before the condition
            stored = codec.decode(old) if old is not None and self.charge.set_adds else None
            if self.charge.total(stored) > values.MAX_ITEM_SIZE:
                raise validation(UPDATE_TOO_LARGE)
        old_item = check_condition(self.condition, old, self.return_old_on_fail)
        base = old_item if old_item is not None else dict(self.key)
        new_item = self.update(base)
        size = check_updated(self.table, new_item)
        new = store.put(self.table, self.key, self.key_bytes, old, new_item, size, self.origin)
        return WriteResult(old, new)
