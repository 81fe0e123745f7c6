"""Running instances of a version, the candidates of a migration."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.complaints.tables import Complaint
from engine.workflow.definitions import MAIN_PROCESS
from engine.workflow.tables import ProcessDefinition, ProcessInstance


@dataclass(frozen=True)
class RunningInstance:
    """A running instance as the migration screen lists it."""

    instance_id: int
    tracking_code: str
    complaint_status: str
    version: int
    definition_id: int
    updated_at: datetime


def running_instances(
    session: Session, *, process_id: str = MAIN_PROCESS, version: int | None = None,
    status: str | None = None, ids: list[int] | None = None, limit: int = 500,
) -> list[RunningInstance]:
    """Running instances of a process, filtered by version, complaint status or ids."""
    query = (
        select(ProcessInstance.id, Complaint.tracking_code, Complaint.status,
               ProcessDefinition.version, ProcessDefinition.id, ProcessInstance.updated_at)
        .join(ProcessDefinition, ProcessDefinition.id == ProcessInstance.definition_id)
        .join(Complaint, Complaint.instance_id == ProcessInstance.id)
        .where(ProcessInstance.status == "running", ProcessDefinition.process_id == process_id)
        .order_by(ProcessInstance.id).limit(limit))
    if version is not None:
        query = query.where(ProcessDefinition.version == version)
    if status:
        query = query.where(Complaint.status == status)
    if ids:
        query = query.where(ProcessInstance.id.in_(ids))
    return [RunningInstance(*row) for row in session.execute(query)]
