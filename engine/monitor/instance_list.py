"""The managers' list of process instances: filtered, sorted, paginated.

Served from the query tables (``complaint``, ``process_instance`` columns, ``human_task``) by
indexed columns only; the workflow JSON is never read.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session, load_only

from engine.calendar.working_days import WIB
from engine.complaints.codes import normalize_tracking_code
from engine.complaints.tables import Complaint, HumanTask
from engine.domain import CHANNELS, MANAGER_ROLES, STATUSES, Actor
from engine.errors import ForbiddenError, FormInvalidError
from engine.workflow.tables import ProcessInstance

INSTANCE_STATUSES = ("running", "completed", "error", "cancelled")
SORTS = {
    "received_at": (Complaint.received_at,),
    "deadline": (Complaint.stage_due_at.is_(None), Complaint.stage_due_at),
    "updated_at": (Complaint.updated_at,),
    "tracking_code": (Complaint.tracking_code,),
    "status": (Complaint.status,),
    "instance_status": (ProcessInstance.status,),
    "opd": (Complaint.opd_code,),
    "category": (Complaint.category_code,),
    "channel": (Complaint.channel,),
}
SORT_KEYS = tuple(key for name in SORTS for key in (name, f"-{name}"))
MAX_PER_PAGE = 100
TEXT_LIMITS = {"opd": 32, "category": 32, "kecamatan": 20, "q": 20, "step": 100}
MAX_PAGE = 1_000_000


@dataclass(frozen=True)
class InstanceFilter:
    """What a manager asks the list for; None means "any"."""

    status: str | None = None
    instance_status: str | None = None
    opd: str | None = None
    category: str | None = None
    kecamatan: str | None = None
    channel: str | None = None
    overdue: bool | None = None
    received_from: date | None = None
    received_to: date | None = None
    q: str | None = None
    step: str | None = None  # a task of the diagram the instance waits at (open human task)
    definition: int | None = None  # the diagram version the instance runs
    sort: str = "-received_at"
    page: int = 1
    per_page: int = 25

    def problems(self) -> dict[str, str]:
        """Field → message for every value the list cannot use."""
        found: dict[str, str] = {}
        choices = {"status": STATUSES, "instance_status": INSTANCE_STATUSES,
                   "channel": CHANNELS, "sort": SORT_KEYS}
        for name, allowed in choices.items():
            value = getattr(self, name)
            if value is not None and value not in allowed:
                found[name] = f"Pilih salah satu dari: {', '.join(allowed)}"
        for name, limit in TEXT_LIMITS.items():
            if len(getattr(self, name) or "") > limit:
                found[name] = f"Paling banyak {limit} karakter"
        if not 1 <= self.page <= MAX_PAGE:
            found["page"] = f"Halaman 1 sampai {MAX_PAGE}"
        if not 1 <= self.per_page <= MAX_PER_PAGE:
            found["per_page"] = f"Antara 1 dan {MAX_PER_PAGE} per halaman"
        if self.received_from and self.received_to and self.received_from > self.received_to:
            found["received_to"] = "Tanggal akhir sebelum tanggal awal"
        return found


@dataclass(frozen=True)
class InstanceRow:
    """One line of the list: the instance, its complaint's plain columns, open task count."""

    instance_id: int
    instance_status: str
    tracking_code: str
    registration_no: str
    status: str
    title: str
    channel: str
    category_code: str | None
    opd_code: str | None
    received_at: datetime
    stage_due_at: datetime | None
    updated_at: datetime
    open_tasks: int


