"""The read-only parts of a complaint's view as plain rows: its files, follow-ups, public
timeline and the names of its codes.

A screen only reads these, so they are fetched with statements built once at import (no ORM
objects to build and track, no statement to compile or key per request): pages near the
stack's floor are made mostly of such reads. The three lists come as three JSON texts, columns
that any statement can carry: the tracking pages read them with the complaint itself, one
statement for the whole page (``tracked``).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import BindParameter, ColumnElement, Integer, ScalarSelect, Text, bindparam, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import GenericFunction

from engine.audit import AuditEntry
from engine.db import as_utc
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


class JsonRows(GenericFunction[str]):
    """Every row's values as one JSON text, an array of arrays in no set order (NULL or ``[]``
    for no row): a list read inside a statement sent anyway, as one of its columns."""

    type = Text()
    inherit_cache = True


@compiles(JsonRows)
def _json_rows(element: JsonRows, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_group_array(json_array({compiler.process(element.clauses, **kw)}))"


@compiles(JsonRows, "postgresql")
def _json_rows_pg(element: JsonRows, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(json_agg(json_build_array({compiler.process(element.clauses, **kw)})) AS TEXT)"


def lines_columns(complaint_id: ColumnElement[int]) -> tuple[ScalarSelect[str], ...]:
    """The files, follow-ups and public timeline of the complaint ``complaint_id`` as three
    columns (JSON texts) of a statement; ``lines_from`` reads them back."""
    return (
        select(JsonRows(_FILE.id, _FILE.kind, _FILE.filename, _FILE.content_type, _FILE.size))
        .where(_FILE.complaint_id == complaint_id).scalar_subquery(),
        select(JsonRows(_FOLLOW.id, _FOLLOW.at, _FOLLOW.kind, _FOLLOW.author, _FOLLOW.text))
        .where(_FOLLOW.complaint_id == complaint_id).scalar_subquery(),
        select(JsonRows(_AUDIT.id, _AUDIT.at, _AUDIT.action, _AUDIT.to_status))
        .where(_AUDIT.complaint_id == complaint_id,
               _AUDIT.action.in_(PUBLIC_TIMELINE_ACTIONS)).scalar_subquery(),
    )


_LISTS = DirectRead(select(*lines_columns(_OF_COMPLAINT)))
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
    (row,) = _LISTS.all(session, {"complaint_id": complaint_id})  # one row, always
    return lines_from(*row)


def lines_from(files: str | None, follow_ups: str | None, events: str | None) -> Lines:
    """The lists of ``lines_columns``' three values: files in upload order, follow-ups and
    timeline oldest first (ties in the order they were written)."""
    return Lines(
        [FileLine(*row) for row in sorted(json_rows(files))],
        [FollowUpLine(row_id, at, *rest) for at, row_id, rest in _oldest_first(follow_ups)],
        [TimelineLine(at, *rest) for at, _, rest in _oldest_first(events)],
    )


def json_rows(text: str | None) -> list[list[Any]]:
    """The rows of a ``JsonRows`` value (none when the database wrote NULL for no row)."""
    return json.loads(text) if text else []


def _oldest_first(text: str | None) -> list[tuple[datetime, int, list[Any]]]:
    """Rows of (id, at, ...) as (at, id, the rest), by time and then by id."""
    return sorted((json_instant(at), row_id, rest) for row_id, at, *rest in json_rows(text))


def json_instant(text: str) -> datetime:
    """A timestamp as either database writes it into JSON (SQLite: the stored UTC text
    without a zone; PostgreSQL: ISO 8601 with the session's offset)."""
    return as_utc(datetime.fromisoformat(text))


def names_of(session: Session, category: str | None, opd: str | None,
             kecamatan: str | None, desa: str | None) -> Names:
    """The names of these codes in one statement, or none at all when every code is None."""
    if category is None and opd is None and kecamatan is None and desa is None:
        return Names()
    row = session.execute(_NAMES, {"category": category, "opd": opd,
                                   "kecamatan": kecamatan, "desa": desa}).one()
    return Names(*row)
