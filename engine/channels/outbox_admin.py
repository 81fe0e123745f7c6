"""What admins see of the outbox and do with it: counts, lists, retrying a failed message.

A message to the reporter carries their phone number or email address, and a complaint sent up
to national LAPOR! their name and contacts: identity. Sysadmin, who runs the channels but is
not an identity role, sees them masked; Tim Admin sees them, and each such page is audited
(``identity_viewed``), as every other read of identity is.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine import audit
from engine.complaints.tables import Complaint, OutboxMessage, ReporterIdentity
from engine.complaints.visibility import may_read_identity
from engine.domain import Actor
from engine.errors import ConflictError, NotFoundError

from .tables import DevMessage

STATUSES = ("pending", "sending", "sent", "failed", "skipped", "expanded")
PAGE_SIZE = 50
REPORTER = "pelapor"  # the recipient whose address is the reporter's own ...
PERSONAL = frozenset({"sms", "email"})  # ... on these channels (national: an endpoint name)
HIDDEN = "•••"


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


def list_outbox(session: Session, viewer: Actor, now: datetime, status: str | None = None,
                limit: int = PAGE_SIZE) -> list[OutboxRow]:
    """The newest rows, of one status or all; reporters' addresses as ``viewer`` may see them
    (masked for roles that may not see identity; shown ones audited)."""
    query = select(OutboxMessage, Complaint.tracking_code).outerjoin(
        Complaint, Complaint.id == OutboxMessage.complaint_id)
    if status:
        query = query.where(OutboxMessage.status == status)
    rows, shown = [], []
    for message, code in session.execute(query.order_by(OutboxMessage.id.desc()).limit(limit)):
        row = _row(message, code, viewer)
        if _personal(message.recipient, message.channel) and row.address:
            shown.append((message.complaint_id, message.id))
        rows.append(row)
    _audit_shown(session, viewer, now, "outbox", shown)
    return rows


def _row(message: OutboxMessage, code: str | None, viewer: Actor) -> OutboxRow:
    payload: dict[str, Any] = json.loads(message.payload or "{}")
    address = str(payload.get("to") or "") if message.channel != "pending" else ""
    error = message.last_error
    if _personal(message.recipient, message.channel) and not may_read_identity(viewer):
        # A mail server's refusal may quote the address it refused.
        error = error.replace(address, mask_address(address)) if error and address else error
        address = mask_address(address)
    return OutboxRow(message.id, message.created_at, message.template, message.recipient,
                     message.channel, address, message.status, message.attempts,
                     message.next_attempt_at, message.sent_at, error, code)


def _personal(recipient: str | None, channel: str) -> bool:
    """True when a message's address is the reporter's phone number or email address."""
    return recipient == REPORTER and channel in PERSONAL


def mask_address(address: str) -> str:
    """A phone number or email address with enough left to tell two apart, not to reach one:
    ``0812•••90``, ``p•••@contoh.id``."""
    if not address:
        return ""
    if "@" in address:
        local, _, domain = address.rpartition("@")
        return f"{local[:1]}{HIDDEN}@{domain}"
    return f"{address[:4]}{HIDDEN}{address[-2:]}" if len(address) > 8 else HIDDEN


def _audit_shown(session: Session, viewer: Actor, now: datetime, where: str,
                 shown: list[tuple[int | None, int]]) -> None:
    """One ``identity_viewed`` row per complaint whose reporter's contacts a page showed."""
    if not shown or not may_read_identity(viewer):
        return
    by_complaint: dict[int | None, list[int]] = {}
    for complaint_id, message_id in shown:
        by_complaint.setdefault(complaint_id, []).append(message_id)
    for complaint_id, ids in by_complaint.items():
        audit.record(session, viewer, "identity_viewed", now, complaint_id=complaint_id,
                     where=where, messages=ids)


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


@dataclass(frozen=True)
class DevRow:
    """A message of the development box as the viewer may see it."""

    id: int
    channel: str
    address: str
    subject: str
    body: str
    html: str | None
    parts: int
    encoding: str
    created_at: datetime
    idempotency_key: str
    masked: bool


def dev_messages(session: Session, viewer: Actor, now: datetime, channel: str | None = None,
                 limit: int = PAGE_SIZE) -> list[DevRow]:
    """The newest messages kept by the development box; the reporter's address and the
    reporter in a national document masked for roles that may not see identity, audited for
    those that may."""
    query = select(DevMessage, OutboxMessage.recipient, OutboxMessage.complaint_id).outerjoin(
        OutboxMessage, OutboxMessage.idempotency_key == DevMessage.idempotency_key)
    if channel:
        query = query.where(DevMessage.channel == channel)
    rows, shown = [], []
    identity = may_read_identity(viewer)
    for kept, recipient, complaint_id in session.execute(
            query.order_by(DevMessage.id.desc()).limit(limit)):
        to_reporter = _personal(recipient, kept.channel)
        body, carries = _national_reporter(kept) if kept.channel == "nasional" else (
            kept.body, False)
        if not (to_reporter or carries):
            rows.append(_dev_row(kept, kept.address, kept.subject, kept.body, kept.html, False))
        elif identity:
            shown.append((complaint_id, kept.id))
            rows.append(_dev_row(kept, kept.address, kept.subject, kept.body, kept.html, False))
        else:  # the reporter's address, and their name or contacts wherever the text has them
            scrub = _scrubber(session, complaint_id)
            rows.append(_dev_row(
                kept, mask_address(kept.address) if to_reporter else kept.address,
                scrub(kept.subject), scrub(body), scrub(kept.html) if kept.html else None, True))
    _audit_shown(session, viewer, now, "devbox", shown)
    return rows


def _dev_row(kept: DevMessage, address: str, subject: str, body: str, html: str | None,
             masked: bool) -> DevRow:
    return DevRow(kept.id, kept.channel, address, subject, body, html, kept.parts,
                  kept.encoding, kept.created_at, kept.idempotency_key, masked)


def _scrubber(session: Session, complaint_id: int | None) -> Callable[[str], str]:
    """Text with the complaint's reporter identity (name, phone, email, NIK) replaced."""
    row = session.get(ReporterIdentity, complaint_id) if complaint_id is not None else None
    values = sorted({v for v in (row.name, row.phone, row.email, row.nik) if v}, key=len,
                    reverse=True) if row is not None else []

    def scrub(text: str) -> str:
        for value in values:
            text = text.replace(value, HIDDEN)
        return text

    return scrub


def _national_reporter(kept: DevMessage) -> tuple[str, bool]:
    """A national document's body with every ``reporter`` in it masked, and whether there
    was one."""
    try:
        document = json.loads(kept.body)
    except ValueError:
        return HIDDEN, True  # not the JSON we write: show none of it
    found = _mask_reporters(document)
    return (json.dumps(document, ensure_ascii=False, indent=2) if found else kept.body), found


def _mask_reporters(node: Any) -> bool:
    """Replace the values of every ``reporter`` object inside ``node``; True when one had any."""
    found = False
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "reporter" and value:
                node[key] = dict.fromkeys(value, HIDDEN) if isinstance(value, dict) else HIDDEN
                found = True
            else:
                found = _mask_reporters(value) or found
    elif isinstance(node, list):
        for item in node:
            found = _mask_reporters(item) or found
    return found
