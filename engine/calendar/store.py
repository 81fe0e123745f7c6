"""The working calendar with the admins' overrides from the database."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ScalarSelect, Select, String, case, delete, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import GenericFunction

from engine.kept import Kept

from .tables import CalendarOverride
from .working_days import WorkingCalendar

_CALENDAR_KEY = "alur.working_calendar"
# Calendars by the override text they were made from, shared by the whole process: the text
# is every override row, so a calendar found here is exactly the one the database holds.
# Old texts linger only until an admin's edits are seen everywhere.
_BY_TEXT: Kept[str, WorkingCalendar] = Kept(8)


class _DayText(GenericFunction[str]):
    """A date column as ``YYYY-MM-DD`` whatever the server's date style."""

    type = String()
    inherit_cache = True


@compiles(_DayText)
def _day_text(element: _DayText, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)  # SQLite keeps dates as ISO text


@compiles(_DayText, "postgresql")
def _day_text_pg(element: _DayText, compiler: SQLCompiler, **kw: Any) -> str:
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM-DD')"


def _override_text() -> Select[str | None]:
    table = CalendarOverride.__table__
    entry = _DayText(table.c.day) + "=" + case((table.c.working, "1"), else_="0")
    return select(func.aggregate_strings(entry, ","))


_OVERRIDE_TEXT = _override_text()


def calendar_text() -> ScalarSelect[str | None]:
    """Every override as one text (``2026-03-04=0,2026-03-07=1``, in any order; NULL without
    overrides), for a page to read with a statement it sends anyway (then ``calendar_of``)."""
    return _OVERRIDE_TEXT.scalar_subquery()


def calendar_of(session: Session, text: str | None) -> WorkingCalendar:
    """The calendar of an override text read by ``calendar_text`` in this session's
    transaction; ``load_calendar`` in the same session then answers it without a read."""
    text = text or ""
    calendar = _BY_TEXT.get(text, lambda: WorkingCalendar(_parse(text)))
    session.info[_CALENDAR_KEY] = calendar
    return calendar


def _parse(text: str) -> dict[date, bool]:
    overrides: dict[date, bool] = {}
    for entry in filter(None, text.split(",")):
        day, _, working = entry.partition("=")
        overrides[date.fromisoformat(day)] = working == "1"
    return overrides


def load_calendar(session: Session) -> WorkingCalendar:
    """The calendar as admins have corrected it, read once per session (unit of work)."""
    # A command reads it when it opens the workflow, again for stage durations, and a page
    # for every deadline badge: once per session is enough, and the overrides written in
    # this session drop the cached copy (below).
    cached: WorkingCalendar | None = session.info.get(_CALENDAR_KEY)
    if cached is None:
        cached = calendar_of(session, session.execute(_OVERRIDE_TEXT).scalar())
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
