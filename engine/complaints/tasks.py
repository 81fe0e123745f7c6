"""Use cases of the officers' inbox: claim, unclaim and complete a task."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from SpiffWorkflow.util.task import TaskState
from sqlalchemy import CursorResult, Table, bindparam, select, update
from sqlalchemy.orm import Session

from engine import audit
from engine.calendar.store import calendar_of, calendar_text
from engine.db import UnitOfWork
from engine.direct import DirectRead, held, loaded_object, split_row
from engine.domain import COMPLAINT_FIELDS, OPD_ROLES, Actor
from engine.errors import ConflictError, ForbiddenError, FormInvalidError, NotFoundError
from engine.reference.options import option_lookup
from engine.workflow.context import Runtime
from engine.workflow.form_versions import validate_task_form
from engine.workflow.runtime import find_task
from engine.workflow.tables import ProcessInstance

from .flags import FLAGS, apply_flags, check_flags
from .steps import advance, commit_or_conflict, open_step
from .tables import Complaint, HumanTask

SUPERVISOR_ROLES = frozenset({"sysadmin"})
TASK_GONE = "Tugas tidak ditemukan atau sudah selesai"  # one answer for missing and not yours


def may_work_on(actor: Actor, task: HumanTask) -> bool:
    """True when the task's lane is the actor's role (and, for OPD roles, their OPD)."""
    if actor.role != task.role:
        return False
    return actor.role not in OPD_ROLES or actor.opd_code == task.opd_code


def get_task(session: Session, task_id: str, actor: Actor) -> HumanTask:
    """A ready task the actor may see; one NotFoundError for missing and not theirs."""
    return _visible(session.get(HumanTask, task_id), actor)


def _visible(task: HumanTask | None, actor: Actor) -> HumanTask:
    if task is None or not (may_work_on(actor, task) or actor.role in SUPERVISOR_ROLES):
        raise NotFoundError(TASK_GONE)
    return task


def claim_task(uow: UnitOfWork, rt: Runtime, task_id: str, actor: Actor) -> None:
    """Take a task so colleagues see it is being worked on."""
    with uow:
        task = get_task(uow.session, task_id, actor)
        if not may_work_on(actor, task):
            raise ForbiddenError("Tugas ini bukan untuk peran Anda")
        result = cast(CursorResult[Any], uow.session.execute(
            update(HumanTask)
            .where(HumanTask.id == task_id, HumanTask.assignee_id.is_(None))
            .values(assignee_id=actor.user_id, claimed_at=rt.clock())
        ))  # an UPDATE's result is a cursor result, with its row count
        if result.rowcount != 1:
            if task.assignee_id == actor.user_id:
                return
            raise ConflictError("Tugas sudah diambil petugas lain")
        audit.record(uow.session, actor, "task_claimed", rt.clock(),
                     complaint_id=task.complaint_id, instance_id=task.instance_id,
                     task_spec=task.spec_name)
        uow.commit()


def unclaim_task(uow: UnitOfWork, rt: Runtime, task_id: str, actor: Actor) -> None:
    """Give a claimed task back to the role's shared inbox."""
    with uow:
        task = get_task(uow.session, task_id, actor)
        if task.assignee_id != actor.user_id and actor.role not in SUPERVISOR_ROLES:
            raise ConflictError("Tugas ini tidak sedang Anda kerjakan")
        task.assignee_id = None
        task.claimed_at = None
        audit.record(uow.session, actor, "task_unclaimed", rt.clock(),
                     complaint_id=task.complaint_id, instance_id=task.instance_id,
                     task_spec=task.spec_name)
        uow.commit()


@dataclass(frozen=True)
class Completion:
    """What completing a task did: claimed it first or not, and the complaint as committed."""

    claimed: bool
    tracking_code: str
    status: str


def complete_task(
    uow: UnitOfWork, rt: Runtime, task_id: str, data: dict[str, Any], actor: Actor
) -> bool:
    """Submit the task's form; invalid data changes nothing, a stale task is a conflict.
    An unclaimed task is claimed for the actor first (True), so the record says who did it."""
    return finish_task(uow, rt, task_id, data, actor).claimed


