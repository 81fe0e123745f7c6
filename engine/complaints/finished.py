"""A step already finished: who finished it and when, for an officer whose form came late."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.audit import AuditEntry
from engine.domain import Actor
from engine.errors import NotFoundError

from .reporter import find_complaint
from .visibility import may_read_complaint


@dataclass(frozen=True)
class FinishedStep:
    """The last completion of one step of a complaint, as its audit trail recorded it."""

    tracking_code: str
    by: str
    at: datetime
    instance_id: int | None
    form_key: str | None


def finished_step(session: Session, code: str, spec_name: str, actor: Actor
                  ) -> FinishedStep | None:
    """Who last finished step ``spec_name`` of complaint ``code``; None when it was not
    finished or ``actor`` may not read the complaint (a post naming another's complaint
    learns nothing)."""
    try:
        complaint = find_complaint(session, code)
    except NotFoundError:
        return None
    if not may_read_complaint(actor, complaint):
        return None
    entry = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.complaint_id == complaint.id, AuditEntry.action == "task_completed",
               AuditEntry.task_spec == spec_name)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(1)).first()
    if entry is None:
        return None
    form = json.loads(entry.detail or "{}").get("form")
    return FinishedStep(complaint.tracking_code, entry.actor, entry.at, entry.instance_id,
                        form if isinstance(form, str) else None)
