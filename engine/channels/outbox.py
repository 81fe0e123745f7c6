"""The outbox dispatcher: every message to the outside goes out once, late rather than never.

Rows are written by the step that caused them, in its transaction; the worker expands each
into deliveries (``fanout``), leases a due delivery before any network call, sends it with its
idempotency key and records the outcome. Delivery is at-least-once, made effectively once by
the receiver dropping a repeated key: docs/channels.md ("The outbox") has the
whole contract.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.complaints.tables import OutboxMessage
from engine.db import UnitOfWork
from engine.messages import Message
from engine.settings import Settings
from engine.workflow.context import Runtime

from .base import NO_ADAPTER, ChannelAdapter, DeliveryError, Outgoing, PermanentDeliveryError
from .fanout import UNRESOLVED, build_outgoing, expand, scrub

log = logging.getLogger("alur.outbox")
DUE_STATUSES = ("pending", "sending")  # "sending" is due again once its lease has ended


@dataclass
class DispatchReport:
    """What one pass of the dispatcher did."""

    expanded: int = 0
    sent: int = 0
    retried: int = 0
    failed: int = 0


def backoff(settings: Settings, attempts: int) -> timedelta:
    """Wait before the next attempt after ``attempts`` failed ones (doubling, capped)."""
    seconds = settings.outbox_backoff_seconds * 2 ** max(0, attempts - 1)
    return timedelta(seconds=min(seconds, settings.outbox_backoff_max_seconds))


def due_ids(session: Session, now: datetime, limit: int, *, unresolved: bool) -> list[int]:
    """Ids of rows due now: queued notifications, or deliveries (by the due index)."""
    channel = OutboxMessage.channel == UNRESOLVED if unresolved else \
        OutboxMessage.channel != UNRESOLVED
    return list(session.scalars(
        select(OutboxMessage.id)
        .where(OutboxMessage.status.in_(DUE_STATUSES), OutboxMessage.next_attempt_at <= now,
               channel)
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id).limit(limit)))


def _lease(session: Session, message_id: int, now: datetime) -> OutboxMessage | None:
    stmt = (
        select(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.status.in_(DUE_STATUSES),
               OutboxMessage.next_attempt_at <= now)
        .with_for_update(skip_locked=True)
        .execution_options(populate_existing=True)
    )
    return session.scalars(stmt).first()


def expand_one(uow: UnitOfWork, rt: Runtime, message_id: int) -> int:
    """Expand one queued notification into deliveries; how many were queued."""
    with uow:
        now = rt.clock()
        message = _lease(uow.session, message_id, now)
        if message is None:
            return 0
        count = expand(uow.session, rt, message, now)
        uow.commit()
        return count


def _take(uow: UnitOfWork, rt: Runtime, message_id: int) -> tuple[Outgoing, int] | None:
    """Lease one delivery and render it; None when not due, taken, or unrenderable."""
    with uow:
        now = rt.clock()
        message = _lease(uow.session, message_id, now)
        if message is None:
            return None
        message.attempts += 1
        try:
            outgoing = build_outgoing(message)
        except PermanentDeliveryError as exc:
            _fail(message, str(exc))
            uow.commit()
            return None
        message.status = "sending"
        message.next_attempt_at = now + timedelta(seconds=rt.settings.outbox_lease_seconds)
        uow.commit()
        return outgoing, message.attempts


def send_one(
    new_uow: Callable[[], UnitOfWork], rt: Runtime, adapters: Mapping[str, ChannelAdapter],
    message_id: int,
) -> str | None:
    """Send one due delivery; its new status, or None when it was not ours to send."""
    taken = _take(new_uow(), rt, message_id)
    if taken is None:
        return None
    outgoing, attempt = taken
    adapter = adapters.get(outgoing.channel)
    try:
        if adapter is None:
            raise PermanentDeliveryError(Message(NO_ADAPTER, channel=outgoing.channel))
        adapter.send(outgoing)
    except DeliveryError as exc:
        return finish(new_uow(), rt, message_id, attempt, exc)
    return finish(new_uow(), rt, message_id, attempt, None)


def finish(uow: UnitOfWork, rt: Runtime, message_id: int, attempt: int,
           error: DeliveryError | None) -> str | None:
    """Record how an attempt ended: sent, retry later, or failed."""
    with uow:
        now = rt.clock()
        message = uow.session.get(OutboxMessage, message_id, with_for_update=True,
                                  populate_existing=True)
        if message is None or message.status == "sent":
            return None
        if error is None:
            message.status, message.sent_at = "sent", now
            message.next_attempt_at, message.last_error = None, None
            scrub(message)
        elif message.status != "sending" or message.attempts != attempt:
            return None  # our lease ended and another worker owns the message now
        elif isinstance(error, PermanentDeliveryError) or \
                message.attempts >= rt.settings.outbox_max_attempts:
            _fail(message, str(error))
        else:
            message.status, message.last_error = "pending", str(error)[:2000]
            message.next_attempt_at = now + backoff(rt.settings, message.attempts)
        uow.commit()
        return message.status


def _fail(message: OutboxMessage, error: str) -> None:
    log.warning("outbox %s failed for good: %s", message.idempotency_key, error)
    message.status, message.last_error, message.next_attempt_at = "failed", error[:2000], None


def dispatch_outbox(
    new_uow: Callable[[], UnitOfWork], rt: Runtime, adapters: Mapping[str, ChannelAdapter],
    batch: int = 100,
) -> DispatchReport:
    """Expand queued notifications, then send what is due, up to ``batch`` of each."""
    report = DispatchReport()
    with new_uow() as uow:
        queued = due_ids(uow.session, rt.clock(), batch, unresolved=True)
    for message_id in queued:
        report.expanded += expand_one(new_uow(), rt, message_id)
    with new_uow() as uow:
        due = due_ids(uow.session, rt.clock(), batch, unresolved=False)
    for message_id in due:
        status = send_one(new_uow, rt, adapters, message_id)
        report.sent += status == "sent"
        report.retried += status == "pending"
        report.failed += status == "failed"
    return report
