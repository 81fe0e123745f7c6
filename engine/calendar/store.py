"""The working calendar with the admins' overrides from the database."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from .tables import CalendarOverride
from .working_days import WorkingCalendar

_CALENDAR_KEY = "alur.working_calendar"


def load_calendar(session: Session) -> WorkingCalendar:
    """The calendar as admins have corrected it, read once per session (unit of work)."""
    # A command reads it when it opens the workflow, again for stage durations, and a page
    # for every deadline badge: once per session is enough, and the overrides written in
    # this session drop the cached copy (below).
    cached: WorkingCalendar | None = session.info.get(_CALENDAR_KEY)
    if cached is None:
        rows = session.execute(select(CalendarOverride.day, CalendarOverride.working)).all()
        cached = session.info[_CALENDAR_KEY] = WorkingCalendar(dict(rows))
    return cached


def set_override(
    session: Session, day: date, working: bool, note: str, author: str, now: datetime
) -> None:
    """Make ``day`` a working day or a day off, whatever the holiday package says."""
    session.info.pop(_CALENDAR_KEY, None)
    row = session.get(CalendarOverride, day)
    if row is None:
        session.add(CalendarOverride(day=day, working=working, note=note, author=author,
                                     created_at=now))
    else:
        row.working, row.note, row.author, row.created_at = working, note, author, now


def remove_override(session: Session, day: date) -> None:
    """Go back to what the holiday package says about ``day``."""
    session.info.pop(_CALENDAR_KEY, None)
    session.execute(delete(CalendarOverride).where(CalendarOverride.day == day))
