"""Ending a complaint from outside its diagram: a manager's cancel, national's "selesai".

Nothing ends in silence: the complaint gets a final status (and, when archived, the reason in
words), the reporter is told with the same notification the diagram would send, the tasks
still open are withdrawn, and the audit log keeps who did it and why.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from engine.domain import FINAL_STATUSES, Actor
from engine.workflow.tables import ProcessInstance

from .effects import Effect
from .projection import apply_effects
from .tables import Complaint, HumanTask

CLOSING_STATUSES = frozenset({"selesai", "diarsipkan"})


def close_from_outside(
    session: Session, instance: ProcessInstance, complaint: Complaint, status: str,
    reason: str, actor: Actor, now: datetime, *, instance_status: str,
) -> bool:
    """Stop ``instance`` (``instance_status``: cancelled|completed) and close ``complaint`` with
    ``status``; False when the complaint had already ended (only the instance stops)."""
    if status not in CLOSING_STATUSES:
        raise ValueError(f"not a closing status: {status}")
    session.execute(delete(HumanTask).where(HumanTask.instance_id == instance.id))
    instance.status, instance.next_timer_at = instance_status, None
    instance.updated_at = now
    complaint.stage_due_at = None
    if complaint.status in FINAL_STATUSES:
        return False
    if status == "diarsipkan":
        complaint.archive_reason = reason
    source = "operasi" if instance_status == "cancelled" else "nasional"
    effects = [Effect("status", source, {"status": status}),
               Effect("notify", source, {"template": status, "to": "pelapor"})]
    if status == "diarsipkan":
        effects.append(Effect("release_opd", source, {}))
    apply_effects(session, instance, complaint, effects, actor, now)
    return True
