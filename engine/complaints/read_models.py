"""What screens and the API read: inbox rows, a complaint as a viewer may see it, timelines.

Served from the query tables only — never from workflow JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import audit
from engine.accounts.tables import User
from engine.audit import AuditEntry
from engine.calendar.working_days import WorkingCalendar
from engine.domain import OPD_ROLES, Actor
from engine.errors import NotFoundError

from .identity import id_copy_missing
from .tables import Complaint, HumanTask, ReporterIdentity
from .view_rows import (
    FileLine,
    FollowUpLine,
    Lines,
    Names,
    TimelineLine,
    lines_of,
    names_of,
)
from .visibility import (
    PUBLIC_FOLLOW_UPS,
    may_open_file,
    may_read_complaint,
    may_read_exchange,
    may_read_identity,
    may_read_name,
    position_for,
)


@dataclass
class Identity:
    """The reporter's identity as the viewer may see it."""

    name: str | None = None
    phone: str | None = None
    email: str | None = None
    nik: str | None = None
    documents: list[dict[str, Any]] = field(default_factory=list)
    # A named report without the ID copy the standard requires ("identitas belum dilengkapi").
    missing_document: bool = False


class IdentityRow(Protocol):
    """The reporter_identity columns a view shows (an ORM row or a plain one)."""

    @property
    def name(self) -> str | None: ...
    @property
    def phone(self) -> str | None: ...
    @property
    def email(self) -> str | None: ...
    @property
    def nik(self) -> str | None: ...


@dataclass(frozen=True)
class Known:
    """What a caller already read with the complaint itself (one statement instead of
    four): the names of its codes, its reporter_identity row (None: there is none) and its
    files, follow-ups and public timeline."""

    names: Names
    identity: IdentityRow | None
    lines: Lines


@dataclass
class ComplaintView:
    """A complaint with only what its viewer may see."""

    complaint: Complaint
    category_name: str | None
    opd_name: str | None
    identity: Identity | None
    follow_ups: list[FollowUpLine]
    timeline: list[TimelineLine]
    attachments: list[FileLine]
    kecamatan_name: str | None = None
    desa_name: str | None = None
    # The pinned point as precisely as this viewer may see it (visibility.position_for).
    position: tuple[float, float] | None = None
    # The identity shown was written to the audit log: the caller's unit of work must commit.
    audited: bool = False


# The inbox's order: soonest deadline first, tasks without one last, then the oldest.
INBOX_ORDER = (HumanTask.due_at.asc().nulls_last(), HumanTask.created_at)


def inbox_query(actor: Actor, *, mine_only: bool = False) -> Any:
    """Ready tasks of the actor's role (and OPD), soonest deadline first."""
    query = select(HumanTask, Complaint).join(Complaint, Complaint.id == HumanTask.complaint_id)
    query = query.where(HumanTask.role == actor.role)
    # Both branches pin opd_code (other roles' tasks carry none), so the index (role, opd_code,
    # due_at, created_at) yields rows already in this order: a page costs the same at any
    # backlog.
    if actor.role in OPD_ROLES:
        query = query.where(HumanTask.opd_code == actor.opd_code)
    else:
        query = query.where(HumanTask.opd_code.is_(None))
    if mine_only:
        query = query.where(HumanTask.assignee_id == actor.user_id)
    return query.order_by(*INBOX_ORDER)


def inbox_lines_query(actor: Actor, *, mine_only: bool = False) -> Any:
    """The inbox screen's columns only, in ``inbox_query``'s order (no ORM objects to build:
    hydrating 200 tasks and complaints was most of the page's time)."""
    columns = (HumanTask.id, HumanTask.spec_name, HumanTask.title, HumanTask.due_at,
               HumanTask.assignee_id, Complaint.id, Complaint.title, Complaint.tracking_code,
               Complaint.status, Complaint.category_code)
    return inbox_query(actor, mine_only=mine_only).with_only_columns(
        *columns, maintain_column_froms=True)


