"""Managers' operations on an instance: retry a failed step, cancel, reassign, move a deadline.

Each needs a reason, is checked against the actor's role, refuses a stale page (the instance's
version the manager saw) and writes the reason to the audit log in the same transaction.
A moved deadline changes the task's ``due_at`` (inbox, overdue marks) and re-arms the diagram's
timers that read the task's deadline variable (reminder, escalation); cancelling closes the
complaint (docs/monitoring.md).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from SpiffWorkflow.util.task import TaskState
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from engine import audit
from engine.accounts.tables import User
from engine.calendar.working_days import WIB
from engine.complaints.closure import close_from_outside
from engine.complaints.steps import advance, commit_or_conflict, lock_instance, open_step
from engine.complaints.tables import Complaint, HumanTask
from engine.db import UnitOfWork
from engine.domain import OPD_ROLES, Actor
from engine.errors import ConflictError, ForbiddenError, FormInvalidError, NotFoundError
from engine.messages import N_, Message
from engine.workflow.context import Runtime
from engine.workflow.runtime import find_task
from engine.workflow.runtime import move_deadline as move_workflow_deadline
from engine.workflow.tables import ProcessInstance

RETRY_ROLES = frozenset({"tim_admin", "sysadmin"})
CANCEL_ROLES = frozenset({"tim_admin", "sysadmin"})
REASSIGN_ROLES = frozenset({"ketua", "tim_admin"})
DEADLINE_ROLES = frozenset({"ketua", "tim_admin"})
MAX_REASON = 500


def _require(actor: Actor, roles: frozenset[str]) -> None:
    if actor.role not in roles:
        raise ForbiddenError("Peran Anda tidak boleh menjalankan operasi ini")


def _reason(text: str | None) -> str:
    reason = (text or "").strip()
    if not reason:
        raise FormInvalidError({"reason": "Alasan wajib diisi"})
    if len(reason) > MAX_REASON:
        raise FormInvalidError({"reason": Message(N_("Paling banyak %(n)s karakter"),
                                                  n=MAX_REASON)})
    return reason


def _locked(session: Session, instance_id: int, seen_version: int | None
            ) -> tuple[ProcessInstance, Complaint]:
    instance = lock_instance(session, instance_id)
    complaint = session.scalars(
        select(Complaint).where(Complaint.instance_id == instance_id)).first()
    if instance is None or complaint is None:
        raise NotFoundError("Proses tidak ditemukan")
    if seen_version is not None and instance.version != seen_version:
        raise ConflictError("Proses ini baru saja berubah; muat ulang halaman")
    return instance, complaint


def retry_instance(uow: UnitOfWork, rt: Runtime, instance_id: int, actor: Actor,
                   reason: str, seen_version: int | None = None) -> str:
    """Run the failed steps of an instance in error again; its new status is returned."""
    _require(actor, RETRY_ROLES)
    why = _reason(reason)
    with uow:
        session = uow.session
        instance, complaint = _locked(session, instance_id, seen_version)
        if instance.status != "error":
            raise ConflictError("Proses ini tidak sedang gagal")
        step = open_step(session, rt, instance, complaint)
        failed = list(step.wf.get_tasks(state=TaskState.ERROR))
        audit.record(session, actor, "incident_retried", rt.clock(), complaint_id=complaint.id,
                     instance_id=instance.id, reason=why,
                     tasks=[t.task_spec.bpmn_id or t.task_spec.name for t in failed],
                     error=instance.error_message)
        for task in failed:
            task.reset_branch(None)
        instance.status, instance.error_message = "running", None
        advance(session, rt, step, actor)
        commit_or_conflict(uow)
        return instance.status


def cancel_instance(uow: UnitOfWork, rt: Runtime, instance_id: int, actor: Actor,
                    reason: str, seen_version: int | None = None) -> None:
    """Stop an instance for good: no more tasks or timers. A complaint still open is archived
    with the reason (the reporter is told it, in the archive notice) and leaves its OPD."""
    _require(actor, CANCEL_ROLES)
    why = _reason(reason)
    with uow:
        session = uow.session
        instance, complaint = _locked(session, instance_id, seen_version)
        if instance.status not in ("running", "error"):
            raise ConflictError("Proses ini sudah selesai atau dibatalkan")
        previous, status_before = instance.status, complaint.status
        closed = close_from_outside(session, instance, complaint, "diarsipkan", why, actor,
                                    rt.clock(), instance_status="cancelled")
        audit.record(session, actor, "instance_cancelled", rt.clock(), complaint_id=complaint.id,
                     instance_id=instance.id, reason=why, previous=previous,
                     complaint_status=status_before, closed=closed)
        commit_or_conflict(uow)


def _due_variable(spec: Any) -> str | None:
    """The workflow variable holding a user task's deadline (its ``dueDate`` property)."""
    props = (spec.extensions or {}).get("properties", {}) if hasattr(spec, "extensions") else {}
    name = str(props.get("dueDate") or "").strip()
    return name if name.isidentifier() else None


