"""What a verification deadline left behind, per complaint: shared by the fault tests that
check every timer fired once."""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.audit import AuditEntry
from engine.complaints.tables import HumanTask, OutboxMessage


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
