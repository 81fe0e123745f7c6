"""What a verification deadline left behind, per complaint, and how many timers are still
due: shared by the fault tests that check every timer fired once."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.audit import AuditEntry
from engine.complaints.tables import HumanTask, OutboxMessage
from engine.workflow.tables import ProcessInstance
from webui.wiring import Services


class DeadlineCounts(NamedTuple):
    """Per complaint id: timers fired, late-verification notices opened, escalations queued."""

    fired: Counter[int]
    notices: Counter[int]
    escalations: Counter[int]


def deadline_counts(s: Session) -> DeadlineCounts:
    """Count, per complaint, what the verification deadline fired, opened and sent."""
    return DeadlineCounts(
        Counter(s.scalars(select(AuditEntry.complaint_id).where(
            AuditEntry.action == "timer_fired"))),
        Counter(s.scalars(select(HumanTask.complaint_id).where(
            HumanTask.spec_name == "pemberitahuan_verifikasi_terlambat"))),
        Counter(s.scalars(select(OutboxMessage.complaint_id).where(
            OutboxMessage.template == "eskalasi_verifikasi"))))


def due_timers(services: Services, at: datetime) -> int:
    """How many instances have a timer due at ``at`` (what the workers still have to fire)."""
    with services.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(ProcessInstance).where(
            ProcessInstance.next_timer_at <= at)) or 0
