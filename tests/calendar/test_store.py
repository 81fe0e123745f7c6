"""The admins' calendar overrides: read once per unit of work, never stale after a write, kept
per process only as the exact text of every override row."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from engine.calendar.store import (
    calendar_of,
    calendar_text,
    load_calendar,
    remove_override,
    set_override,
)
from tests.walk import wib

NOW = wib("2026-03-02 09:00")
DAY = date(2026, 3, 4)  # a Wednesday


def test_an_override_written_in_the_unit_of_work_is_seen_by_its_next_read(services) -> None:
    with services.uow() as uow:
        assert load_calendar(uow.session).is_working_day(DAY)
        set_override(uow.session, DAY, False, "banjir", "admin", NOW)
        uow.session.flush()
        assert not load_calendar(uow.session).is_working_day(DAY)
        remove_override(uow.session, DAY)
        assert load_calendar(uow.session).is_working_day(DAY)


def test_one_read_per_unit_of_work_and_a_fresh_one_in_the_next(services) -> None:
    with services.uow() as uow:
        assert load_calendar(uow.session) is load_calendar(uow.session)
    with services.uow() as uow:
        set_override(uow.session, DAY, False, "banjir", "admin", NOW)
        uow.commit()
    with services.uow() as uow:
        assert not load_calendar(uow.session).is_working_day(DAY)


def test_the_override_text_is_every_row_and_its_calendar_is_kept_per_text(services) -> None:
    with services.uow() as uow:
        set_override(uow.session, DAY, False, "banjir", "admin", NOW)
        set_override(uow.session, date(2026, 3, 7), True, "sabtu masuk", "admin", NOW)
        uow.commit()
    with services.uow() as uow:
        text = uow.session.execute(select(calendar_text())).scalar()
        first = calendar_of(uow.session, text)
        assert first.overrides == {DAY: False, date(2026, 3, 7): True}
        assert load_calendar(uow.session) is first  # primed: no second read
    with services.uow() as uow:
        assert load_calendar(uow.session) is first  # the same rows, the same calendar
        remove_override(uow.session, date(2026, 3, 7))
        uow.commit()
    with services.uow() as uow:
        assert load_calendar(uow.session).overrides == {DAY: False}


def test_no_override_reads_as_the_plain_calendar(services) -> None:
    with services.uow() as uow:
        assert uow.session.execute(select(calendar_text())).scalar() is None
        assert calendar_of(uow.session, None).overrides == {}
