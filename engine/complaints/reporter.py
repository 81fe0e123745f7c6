"""The reporter's side of a complaint: find it, prove the secret, reply on the follow-up page."""

from __future__ import annotations

from datetime import datetime

from SpiffWorkflow.bpmn.util.event import BpmnEvent
from SpiffWorkflow.spiff.specs.event_definitions import MessageEventDefinition
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import audit
from engine.calendar.working_days import WIB
from engine.db import UnitOfWork
from engine.domain import REPLY_MESSAGE, Actor
from engine.errors import FormInvalidError, NotFoundError
from engine.workflow.context import Runtime
from engine.workflow.runtime import waits_for
from engine.workflow.tables import ProcessInstance

from .codes import normalize_tracking_code, secret_matches
from .steps import advance, open_step
from .tables import Complaint, FollowUp

REPLY_FORM = "balasan"


def find_complaint(session: Session, tracking_code: str) -> Complaint:
    """The complaint with this tracking code, or NotFoundError."""
    code = normalize_tracking_code(tracking_code)
    complaint = session.scalars(select(Complaint).where(Complaint.tracking_code == code)).first()
    if complaint is None:
        raise NotFoundError("Laporan tidak ditemukan")
    return complaint


def authenticate_reporter(session: Session, tracking_code: str, secret: str) -> Complaint:
    """The complaint if ``secret`` is its reporter's; one error for a wrong code or secret."""
    try:
        complaint = find_complaint(session, tracking_code)
    except NotFoundError:
        complaint = None
    if complaint is None or not secret or not secret_matches(secret, complaint.secret_hash):
        raise NotFoundError("Kode pelacakan atau kode rahasia salah")
    return complaint


def deliver_reply(
    uow: UnitOfWork, rt: Runtime, tracking_code: str, text: str, actor: Actor
) -> bool:
    """Post a reply on the follow-up page; True when it moved the process (reopened it)."""
    with uow:
        session = uow.session
        complaint = find_complaint(session, tracking_code)
        errors = rt.validate_form(REPLY_FORM, {"text": text}, {})
        if errors:
            raise FormInvalidError(errors)
        now = rt.clock()
        author = "Pelapor" if actor.role == "pelapor" else "Pengelola LAPOR!"
        session.add(FollowUp(complaint_id=complaint.id, at=now, kind="balasan",
                             author=author, text=text.strip()))
        moved = _send_reply_event(session, rt, complaint, text.strip(), actor, now)
        audit.record(session, actor, "reply_received", now, complaint_id=complaint.id,
                     instance_id=complaint.instance_id, reopened=moved)
        uow.commit()
        return moved


def _send_reply_event(
    session: Session, rt: Runtime, complaint: Complaint, text: str, actor: Actor, now: datetime
) -> bool:
    instance = session.get(ProcessInstance, complaint.instance_id)
    if instance is None or instance.status != "running":
        return False
    step = open_step(session, rt, instance, complaint)
    payload = {"text": text, "at": now.astimezone(WIB).isoformat()}
    event = BpmnEvent(MessageEventDefinition(REPLY_MESSAGE), payload=payload)
    if not waits_for(step.wf, event):
        return False
    advance(session, rt, step, actor, lambda wf: wf.send_event(event))
    return True
