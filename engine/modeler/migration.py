"""Move running instances to a newer version: a dry run says who can and why not, then move."""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.util.diff import SpecDiff, WorkflowDiff
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import audit
from engine.complaints.steps import advance, commit_or_conflict, lock_instance, open_step
from engine.complaints.tables import Complaint
from engine.db import UnitOfWork
from engine.domain import Actor
from engine.errors import AlurError
from engine.messages import N_, Message
from engine.workflow.context import Runtime
from engine.workflow.definitions import ParsedProcess
from engine.workflow.runtime import serializer
from engine.workflow.tables import ProcessDefinition, ProcessInstance
from engine.workflow.versions import get_version

ACTIVE = TaskState.READY | TaskState.WAITING | TaskState.STARTED
# What a migration restarts against the new version (as SpiffWorkflow's migrate_workflow).
RESTARTED = TaskState.READY | TaskState.WAITING
# Changes that restart what a task waits for, or make it another kind of task.
BLOCKING = frozenset({"typename", "event_definition", "cancel_activity", "main_child_task_spec"})


@dataclass(frozen=True)
class Movability:
    """Whether one instance can move to the target version, and why not."""

    instance_id: int
    tracking_code: str
    from_version: int
    to_version: int
    waiting: list[str]  # names of the tasks it waits in
    reasons: list[str] = field(default_factory=list)

    @property
    def movable(self) -> bool:
        """True when nothing stops the move."""
        return not self.reasons


@dataclass
class MigrationResult:
    """What a migration did: moved instances, the ones it left, failures."""

    moved: list[Movability] = field(default_factory=list)
    skipped: list[Movability] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Plan:
    top: WorkflowDiff | None = None
    subs: dict[Any, WorkflowDiff] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)


def preview(
    uow_factory: Callable[[], UnitOfWork], rt: Runtime, instance_ids: list[int], target_id: int
) -> list[Movability]:
    """The dry run: each instance assessed in its own read-only transaction."""
    found = []
    for instance_id in instance_ids:
        with uow_factory() as uow:
            found.append(_assess(uow.session, rt, instance_id, target_id)[0])
    return found


def migrate(
    uow_factory: Callable[[], UnitOfWork], rt: Runtime, instance_ids: list[int], target_id: int,
    actor: Actor,
) -> MigrationResult:
    """Move every movable instance, each in its own transaction, into the audit log."""
    result = MigrationResult()
    for instance_id in instance_ids:
        try:
            with uow_factory() as uow:
                moved = _move_one(uow, rt, instance_id, target_id, actor)
        except AlurError as exc:
            first = exc.args[0] if len(exc.args) == 1 else None  # a Message stays one
            result.failed.append((instance_id, first if isinstance(first, str) else str(exc)))
            continue
        (result.moved if moved.movable else result.skipped).append(moved)
    return result


def _move_one(
    uow: UnitOfWork, rt: Runtime, instance_id: int, target_id: int, actor: Actor
) -> Movability:
    session = uow.session
    verdict, step, plan = _assess(session, rt, instance_id, target_id, lock=True)
    if not verdict.movable or step is None:
        return verdict
    target = get_version(session, target_id)
    parsed = rt.specs.get(target)
    step.instance.definition_id = target.id
    advance(session, rt, step, actor, lambda wf: _apply(plan, wf, parsed))
    audit.record(session, actor, "instance_migrated", rt.clock(),
                 complaint_id=step.complaint.id, instance_id=instance_id,
                 from_version=verdict.from_version, to_version=verdict.to_version,
                 waiting=verdict.waiting)
    commit_or_conflict(uow)
    return verdict


def _assess(
    session: Session, rt: Runtime, instance_id: int, target_id: int, lock: bool = False
) -> tuple[Movability, Any, _Plan]:
    instance = (lock_instance(session, instance_id) if lock
                else session.get(ProcessInstance, instance_id))
    if instance is None:
        missing = Message(N_("Instans tidak ditemukan"))
        return Movability(instance_id, "", 0, 0, [], [missing]), None, _Plan()
    complaint = session.scalars(
        select(Complaint).where(Complaint.instance_id == instance.id)).one_or_none()
    current = session.get(ProcessDefinition, instance.definition_id)
    target = get_version(session, target_id)
    assert current is not None
    code = complaint.tracking_code if complaint is not None else ""

    def verdict(plan: _Plan) -> Movability:
        return Movability(instance_id, code, current.version, target.version, plan.waiting,
                          plan.reasons)

    early = _precondition(instance, current, target, complaint)
    if early:
        return verdict(_Plan(reasons=[early])), None, _Plan()
    assert complaint is not None
    step = open_step(session, rt, instance, complaint)
    plan = plan_for(step.wf, rt.specs.get(target), target.version)
    return verdict(plan), step, plan


