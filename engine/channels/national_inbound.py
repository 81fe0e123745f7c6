"""Replies and status changes from national LAPOR! (docs/channels.md), each event once.

A reply the reporter or the national administrator writes on national's follow-up page is
delivered to the process with ``deliver_reply``; national's page has no "solved / not solved"
choice, so (not being our own reporter's answer) it reopens the complaint for the same OPD
during the 10 working days after a follow-up, as prosedur (c) says. A status
change is recorded in the complaint's history; ``dibuka_kembali`` (national reopened the
report) reaches the process as a reply from the national administrator; ``selesai`` or
``ditutup`` (national closed it) ends the process: the complaint closes as ``selesai``, its
open tasks and timers are withdrawn, and the reporter is told. The closure is done here, as the
monitor's cancel does it (``close_from_outside``), not by an element of the diagram:
SpiffWorkflow 3.2 runs an event subprocess whose message start is interrupting without
interrupting the rest of the process (checked), so a diagram could not end itself this way.
Everything one event causes — the reply or note, its line in the inbound log — commits in one
transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from engine import audit
from engine.complaints.closure import close_from_outside
from engine.complaints.codes import normalize_tracking_code
from engine.complaints.reporter import deliver_reply
from engine.complaints.steps import commit_or_conflict, lock_instance
from engine.complaints.tables import Complaint
from engine.db import SessionFactory, UnitOfWork
from engine.domain import Actor
from engine.errors import ConflictError, FormInvalidError, NotFoundError
from engine.workflow.context import Runtime

from .national import NATIONAL_ACTOR
from .sms_intake import HookedUnitOfWork
from .tables import NationalInbound

NATIONAL_REPORTER = Actor("pelapor-nasional", "pelapor")
AUTHORS = {"pelapor": NATIONAL_REPORTER, "admin": NATIONAL_ACTOR}
REOPENED = "dibuka_kembali"
CLOSED = frozenset({"selesai", "ditutup"})
CLOSED_NOTE = "Laporan dinyatakan selesai oleh LAPOR! nasional."
TEXT_MAX = 3000


@dataclass(frozen=True)
class NationalEvent:
    """One reply or status change as national sent it."""

    event_id: str
    kind: str  # reply|status
    tracking_code: str | None
    external_id: str | None
    author: str  # pelapor|admin for a reply; "" for a status
    status: str  # national's status word; "" for a reply
    text: str


@dataclass(frozen=True)
class NationalEventOutcome:
    """What became of an event: delivered to the process, or recorded; duplicate when known."""

    tracking_code: str
    outcome: str
    duplicate: bool = False


def parse_event(kind: str, body: Any) -> NationalEvent:
    """The event in national's JSON; FormInvalidError names every field that is wrong."""
    body = body if isinstance(body, dict) else {}
    wrong: dict[str, str] = {}
    event_id = _text(body.get("event_id"), "event_id", 100, wrong, required=True)
    code = _text(body.get("tracking_code"), "tracking_code", 20, wrong)
    external = _text(body.get("external_id"), "external_id", 80, wrong)
    if not code and not external and "tracking_code" not in wrong:
        wrong["tracking_code"] = "Isi tracking_code atau external_id."
    author, status = "", ""
    if kind == "reply":
        author = str(body.get("author") or "")
        if author not in AUTHORS:
            wrong["author"] = "Harus 'pelapor' atau 'admin'."
        text = _text(body.get("text"), "text", TEXT_MAX, wrong, required=True)
    else:
        status = _text(body.get("status"), "status", 40, wrong, required=True)
        text = _text(body.get("note"), "note", TEXT_MAX, wrong)
    if wrong:
        raise FormInvalidError(wrong)
    return NationalEvent(event_id, kind, code or None, external or None, author, status, text)


def _text(value: Any, name: str, limit: int, wrong: dict[str, str],
          required: bool = False) -> str:
    if value is None or value == "":
        if required:
            wrong[name] = "Wajib diisi."
        return ""
    if not isinstance(value, str) or len(value.strip()) > limit:
        wrong[name] = f"Harus berupa teks (paling panjang {limit} karakter)."
        return ""
    return value.strip()


