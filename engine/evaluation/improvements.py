"""Improvement actions after each SKM period ("selanjutnya dilakukan perbaikan"): what is to be
done, by whom, by when, and when it was done with what result.

The roles that own the survey record them (Tim Admin evaluates, duty e.4; the Ketua evaluates,
duty b.2); the dashboard and the periodic report show them, as PermenPANRB 14/2017 expects the
survey's results and their follow-up to be published.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import audit
from engine.calendar.periods import Period, parse_period
from engine.calendar.working_days import WIB
from engine.domain import Actor
from engine.errors import FormInvalidError, NotFoundError
from engine.messages import N_, Message

from .tables import ImprovementAction

OWNER_ROLES = frozenset({"tim_admin", "ketua"})
LIMITS = {"finding": 1000, "action": 1000, "owner": 150, "result": 1000}
REQUIRED = N_("Wajib diisi.")
TOO_LONG = N_("Paling banyak %(n)s karakter.")
BAD_DATE = N_("Tulis tanggal sebagai TTTT-BB-HH.")


@dataclass(frozen=True)
class ActionState:
    """An action as a report line: done, late (open past its date) or open."""

    action: ImprovementAction
    state: str  # selesai|terlambat|berjalan


def add_action(session: Session, values: Mapping[str, str], actor: Actor,
               now: datetime) -> ImprovementAction:
    """Record an improvement decided after an SKM period; FormInvalidError names bad fields."""
    errors: dict[str, str] = {}
    period = _period(values.get("period", ""), errors)
    texts = {name: _text(values, name, errors, required=name != "finding")
             for name in ("finding", "action", "owner")}
    due = _date(values.get("due_on", ""), "due_on", errors, required=True)
    if errors:
        raise FormInvalidError(errors)
    assert due is not None and period is not None
    row = ImprovementAction(period=period.code, due_on=due, done_on=None, result="",
                            author=actor.username, created_at=now, updated_at=now, **texts)
    session.add(row)
    session.flush()
    audit.record(session, actor, "improvement_recorded", now, improvement_id=row.id,
                 period=row.period, what=row.action, owner=row.owner,
                 due_on=row.due_on.isoformat())
    return row


def mark_done(session: Session, action_id: int, values: Mapping[str, str], actor: Actor,
              now: datetime) -> ImprovementAction:
    """Record that an action was carried out, when, and with what result."""
    row = session.get(ImprovementAction, action_id)
    if row is None:
        raise NotFoundError("Tindakan perbaikan tidak ditemukan")
    errors: dict[str, str] = {}
    result = _text(values, "result", errors, required=True)
    done = _date(values.get("done_on", ""), "done_on", errors, required=False)
    if errors:
        raise FormInvalidError(errors)
    row.done_on = done or now.astimezone(WIB).date()
    row.result, row.updated_at = result, now
    audit.record(session, actor, "improvement_done", now, improvement_id=row.id,
                 done_on=row.done_on.isoformat(), result=result)
    return row


def list_actions(session: Session) -> list[ImprovementAction]:
    """Every action, open ones first, then by due date."""
    rows = session.scalars(select(ImprovementAction).order_by(
        ImprovementAction.due_on, ImprovementAction.id))
    return sorted(rows, key=lambda r: r.done_on is not None)


def actions_for(session: Session, period: Period, today: date) -> list[ActionState]:
    """What a report of ``period`` shows: actions decided for SKM periods within it, and every
    action of an earlier period still open (their follow-up is not over)."""
    shown = []
    for row in session.scalars(select(ImprovementAction).order_by(
            ImprovementAction.period, ImprovementAction.due_on, ImprovementAction.id)):
        start = parse_period(row.period).start
        inside = period.start <= start < period.end
        carried = start < period.start and (row.done_on is None
                                            or row.done_on >= period.first_day)
        if inside or carried:
            shown.append(ActionState(row, state_of(row, today)))
    return shown


def state_of(row: ImprovementAction, today: date) -> str:
    """selesai, terlambat (open past its date) or berjalan."""
    if row.done_on is not None:
        return "selesai"
    return "terlambat" if row.due_on < today else "berjalan"


def _period(text: str, errors: dict[str, str]) -> Period | None:
    try:
        return parse_period(text)
    except FormInvalidError as exc:
        errors["period"] = exc.errors.get("periode", "")
        return None


def _text(values: Mapping[str, str], name: str, errors: dict[str, str],
          required: bool) -> str:
    text = str(values.get(name) or "").strip()
    if required and not text:
        errors[name] = Message(REQUIRED)
    elif len(text) > LIMITS[name]:
        errors[name] = Message(TOO_LONG, n=LIMITS[name])
    return text


def _date(text: str, name: str, errors: dict[str, str], required: bool) -> date | None:
    text = (text or "").strip()
    if not text:
        if required:
            errors[name] = Message(REQUIRED)
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors[name] = Message(BAD_DATE)
        return None