def _precondition(
    instance: ProcessInstance, current: ProcessDefinition, target: ProcessDefinition,
    complaint: Complaint | None,
) -> str | None:
    if complaint is None:
        return Message(N_("Instans tanpa laporan"))
    if instance.status != "running":
        return Message(N_("Instans tidak sedang berjalan (status: %(status)s)"),
                       status=instance.status)
    if current.process_id != target.process_id:
        return Message(N_("Versi tujuan milik proses lain"))
    if target.version <= current.version:
        return Message(N_("Sudah di versi %(version)s; tujuan harus versi yang lebih baru"),
                       version=current.version)
    return None


def plan_for(wf: BpmnWorkflow, parsed: ParsedProcess, version: int) -> _Plan:
    """How the workflow would align with ``parsed``, and what stops it."""
    registry = serializer().registry
    top = SpecDiff(registry, wf.spec, parsed.spec)
    plan = _Plan(top=WorkflowDiff(wf, top))
    _check(wf, top, plan, version)
    for sp_id, sp in wf.subprocesses.items():
        new_spec = parsed.subprocess_specs.get(sp.spec.name)
        if new_spec is None:
            plan.reasons.append(Message(
                N_("Subproses '%(name)s' tidak ada lagi di versi %(version)s"),
                name=sp.spec.name, version=version))
            continue
        spec_diff = SpecDiff(registry, sp.spec, new_spec)
        plan.subs[sp_id] = WorkflowDiff(sp, spec_diff)
        _check(sp, spec_diff, plan, version)
    return plan


def _check(wf: Any, spec_diff: SpecDiff, plan: _Plan, version: int) -> None:
    changed = spec_diff.changed
    removed = set(spec_diff.removed)
    for task in wf.get_tasks(state=ACTIVE, skip_subprocesses=True):
        spec = task.task_spec
        label = spec.bpmn_name or spec.bpmn_id or spec.name
        if spec.bpmn_id is not None:
            plan.waiting.append(label)  # analysts read task names, not element ids
        if spec in removed:
            plan.reasons.append(Message(
                N_("Menunggu di '%(label)s' yang tidak ada lagi di versi %(version)s"),
                label=label, version=version))
        elif BLOCKING & set(changed.get(spec, ())):
            what = ", ".join(sorted(BLOCKING & set(changed[spec])))
            plan.reasons.append(Message(N_("'%(label)s' berubah di versi %(version)s (%(what)s)"),
                                        label=label, version=version, what=what))


def _apply(plan: _Plan, wf: BpmnWorkflow, parsed: ParsedProcess) -> None:
    assert plan.top is not None
    for sp_id, sp_diff in plan.subs.items():
        sp = wf.subprocesses[sp_id]
        _migrate_keeping_data(sp_diff, sp, parsed.subprocess_specs[sp.spec.name])
    _migrate_keeping_data(plan.top, wf, parsed.spec)
    wf.subprocess_specs = parsed.subprocess_specs


def _migrate_keeping_data(diff: WorkflowDiff, wf: Any, spec: Any) -> None:
    """SpiffWorkflow's ``migrate_workflow``, but each task it restarts keeps its own data.

    The library restarts every ready or waiting task with its parent's data; after pruning
    (engine.workflow.pruning) that parent may be the root, whose data predates the variables
    the task's timers read (``closure_due`` of the wait for the reporter's answer), and the
    moved instance would fail. A waiting task's own data is what its parent had when it was
    reached, so it is the right data to restart with.
    """
    wf.spec = spec
    for task in wf.tasks.values():
        aligned = diff.alignment.get(task)
        if aligned is not None:
            task.task_spec = aligned
    for task in list(wf.get_tasks(state=RESTARTED, skip_subprocesses=True)):
        if task.id in wf.tasks:  # restarting an earlier one may have dropped it
            task.reset_branch(deepcopy(task.data))
    if wf.last_task not in wf.tasks:
        wf.last_task = None
