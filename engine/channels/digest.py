"""The digests for the daily roll calls: apel pagi (overdue, due today, due tomorrow) and apel
sore (what was done today, what is still due today, due tomorrow, overdue).

"Tomorrow" is the next working day: on a Friday it is Monday, before Lebaran it may be a week
away. Officers see the tasks of their role (their OPD's, for OPD roles) that are theirs or
unclaimed, and in the afternoon the tasks they completed today; the Ketua and the heads of
office (Penanggung Jawab, Pengarah) see every open complaint's stage deadline, and in the
afternoon every complaint that moved on today.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.accounts.tables import User
from engine.audit import AuditEntry
from engine.calendar.store import load_calendar
from engine.calendar.working_days import WIB, WorkingCalendar
from engine.complaints.tables import Complaint, HumanTask, OutboxMessage
from engine.db import UnitOfWork
from engine.domain import OPD_ROLES
from engine.workflow.context import Runtime

from .fanout import add_delivery
from .message_context import AGENCY, links
from .recipients import delivery_key, officer_deliveries
from .render import format_day

DIGEST_ROLES = ("tim_admin", "pejabat_penghubung", "unit_teknis", "anggota", "ketua",
                "penanggung_jawab", "pengarah")
MONITOR_ROLES = frozenset({"ketua", "penanggung_jawab", "pengarah"})
# The stages whose deadline is an officer's to keep (closure and clarification are not).
MONITORED_STAGES = {"diterima": "Verifikasi", "dikembalikan": "Verifikasi ulang",
                    "didisposisikan": "Tindak lanjut OPD"}
TEMPLATE = "ringkasan"
AFTERNOON_TEMPLATE = "ringkasan_sore"
# What a complaint moving to a status means, in the afternoon digest of monitoring roles.
DONE_STEPS = {"didisposisikan": "Diteruskan ke OPD", "perlu_klarifikasi": "Klarifikasi diminta",
              "ditindaklanjuti": "Tindak lanjut terbit", "selesai": "Selesai",
              "dikembalikan": "Dikembalikan OPD", "dialihkan": "Dialihkan ke LAPOR! nasional",
              "diarsipkan": "Diarsipkan"}


@dataclass(frozen=True)
class DigestItem:
    """One deadline in the digest."""

    tracking_code: str
    title: str
    what: str  # the task's title, or the complaint's status for the Ketua
    due_at: datetime


@dataclass(frozen=True)
class DoneItem:
    """One thing done today, in the afternoon digest."""

    tracking_code: str
    title: str
    what: str  # the task completed, or the step the complaint made
    at: datetime


@dataclass
class Digest:
    """One officer's digest for one day (``afternoon``: apel sore, with what was done)."""

    user_id: int
    name: str
    day: date
    afternoon: bool = False
    overdue: list[DigestItem] = field(default_factory=list)
    today: list[DigestItem] = field(default_factory=list)
    tomorrow: list[DigestItem] = field(default_factory=list)
    done: list[DoneItem] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Items in every bucket."""
        return len(self.overdue) + len(self.today) + len(self.tomorrow) + len(self.done)


def bucket(calendar: WorkingCalendar, due: datetime, now: datetime) -> str | None:
    """overdue|today|tomorrow (by working days), or None when later than that."""
    if due < now:
        return "overdue"
    ahead = calendar.working_days_between(now, due)
    return {0: "today", 1: "tomorrow"}.get(ahead)


def _items(session: Session, user: User) -> list[DigestItem]:
    if user.role in MONITOR_ROLES:
        rows = session.scalars(select(Complaint).where(
            Complaint.stage_due_at.is_not(None), Complaint.status.in_(sorted(MONITORED_STAGES))))
        return [DigestItem(c.tracking_code, c.title, MONITORED_STAGES[c.status], c.stage_due_at)
                for c in rows if c.stage_due_at is not None]
    query = (select(HumanTask, Complaint).join(Complaint, Complaint.id == HumanTask.complaint_id)
             .where(HumanTask.role == user.role, HumanTask.due_at.is_not(None),
                    (HumanTask.assignee_id.is_(None)) | (HumanTask.assignee_id == user.id)))
    if user.role in OPD_ROLES:
        query = query.where(HumanTask.opd_code == user.opd_code)
    return [DigestItem(c.tracking_code, c.title, t.title, t.due_at)
            for t, c in session.execute(query) if t.due_at is not None]


def _done(session: Session, user: User, since: datetime, now: datetime) -> list[DoneItem]:
    window = (AuditEntry.at >= since) & (AuditEntry.at <= now)
    if user.role in MONITOR_ROLES:
        query = (select(AuditEntry, Complaint)
                 .join(Complaint, Complaint.id == AuditEntry.complaint_id)
                 .where(window, AuditEntry.action == "status_changed",
                        AuditEntry.to_status.in_(sorted(DONE_STEPS))))
        return [DoneItem(c.tracking_code, c.title, DONE_STEPS[a.to_status or ""], a.at)
                for a, c in session.execute(query)]
    query = (select(AuditEntry, Complaint)
             .join(Complaint, Complaint.id == AuditEntry.complaint_id)
             .where(window, AuditEntry.action == "task_completed",
                    AuditEntry.actor == user.username))
    return [DoneItem(c.tracking_code, c.title, _task_title(a), a.at)
            for a, c in session.execute(query)]


def _task_title(entry: AuditEntry) -> str:
    try:
        title = json.loads(entry.detail or "{}").get("title")
    except ValueError:
        title = None
    return str(title or entry.task_spec or "")


def digest_for(session: Session, user: User, now: datetime, afternoon: bool = False) -> Digest:
    """What ``user`` must see to at this morning's roll call, soonest deadline first; in the
    afternoon also what was done today, earliest first."""
    calendar = load_calendar(session)
    found = Digest(user.id, user.full_name, calendar.local_day(now), afternoon)
    for item in sorted(_items(session, user), key=lambda i: (i.due_at, i.tracking_code)):
        name = bucket(calendar, item.due_at, now)
        if name is not None:
            getattr(found, name).append(item)
    if afternoon:
        since = datetime.combine(found.day, time.min, WIB)
        found.done = sorted(_done(session, user, since, now),
                            key=lambda d: (d.at, d.tracking_code))
    return found


def digest_context(digest: Digest, rt: Runtime) -> dict[str, Any]:
    """The values the digest's templates are rendered with."""

    def rows(items: list[DigestItem]) -> list[dict[str, str]]:
        return [{"tracking_code": i.tracking_code, "title": i.title, "what": i.what,
                 "due": format_day(i.due_at)} for i in items]

    done = [{"tracking_code": d.tracking_code, "title": d.title, "what": d.what}
            for d in digest.done]
    return {"agency": AGENCY, "name": digest.name, "day": format_day(rt.clock()),
            "overdue": rows(digest.overdue), "today": rows(digest.today),
            "tomorrow": rows(digest.tomorrow), "done": done, "total": digest.total,
            **links(rt.settings)}


def send_digests(new_uow: Callable[[], UnitOfWork], rt: Runtime, afternoon: bool = False
                 ) -> int:
    """Queue today's digest (morning, or ``afternoon``) for every officer with something in it;
    once a day each."""
    queued = 0
    with new_uow() as uow:
        session, now = uow.session, rt.clock()
        users = session.scalars(select(User).where(User.active.is_(True),
                                                   User.role.in_(DIGEST_ROLES)))
        for user in list(users):
            digest = digest_for(session, user, now, afternoon)
            if digest.total:
                queued += _queue(session, rt, user, digest, now)
        uow.commit()
    return queued


def _queue(session: Session, rt: Runtime, user: User, digest: Digest, now: datetime) -> int:
    queued = 0
    for delivery in officer_deliveries(session, [user]):
        which = "digest-sore" if digest.afternoon else "digest"
        key = delivery_key(f"{which}:{digest.day.isoformat()}:{user.id}", delivery)
        if session.scalar(select(OutboxMessage.id).where(OutboxMessage.idempotency_key == key)):
            continue
        template = AFTERNOON_TEMPLATE if digest.afternoon else TEMPLATE
        add_delivery(session, key, template, user.role, delivery, digest_context(digest, rt),
                     now)
        queued += 1
    return queued
