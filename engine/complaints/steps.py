"""One step of one workflow: load it, advance it, project it, save it — in the caller's UoW."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.exceptions import WorkflowException
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from engine import audit
from engine.calendar.store import load_calendar
from engine.db import UnitOfWork
from engine.domain import Actor
from engine.errors import AlurError, ConflictError, ScriptError
from engine.workflow.context import Runtime
from engine.workflow.definitions import ParsedProcess, VersionRef
from engine.workflow.runtime import dump_state, load_state, new_workflow, ready_user_task_ids
from engine.workflow.scripting import make_script_engine
from engine.workflow.spiff_time import using_clock
from engine.workflow.tables import ProcessInstance

from .effects import Effects, script_functions
from .projection import apply_effects, project
from .tables import Complaint


@dataclass
class Step:
    """A workflow loaded for one command, with the complaint it belongs to."""

    instance: ProcessInstance
    complaint: Complaint
    wf: BpmnWorkflow
    effects: Effects
    parsed: ParsedProcess
    # The ids of the task rows the instance may have: its user tasks ready as loaded (the
    # last step's projection left a row for each and no other); none for a new workflow.
    task_rows: frozenset[str] = frozenset()


def _script_engine(session: Session, rt: Runtime, effects: Effects) -> Any:
    return make_script_engine(script_functions(rt.clock, load_calendar(session), effects))


def lock_instance(session: Session, instance_id: int) -> ProcessInstance | None:
    """The instance, freshly read and row-locked until commit (SQLite locks the whole file)."""
    return session.get(
        ProcessInstance, instance_id, with_for_update=True, populate_existing=True
    )


def commit_or_conflict(uow: UnitOfWork) -> None:
    """Commit; a writer that lost the optimistic race gets a ConflictError."""
    try:
        uow.commit()
    except StaleDataError as exc:
        raise ConflictError("Laporan ini baru saja diubah orang lain; muat ulang") from exc


def open_step(
    session: Session, rt: Runtime, instance: ProcessInstance, complaint: Complaint
) -> Step:
    """Load the instance's workflow with a fresh script environment."""
    parsed = rt.specs.of_version(session, rt.deployed.version(session, instance.definition_id))
    effects = Effects()
    engine = _script_engine(session, rt, effects)
    wf = load_state(instance.state, instance.serializer_version, parsed, engine)
    return Step(instance, complaint, wf, effects, parsed, ready_user_task_ids(wf))


def start_step(
    session: Session,
    rt: Runtime,
    version: VersionRef,
    instance: ProcessInstance,
    complaint: Complaint,
    data: dict[str, Any],
) -> Step:
    """A new workflow of ``version`` in ``instance`` for ``complaint`` (not yet run)."""
    parsed = rt.specs.of_version(session, version)
    effects = Effects()
    wf = new_workflow(parsed, data, _script_engine(session, rt, effects))
    return Step(instance, complaint, wf, effects, parsed)


def advance(
    session: Session,
    rt: Runtime,
    step: Step,
    actor: Actor,
    action: Callable[[BpmnWorkflow], None] | None = None,
) -> None:
    """Run ``action`` and every automatic step after it, then save and project the result.

    A failing script leaves the instance in the error state with its message (an incident),
    keeping what the people before it did; the caller commits either way.
    """
    now = rt.clock()
    # Everything this step changes is written by one flush at commit: an autoflush before
    # each read would send the complaint's row once per changed column group.
    with session.no_autoflush:
        try:
            with using_clock(rt.clock):
                if action is not None:
                    action(step.wf)
                step.wf.do_engine_steps(
                    will_complete_task=step.effects.will_run,
                    did_complete_task=step.effects.did_run,
                )
        except (WorkflowException, ScriptError) as exc:
            _mark_error(session, step, actor, now, exc)
        apply_effects(session, step.instance, step.complaint, step.effects.committed, actor,
                      now)
        project(session, rt, step.instance, step.complaint, step.wf, now, step.task_rows)
        save(step, now)


def save(step: Step, now: datetime) -> None:
    """Write the workflow state into the instance row (flushed with the unit of work)."""
    step.instance.state, step.instance.serializer_version = dump_state(step.wf)
    step.instance.updated_at = now
    if step.instance.status not in ("error", "cancelled"):
        step.instance.status = "completed" if step.wf.is_completed() else "running"


def _mark_error(
    session: Session, step: Step, actor: Actor, now: datetime, exc: Exception
) -> None:
    message = _describe(exc)
    step.instance.status = "error"
    step.instance.error_message = message
    audit.record(
        session, actor, "incident", now, complaint_id=step.complaint.id,
        instance_id=step.instance.id, task_spec=_failed_task(exc), message=message,
    )


def _failed_task(exc: Exception) -> str | None:
    task = getattr(exc, "task", None)
    spec = getattr(task, "task_spec", None)
    return getattr(spec, "bpmn_id", None) or getattr(spec, "name", None)


def _describe(exc: Exception) -> str:
    where = _failed_task(exc)
    text = str(exc) if not isinstance(exc, AlurError) else exc.args[0]
    return f"{where}: {text}" if where else str(text)
