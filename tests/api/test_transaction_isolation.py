"""Transactions under concurrency: DynamoDB's transactions are serializable and a transactional
read never sees part of a write transaction. Many clients move amounts between accounts with
TransactWriteItems (a condition refuses an overdraft) while others read every account with
TransactGetItems and with one Scan page: the total is the same in every read, no balance is ever
negative, and no transaction is ever refused with TransactionConflictException (ddbserver
serializes transactions in its single writer, so there is never a conflict to report)."""

from __future__ import annotations

import random
import threading
from typing import Any

from botocore.exceptions import ClientError

from tests.conftest import make_table, thread_client

ACCOUNTS = 10
START = 100
WRITERS = 6
READERS = 2
TRANSFERS_EACH = 250  # 1,500 transfers in all, plus the reads


def transfer(ddb: Any, table: str, src: int, dst: int, amount: int) -> bool:
    """Move `amount` from one account to another unless it would overdraw; whether it moved."""
    value = {":a": {"N": str(amount)}}
    try:
        ddb.transact_write_items(TransactItems=[
            {"Update": {"TableName": table, "Key": {"pk": {"S": f"acct{src}"}}, "UpdateExpression": "SET bal = bal - :a",
                        "ConditionExpression": "bal >= :a", "ExpressionAttributeValues": value}},
            {"Update": {"TableName": table, "Key": {"pk": {"S": f"acct{dst}"}}, "UpdateExpression": "SET bal = bal + :a",
                        "ExpressionAttributeValues": value}}])
        return True
    except ClientError as err:
        reasons = [r["Code"] for r in err.response.get("CancellationReasons", [])]
        assert reasons == ["ConditionalCheckFailed", "None"], err.response
        return False


def test_transfers_conserve_the_total(ddb: Any, server: Any) -> None:
    """Every TransactGetItems and every Scan page sees the same total and no negative balance."""
    table = make_table(ddb)
    for i in range(ACCOUNTS):
        ddb.put_item(TableName=table, Item={"pk": {"S": f"acct{i}"}, "bal": {"N": str(START)}})
    stop = threading.Event()
    problems: list[str] = []
    counts = {"moved": 0, "refused": 0, "reads": 0}
    lock = threading.Lock()

    def writer(seed: int) -> None:
        rnd = random.Random(seed)
        ddb_t = thread_client(server.url)
        moved = refused = 0
        try:
            for _ in range(TRANSFERS_EACH):
                src, dst = rnd.sample(range(ACCOUNTS), 2)
                if transfer(ddb_t, table, src, dst, rnd.randint(1, 60)):
                    moved += 1
                else:
                    refused += 1
        except BaseException as err:  # pragma: no cover - reported below
            problems.append(repr(err))
        with lock:
            counts["moved"] += moved
            counts["refused"] += refused

    def reader() -> None:
        ddb_t = thread_client(server.url)
        keys = [{"Get": {"TableName": table, "Key": {"pk": {"S": f"acct{i}"}}}} for i in range(ACCOUNTS)]
        n = 0
        try:
            while not stop.is_set():
                got = ddb_t.transact_get_items(TransactItems=keys)["Responses"]
                balances = [int(r["Item"]["bal"]["N"]) for r in got]
                page = ddb_t.scan(TableName=table)["Items"]
                scanned = [int(i["bal"]["N"]) for i in page]
                for seen in (balances, scanned):
                    if sum(seen) != ACCOUNTS * START or min(seen) < 0:
                        problems.append(f"inconsistent read: {seen}")
                n += 1
        except BaseException as err:  # pragma: no cover - reported below
            problems.append(repr(err))
        with lock:
            counts["reads"] += n

    writers = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
    readers = [threading.Thread(target=reader) for _ in range(READERS)]
    for t in writers + readers:
        t.start()
    for t in writers:
        t.join()
    stop.set()
    for t in readers:
        t.join()
    assert problems == []
    assert counts["moved"] + counts["refused"] == WRITERS * TRANSFERS_EACH
    assert counts["moved"] > 0 and counts["reads"] > 0
    final = [int(i["bal"]["N"]) for i in ddb.scan(TableName=table, ConsistentRead=True)["Items"]]
    assert len(final) == ACCOUNTS and sum(final) == ACCOUNTS * START and min(final) >= 0