def _open_task(session: Session, task_id: str, seen_version: int | None
               ) -> tuple[HumanTask, ProcessInstance]:
    task = session.get(HumanTask, task_id)
    if task is None:
        raise NotFoundError("Tugas tidak ditemukan atau sudah selesai")
    instance, _complaint = _locked(session, task.instance_id, seen_version)
    if instance.status != "running":
        raise ConflictError("Proses laporan ini tidak sedang berjalan")
    return task, instance


def _touch(instance: ProcessInstance, rt: Runtime) -> None:
    # A new row version even at the same instant: a page showing the old one gets a conflict.
    instance.updated_at = rt.clock()
    flag_modified(instance, "updated_at")


def may_take(user: User, task: HumanTask) -> bool:
    """True when ``user`` is an active officer of the task's role (and OPD)."""
    if not user.active or user.role != task.role:
        return False
    return task.role not in OPD_ROLES or user.opd_code == task.opd_code


def reassign_task(uow: UnitOfWork, rt: Runtime, task_id: str, user_id: int, actor: Actor,
                  reason: str, seen_version: int | None = None) -> None:
    """Give a ready task to another officer of its role (and OPD)."""
    _require(actor, REASSIGN_ROLES)
    why = _reason(reason)
    with uow:
        session = uow.session
        task, instance = _open_task(session, task_id, seen_version)
        user = session.get(User, user_id)
        if user is None or not may_take(user, task):
            raise FormInvalidError({"user_id": "Petugas ini tidak memegang peran tugas tersebut"})
        previous = task.assignee_id
        task.assignee_id, task.claimed_at = user.id, rt.clock()
        _touch(instance, rt)
        audit.record(session, actor, "task_reassigned", rt.clock(),
                     complaint_id=task.complaint_id, instance_id=instance.id,
                     task_spec=task.spec_name, reason=why, from_user=previous, to_user=user.id)
        commit_or_conflict(uow)


def move_deadline(uow: UnitOfWork, rt: Runtime, task_id: str, due_at: datetime, actor: Actor,
                  reason: str, seen_version: int | None = None) -> None:
    """Set a ready task's deadline to ``due_at``; the diagram's reminder and escalation timers
    that read the task's deadline move with it, and so does the complaint's stage deadline."""
    _require(actor, DEADLINE_ROLES)
    why = _reason(reason)
    if due_at.tzinfo is None:
        raise FormInvalidError({"due_at": "Batas waktu perlu zona waktu"})
    with uow:
        session = uow.session
        task, instance = _open_task(session, task_id, seen_version)
        previous = task.due_at
        complaint = session.get(Complaint, task.complaint_id)
        assert complaint is not None  # a task row always belongs to a complaint
        step = open_step(session, rt, instance, complaint)
        moved: list[str] = []
        found = find_task(step.wf, task_id)
        variable = _due_variable(found.task_spec) if found is not None else None
        if variable:
            moved = move_workflow_deadline(step.wf, variable, due_at.astimezone(WIB).isoformat())
        advance(session, rt, step, actor)
        task.due_at = due_at
        _touch(instance, rt)
        audit.record(session, actor, "task_deadline_moved", rt.clock(),
                     complaint_id=task.complaint_id, instance_id=instance.id,
                     task_spec=task.spec_name, reason=why, from_due=previous, to_due=due_at,
                     timers=moved)
        commit_or_conflict(uow)