@dataclass(frozen=True)
class InstancePage:
    """A page of the list and where it sits in the whole.

    ``total`` is exact when the list is filtered or holds at most ``EXACT_UP_TO`` instances;
    otherwise (``exact`` False) it is an estimate above ``EXACT_UP_TO``, because counting a
    million rows on every page view grew with the table. ``next_page`` never relies on it.
    """

    rows: list[InstanceRow]
    total: int
    page: int
    per_page: int
    exact: bool = True
    more: bool | None = None  # whether a following page has rows (None: go by ``total``)

    @property
    def pages(self) -> int:
        """How many pages the whole list has (an estimate when the total is)."""
        counted = max(1, -(-self.total // self.per_page))
        return counted if self.exact else max(counted, self.page + int(bool(self.more)))

    @property
    def next_page(self) -> int | None:
        """The number of the following page, or None on the last."""
        if self.more is not None:
            return self.page + 1 if self.more else None
        return self.page + 1 if self.page < self.pages else None


def require_manager(actor: Actor) -> None:
    """ForbiddenError unless ``actor`` manages the service (may list every instance)."""
    if actor.role not in MANAGER_ROLES:
        raise ForbiddenError(
            "Hanya pengarah, penanggung jawab, tim, dan admin yang dapat melihat daftar proses")


def list_instances(
    session: Session, flt: InstanceFilter, actor: Actor, now: datetime
) -> InstancePage:
    """The page of instances matching ``flt``, with the number of all matches."""
    require_manager(actor)
    problems = flt.problems()
    if problems:
        raise FormInvalidError(problems)
    conditions = _conditions(flt, now)
    query = _joined(select(Complaint, ProcessInstance.status, _open_tasks()))
    query = query.options(load_only(*_COLUMNS)).where(*conditions)
    query = query.order_by(*_ordering(flt.sort))
    query = query.limit(flt.per_page + 1).offset((flt.page - 1) * flt.per_page)
    found = list(session.execute(query))
    rows = [_row(values) for values in found[:flt.per_page]]
    more = len(found) > flt.per_page
    if conditions:  # filtered: the indexes narrow it, count exactly
        total = session.scalar(_joined(select(func.count(Complaint.id))).where(*conditions))
        return InstancePage(rows, total or 0, flt.page, flt.per_page, True, more)
    total, exact = _whole_list_total(session)
    return InstancePage(rows, total, flt.page, flt.per_page, exact, more)


# Filters a manager sets, in the order the screen shows them (sort and page are not filters).
NARROWING = ("q", "status", "instance_status", "channel", "opd", "category", "kecamatan",
             "received_from", "received_to", "overdue", "step", "definition")


def emptying_filters(session: Session, flt: InstanceFilter, now: datetime) -> list[str]:
    """The filters that each alone empty an empty list: without any one of them, some
    instance would match. Empty when the list has rows or only the filters together empty it."""
    active = [name for name in NARROWING if getattr(flt, name) is not None]
    found = []
    for name in active:
        loosened = replace(flt, **{name: None})  # type: ignore[arg-type]  # a filter field
        count = select(func.count(Complaint.id)).where(*_conditions(loosened, now))
        if session.scalar(_joined(count)):
            found.append(name)
    return found


EXACT_UP_TO = 10_000


def _whole_list_total(session: Session) -> tuple[int, bool]:
    """(total, exact) of the unfiltered list: counted up to EXACT_UP_TO, estimated beyond."""
    first = _joined(select(Complaint.id)).limit(EXACT_UP_TO + 1).subquery()
    counted = session.scalar(select(func.count()).select_from(first)) or 0
    if counted <= EXACT_UP_TO:
        return counted, True
    # Complaints get ids in order and are archived, never deleted: the highest id is the
    # number of complaints (one PK index lookup).
    highest = session.scalar(select(func.max(Complaint.id))) or 0
    return max(highest, EXACT_UP_TO + 1), False


# Only the columns a list line shows: no description, and never the instance's state.
_COLUMNS = (
    Complaint.instance_id, Complaint.tracking_code, Complaint.registration_year,
    Complaint.registration_seq, Complaint.status, Complaint.title, Complaint.channel,
    Complaint.category_code, Complaint.opd_code, Complaint.received_at, Complaint.stage_due_at,
    Complaint.updated_at,
)


def _joined(query: Select[Any]) -> Select[Any]:
    return query.select_from(Complaint).join(
        ProcessInstance, ProcessInstance.id == Complaint.instance_id)


def _open_tasks() -> Any:
    return (select(func.count(HumanTask.id)).where(HumanTask.instance_id == ProcessInstance.id)
            .correlate(ProcessInstance).scalar_subquery())


def _conditions(flt: InstanceFilter, now: datetime) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    equal = {Complaint.status: flt.status, ProcessInstance.status: flt.instance_status,
             Complaint.opd_code: flt.opd, Complaint.category_code: flt.category,
             Complaint.kecamatan_code: flt.kecamatan, Complaint.channel: flt.channel}
    found += [column == value for column, value in equal.items() if value]
    # Overdue is a flag, never a status: the current stage's deadline has passed.
    if flt.overdue is True:
        found.append(Complaint.stage_due_at < now)
    elif flt.overdue is False:
        found.append(or_(Complaint.stage_due_at.is_(None), Complaint.stage_due_at >= now))
    if flt.received_from:
        found.append(Complaint.received_at >= _start_of(flt.received_from))
    if flt.received_to:
        found.append(Complaint.received_at < _start_of(flt.received_to + timedelta(days=1)))
    if flt.q and flt.q.strip():
        code = normalize_tracking_code(flt.q)
        found.append(Complaint.tracking_code.startswith(code, autoescape=True))
    if flt.step:  # the instances the diagram's count at that step counts
        found.append(select(HumanTask.id).where(HumanTask.instance_id == ProcessInstance.id,
                                                HumanTask.spec_name == flt.step).exists())
    if flt.definition is not None:
        found.append(ProcessInstance.definition_id == flt.definition)
    return found


def _start_of(day: date) -> datetime:
    # Days are the agency's days: a filter "from 2 March" starts at midnight WIB.
    return datetime.combine(day, time.min, WIB)


def _ordering(sort: str) -> list[Any]:
    descending = sort.startswith("-")
    keys = SORTS[sort.lstrip("-")]
    ordered = [key.desc() if descending and i == len(keys) - 1 else key
               for i, key in enumerate(keys)]
    return [*ordered, Complaint.id.desc() if descending else Complaint.id]


def _row(values: Any) -> InstanceRow:
    complaint, instance_status, open_tasks = values
    return InstanceRow(
        complaint.instance_id, instance_status, complaint.tracking_code,
        complaint.registration_no, complaint.status, complaint.title, complaint.channel,
        complaint.category_code, complaint.opd_code, complaint.received_at,
        complaint.stage_due_at, complaint.updated_at, open_tasks or 0)
