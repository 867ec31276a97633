"""The engine fixture: every engine test runs on an in-memory (RAM-backed /dev/shm, no sync, as
`--in-memory`) and an on-disk (synced, as the default) LMDB database."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from typing import Any

import pytest

from ddbserver.engine.database import Database

MODES = {
    "memory": ("/dev/shm" if os.path.isdir("/dev/shm") else None, False),
    "disk": (os.environ.get("DDB_TEST_DISK_DIR"), True),  # None: the system's temporary directory
}
_opened: list[Database] = []


@pytest.fixture(params=sorted(MODES))
def db(request: Any) -> Iterator[Database]:
    """An open Database in a fresh directory (closed and removed afterwards)."""
    base, sync = MODES[request.param]
    path = tempfile.mkdtemp(prefix="ddb-engine-test-", dir=base)
    first = Database(path, sync=sync)
    _opened.append(first)
    try:
        yield first
    finally:
        for d in [d for d in _opened if d.path == path]:
            d.close()
            _opened.remove(d)
        shutil.rmtree(path, ignore_errors=True)


def reopen(db: Database, **options: Any) -> Database:
    """Close `db` (as a clean shutdown does) and open its directory again, with `options`."""
    db.close()
    again = Database(db.path, sync=db.sync, **options)
    _opened.append(again)
    return again


def create_table(db: Database, name: str = "t", range_type: str | None = None) -> Any:
    """A table with a string partition key `pk` (and a sort key `sk` of `range_type`)."""
    from ddbserver.engine.tables import CreateTableOp

    keys = [{"AttributeName": "pk", "KeyType": "HASH"}]
    defs = [{"AttributeName": "pk", "AttributeType": "S"}]
    if range_type:
        keys.append({"AttributeName": "sk", "KeyType": "RANGE"})
        defs.append({"AttributeName": "sk", "AttributeType": range_type})
    meta = {"TableName": name, "KeySchema": keys, "AttributeDefinitions": defs, "BillingMode": "PAY_PER_REQUEST",
            "ProvisionedThroughput": None, "DeletionProtectionEnabled": False, "Tags": []}
    return db.write_blocking(CreateTableOp(meta))


def put_op(table: Any, pk: str, **attrs: str) -> Any:
    """A PutOp of item {pk: S, <attr>: S...}."""
    from ddbserver.engine import keys, values
    from ddbserver.engine.writes import PutOp

    key = {"pk": {"S": pk}}
    item = {**key, **{k: {"S": v} for k, v in attrs.items()}}
    return PutOp(table, key, keys.item_key(table.id, table.key, key), item, values.item_size(item))


def delete_op(table: Any, pk: str) -> Any:
    from ddbserver.engine import keys
    from ddbserver.engine.writes import DeleteOp

    key = {"pk": {"S": pk}}
    return DeleteOp(table, key, keys.item_key(table.id, table.key, key))


def get_item(db: Database, table: Any, pk: str) -> dict[str, Any] | None:
    from ddbserver.engine import codec, keys, reads

    stored = reads.get_stored(db, keys.item_key(table.id, table.key, {"pk": {"S": pk}}))
    return codec.decode(stored) if stored is not None else None