def deadline_badge(
    calendar: WorkingCalendar, due: datetime | None, now: datetime
) -> dict[str, Any]:
    """Working days left (or overdue by) for a deadline: {"overdue", "days", "due_at"}."""
    if due is None:
        return {"overdue": False, "days": None, "due_at": None}
    if now > due:
        return {"overdue": True, "days": max(1, calendar.working_days_between(due, now)),
                "due_at": due}
    return {"overdue": False, "days": calendar.working_days_between(now, due), "due_at": due}


def view_complaint(
    session: Session, complaint: Complaint, viewer: Actor | None, now: datetime,
    *, with_secret: bool = False, known: Known | None = None,
) -> ComplaintView:
    """The complaint as ``viewer`` may see it; NotFoundError if they may not see it at all.

    ``with_secret`` means the reporter proved the secret: they see everything of their own.
    Reads of identity are written to the audit log. ``known``: the names and identity row
    already read with the complaint (else they are read here).
    """
    if not with_secret and not may_read_complaint(viewer, complaint):
        raise NotFoundError("Laporan tidak ditemukan")
    session.flush()  # the plain reads below do not autoflush as ORM queries do
    # Files, follow-ups and timeline in one round trip: a page near the stack's floor counts
    # them (the ID copies among the files are shown only to those who may read the identity).
    lines = known.lines if known else lines_of(session, complaint.id)
    files = lines.files
    names = known.names if known else names_of(
        session, complaint.category_code, complaint.opd_code, complaint.kecamatan_code,
        complaint.desa_code)
    row = known.identity if known else session.get(ReporterIdentity, complaint.id)
    identity, audited = _identity(session, complaint, viewer, now, with_secret, row,
                                  [f for f in files if f.kind == "identitas"])
    # Each file by its kind's rule (a scan with the reporter's name is guarded like the ID copy).
    attachments = [f for f in files if f.kind != "identitas"
                   and (with_secret or may_open_file(viewer, complaint, f.kind))]
    position = position_for(viewer, complaint)
    if with_secret and complaint.latitude is not None and complaint.longitude is not None:
        position = (complaint.latitude, complaint.longitude)  # the reporter's own pin
    follow_ups = lines.follow_ups if may_read_exchange(viewer, with_secret) else [
        f for f in lines.follow_ups if f.kind in PUBLIC_FOLLOW_UPS]
    return ComplaintView(complaint, names.category, names.opd, identity,
                         follow_ups, lines.timeline, attachments, names.kecamatan,
                         names.desa, position, audited)


def _identity(session: Session, complaint: Complaint, viewer: Actor | None, now: datetime,
              with_secret: bool, row: IdentityRow | None,
              docs: list[FileLine]) -> tuple[Identity | None, bool]:
    """The identity the viewer may see, and whether seeing it was audited."""
    if row is None:
        return None, False
    if with_secret or may_read_identity(viewer):
        seen = any((row.name, row.phone, row.email, row.nik, docs))
        if seen:  # nothing shown, nothing seen
            audit.record(session, viewer or Actor("pelapor", "pelapor"), "identity_viewed",
                         now, complaint_id=complaint.id, instance_id=complaint.instance_id)
        return Identity(row.name, row.phone, row.email, row.nik,
                        [{"id": d.id, "filename": d.filename, "content_type": d.content_type}
                         for d in docs], id_copy_missing(complaint, bool(docs))), seen
    if may_read_name(viewer, complaint):
        return Identity(name=row.name), False
    return None, False


def history(session: Session, complaint: Complaint) -> list[AuditEntry]:
    """The full audit trail of a complaint (officers' view)."""
    return list(session.scalars(
        select(AuditEntry).where(AuditEntry.complaint_id == complaint.id)
        .order_by(AuditEntry.at, AuditEntry.id)))


def user_names(session: Session, ids: set[int]) -> dict[int, str]:
    """Display names of officers by id."""
    if not ids:
        return {}
    rows = session.execute(select(User.id, User.full_name).where(User.id.in_(ids)))
    return {uid: name for uid, name in rows}


def get_complaint(session: Session, complaint_id: int) -> Complaint:
    """A complaint by id or NotFoundError."""
    found = session.get(Complaint, complaint_id)
    if found is None:
        raise NotFoundError("Laporan tidak ditemukan")
    return found
