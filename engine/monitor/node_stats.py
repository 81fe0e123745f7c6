"""Per node of a process version: instances waiting there now, median working days spent there.

Counted from the query tables and the audit log; no workflow is deserialized. The time spent
at a user task is measured from the instance's previous audit entry (its previous step) to the
``task_completed`` entry — the audit log does not record when a task became ready.
"""

from __future__ import annotations

from datetime import datetime
from statistics import median
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.audit import AuditEntry
from engine.calendar.working_days import WorkingCalendar
from engine.complaints.tables import HumanTask
from engine.domain import Actor
from engine.workflow.tables import ProcessInstance

from .instance_list import require_manager


def waiting_counts(session: Session, definition_id: int) -> dict[str, int]:
    """Ready human tasks of running instances of the version, by task id."""
    rows = session.execute(
        select(HumanTask.spec_name, func.count(HumanTask.id))
        .join(ProcessInstance, ProcessInstance.id == HumanTask.instance_id)
        .where(ProcessInstance.definition_id == definition_id,
               ProcessInstance.status == "running")
        .group_by(HumanTask.spec_name))
    return {spec: count for spec, count in rows}


def incident_count(session: Session, definition_id: int) -> int:
    """Instances of the version stopped by an error."""
    return session.scalar(select(func.count(ProcessInstance.id)).where(
        ProcessInstance.definition_id == definition_id, ProcessInstance.status == "error")) or 0


# Audit actions about who works on a task, not steps of the process.
HANDLING_ONLY = frozenset({"task_claimed", "task_unclaimed", "task_reassigned",
                           "task_deadline_moved"})


def median_days(session: Session, calendar: WorkingCalendar, definition_id: int,
                start: datetime, end: datetime) -> dict[str, float]:
    """Median working days at each user task completed in [start, end), by task id."""
    instances = select(ProcessInstance.id).where(ProcessInstance.definition_id == definition_id)
    completed = (select(AuditEntry.instance_id).where(
        AuditEntry.action == "task_completed", AuditEntry.at >= start, AuditEntry.at < end,
        AuditEntry.instance_id.in_(instances)))
    rows = session.execute(
        select(AuditEntry.instance_id, AuditEntry.action, AuditEntry.task_spec, AuditEntry.at)
        .where(AuditEntry.instance_id.in_(completed), AuditEntry.at < end)
        .order_by(AuditEntry.instance_id, AuditEntry.at, AuditEntry.id))
    spent: dict[str, list[int]] = {}
    previous: tuple[Any, datetime] | None = None
    for instance_id, action, spec, at in rows:
        if action in HANDLING_ONLY:
            continue  # who holds a task says nothing of when its step began
        if (action == "task_completed" and spec and at >= start and previous is not None
                and previous[0] == instance_id):
            spent.setdefault(spec, []).append(calendar.working_days_between(previous[1], at))
        previous = (instance_id, at)
    return {spec: float(median(days)) for spec, days in spent.items()}


def node_stats(session: Session, calendar: WorkingCalendar, definition_id: int, actor: Actor,
               start: datetime, end: datetime) -> dict[str, Any]:
    """Waiting counts and median durations per node, JSON-ready for the overview diagram."""
    require_manager(actor)
    waiting = waiting_counts(session, definition_id)
    days = median_days(session, calendar, definition_id, start, end)
    nodes = {spec: {"waiting": waiting.get(spec, 0), "median_days": days.get(spec)}
             for spec in sorted(set(waiting) | set(days))}
    return {"nodes": nodes, "incidents": incident_count(session, definition_id),
            "max_days": max(days.values(), default=0.0)}
