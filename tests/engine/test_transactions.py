"""engine/transactions.py: a TransactWriteOp writes all its actions or none, reports every
action's reason in order, keeps ClientRequestToken records durably and for ten minutes, and
read_snapshot reads one snapshot."""

from __future__ import annotations

from typing import Any

import pytest

from ddbserver.engine import keys, values
from ddbserver.engine.store import Store, read_counter
from ddbserver.engine.tables import table_stats
from ddbserver.engine.transactions import (TOKEN_TTL_S, Action, Token, TransactWriteOp, capacity_of,
                                           check_unique, purge_expired, read_snapshot, token_count)
from ddbserver.errors import DynamoError
from tests.engine.conftest import create_table, get_item, put_op, reopen

Item = dict[str, Any]


def key_of(table: Any, pk: str) -> tuple[Item, bytes]:
    key = {"pk": {"S": pk}}
    return key, keys.item_key(table.id, table.key, key)


def put(table: Any, pk: str, **attrs: str) -> Action:
    key, kb = key_of(table, pk)
    item = {**key, **{k: {"S": v} for k, v in attrs.items()}}
    return Action("Put", table, key, kb, item=item, size=values.item_size(item))


def check(table: Any, pk: str, exists: bool, return_old: bool = False) -> Action:
    key, kb = key_of(table, pk)
    return Action("ConditionCheck", table, key, kb, condition=lambda old: (old is not None) == exists,
                  return_old_on_fail=return_old)


def delete(table: Any, pk: str) -> Action:
    key, kb = key_of(table, pk)
    return Action("Delete", table, key, kb)


def set_n(table: Any, pk: str, n: str) -> Action:
    key, kb = key_of(table, pk)
    return Action("Update", table, key, kb, update=lambda item: {**item, "n": {"N": n}})


def canceled(db: Any, op: TransactWriteOp) -> list[dict[str, Any]]:
    with pytest.raises(DynamoError) as e:
        db.write_blocking(op)
    assert e.value.type == "TransactionCanceledException"
    return list((e.value.extra or {})["CancellationReasons"])


def test_all_actions_commit_together(db: Any) -> None:
    """Every action of an accepted transaction is written, each with its own change record."""
    t = create_table(db)
    db.write_blocking(put_op(t, "gone"))
    with db.read() as txn:
        seq = read_counter(txn, db.sys_db, b"next_seq")
    result = db.write_blocking(TransactWriteOp((put(t, "a", v="1"), set_n(t, "b", "7"), delete(t, "gone"),
                                                check(t, "zz", exists=False))))
    assert get_item(db, t, "a") == {"pk": {"S": "a"}, "v": {"S": "1"}}
    assert get_item(db, t, "b") == {"pk": {"S": "b"}, "n": {"N": "7"}}
    assert get_item(db, t, "gone") is None
    with db.read() as txn:
        assert read_counter(txn, db.sys_db, b"next_seq") == seq + 3  # the check changes nothing
    assert [c.units for c in result.costs] == [2.0, 2.0, 2.0, 2.0]


def test_a_failed_condition_cancels_everything(db: Any) -> None:
    """One failing action cancels the others: no item, no count, no change record is left."""
    t = create_table(db)
    db.write_blocking(put_op(t, "there", v="old"))
    db.write_blocking(put_op(t, "other"))
    with db.read() as txn:
        seq = read_counter(txn, db.sys_db, b"next_seq")
    before = table_stats(db.catalog, t)
    reasons = canceled(db, TransactWriteOp((put(t, "new"), delete(t, "other"), check(t, "there", False, True))))
    assert reasons == [{"Code": "None"}, {"Code": "None"},
                       {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed.",
                        "Item": {"pk": {"S": "there"}, "v": {"S": "old"}}}]
    assert get_item(db, t, "new") is None and get_item(db, t, "other") is not None
    assert table_stats(db.catalog, t) == before
    with db.read() as txn:
        assert read_counter(txn, db.sys_db, b"next_seq") == seq


def test_every_action_is_evaluated_after_a_failure(db: Any) -> None:
    """Reasons cover every action in order, also those after the first failure."""
    t = create_table(db)
    reasons = canceled(db, TransactWriteOp((check(t, "a", True), put(t, "b"), check(t, "c", True))))
    assert [r["Code"] for r in reasons] == ["ConditionalCheckFailed", "None", "ConditionalCheckFailed"]


def test_prechecked_invalid_action_is_a_validation_reason(db: Any) -> None:
    """An action refused against the schema is its ValidationError reason; the others still run."""
    t = create_table(db)
    bad = Action("Delete", t, {}, b"", invalid=DynamoError("ValidationException", "no match"))
    reasons = canceled(db, TransactWriteOp((put(t, "a"), bad)))
    assert reasons == [{"Code": "None"}, {"Code": "ValidationError", "Message": "no match"}]
    assert get_item(db, t, "a") is None


