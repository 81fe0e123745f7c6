"""What admins see of the outbox and do with it: counts, lists, retrying a failed message."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine import audit
from engine.complaints.tables import Complaint, OutboxMessage
from engine.domain import Actor
from engine.errors import ConflictError, NotFoundError

from .tables import DevMessage

STATUSES = ("pending", "sending", "sent", "failed", "skipped", "expanded")
PAGE_SIZE = 50


@dataclass(frozen=True)
class OutboxRow:
    """One outbox row as the admin page lists it."""

    id: int
    created_at: datetime
    template: str
    recipient: str
    channel: str
    address: str
    status: str
    attempts: int
    next_attempt_at: datetime | None
    sent_at: datetime | None
    last_error: str | None
    tracking_code: str | None


def outbox_counts(session: Session) -> dict[str, int]:
    """Rows per status (every status present, zero when none); monitoring shows "failed"."""
    counts = dict.fromkeys(STATUSES, 0)
    rows = session.execute(
        select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status))
    for status, count in rows:
        counts[status] = count
    return counts


def failed_count(session: Session) -> int:
    """Messages that failed for good and wait for an admin."""
    return outbox_counts(session)["failed"]


def list_outbox(session: Session, status: str | None = None, limit: int = PAGE_SIZE
                ) -> list[OutboxRow]:
    """The newest rows, of one status or all."""
    query = select(OutboxMessage, Complaint.tracking_code).outerjoin(
        Complaint, Complaint.id == OutboxMessage.complaint_id)
    if status:
        query = query.where(OutboxMessage.status == status)
    rows = session.execute(query.order_by(OutboxMessage.id.desc()).limit(limit))
    return [_row(message, code) for message, code in rows]


def _row(message: OutboxMessage, code: str | None) -> OutboxRow:
    payload: dict[str, Any] = json.loads(message.payload or "{}")
    address = str(payload.get("to") or "") if message.channel != "pending" else ""
    return OutboxRow(message.id, message.created_at, message.template, message.recipient,
                     message.channel, address, message.status, message.attempts,
                     message.next_attempt_at, message.sent_at, message.last_error, code)


def retry_failed(session: Session, message_id: int, actor: Actor, now: datetime) -> None:
    """Give a failed message a fresh set of attempts, due now."""
    message = session.get(OutboxMessage, message_id, with_for_update=True)
    if message is None:
        raise NotFoundError("Pesan tidak ditemukan")
    if message.status != "failed":
        raise ConflictError("Hanya pesan yang gagal yang dapat dikirim ulang")
    message.status, message.attempts, message.next_attempt_at = "pending", 0, now
    audit.record(session, actor, "outbox_retried", now, complaint_id=message.complaint_id,
                 message_id=message.id, template=message.template, error=message.last_error)


def dev_messages(session: Session, channel: str | None = None, limit: int = PAGE_SIZE
                 ) -> list[DevMessage]:
    """The newest messages kept by the development box."""
    query = select(DevMessage)
    if channel:
        query = query.where(DevMessage.channel == channel)
    return list(session.scalars(query.order_by(DevMessage.id.desc()).limit(limit)))
