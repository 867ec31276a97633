"""What TransactWriteItems and TransactGetItems share: one member per entry, the key checks
whose failures become cancellation reasons, and the digest a ClientRequestToken guards.

Transactions check attribute values in DynamoDB's older layer (as BatchWriteItem does: bare,
expression values inside "ExpressionAttributeValues contains invalid value: ... for key :v";
AWS captures of 2026-10 in us-east-1, eu-west-1 and us-west-2, paritysuite/dynamodb-conformance
valueLayers; eu-west-2 runs the current layer there).

A key or item refused against its table's schema (a missing key attribute, the wrong type, a
key attribute in an UpdateExpression, a bad index key) is no request error in a transaction but
the action's ValidationError cancellation reason; an empty string or binary key value, and the
key size limits, stay request errors (AWS, tier3 transactWriteItems/transactGetItems captures).
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson

from ddbserver.engine import indexes, values
from ddbserver.engine.catalog import Table
from ddbserver.errors import DynamoError, validation

Item = dict[str, Any]

# Key errors that stay request errors inside a transaction (beginnings of their messages).
_REQUEST_KEY_ERRORS = (values.EMPTY_KEY.split(" The ")[0], "One or more parameter values were invalid: " +
                       values.HASH_KEY_TOO_LARGE, "One or more parameter values were invalid: " +
                       values.RANGE_KEY_TOO_LARGE)


def member_of(entry: dict[str, Any], members: tuple[str, ...], none: str, several: str) -> tuple[str, dict[str, Any]]:
    """The one member of a TransactItems entry that is set; `none` / `several` are the errors."""
    present = [m for m in members if entry.get(m) is not None]
    if not present:
        raise validation(none)
    if len(present) > 1:
        raise validation(several)
    return present[0], entry[present[0]] or {}


def schema_error(err: DynamoError) -> bool:
    """Whether a key check's error is a cancellation reason (True) or a request error."""
    return (err.type == "ValidationException" and not (err.message or "").startswith(_REQUEST_KEY_ERRORS)
            and not indexes.request_level(err))


def check_key(table: Table, key: Item) -> DynamoError | None:
    """A Key parameter against the schema: None, or the error that becomes the reason."""
    try:
        values.check_key(table.key, key)
    except DynamoError as err:
        if not schema_error(err):
            raise
        return err
    return None


def digest(body: dict[str, Any]) -> str:
    """What a ClientRequestToken guards: the transaction's items (ReturnConsumedCapacity and
    ReturnItemCollectionMetrics may change between retries, as in DynamoDB Local)."""
    text = orjson.dumps(body.get("TransactItems"), option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(text).hexdigest()
