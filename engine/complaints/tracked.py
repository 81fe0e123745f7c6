"""A complaint as its reporter's tracking page (and the tracking API) reads it: the record
with everything that hangs on it, in one statement.

The names of its codes, its reporter_identity row, its instance's status and version (does
the report wait for the reporter's answer?), the working calendar's overrides and its files,
follow-ups and public timeline (as JSON texts, ``view_rows.lines_columns``) come with the
complaint row: six round trips of a page near the stack's floor become one. All of it is
read in the same statement: one snapshot of the database, where six statements (read
committed) could each have seen a different one.

The statement is sent by the driver (engine.direct) and the complaint built from its row as a
detached object: the pages that read it only read it, and the ORM's loading of an entity cost
about as much again as the statement itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from engine.accounts.sessions import SessionRow, read_along, session_parameters, session_row
from engine.calendar.store import calendar_of, calendar_text
from engine.calendar.working_days import WorkingCalendar
from engine.direct import DirectRead, loaded_object, split_row
from engine.errors import NotFoundError
from engine.reference.tables import Category, Opd, Region
from engine.workflow.context import Runtime
from engine.workflow.definitions import VersionRef
from engine.workflow.tables import ProcessDefinition, ProcessInstance

from .codes import normalize_tracking_code, secret_matches
from .read_models import Known
from .reporter import InstanceFacts, answer_awaited
from .tables import Complaint, ReporterIdentity
from .view_rows import IdentityLine, Names, lines_columns, lines_from


@dataclass(frozen=True)
class Tracked:
    """A complaint with what its tracking page needs besides its lists."""

    complaint: Complaint
    known: Known
    calendar: WorkingCalendar
    instance_status: str | None
    version: VersionRef | None

    def awaits_answer(self, session: Session, rt: Runtime) -> bool:
        """``reporter.answer_awaited`` (as ``offers_answer``) from what was read with the
        complaint."""
        status, version = self.instance_status, self.version

        def instance() -> InstanceFacts | None:
            if status is None or version is None:
                return None
            return status, lambda: rt.specs.of_version(session, version)

        return answer_awaited(self.complaint.status, instance)


def _name(table: Any, code: Any) -> Any:
    return select(table.c.name).where(table.c.code == code).scalar_subquery()


_COMPLAINT = Complaint.__table__
_WHO = ReporterIdentity.__table__
_RUN = ProcessInstance.__table__
_VERSION = ProcessDefinition.__table__
# Built once at import: the page sends it on every request.
_TRACKED_SELECT = (
    select(*_COMPLAINT.c,
           _name(Category.__table__, _COMPLAINT.c.category_code),
           _name(Opd.__table__, _COMPLAINT.c.opd_code),
           _name(Region.__table__, _COMPLAINT.c.kecamatan_code),
           _name(Region.__table__, _COMPLAINT.c.desa_code),
           _WHO.c.complaint_id, _WHO.c.name, _WHO.c.phone, _WHO.c.email, _WHO.c.nik,
           _RUN.c.status, _VERSION.c.id, _VERSION.c.process_id, _VERSION.c.version,
           _VERSION.c.hash, calendar_text(), *lines_columns(_COMPLAINT.c.id))
    .select_from(_COMPLAINT)
    .outerjoin(_WHO, _WHO.c.complaint_id == _COMPLAINT.c.id)
    .outerjoin(_RUN, _RUN.c.id == _COMPLAINT.c.instance_id)
    .outerjoin(_VERSION, _VERSION.c.id == _RUN.c.definition_id)
    .where(_COMPLAINT.c.tracking_code == bindparam("code"))
)
_TRACKED = DirectRead(_TRACKED_SELECT)
# The reporter's page: the browser's session row comes along (its first read).
_TRACKED_WITH_SESSION = DirectRead(read_along(_TRACKED_SELECT))


def find_tracked(session: Session, tracking_code: str) -> Tracked:
    """The complaint with this tracking code and what hangs on it, or NotFoundError.

    The complaint is detached: read, not changed (a command loads its own). The calendar it
    carries is also what ``load_calendar`` answers in this session."""
    return _tracked_of(session, _found(_TRACKED.first(
        session, {"code": normalize_tracking_code(tracking_code)})))


def find_tracked_with_session(session: Session, tracking_code: str,
                              token: str) -> tuple[Tracked, SessionRow | None]:
    """``find_tracked``, and the row of the browser session of ``token`` read with it in the
    same statement (None: no such session). The caller decides what the session may see
    (``sessions.settle_session``, then the codes it follows) before showing any of it."""
    row = _found(_TRACKED_WITH_SESSION.first(session, {
        "code": normalize_tracking_code(tracking_code), **session_parameters(token)}))
    return _tracked_of(session, row), session_row(row)


def _found(row: Any | None) -> Any:
    if row is None:
        raise NotFoundError("Laporan tidak ditemukan")
    return row


def _tracked_of(session: Session, row: Any) -> Tracked:
    (values,), extra = split_row(row, Complaint)
    complaint = loaded_object(Complaint, values)
    identity = IdentityLine(*extra[5:9]) if extra[4] is not None else None
    version = VersionRef(*extra[10:14]) if extra[10] is not None else None
    return Tracked(complaint, Known(Names(*extra[0:4]), identity, lines_from(*extra[15:18])),
                   calendar_of(session, extra[14]), extra[9], version)


def authenticate_tracked(session: Session, tracking_code: str, secret: str) -> Tracked:
    """``find_tracked`` when ``secret`` is its reporter's; one error for a wrong code or
    secret (as ``reporter.authenticate_reporter``)."""
    try:
        tracked = find_tracked(session, tracking_code)
    except NotFoundError:
        tracked = None
    if tracked is None or not secret or not secret_matches(secret,
                                                           tracked.complaint.secret_hash):
        raise NotFoundError("Kode pelacakan atau kode rahasia salah")
    return tracked
