"""`alur demo` never stamps anything later than the instant it runs, whatever the hour."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from engine.calendar.working_days import WIB
from engine.complaints.demo import load_demo, step_times
from engine.db import UTCDateTime
from engine.tables import metadata
from webui.wiring import Services

# Columns that hold a deadline or an expiry, which lies ahead by nature.
AHEAD = {("complaint", "stage_due_at"), ("human_task", "due_at"),
         ("process_instance", "next_timer_at"), ("outbox", "next_attempt_at"),
         ("api_token", "expires_at"), ("app_user", "locked_until"),
         ("sign_in_failure", "locked_until"), ("chat_conversation", "expires_at")}


def _latest_stamps(services: Services) -> dict[str, datetime]:
    found: dict[str, datetime] = {}
    with services.uow() as uow:
        for table in metadata().sorted_tables:
            for column in table.columns:
                if not isinstance(column.type, UTCDateTime) or (table.name, column.name) in AHEAD:
                    continue
                latest = uow.session.scalar(select(func.max(column)))
                if latest is not None:
                    found[f"{table.name}.{column.name}"] = latest
    return found


@pytest.mark.parametrize("now", [
    datetime(2026, 3, 4, 21, 30, tzinfo=WIB),   # Wednesday evening
    datetime(2026, 3, 4, 23, 59, tzinfo=WIB),   # a minute before midnight
    datetime(2026, 3, 5, 0, 30, tzinfo=WIB),    # just after midnight (still the 4th in UTC)
    datetime(2026, 3, 5, 10, 0, tzinfo=WIB),    # mid-morning, before the day's demo hours end
    datetime(2026, 3, 9, 7, 0, tzinfo=WIB),     # Monday morning, yesterday was a Sunday
], ids=["21.30", "23.59", "00.30", "10.00", "senin-07.00"])
def test_demo_stamps_nothing_after_now(services: Services, clock, now: datetime) -> None:  # type: ignore[no-untyped-def]
    clock.set(now)
    list(load_demo(services.uow, services.runtime, "alur-demo"))
    stamps = _latest_stamps(services)
    assert {"complaint.received_at", "complaint.updated_at", "audit_log.at", "follow_up.at",
            "human_task.created_at", "process_instance.updated_at"} <= set(stamps)
    future = {name: at.astimezone(WIB).isoformat() for name, at in stamps.items() if at > now}
    assert future == {}
    assert clock() == now  # the demo leaves the clock where it found it


def test_moves_a_day_apart_unless_that_would_pass_now() -> None:
    start = datetime(2026, 3, 3, 10, 58, tzinfo=WIB)
    later = datetime(2026, 3, 30, 12, 0, tzinfo=WIB)
    assert step_times(start, ["forward", "answered", "closed"], later) == [
        datetime(2026, 3, 4, 10, 58, tzinfo=WIB), datetime(2026, 3, 5, 10, 58, tzinfo=WIB),
        datetime(2026, 3, 22, 10, 58, tzinfo=WIB)]
    early = datetime(2026, 3, 4, 0, 30, tzinfo=WIB)  # a day after filing would be 10.58 today
    squeezed = step_times(start, ["forward", "to_unit"], early)
    assert start < squeezed[0] < squeezed[1] < early
    assert step_times(start, [], early) == []
