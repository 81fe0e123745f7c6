"""The officers' inbox as a screen shows it: filtered task rows with their deadline badges."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from engine.calendar.store import load_calendar
from engine.domain import OPD_ROLES, Actor
from engine.reference.tables import Category

from .codes import PREFIX, normalize_tracking_code
from .read_models import deadline_badge, inbox_lines_query, user_names
from .tables import Complaint, HumanTask

INBOX_PAGE = 50  # rows per inbox page: a cheap phone renders it, an officer scans it


@dataclass(frozen=True)
class InboxFilter:
    """What the officer narrowed the inbox to (empty means everything)."""

    stage: str = ""
    category: str = ""
    overdue: bool = False
    mine: bool = False
    q: str = ""  # a tracking code (or its start) or words of the title


SEARCH_LIMIT = 100


@dataclass(frozen=True, slots=True)
class TaskLine:
    """What the inbox shows of a ready task."""

    id: str
    spec_name: str
    title: str
    due_at: datetime | None
    assignee_id: int | None


@dataclass(frozen=True, slots=True)
class ComplaintLine:
    """What the inbox shows of the task's complaint (never its description or reporter)."""

    id: int
    title: str
    tracking_code: str
    status: str
    category_code: str | None


@dataclass(frozen=True)
class InboxRow:
    """One ready task with its complaint, deadline badge and who holds it."""

    task: TaskLine
    complaint: ComplaintLine
    badge: dict[str, Any]
    assignee: str | None
    category_name: str | None


def inbox(
    session: Session, actor: Actor, filters: InboxFilter, now: datetime,
    limit: int = INBOX_PAGE, offset: int = 0,
) -> list[InboxRow]:
    """Ready tasks of the actor's role (and OPD), soonest deadline first, as filtered.

    ``offset`` skips that many rows of the same order (the inbox pages through it).
    """
    query = inbox_lines_query(actor, mine_only=filters.mine)
    if filters.stage:
        query = query.where(HumanTask.spec_name == filters.stage)
    if filters.category:
        query = query.where(Complaint.category_code == filters.category)
    if filters.overdue:
        query = query.where(HumanTask.due_at.is_not(None), HumanTask.due_at < now)
    if filters.q.strip():
        query = query.where(_matching(filters.q))
    lines = [(TaskLine(*row[:5]), ComplaintLine(*row[5:]))
             for row in session.execute(query.limit(limit).offset(offset))]
    calendar = load_calendar(session)
    names = user_names(session, {t.assignee_id for t, _ in lines if t.assignee_id})
    categories = _category_names(session,
                                 {c.category_code for _, c in lines if c.category_code})
    seen: dict[tuple[date, bool], dict[str, Any]] = {}

    def badge(due: datetime | None) -> dict[str, Any]:
        # Working days depend on the deadline's day only: count once per day, not per task.
        if due is None:
            return deadline_badge(calendar, due, now)
        key = (calendar.local_day(due), now > due)
        if key not in seen:
            seen[key] = deadline_badge(calendar, due, now)
        return {**seen[key], "due_at": due}

    return [
        InboxRow(task, complaint, badge(task.due_at),
                 names.get(task.assignee_id) if task.assignee_id else None,
                 categories.get(complaint.category_code or ""))
        for task, complaint in lines
    ]


def _matching(text: str) -> ColumnElement[bool]:
    """A tracking code's start, or every word somewhere in the title (any case)."""
    words = text.strip()[:SEARCH_LIMIT].split()
    in_title = and_(*(Complaint.title.ilike(f"%{_escaped(word)}%", escape="\\")
                      for word in words))
    code = normalize_tracking_code(text.strip()[:SEARCH_LIMIT])
    if not code.startswith(PREFIX):  # typed without its "EL-"
        code = f"{PREFIX}-{code}"
    return or_(Complaint.tracking_code.startswith(code, autoescape=True), in_title)


def _escaped(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def inbox_stages(session: Session, actor: Actor) -> list[tuple[str, str]]:
    """(task name, title) of the kinds of task the actor's inbox can hold now, for a filter."""
    query = select(HumanTask.spec_name, HumanTask.title).where(HumanTask.role == actor.role)
    if actor.role in OPD_ROLES:
        query = query.where(HumanTask.opd_code == actor.opd_code)
    found = {spec: title for spec, title in session.execute(query.distinct())}
    return sorted(found.items(), key=lambda item: item[1])


def _category_names(session: Session, codes: set[str]) -> dict[str, str]:
    if not codes:
        return {}
    rows = session.execute(select(Category.code, Category.name).where(Category.code.in_(codes)))
    return {code: name for code, name in rows}
