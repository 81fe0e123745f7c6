"""The officers' inbox as a screen shows it: filtered task rows with their deadline badges."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, and_, func, literal, or_, select, union_all
from sqlalchemy.orm import Session

from engine.accounts.tables import User
from engine.calendar.store import calendar_of, calendar_text, load_calendar
from engine.direct import DirectRead
from engine.domain import OPD_ROLES, Actor
from engine.reference.tables import Category

from .codes import PREFIX, normalize_tracking_code
from .read_models import INBOX_ORDER, deadline_badge, inbox_lines_query, inbox_query
from .tables import Complaint, HumanTask
from .view_rows import JsonRows, json_instant, json_rows

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
    rows, badge = _read_lines(session, _statement(actor, filters, now, limit, offset, True),
                              now)
    return [InboxRow(TaskLine(*row[:5]), ComplaintLine(*row[5:10]), badge(row[3]), row[11],
                     row[10]) for row in rows]


class PageLine(NamedTuple):
    """What an inbox page's card shows of a ready task (``inbox_lines``)."""

    id: str
    spec_name: str
    title: str
    due_at: datetime | None
    assignee_id: int | None
    complaint_title: str
    tracking_code: str
    holder: str | None  # the full name of whoever holds the task


def inbox_lines(
    session: Session, actor: Actor, filters: InboxFilter, now: datetime,
    limit: int = INBOX_PAGE, offset: int = 0,
) -> tuple[list[PageLine], Callable[[datetime | None], dict[str, Any]]]:
    """``inbox`` as a page of cards needs it: the lines in the same order with only the columns
    a card shows (plain tuples, no objects per row), and the deadline badge of a line's
    ``due_at`` (worked out once per distinct deadline)."""
    rows, badge = _read_lines(
        session, _statement(actor, filters, now, limit, offset, False), now)
    return [PageLine(*row) for row in rows], badge


def _statement(actor: Actor, filters: InboxFilter, now: datetime, limit: int, offset: int,
               full: bool) -> Any:
    """The statement reading one page of lines (kept when it depends on neither the time nor
    free text)."""
    if filters.overdue or filters.q.strip():  # depends on the time or on free text
        return _lines_statement(actor, filters, now, limit, offset, full)
    return _kept_lines_statement(actor, filters, limit, offset, full)


def _read_lines(session: Session, query: Any, now: datetime
                ) -> tuple[Sequence[Any], Callable[[datetime | None], dict[str, Any]]]:
    """The rows of ``query`` (Core rows: the ORM's per-statement work bought nothing for plain
    columns), and the badge of a deadline, computed once per distinct deadline."""
    rows: Sequence[Any]
    if isinstance(query, DirectRead):
        rows = query.all(session, {})  # flushes first, as the ORM's reads do
    else:
        session.flush()  # a Core read does not autoflush as the ORM's does
        rows = session.connection().execute(query).all()
    return rows, _badges(session, now)


def _badges(session: Session, now: datetime) -> Callable[[datetime | None], dict[str, Any]]:
    """The badge of a deadline at ``now``, worked out once per distinct deadline."""
    calendar = load_calendar(session)
    seen: dict[datetime | None, dict[str, Any]] = {}
    by_day: dict[tuple[date, bool], dict[str, Any]] = {}

    def badge(due: datetime | None) -> dict[str, Any]:
        found = seen.get(due)
        if found is None:
            if due is None:
                found = deadline_badge(calendar, due, now)
            else:  # working days depend on the deadline's day only: count once per day
                key = (calendar.local_day(due), now > due)
                if key not in by_day:
                    by_day[key] = deadline_badge(calendar, due, now)
                found = {**by_day[key], "due_at": due}
            seen[due] = found
        return found

    return badge


def _lines_statement(actor: Actor, filters: InboxFilter, now: datetime, limit: int,
                     offset: int, full: bool = True) -> Any:
    """The statement reading one page of the inbox's lines, as filtered: every column of
    ``InboxRow`` when ``full``, else those of ``PageLine``."""
    if full:
        query = _with_names(inbox_lines_query(actor, mine_only=filters.mine))
    else:
        query = (inbox_query(actor, mine_only=filters.mine)
                 .with_only_columns(*PAGE_COLUMNS, maintain_column_froms=True)
                 .add_columns(User.full_name).outerjoin(User, User.id == HumanTask.assignee_id))
    if filters.stage:
        query = query.where(HumanTask.spec_name == filters.stage)
    if filters.category:
        query = query.where(Complaint.category_code == filters.category)
    if filters.overdue:
        query = query.where(HumanTask.due_at.is_not(None), HumanTask.due_at < now)
    if filters.q.strip():
        query = query.where(_matching(filters.q))
    return query.limit(limit).offset(offset)


# PageLine's columns but the holder's name (it comes by an outer join).
PAGE_COLUMNS = (HumanTask.id, HumanTask.spec_name, HumanTask.title, HumanTask.due_at,
                HumanTask.assignee_id, Complaint.title, Complaint.tracking_code)


@lru_cache(maxsize=256)
def _kept_lines_statement(actor: Actor, filters: InboxFilter, limit: int, offset: int,
                          full: bool) -> DirectRead:
    """The same statement without a time or text filter, built once per officer, filter and
    page: building it and its cache key was a tenth of the page's reads. A statement holds no
    rows, so the lines are still read afresh on every request (by the driver: engine.direct)."""
    return DirectRead(_lines_statement(actor, filters, datetime.min, limit, offset, full))


