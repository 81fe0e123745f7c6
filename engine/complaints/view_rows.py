"""The read-only parts of a complaint's view as plain rows: its files, follow-ups, public
timeline and the names of its codes.

A screen only reads these, so they are fetched with statements built once at import (no ORM
objects to build and track, no statement to compile or key per request): pages near the
stack's floor are made mostly of such reads.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import (
    BindParameter,
    Integer,
    Text,
    bindparam,
    cast,
    literal,
    literal_column,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from engine.audit import AuditEntry
from engine.db import UTCDateTime
from engine.direct import DirectRead
from engine.reference.tables import Category, Opd, Region

from .tables import Attachment, FollowUp

PUBLIC_TIMELINE_ACTIONS = ("complaint_received", "status_changed")


class FileLine(NamedTuple):
    """A file of a complaint, without where it is stored."""

    id: int
    kind: str
    filename: str
    content_type: str
    size: int


class FollowUpLine(NamedTuple):
    """A follow-up or reply as the follow-up page shows it."""

    id: int
    at: datetime
    kind: str
    author: str
    text: str


class TimelineLine(NamedTuple):
    """A receipt or status change of the public timeline."""

    at: datetime
    action: str
    to_status: str | None


class IdentityLine(NamedTuple):
    """The reporter's identity row as read with the complaint (``tracked``)."""

    name: str | None
    phone: str | None
    email: str | None
    nik: str | None


class Names(NamedTuple):
    """The names of a complaint's category, OPD, kecamatan and desa (None: no such code)."""

    category: str | None = None
    opd: str | None = None
    kecamatan: str | None = None
    desa: str | None = None


_FILE = Attachment.__table__.c
_FOLLOW = FollowUp.__table__.c
_AUDIT = AuditEntry.__table__.c
_OF_COMPLAINT: BindParameter[int] = bindparam("complaint_id", type_=Integer)
_TIMELINE = select(_AUDIT.at, _AUDIT.action, _AUDIT.to_status).where(
    _AUDIT.complaint_id == _OF_COMPLAINT,
    _AUDIT.action.in_(PUBLIC_TIMELINE_ACTIONS)).order_by(_AUDIT.at, _AUDIT.id)
# The three lists in one round trip, told apart by ``part``: (part, id, at, a, b, c, size).
_FILES, _FOLLOW_UPS, _EVENTS = 1, 2, 3
_LISTS = DirectRead(union_all(
    select(literal(_FILES).label("part"), _FILE.id.label("id"),
           cast(null(), UTCDateTime()).label("at"), _FILE.kind, _FILE.filename,
           _FILE.content_type, _FILE.size).where(_FILE.complaint_id == _OF_COMPLAINT),
    select(literal(_FOLLOW_UPS), _FOLLOW.id, _FOLLOW.at, _FOLLOW.kind, _FOLLOW.author,
           _FOLLOW.text, cast(null(), Integer)).where(_FOLLOW.complaint_id == _OF_COMPLAINT),
    select(literal(_EVENTS), _AUDIT.id, _AUDIT.at, _AUDIT.action, _AUDIT.to_status,
           cast(null(), Text), cast(null(), Integer)).where(
        _AUDIT.complaint_id == _OF_COMPLAINT, _AUDIT.action.in_(PUBLIC_TIMELINE_ACTIONS)),
).order_by(literal_column("part"), literal_column("at"), literal_column("id")))
_CATEGORY, _OPD, _REGION = Category.__table__.c, Opd.__table__.c, Region.__table__.c
_NAMES = select(
    select(_CATEGORY.name).where(_CATEGORY.code == bindparam("category")).scalar_subquery(),
    select(_OPD.name).where(_OPD.code == bindparam("opd")).scalar_subquery(),
    select(_REGION.name).where(_REGION.code == bindparam("kecamatan")).scalar_subquery(),
    select(_REGION.name).where(_REGION.code == bindparam("desa")).scalar_subquery())


class Lines(NamedTuple):
    """A complaint's files (upload order), follow-ups and public timeline (oldest first)."""

    files: list[FileLine]
    follow_ups: list[FollowUpLine]
    timeline: list[TimelineLine]


def lines_of(session: Session, complaint_id: int) -> Lines:
    """The files, follow-ups and public timeline of a complaint, in one statement."""
    lines = Lines([], [], [])
    for part, row_id, at, a, b, c, size in _LISTS.all(session, {"complaint_id": complaint_id}):
        if part == _FILES:
            lines.files.append(FileLine(row_id, a, b, c, size))
        elif part == _FOLLOW_UPS:
            lines.follow_ups.append(FollowUpLine(row_id, at, a, b, c))
        else:
            lines.timeline.append(TimelineLine(at, a, b))
    return lines


def timeline_lines(session: Session, complaint_id: int) -> list[TimelineLine]:
    """Receipt and status changes, oldest first (what the reporter's tracking page shows)."""
    rows = session.execute(_TIMELINE, {"complaint_id": complaint_id})
    return [TimelineLine(*row) for row in rows]


def names_of(session: Session, category: str | None, opd: str | None,
             kecamatan: str | None, desa: str | None) -> Names:
    """The names of these codes in one statement, or none at all when every code is None."""
    if category is None and opd is None and kecamatan is None and desa is None:
        return Names()
    row = session.execute(_NAMES, {"category": category, "opd": opd,
                                   "kecamatan": kecamatan, "desa": desa}).one()
    return Names(*row)