def finish_task(
    uow: UnitOfWork, rt: Runtime, task_id: str, data: dict[str, Any], actor: Actor
) -> Completion:
    """complete_task, answering also the complaint's code and status as committed (a caller
    that reports them needs no second unit of work to read them back)."""
    with uow:
        session = uow.session
        row, instance, complaint = _task_for_completion(session, task_id, actor)
        _check_may_complete(row, actor)
        if instance.status != "running":
            raise ConflictError("Proses laporan ini tidak sedang berjalan")
        errors = (validate_task_form(session, rt, instance.definition_id, row.form_key, data,
                                     option_lookup(session)) if row.form_key else {})
        if errors:
            raise FormInvalidError(errors)
        check_flags(complaint, data)
        step = open_step(session, rt, instance, complaint)
        task = find_task(step.wf, task_id)
        if task is None or task.state != TaskState.READY or not task.task_spec.manual:
            raise ConflictError("Tugas sudah diselesaikan orang lain")
        claimed = row.assignee_id is None and actor.user_id is not None
        if claimed:
            row.assignee_id, row.claimed_at = actor.user_id, rt.clock()
            audit.record(session, actor, "task_claimed", rt.clock(), complaint_id=complaint.id,
                         instance_id=instance.id, task_spec=row.spec_name)
        _keep_complaint_fields(complaint, data)
        apply_flags(session, complaint, data, actor, rt.clock(), row.spec_name)
        audit.record(session, actor, "task_completed", rt.clock(), complaint_id=complaint.id,
                     instance_id=instance.id, task_spec=row.spec_name, form=row.form_key,
                     fields=sorted(data), title=row.title)

        def run(_wf: Any) -> None:
            task.task_spec.add_data_from_form(task, data) if hasattr(
                task.task_spec, "add_data_from_form") else task.set_data(**data)
            task.run()

        advance(session, rt, step, actor, run)
        commit_or_conflict(uow)
        # The session keeps its objects' values at commit: these are what was written.
        return Completion(claimed, complaint.tracking_code, complaint.status)


_TASK = cast(Table, HumanTask.__table__)
_RUN = cast(Table, ProcessInstance.__table__)
_COMPLAINT = cast(Table, Complaint.__table__)
_ENTITIES = (HumanTask, ProcessInstance, Complaint)  # their tables' columns, in the read's order
# Built once, sent by the driver (engine.direct): the ORM's loading of the three entities cost
# about as much again as the statement.
_TASK_FOR_COMPLETION = DirectRead(
    select(*_TASK.c, *_RUN.c, *_COMPLAINT.c, calendar_text())
    .select_from(_TASK)
    .join(_RUN, _RUN.c.id == _TASK.c.instance_id)
    .join(_COMPLAINT, _COMPLAINT.c.id == _TASK.c.complaint_id)
    .where(_TASK.c.id == bindparam("task_id"))
    .with_for_update(of=_RUN)
)
# The same rows through the ORM, its objects refreshed, for a session that already holds one of
# them (the direct read above has taken the lock).
_TASK_FOR_COMPLETION_ORM = (
    select(HumanTask, ProcessInstance, Complaint)
    .join(ProcessInstance, ProcessInstance.id == HumanTask.instance_id)
    .join(Complaint, Complaint.id == HumanTask.complaint_id)
    .where(HumanTask.id == bindparam("task_id"))
    .execution_options(populate_existing=True)
)


def _task_for_completion(
    session: Session, task_id: str, actor: Actor
) -> tuple[HumanTask, ProcessInstance, Complaint]:
    """The task with its instance (row-locked until commit, freshly read) and complaint; the
    working calendar comes with them (``calendar_of``).

    One statement instead of four: each is a round trip to the database. The instance's other
    task rows are not read here: on PostgreSQL a read that waited for the lock answers the rows
    of the other tables as they were when it began, before the step that held the lock changed
    them (tests/complaints/test_completion_waits.py); the projection reads them after the lock,
    when it needs them (one that stays ready).
    """
    found = _TASK_FOR_COMPLETION.first(session, {"task_id": task_id})
    if found is None:
        raise NotFoundError(TASK_GONE)
    values, (calendar,) = split_row(found, *_ENTITIES)
    calendar_of(session, calendar)
    if any(held(session, cls, row) is not None for cls, row in zip(_ENTITIES, values,
                                                                    strict=True)):
        # The session already holds one of them, maybe changed: read them as the ORM does,
        # its objects refreshed from the rows (the lock is held already).
        task, instance, complaint = session.execute(
            _TASK_FOR_COMPLETION_ORM, {"task_id": task_id}).one()
    else:  # none is the session's yet: each is added as loaded
        task, instance, complaint = (loaded_object(HumanTask, values[0]),
                                     loaded_object(ProcessInstance, values[1]),
                                     loaded_object(Complaint, values[2]))
        session.add_all((task, instance, complaint))
    return _visible(task, actor), instance, complaint


def _check_may_complete(row: HumanTask, actor: Actor) -> None:
    if not may_work_on(actor, row):
        raise ForbiddenError("Tugas ini bukan untuk peran Anda")
    if row.assignee_id is not None and row.assignee_id != actor.user_id:
        raise ConflictError("Tugas sedang dikerjakan petugas lain")


def _keep_complaint_fields(complaint: Complaint, data: dict[str, Any]) -> None:
    for key, column in COMPLAINT_FIELDS.items():
        if key in FLAGS:
            continue  # apply_flags: audited, never weakened without consent
        if key in data and data[key] not in (None, ""):
            setattr(complaint, column, data[key])