def _with_names(query: Any) -> Any:
    """The lines with their category's name and their holder's name (None when there is
    none) in the same statement: two look-ups less per page, each a round trip."""
    return (query.add_columns(Category.name, User.full_name)
            .outerjoin(Category, Category.code == Complaint.category_code)
            .outerjoin(User, User.id == HumanTask.assignee_id))


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


def _choice_parts(role: str, opd_code: str | None) -> tuple[Any, ...]:
    """Stages and active categories as (kind, code, name), and the working calendar's
    overrides as one more row (kind "calendar", its text as name)."""
    stages = select(literal("stage").label("kind"), HumanTask.spec_name.label("code"),
                    HumanTask.title.label("name")).where(HumanTask.role == role)
    # As the inbox's rows: a central role's tasks are those without an OPD (and the
    # stages come off an index of their own, evaluation.tables.CENTRAL_STAGES).
    stages = stages.where(HumanTask.opd_code == opd_code if role in OPD_ROLES
                          else HumanTask.opd_code.is_(None))
    categories = select(literal("category"), Category.code, Category.name).where(
        Category.active)
    calendar = select(literal("calendar"), literal(""), calendar_text())
    return stages.distinct(), categories, calendar


@lru_cache(maxsize=64)
def _choices_statement(role: str, opd_code: str | None) -> DirectRead:
    """The filter row's choices (``_choice_parts``), built once per role and OPD."""
    return DirectRead(union_all(*_choice_parts(role, opd_code)).order_by("kind", "name"))


def _opd_of(actor: Actor) -> str | None:
    return actor.opd_code if actor.role in OPD_ROLES else None


@dataclass(frozen=True)
class InboxChoices:
    """What the inbox's filter row offers: stages as (task name, title) sorted by title, and
    the active categories as (code, name) sorted by name."""

    stages: list[tuple[str, str]]
    categories: list[tuple[str, str]]


def inbox_choices(session: Session, actor: Actor) -> InboxChoices:
    """The filter row's stages (the kinds of task the actor's inbox holds now) and active
    categories, read in one statement (a page near the floor counts its round trips); the
    working calendar comes with them, so ``inbox`` after it in the same session reads none."""
    rows = _choices_statement(actor.role, _opd_of(actor)).all(session, {})
    return _choices_from(session, rows)[0]


def _choices_from(session: Session, rows: Sequence[Any]) -> tuple[InboxChoices, str | None]:
    """The choices of rows of (kind, code, name), the working calendar they carry made the
    session's, and the text of the "lines" row when there is one."""
    found: dict[str, dict[str, str]] = {"stage": {}, "category": {}, "calendar": {},
                                        "lines": {}}
    for kind, code, name in rows:
        found[kind][code] = name
    calendar_of(session, found["calendar"].get(""))
    return (InboxChoices(sorted(found["stage"].items(), key=lambda item: item[1]),
                         list(found["category"].items())), found["lines"].get(""))


class InboxPage(NamedTuple):
    """What the inbox page reads: its filter row's choices, one page of lines, and the badge
    of a line's ``due_at``."""

    choices: InboxChoices
    lines: list[PageLine]
    badge: Callable[[datetime | None], dict[str, Any]]


def read_inbox_page(session: Session, actor: Actor, filters: InboxFilter, now: datetime,
                    limit: int = INBOX_PAGE, offset: int = 0) -> InboxPage:
    """``inbox_choices`` and ``inbox_lines`` of one page: in one statement when the lines
    depend on neither the time nor free text (the page as it opens), else in two."""
    if filters.overdue or filters.q.strip():
        choices = inbox_choices(session, actor)
        return InboxPage(choices, *inbox_lines(session, actor, filters, now, limit, offset))
    rows = _page_statement(actor, filters, limit, offset).all(session, {})
    choices, lines = _choices_from(session, rows)
    return InboxPage(choices, _lines_from(lines), _badges(session, now))


@lru_cache(maxsize=256)
def _page_statement(actor: Actor, filters: InboxFilter, limit: int, offset: int) -> DirectRead:
    """The choices' statement with one row more (kind "lines"): the page's lines as one JSON
    text, each line ranked in the inbox's order (an aggregate keeps no order of its own).
    Built once per officer, filter and page, as the lines' own statement is."""
    ranked = (_lines_statement(actor, filters, datetime.min, limit, offset, False)
              .add_columns(func.row_number().over(order_by=INBOX_ORDER)).subquery())
    lines = select(literal("lines"), literal(""),
                   select(JsonRows(*ranked.c)).scalar_subquery())
    return DirectRead(union_all(*_choice_parts(actor.role, _opd_of(actor)), lines)
                      .order_by("kind", "name"))


def _lines_from(text: str | None) -> list[PageLine]:
    """The lines of ``_page_statement``'s JSON text, in their rank's order."""
    rows = sorted(json_rows(text), key=lambda row: row[-1])
    return [PageLine(task_id, spec_name, title, json_instant(due) if due else None, *rest)
            for task_id, spec_name, title, due, *rest, _rank in rows]
