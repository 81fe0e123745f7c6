"""One instance on its diagram: which nodes are done, active, overdue or failed, and by whom.

The one manager's view that deserializes a workflow (a single instance, on request); lists and
overviews never do.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.accounts.tables import User
from engine.audit import AuditEntry
from engine.complaints.tables import HumanTask
from engine.domain import Actor
from engine.errors import NotFoundError
from engine.workflow.context import Runtime
from engine.workflow.definitions import definition_files
from engine.workflow.pruning import history
from engine.workflow.runtime import load_state
from engine.workflow.scripting import make_script_engine
from engine.workflow.tables import ProcessDefinition, ProcessInstance

from .instance_list import require_manager

ADMIN_ROLES = frozenset({"sysadmin", "tim_admin"})
ACTIVE = TaskState.READY | TaskState.WAITING | TaskState.STARTED


@dataclass
class Markers:
    """Element ids of one diagram file by state."""

    done: set[str] = field(default_factory=set)
    active: set[str] = field(default_factory=set)
    overdue: set[str] = field(default_factory=set)
    error: set[str] = field(default_factory=set)

    def as_json(self) -> dict[str, list[str]]:
        """Sorted lists; an active node is not also shown as done."""
        return {"done": sorted(self.done - self.active - self.error),
                "active": sorted(self.active), "overdue": sorted(self.overdue),
                "error": sorted(self.error)}


def _workflow(session: Session, rt: Runtime, instance: ProcessInstance) -> BpmnWorkflow:
    parsed = rt.specs.of_definition(session, instance.definition_id)
    return load_state(instance.state, instance.serializer_version, parsed, make_script_engine({}))


def _file_of(task: Any) -> str:
    return str(getattr(task.workflow.spec, "file", "") or "")


def _markers(wf: BpmnWorkflow, overdue_specs: set[str]) -> dict[str, Markers]:
    # Tasks pruned from the saved state (engine.workflow.pruning) left their elements behind.
    found: dict[str, Markers] = {file: Markers(done=set(ids)) for file, ids in history(wf).items()}
    for task in wf.get_tasks():
        bpmn_id = task.task_spec.bpmn_id
        if not bpmn_id:
            continue
        marks = found.setdefault(_file_of(task), Markers())
        if task.state == TaskState.COMPLETED:
            marks.done.add(bpmn_id)
        elif task.state == TaskState.ERROR:
            marks.error.add(bpmn_id)
        elif task.state & ACTIVE:
            marks.active.add(bpmn_id)
            if bpmn_id in overdue_specs:
                marks.overdue.add(bpmn_id)
    return found


def _overdue_specs(session: Session, instance_id: int, now: datetime) -> set[str]:
    return set(session.scalars(select(HumanTask.spec_name).where(
        HumanTask.instance_id == instance_id, HumanTask.due_at < now)))


def completed_by(session: Session, instance_id: int) -> dict[str, list[dict[str, str]]]:
    """Per task id: who completed it and when (from the audit log), oldest first."""
    rows = session.execute(
        select(AuditEntry.task_spec, AuditEntry.actor, AuditEntry.at, User.full_name)
        .outerjoin(User, User.username == AuditEntry.actor)
        .where(AuditEntry.instance_id == instance_id, AuditEntry.action == "task_completed")
        .order_by(AuditEntry.at, AuditEntry.id))
    found: dict[str, list[dict[str, str]]] = {}
    for spec, username, at, name in rows:
        found.setdefault(spec or "", []).append(
            {"actor": name or username, "at": at.isoformat()})
    return found


def instance_diagram(session: Session, rt: Runtime, instance_id: int, actor: Actor,
                     now: datetime) -> dict[str, Any]:
    """The version's BPMN files, markers per file and who completed which task (JSON-ready)."""
    require_manager(actor)
    instance = session.get(ProcessInstance, instance_id)
    if instance is None:
        raise NotFoundError("Proses tidak ditemukan")
    definition = session.get(ProcessDefinition, instance.definition_id)
    assert definition is not None
    files = {name: xml for name, xml in definition_files(definition).items()
             if name.endswith(".bpmn")}
    marks = _markers(_workflow(session, rt, instance), _overdue_specs(session, instance_id, now))
    return {"files": files,
            "markers": {name: m.as_json() for name, m in marks.items()},
            "completed_by": completed_by(session, instance_id)}


def process_variables(session: Session, rt: Runtime, instance_id: int,
                      actor: Actor) -> str | None:
    """The workflow's data as indented JSON, for admins only (None for other roles)."""
    if actor.role not in ADMIN_ROLES:
        return None
    instance = session.get(ProcessInstance, instance_id)
    if instance is None:
        raise NotFoundError("Proses tidak ditemukan")
    wf = _workflow(session, rt, instance)
    last = wf.last_task.data if wf.last_task is not None else {}
    data = {**wf.data, **last}
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, default=str)