def receive_event(sessions: SessionFactory, rt: Runtime, event: NationalEvent
                  ) -> NationalEventOutcome:
    """Deliver or record one event from national, once per event id."""
    known = _known(sessions, event.event_id)
    if known is not None:
        return known
    code = _complaint_code(sessions, event)
    try:
        if event.kind == "reply" or event.status == REOPENED:
            return _deliver(sessions, rt, event, code)
        if event.status in CLOSED:
            return _close(sessions, rt, event, code)
        return _record(sessions, rt, event, code)
    except (IntegrityError, ConflictError):
        known = _known(sessions, event.event_id)  # a twin delivery won the race
        if known is None:
            raise
        return known


def _known(sessions: SessionFactory, event_id: str) -> NationalEventOutcome | None:
    with UnitOfWork(sessions) as uow:
        row = uow.session.scalars(
            select(NationalInbound).where(NationalInbound.event_id == event_id)).first()
        if row is None:
            return None
        complaint = uow.session.get(Complaint, row.complaint_id)
        code = complaint.tracking_code if complaint else ""
        return NationalEventOutcome(code, row.outcome, duplicate=True)


def _complaint_code(sessions: SessionFactory, event: NationalEvent) -> str:
    named = []  # only the keys the event gives: "external_id IS NULL" would match any local one
    if event.tracking_code:
        named.append(Complaint.tracking_code == normalize_tracking_code(event.tracking_code))
    if event.external_id:
        named.append(Complaint.external_id == event.external_id)
    with UnitOfWork(sessions) as uow:
        found = uow.session.scalars(select(Complaint).where(or_(*named))).first()
        if found is None:
            raise NotFoundError("Laporan tidak ditemukan")
        return found.tracking_code


def _log(session: Session, rt: Runtime, event: NationalEvent, code: str, outcome: str) -> None:
    complaint = session.scalars(select(Complaint).where(Complaint.tracking_code == code)).one()
    session.add(NationalInbound(
        event_id=event.event_id, kind=event.kind, complaint_id=complaint.id,
        received_at=rt.clock(), author=event.author, status=event.status, text=event.text,
        outcome=outcome))


def _deliver(sessions: SessionFactory, rt: Runtime, event: NationalEvent, code: str
             ) -> NationalEventOutcome:
    actor = AUTHORS.get(event.author, NATIONAL_ACTOR)
    text = event.text or "Laporan dibuka kembali oleh LAPOR! nasional."
    deliver_reply(HookedUnitOfWork(sessions, lambda s: _log(s, rt, event, code, "delivered")),
                  rt, code, text, actor)
    return NationalEventOutcome(code, "delivered")


def _close(sessions: SessionFactory, rt: Runtime, event: NationalEvent, code: str
           ) -> NationalEventOutcome:
    with UnitOfWork(sessions) as uow:
        session, now = uow.session, rt.clock()
        complaint = session.scalars(select(Complaint).where(Complaint.tracking_code == code)).one()
        instance = lock_instance(session, complaint.instance_id) if complaint.instance_id else None
        closed = instance is not None and instance.status in ("running", "error")
        _log(session, rt, event, code, "closed" if closed else "recorded")
        audit.record(session, NATIONAL_ACTOR, "national_status_received", now,
                     complaint_id=complaint.id, instance_id=complaint.instance_id,
                     national_status=event.status, note=event.text or None, closed=closed)
        if closed and instance is not None:
            close_from_outside(session, instance, complaint, "selesai", event.text or CLOSED_NOTE,
                               NATIONAL_ACTOR, now, instance_status="completed")
        commit_or_conflict(uow)
    return NationalEventOutcome(code, "closed" if closed else "recorded")


def _record(sessions: SessionFactory, rt: Runtime, event: NationalEvent, code: str
            ) -> NationalEventOutcome:
    with UnitOfWork(sessions) as uow:
        _log(uow.session, rt, event, code, "recorded")
        complaint = uow.session.scalars(
            select(Complaint).where(Complaint.tracking_code == code)).one()
        audit.record(uow.session, NATIONAL_ACTOR, "national_status_received", rt.clock(),
                     complaint_id=complaint.id, instance_id=complaint.instance_id,
                     national_status=event.status, note=event.text or None)
        uow.commit()
    return NationalEventOutcome(code, "recorded")
