"""One process instance as a manager inspects it: state, version, open tasks, audit trail.

Read from plain columns and the query tables; the workflow JSON is never loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.audit import AuditEntry
from engine.complaints.read_models import history
from engine.complaints.tables import Complaint, HumanTask
from engine.domain import Actor
from engine.errors import NotFoundError
from engine.workflow.tables import ProcessDefinition, ProcessInstance

from .instance_list import require_manager


@dataclass(frozen=True)
class InstanceInfo:
    """The instance's own columns and the diagram version it runs."""

    id: int
    status: str
    error_message: str | None
    created_at: datetime
    updated_at: datetime
    next_timer_at: datetime | None
    process_id: str
    definition_version: int


@dataclass(frozen=True)
class InstanceDetail:
    """An instance with its complaint, ready tasks and full history."""

    info: InstanceInfo
    complaint: Complaint
    tasks: list[HumanTask]
    history: list[AuditEntry]


def instance_detail(session: Session, instance_id: int, actor: Actor) -> InstanceDetail:
    """The instance with ``instance_id`` for a manager; NotFoundError when there is none."""
    require_manager(actor)
    row = session.execute(
        select(ProcessInstance.id, ProcessInstance.status, ProcessInstance.error_message,
               ProcessInstance.created_at, ProcessInstance.updated_at,
               ProcessInstance.next_timer_at, ProcessDefinition.process_id,
               ProcessDefinition.version)
        .join(ProcessDefinition, ProcessDefinition.id == ProcessInstance.definition_id)
        .where(ProcessInstance.id == instance_id)).first()
    complaint = session.scalars(
        select(Complaint).where(Complaint.instance_id == instance_id)).first()
    if row is None or complaint is None:
        raise NotFoundError("Proses tidak ditemukan")
    tasks = list(session.scalars(
        select(HumanTask).where(HumanTask.instance_id == instance_id)
        .order_by(HumanTask.due_at.is_(None), HumanTask.due_at, HumanTask.id)))
    return InstanceDetail(InstanceInfo(*row), complaint, tasks, history(session, complaint))