def test_update_error_against_the_stored_item_is_a_request_error(db: Any) -> None:
    """An update that cannot apply to the stored item raises its own error, not a cancellation."""
    t = create_table(db)
    key, kb = key_of(t, "a")

    def boom(item: Item) -> Item:
        raise DynamoError("ValidationException", "An operand in the update expression has an incorrect data type")
    with pytest.raises(DynamoError) as e:
        db.write_blocking(TransactWriteOp((check(t, "x", True), Action("Update", t, key, kb, update=boom))))
    assert e.value.type == "ValidationException"


def test_check_unique_refuses_two_actions_on_one_item(db: Any) -> None:
    """Two actions may not target the same item."""
    t = create_table(db)
    with pytest.raises(DynamoError) as e:
        check_unique([put(t, "a"), delete(t, "a")])
    assert e.value.message == "Transaction request cannot include multiple operations on one item"
    check_unique([put(t, "a"), delete(t, "b")])


def test_token_replays_without_writing(db: Any) -> None:
    """The same token and request within ten minutes returns the first result and writes nothing."""
    t = create_table(db)
    first = db.write_blocking(TransactWriteOp((set_n(t, "a", "1"),), Token("tok", "d1", 1000.0)))
    assert not first.replayed
    db.write_blocking(put_op(t, "a", v="changed"))
    again = db.write_blocking(TransactWriteOp((set_n(t, "a", "1"),), Token("tok", "d1", 1000.0 + TOKEN_TTL_S - 1)))
    assert again.replayed and again.costs == first.costs
    assert get_item(db, t, "a") == {"pk": {"S": "a"}, "v": {"S": "changed"}}
    assert capacity_of(again.costs, "TOTAL", True) == [
        {"TableName": t.name, "CapacityUnits": 2.0, "ReadCapacityUnits": 2.0}]


def test_token_with_another_request_is_a_mismatch(db: Any) -> None:
    """A different request under a live token is refused; after ten minutes it runs."""
    t = create_table(db)
    db.write_blocking(TransactWriteOp((put(t, "a"),), Token("tok", "d1", 1000.0)))
    with pytest.raises(DynamoError) as e:
        db.write_blocking(TransactWriteOp((put(t, "b"),), Token("tok", "d2", 1001.0)))
    assert e.value.type == "IdempotentParameterMismatchException"
    later = db.write_blocking(TransactWriteOp((put(t, "b"),), Token("tok", "d2", 1000.0 + TOKEN_TTL_S)))
    assert not later.replayed and get_item(db, t, "b") is not None


def test_cancelled_transaction_keeps_no_token(db: Any) -> None:
    """A cancelled transaction records nothing: a retry with its token runs again."""
    t = create_table(db)
    canceled(db, TransactWriteOp((check(t, "a", True),), Token("tok", "d1", 1000.0)))
    db.write_blocking(put_op(t, "a"))
    assert not db.write_blocking(TransactWriteOp((check(t, "a", True),), Token("tok", "d1", 1001.0))).replayed


def test_tokens_survive_a_restart(db: Any) -> None:
    """Token records are stored with the writes: after a restart the retry is still a replay."""
    t = create_table(db)
    db.write_blocking(TransactWriteOp((put(t, "a"),), Token("tok", "d1", 1000.0)))
    db = reopen(db)
    t = db.catalog.find(t.name)
    assert db.write_blocking(TransactWriteOp((put(t, "a"),), Token("tok", "d1", 1010.0))).replayed


def test_expired_tokens_are_purged(db: Any) -> None:
    """Each transaction with a token deletes a few expired token records."""
    t = create_table(db)
    for i in range(3):
        db.write_blocking(TransactWriteOp((put(t, f"a{i}"),), Token(f"tok{i}", "d", 1000.0 + i)))
    with db.read() as txn:
        assert token_count(txn, db.sys_db) == 3
    db.write_blocking(TransactWriteOp((put(t, "b"),), Token("new", "d", 1001.5 + TOKEN_TTL_S)))
    with db.read() as txn:
        assert token_count(txn, db.sys_db) == 2  # tok0 and tok1 expired and went; tok2 and new stay

    class Purge:
        def apply(self, store: Store) -> int:
            return purge_expired(store, 5000.0)
    assert db.write_blocking(Purge()) == 2


def test_read_snapshot_reads_present_and_missing(db: Any) -> None:
    """read_snapshot returns each key's stored bytes or None, in order."""
    t = create_table(db)
    db.write_blocking(put_op(t, "a"))
    got = read_snapshot(db, [key_of(t, "a")[1], key_of(t, "b")[1]])
    assert got[0] is not None and got[1] is None
