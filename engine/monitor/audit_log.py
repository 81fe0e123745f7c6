"""The audit log as the roles that answer for confidentiality read it: filtered by complaint,
person, kind of action and period, a page at a time or whole for export. Reading it is itself
recorded (``audit_log_viewed``, ``audit_log_exported``) in the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from engine import audit
from engine.audit import AuditEntry
from engine.calendar.working_days import WIB
from engine.complaints.codes import normalize_tracking_code
from engine.complaints.tables import Complaint
from engine.domain import Actor

# Who answers for confidentiality (docs/security.md): they may read the whole log.
AUDIT_READERS = frozenset({"ketua", "penanggung_jawab", "sysadmin"})
VIEWED = "audit_log_viewed"
EXPORTED = "audit_log_exported"

# The kinds of action a reader filters by, each the actions the code records under it.
ACTION_GROUPS: dict[str, tuple[str, ...]] = {
    "identity": ("identity_viewed", "identity_completed"),
    "id_document": ("identity_document_viewed", "file_kind_changed"),
    "flag": ("confidentiality_changed",),
    "export": (EXPORTED, "instances_exported"),
    "signin": ("signed_in", "password_changed", "totp_enrolled", "recovery_code_used",
               "recovery_codes_renewed"),
    "audit": (VIEWED, EXPORTED),
    "admin": ("user_created", "user_changed", "user_activated", "user_deactivated",
              "password_reset", "user_unlocked", "totp_reset", "opd_added", "opd_renamed",
              "opd_retired", "opd_restored",
              "category_added", "category_changed", "category_retired", "category_restored",
              "code_added", "code_renamed", "code_retired", "code_restored", "holiday_set",
              "holiday_removed", "keywords_changed", "region_centre_set", "target_set",
              "target_deleted", "definition_deployed", "definition_draft_approved",
              "outbox_retried"),
}
PER_PAGE = 50
MAX_EXPORT_ROWS = 100_000
_BATCH = 1_000


@dataclass(frozen=True)
class AuditFilter:
    """What the reader asked for; blank fields mean "any"."""

    tracking_code: str | None = None
    actor: str | None = None
    group: str | None = None
    action: str | None = None
    day_from: date | None = None
    day_to: date | None = None
    page: int = 1
    per_page: int = PER_PAGE

    def as_detail(self) -> dict[str, Any]:
        """The filter as the audit entry of the reading records it."""
        values = {"tracking_code": self.tracking_code, "person": self.actor, "group": self.group,
                  "action": self.action, "day_from": self.day_from, "day_to": self.day_to}
        return {k: str(v) for k, v in values.items() if v}


@dataclass(frozen=True)
class AuditRow:
    """One entry as the screen and the export show it."""

    id: int
    at: datetime
    actor: str
    actor_role: str
    action: str
    tracking_code: str | None
    task_spec: str | None
    from_status: str | None
    to_status: str | None
    detail: str


@dataclass(frozen=True)
class AuditPage:
    """One page of entries, newest first."""

    rows: list[AuditRow]
    page: int
    more: bool

    @property
    def next_page(self) -> int | None:
        """The following page, when it has entries."""
        return self.page + 1 if self.more else None

    @property
    def previous_page(self) -> int | None:
        """The page before, when this is not the first."""
        return self.page - 1 if self.page > 1 else None


def may_read_audit_log(actor: Actor) -> bool:
    """Whether ``actor`` answers for confidentiality and so may read the log."""
    return actor.role in AUDIT_READERS


def read_page(session: Session, flt: AuditFilter, reader: Actor, now: datetime) -> AuditPage:
    """One page of the filtered log; the reading is recorded."""
    page = max(1, flt.page)
    per_page = min(max(1, flt.per_page), 200)
    query = _query(flt).offset((page - 1) * per_page).limit(per_page + 1)
    rows = [_row(entry, code) for entry, code in session.execute(query)]
    audit.record(session, reader, VIEWED, now, page=page, **flt.as_detail())
    return AuditPage(rows[:per_page], page, len(rows) > per_page)


def export_rows(session: Session, flt: AuditFilter, reader: Actor, now: datetime,
                file_format: str = "csv") -> Iterator[AuditRow]:
    """Every filtered entry (at most ``MAX_EXPORT_ROWS``); the export, with its file format,
    is recorded first."""
    audit.record(session, reader, EXPORTED, now, format=file_format, **flt.as_detail())
    session.flush()
    last_id: int | None = None
    for _ in range(MAX_EXPORT_ROWS // _BATCH):
        query = _query(flt)
        if last_id is not None:
            query = query.where(AuditEntry.id < last_id)
        batch = list(session.execute(query.limit(_BATCH)))
        for entry, code in batch:
            yield _row(entry, code)
        if len(batch) < _BATCH:
            return
        last_id = batch[-1][0].id


def _query(flt: AuditFilter) -> Select[AuditEntry, str]:
    query = (select(AuditEntry, Complaint.tracking_code)
             .outerjoin(Complaint, Complaint.id == AuditEntry.complaint_id))
    if flt.tracking_code:
        query = query.where(Complaint.tracking_code == normalize_tracking_code(flt.tracking_code))
    if flt.actor:
        query = query.where(AuditEntry.actor == flt.actor.strip())
    if flt.group:
        query = query.where(AuditEntry.action.in_(ACTION_GROUPS.get(flt.group, ())))
    if flt.action:
        query = query.where(AuditEntry.action == flt.action)
    if flt.day_from:
        query = query.where(AuditEntry.at >= _start_of(flt.day_from))
    if flt.day_to:
        query = query.where(AuditEntry.at < _start_of(flt.day_to + timedelta(days=1)))
    return query.order_by(AuditEntry.id.desc())


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, WIB)


def _row(entry: AuditEntry, code: str | None) -> AuditRow:
    return AuditRow(entry.id, entry.at, entry.actor, entry.actor_role, entry.action, code,
                    entry.task_spec, entry.from_status, entry.to_status,
                    "" if entry.detail in ("{}", "") else entry.detail)


def record_instances_export(session: Session, reader: Actor, now: datetime,
                            filters: dict[str, Any]) -> None:
    """The monitor's instance list was exported (with these filters)."""
    audit.record(session, reader, "instances_exported", now, **filters)
