"""Writes what screens query — complaint columns, ready tasks, next timer — from a workflow."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, cast

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.task import Task
from sqlalchemy import Table, bindparam, select
from sqlalchemy.orm import Session

from engine import audit
from engine.direct import DirectRead, attached, held, split_row
from engine.domain import (
    ARCHIVE_REASON,
    FINAL_STATUSES,
    OPD_ROLES,
    STAGE_DEADLINE,
    Actor,
    role_for_lane,
)
from engine.reference.tables import Opd
from engine.workflow.context import Runtime
from engine.workflow.runtime import next_timer_at, open_tasks, ready_user_tasks
from engine.workflow.tables import ProcessInstance

from .durations import stamp_working_days
from .effects import Effect
from .tables import ADMINISTRATOR, QUESTION_KIND, Complaint, FollowUp, HumanTask, OutboxMessage


def apply_effects(
    session: Session,
    instance: ProcessInstance,
    complaint: Complaint,
    effects: list[Effect],
    actor: Actor,
    now: datetime,
) -> None:
    """Make the effects of completed script tasks real, in this transaction."""
    for n, effect in enumerate(effects):
        if effect.kind == "status":
            change_status(session, complaint, effect.args["status"], actor, now, effect.task_spec)
        elif effect.kind == "follow_up":
            _post_follow_up(session, complaint, effect.args["text"], now)
        elif effect.kind == "question":
            session.add(FollowUp(complaint_id=complaint.id, at=now, kind=QUESTION_KIND,
                                 author=ADMINISTRATOR, text=effect.args["text"]))
        elif effect.kind == "release_opd":
            release_opd(session, complaint, actor, now, effect.task_spec)
        elif effect.kind == "notify":
            key = f"{instance.id}:{instance.version or 0}:{n}"
            _enqueue(session, complaint, effect, key, now)


def release_opd(session: Session, complaint: Complaint, actor: Actor, now: datetime,
                task_spec: str | None = None) -> None:
    """The complaint leaves its OPD (returned, redirected, archived): the OPD's officers no
    longer read it, its report sheet no longer counts it; the audit log keeps which OPD it was."""
    if complaint.opd_code is None:
        return
    audit.record(session, actor, "opd_released", now, complaint_id=complaint.id,
                 instance_id=complaint.instance_id, task_spec=task_spec,
                 opd=complaint.opd_code)
    complaint.opd_code = None


def change_status(
    session: Session, complaint: Complaint, status: str, actor: Actor, now: datetime,
    task_spec: str | None = None,
) -> None:
    """Move the complaint to ``status``, stamping the SLA columns and the audit log."""
    previous = complaint.status
    if previous == status:
        return
    complaint.status = status
    complaint.updated_at = now
    if previous in ("diterima", "dikembalikan") and complaint.verified_at is None:
        complaint.verified_at = now
    if status in FINAL_STATUSES:
        complaint.closed_at = now
    stamp_working_days(session, complaint, previous, now)
    audit.record(
        session, actor, "status_changed", now, complaint_id=complaint.id,
        instance_id=complaint.instance_id, task_spec=task_spec,
        from_status=previous, to_status=status,
    )


def _post_follow_up(session: Session, complaint: Complaint, text: str, now: datetime) -> None:
    opd = session.get(Opd, complaint.opd_code) if complaint.opd_code else None
    author = opd.name if opd else ADMINISTRATOR
    session.add(FollowUp(complaint_id=complaint.id, at=now, kind="tindak_lanjut",
                         author=author, text=text))
    if complaint.first_follow_up_at is None:
        complaint.first_follow_up_at = now
        stamp_working_days(session, complaint, complaint.status, now)


def _enqueue(
    session: Session, complaint: Complaint, effect: Effect, key: str, now: datetime
) -> None:
    payload = {"tracking_code": complaint.tracking_code, "status": complaint.status,
               "task_spec": effect.task_spec, "opd_code": complaint.opd_code}
    session.add(OutboxMessage(
        idempotency_key=key, created_at=now, complaint_id=complaint.id,
        template=effect.args["template"], recipient=effect.args["to"],
        payload=json.dumps(payload), status="pending", next_attempt_at=now,
    ))


def project(
    session: Session, rt: Runtime, instance: ProcessInstance, complaint: Complaint,
    wf: BpmnWorkflow, now: datetime, task_rows: frozenset[str],
) -> None:
    """Rebuild the instance's ready tasks, next timer and the complaint's stage deadline.

    ``task_rows``: the ids of the task rows the instance may have (the user tasks ready when
    its workflow was loaded; none for a workflow started in this transaction).
    """
    running = instance.status == "running"
    deadline = STAGE_DEADLINE.get(complaint.status)
    tasks = open_tasks(wf) if running or deadline else []
    _sync_tasks(session, instance, complaint, wf, ready_user_tasks(tasks) if running else [],
                now, task_rows)
    instance.next_timer_at = next_timer_at(wf) if running else None
    complaint.stage_due_at = _stage_due(tasks, deadline)
    if complaint.status == "diarsipkan" and wf.last_task is not None:
        complaint.archive_reason = wf.last_task.data.get(ARCHIVE_REASON) or None
    complaint.updated_at = now


_TASK = cast(Table, HumanTask.__table__)
# A user task's instructions in the diagram (SpiffWorkflow keeps each spiffworkflow: extension
# element's text under its name): Indonesian, and optionally English for officers reading it.
INSTRUCTIONS = "instructionsForEndUser"
INSTRUCTIONS_EN = "instructionsForEndUserEn"
# Sent by the driver (engine.direct), the rows made the session's objects as the ORM's query
# would (the task being completed is already one of them).
_TASKS_OF_INSTANCE = DirectRead(select(*_TASK.c).where(_TASK.c.instance_id == bindparam("id")))


def _sync_tasks(
    session: Session, instance: ProcessInstance, complaint: Complaint, wf: BpmnWorkflow,
    ready: list[Task], now: datetime, task_rows: frozenset[str],
) -> None:
    existing = _existing_rows(session, instance, {str(task.id) for task in ready}, task_rows)
    for task in ready:
        row = existing.pop(str(task.id), None)
        if row is None:
            row = HumanTask(id=str(task.id), instance_id=instance.id, created_at=now)
            session.add(row)
            # The deadline is set once, when the task becomes ready: a deadline a manager
            # moved afterwards must survive the instance's next steps.
            row.due_at = _due(task, wf)
        _describe_task(row, task, wf, complaint)
    for gone in existing.values():
        session.delete(gone)


def _existing_rows(session: Session, instance: ProcessInstance, ready: set[str],
                   task_rows: frozenset[str]) -> dict[str, HumanTask]:
    """The instance's task rows by id, as objects of ``session``, to keep (those ``ready``)
    or delete (the rest).

    Read only when a row stays ready and the session does not hold it yet: a row that goes is
    deleted by its id, and one the session holds (the task being completed) is current (read
    under the instance's lock). A row outside ``task_rows`` cannot exist: every step leaves a
    row for each user task it leaves ready and for no other, and saves that workflow with
    them.
    """
    in_session = {key: row for key in task_rows
                  if (row := held(session, HumanTask, {"id": key})) is not None}
    if any(key not in in_session for key in task_rows & ready):
        return {row.id: attached(session, HumanTask, split_row(row, HumanTask)[0][0])
                for row in _TASKS_OF_INSTANCE.all(session, {"id": instance.id})}
    for key in task_rows - ready - in_session.keys():
        # Known by its id alone, only to be deleted: nothing else of it is read or written.
        in_session[key] = attached(session, HumanTask, {"id": key})
    return in_session


def _describe_task(row: HumanTask, task: Task, wf: BpmnWorkflow, complaint: Complaint) -> None:
    spec = task.task_spec
    extensions = spec.extensions or {}
    props: dict[str, str] = extensions.get("properties", {})
    row.complaint_id = complaint.id
    row.spec_name = spec.bpmn_id or spec.name
    row.title = spec.bpmn_name or row.spec_name
    row.lane = spec.lane or ""
    row.role = role_for_lane(spec.lane)
    row.opd_code = complaint.opd_code if row.role in OPD_ROLES else None
    form = props.get("formJsonSchemaFilename")
    row.form_key = form.removesuffix(".json") if form else None
    row.instructions = extensions.get(INSTRUCTIONS) or ""
    row.instructions_en = extensions.get(INSTRUCTIONS_EN) or ""


def _due(task: Task, wf: BpmnWorkflow) -> datetime | None:
    spec = task.task_spec
    props: dict[str, str] = spec.extensions.get("properties", {}) if spec.extensions else {}
    due = props.get("dueDate")
    return _instant(wf.script_engine.evaluate(task, due)) if due else None


def _stage_due(tasks: list[Task], variable: str | None) -> datetime | None:
    """The latest deadline ``variable`` among the open ``tasks`` (None without one)."""
    if variable is None:
        return None
    values = [_instant(t.data[variable]) for t in tasks if t.data.get(variable)]
    found = [v for v in values if v is not None]
    return max(found) if found else None


def _instant(value: Any) -> datetime | None:
    if not value:
        return None
    instant = datetime.fromisoformat(str(value))
    return instant.astimezone(UTC) if instant.tzinfo else None
