"""From a queued notification to deliveries: one outbox row per address, rendered at send time.

A step of the process queues ``notify(template, to)`` as one row whose channel is still
``pending`` (who ``to`` is has not been worked out yet). The dispatcher expands it, in one
transaction, into a delivery row per address (channel ``sms``, ``email``, ``nasional``,
``whatsapp`` or ``telegram``) with everything its template needs, and marks the notification
``expanded`` — or ``skipped`` when nobody has an address, so admins see who could not be told.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.calendar.working_days import WIB
from engine.complaints.tables import Complaint, OutboxMessage
from engine.domain import FINAL_STATUSES
from engine.workflow.context import Runtime

from .base import NO_RECIPIENT, Outgoing
from .message_context import complaint_context, reason_of, survey_link, target_agency_of
from .national import report_document, return_document, status_document
from .recipients import HEAD_OF_OPD, Delivery, delivery_key, head_of_opd_copy, resolve
from .render import render

UNRESOLVED = "pending"  # the channel of a notification not yet expanded into deliveries
SCRUBBED = "(sudah terkirim)"
SECRET_FIELDS = ("secret",)


def add_delivery(
    session: Session, key: str, template: str, recipient: str, delivery: Delivery,
    context: dict[str, Any], now: datetime, complaint_id: int | None = None,
    parent_id: int | None = None,
) -> OutboxMessage:
    """Queue one message for one address (in the caller's transaction)."""
    payload = {"to": delivery.address, "name": delivery.name, "user_id": delivery.user_id,
               "parent_id": parent_id, "context": context}
    row = OutboxMessage(
        idempotency_key=key, created_at=now, complaint_id=complaint_id, template=template,
        recipient=recipient, channel=delivery.channel, status="pending", attempts=0,
        payload=json.dumps(payload, ensure_ascii=False, default=str), next_attempt_at=now,
    )
    session.add(row)
    return row


def expand(session: Session, rt: Runtime, message: OutboxMessage, now: datetime) -> int:
    """Turn a queued notification into its deliveries; how many there are."""
    complaint = session.get(Complaint, message.complaint_id) if message.complaint_id else None
    deliveries = [] if complaint is None else resolve(
        session, complaint, message.recipient, message.template,
        upstream=bool(rt.settings.national_upstream))
    if complaint is not None and deliveries:
        base = complaint_context(session, rt, complaint, message)
        for delivery in deliveries:
            context = _context_for(session, rt, complaint, delivery, base)
            add_delivery(session, delivery_key(message.idempotency_key, delivery),
                         message.template, message.recipient, delivery, context, now,
                         complaint.id, message.id)
    copies = 0 if complaint is None else _head_of_opd_copies(session, rt, complaint, message, now)
    message.status = "expanded" if deliveries or copies else "skipped"
    message.last_error = None if deliveries or copies else NO_RECIPIENT
    message.next_attempt_at = None
    return len(deliveries) + copies


def _head_of_opd_copies(session: Session, rt: Runtime, complaint: Complaint,
                        message: OutboxMessage, now: datetime) -> int:
    """Queue the Kepala OPD's copy once per step, however many notifications the step sent
    of the same kind (a late follow-up tells the Ketua and the Anggota)."""
    found = head_of_opd_copy(session, complaint, message.template)
    if found is None or not found[1]:
        return 0
    template, heads = found
    step = message.idempotency_key.rsplit(":", 1)[0]
    base = complaint_context(session, rt, complaint, message)
    added = 0
    for delivery in heads:
        key = delivery_key(f"{step}:{template}", delivery)
        if session.scalar(select(OutboxMessage.id).where(OutboxMessage.idempotency_key == key)):
            continue
        add_delivery(session, key, template, HEAD_OF_OPD, delivery,
                     {**base, "name": delivery.name}, now, complaint.id, message.id)
        added += 1
    return added


def _context_for(session: Session, rt: Runtime, complaint: Complaint, delivery: Delivery,
                 base: dict[str, Any]) -> dict[str, Any]:
    if delivery.channel != "nasional":
        return {**base, "name": delivery.name}
    if delivery.address == "report":
        return report_document(session, complaint)
    if delivery.address == "return":
        return return_document(session, complaint, reason_of(session, rt, complaint),
                               target_agency_of(session, rt, complaint),
                               survey_link(rt.settings, complaint.tracking_code))
    survey = survey_link(rt.settings, complaint.tracking_code) if base[
        "status"] in FINAL_STATUSES else ""
    return status_document(complaint, base["status"], base["follow_up"], base["due"], survey)


def build_outgoing(message: OutboxMessage) -> Outgoing:
    """The message as its adapter sends it; PermanentDeliveryError if it cannot be rendered."""
    payload = json.loads(message.payload or "{}")
    context = payload.get("context") or {}
    if message.channel == "nasional":
        document = {**context, "idempotency_key": message.idempotency_key,
                    "queued_at": message.created_at.astimezone(WIB).isoformat()}
        return Outgoing(message.idempotency_key, "nasional", payload["to"], document=document)
    rendered = render(message.template, message.channel, context)
    return Outgoing(message.idempotency_key, message.channel, payload["to"], rendered.text,
                    rendered.subject, rendered.html)


def scrub(message: OutboxMessage) -> None:
    """Forget secrets a sent message carried (the reporter's secret is shown once)."""
    payload = json.loads(message.payload or "{}")
    context = payload.get("context") or {}
    if any(name in context for name in SECRET_FIELDS):
        for name in SECRET_FIELDS:
            if name in context:
                context[name] = SCRUBBED
        message.payload = json.dumps(payload, ensure_ascii=False, default=str)
