"""The timer sweep: fire every due timer, each instance in its own unit of work."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import audit
from engine.db import UnitOfWork
from engine.domain import SYSTEM
from engine.errors import ConflictError
from engine.logs import log_context
from engine.workflow.context import Runtime
from engine.workflow.runtime import pending_timers
from engine.workflow.tables import ProcessInstance

from .steps import advance, commit_or_conflict, open_step
from .tables import Complaint

log = logging.getLogger("alur.timers")


@dataclass
class SweepReport:
    """What one sweep did."""

    fired: int = 0
    conflicts: int = 0
    seen: int = 0  # due instances listed, fired or not (another worker may hold some)
    lateness_seconds: list[float] = field(default_factory=list)


def due_instance_ids(session: Session, now: datetime, limit: int) -> list[int]:
    """Ids of running instances with a timer due at ``now`` (uses the next_timer_at index)."""
    return list(session.scalars(
        select(ProcessInstance.id)
        .where(ProcessInstance.next_timer_at <= now, ProcessInstance.status == "running")
        .order_by(ProcessInstance.next_timer_at)
        .limit(limit)
    ))


def next_due_at(session: Session) -> datetime | None:
    """The earliest timer of any running instance (one step along the next_timer_at index)."""
    return session.scalar(
        select(ProcessInstance.next_timer_at)
        .where(ProcessInstance.next_timer_at.is_not(None), ProcessInstance.status == "running")
        .order_by(ProcessInstance.next_timer_at)
        .limit(1)
    )


def _lease(
    session: Session, instance_id: int, now: datetime
) -> tuple[ProcessInstance, Complaint] | None:
    # The row lock is the lease: it lasts until this unit of work commits or dies, so a killed
    # worker's lease ends with its connection and nobody fires the same timer twice. The
    # complaint comes in the same statement (one round trip).
    stmt = (
        select(ProcessInstance, Complaint)
        .join(Complaint, Complaint.instance_id == ProcessInstance.id)
        .where(ProcessInstance.id == instance_id, ProcessInstance.next_timer_at <= now,
               ProcessInstance.status == "running")
        .with_for_update(skip_locked=True, of=ProcessInstance)
        .execution_options(populate_existing=True)
    )
    found = session.execute(stmt).first()
    return None if found is None else (found[0], found[1])


def fire_instance(uow: UnitOfWork, rt: Runtime, instance_id: int) -> float | None:
    """Fire the due timers of one instance; the lateness in seconds, or None if not due/taken."""
    with uow:
        session = uow.session
        now = rt.clock()
        leased = _lease(session, instance_id, now)
        if leased is None:
            return None
        instance, complaint = leased
        due = instance.next_timer_at
        step = open_step(session, rt, instance, complaint)
        fired = [t.task_spec for t in pending_timers(step.wf) if t.due_at <= now]
        audit.record(session, SYSTEM, "timer_fired", now, complaint_id=complaint.id,
                     instance_id=instance.id, task_spec=",".join(fired) or None)
        advance(session, rt, step, SYSTEM, lambda wf: wf.refresh_timers())
        commit_or_conflict(uow)
        return (now - due).total_seconds() if due else 0.0


def fire_due_timers(
    new_uow: Callable[[], UnitOfWork], rt: Runtime, limit: int = 100
) -> SweepReport:
    """Fire what is due now, up to ``limit`` instances; safe to run in several workers."""
    report = SweepReport()
    with new_uow() as uow:
        ids = due_instance_ids(uow.session, rt.clock(), limit)
    report.seen = len(ids)
    for instance_id in ids:
        try:
            with log_context(instance_id=str(instance_id)):
                lateness = fire_instance(new_uow(), rt, instance_id)
                if lateness is not None:
                    log.info("timer fired %.0f s after it fell due", lateness)
        except ConflictError:
            report.conflicts += 1
            continue
        if lateness is not None:
            report.fired += 1
            report.lateness_seconds.append(lateness)
    return report
