"""Admins' overrides of the working calendar for a year, added and removed with an audit trail."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import audit
from engine.domain import Actor
from engine.errors import FormInvalidError, NotFoundError
from engine.messages import N_, Message

from .store import remove_override, set_override
from .tables import CalendarOverride
from .working_days import WorkingCalendar


def list_overrides(session: Session, year: int) -> list[CalendarOverride]:
    """The administrators' corrections of the holiday list in ``year``."""
    return list(session.scalars(select(CalendarOverride).where(
        CalendarOverride.day.between(date(year, 1, 1), date(year, 12, 31)))
        .order_by(CalendarOverride.day)))


def add_override(session: Session, day: date, working: bool, note: str, actor: Actor,
                 now: datetime) -> str | None:
    """Declare ``day`` a day off (or a working day after all), with the decree as the note.
    Returns the note of the correction this one replaces (None when the day had none): the
    admin must learn that an earlier decree's reference was replaced, and the audit trail
    keeps it."""
    if not note.strip():
        raise FormInvalidError({"note": "Tulis dasarnya, misalnya nomor SKB cuti bersama."})
    earlier = session.get(CalendarOverride, day)
    replaced = earlier.note if earlier is not None else None
    set_override(session, day, working, note.strip()[:500], actor.username, now)
    audit.record(session, actor, "holiday_set", now, day=day.isoformat(), working=working,
                 note=note.strip()[:500], replaced_note=replaced)
    return replaced


def delete_override(session: Session, day: date, actor: Actor, now: datetime) -> None:
    """Drop an override: the holiday package decides about ``day`` again."""
    if session.get(CalendarOverride, day) is None:
        raise NotFoundError("Tanggal ini tidak ada di daftar koreksi")
    remove_override(session, day)
    audit.record(session, actor, "holiday_removed", now, day=day.isoformat())


def repeated_fact(day: date, working: bool) -> Message | None:
    """What the national calendar already says when an override of ``day`` says the same (the
    override then changes nothing); None when the override really corrects the calendar."""
    national = WorkingCalendar()
    if national.is_working_day(day) != working:
        return None
    if working:
        return Message(N_("%(day)s sudah hari kerja menurut kalender nasional."),
                       day=day.isoformat())
    name = national.holiday_name(day)
    if name is not None:
        return Message(N_("%(day)s sudah hari libur menurut kalender nasional (%(name)s)."),
                       day=day.isoformat(), name=name)
    return Message(N_("%(day)s sudah akhir pekan."), day=day.isoformat())


def repeated_facts(overrides: list[CalendarOverride]) -> dict[date, Message]:
    """The overrides of a list that only repeat the national calendar, by day."""
    found = {o.day: repeated_fact(o.day, o.working) for o in overrides}
    return {day: fact for day, fact in found.items() if fact is not None}
