"""Throughput-decrease budget and the time format of its message (engine/tables.py)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from ddbserver.engine import tables
from ddbserver.errors import DynamoError


def ts(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc).timestamp()


def test_java_full_time():
    """DynamoDB writes times in messages in Java's FULL style, 12-hour clock."""
    assert tables._java_full_time(ts("2026-10-08T23:20:48")) == (
        "Thursday, October 8, 2026 at 11:20:48 PM Coordinated Universal Time")
    assert tables._java_full_time(ts("2026-10-09T00:00:00")) == (
        "Friday, October 9, 2026 at 12:00:00 AM Coordinated Universal Time")


def test_decrease_budget_next_time_is_capped_at_midnight():
    """After 4 decreases the next one is an hour after the last, or at midnight UTC if sooner."""
    with pytest.raises(DynamoError) as e:
        tables.check_decrease_budget(4, ts("2026-10-08T23:20:48"), ts("2026-10-08T23:21:00"))
    assert e.value.type == "LimitExceededException"
    assert e.value.message is not None
    assert e.value.message.endswith("Next decrease can be made at Friday, October 9, 2026 at 12:00:00 AM "
                                    "Coordinated Universal Time.")
    with pytest.raises(DynamoError) as e:
        tables.check_decrease_budget(5, ts("2026-10-08T10:00:00"), ts("2026-10-08T10:30:00"))
    assert "Next decrease can be made at Thursday, October 8, 2026 at 11:00:00 AM" in (e.value.message or "")
    tables.check_decrease_budget(5, ts("2026-10-08T10:00:00"), ts("2026-10-08T11:00:00"))
    tables.check_decrease_budget(3, ts("2026-10-08T10:00:00"), ts("2026-10-08T10:00:01"))


def test_stream_label():
    """A stream label is its creation time in UTC with milliseconds."""
    assert tables.stream_label(ts("2026-11-28T11:49:49.989")) == "2026-11-28T11:49:49.989"

