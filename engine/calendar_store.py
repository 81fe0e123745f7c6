"""The working calendar with the admins' overrides from the database."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from .calendar import WorkingCalendar
from .models import CalendarOverride


def load_calendar(session: Session) -> WorkingCalendar:
    """The calendar as admins have corrected it."""
    rows = session.execute(select(CalendarOverride.day, CalendarOverride.working)).all()
    return WorkingCalendar({day: working for day, working in rows})


def set_override(
    session: Session, day: date, working: bool, note: str, author: str, now: datetime
) -> None:
    """Make ``day`` a working day or a day off, whatever the holiday package says."""
    row = session.get(CalendarOverride, day)
    if row is None:
        session.add(CalendarOverride(day=day, working=working, note=note, author=author,
                                     created_at=now))
    else:
        row.working, row.note, row.author, row.created_at = working, note, author, now


def remove_override(session: Session, day: date) -> None:
    """Go back to what the holiday package says about ``day``."""
    session.execute(delete(CalendarOverride).where(CalendarOverride.day == day))
