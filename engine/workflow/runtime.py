"""SpiffWorkflow behind one small surface: create, load, save, inspect a workflow."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from uuid import UUID

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.serializer.workflow import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.bpmn.util.event import BpmnEvent
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from .. import json_text
from .definitions import ParsedProcess
from .pruning import history_json, prune, set_history


@lru_cache(maxsize=1)
def serializer() -> BpmnWorkflowSerializer:
    """The one serializer (its registry is costly to build)."""
    return BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(SPIFF_CONFIG))


@lru_cache(maxsize=1)
def _encoder() -> json.JSONEncoder:
    """The serializer's encoder: its ``default`` turns what JSON lacks (events, date-times,
    sets) into what the serializer reads back."""
    encoder: json.JSONEncoder = serializer()._encoder_cls()  # noqa: SLF001
    return encoder


@lru_cache(maxsize=64)
def _spec_json(parsed: ParsedProcess) -> str:
    # Kept as text: restoring consumes the dicts it is given, so each load gets fresh ones.
    ser = serializer()
    return json.dumps({
        "spec": ser.to_dict(parsed.spec),
        "subprocess_specs": {k: ser.to_dict(v) for k, v in parsed.subprocess_specs.items()},
    })


def new_workflow(
    parsed: ParsedProcess, data: dict[str, Any], script_engine: PythonScriptEngine
) -> BpmnWorkflow:
    """A fresh workflow of ``parsed`` with ``data`` as its start data."""
    wf = BpmnWorkflow(parsed.spec, parsed.subprocess_specs, script_engine=script_engine)
    start = wf.get_next_task(state=TaskState.READY)
    if start is not None:
        start.data.update(data)
    return wf


HISTORY_KEY = "alur_history"


def dump_state(wf: BpmnWorkflow) -> tuple[str, str]:
    """(JSON state without the specs, serializer version): the specs live with the version.

    What is finished and no longer needed is pruned first (engine.workflow.pruning), so the
    state holds what is open, however long the complaint's history.
    """
    prune(wf)
    ser = serializer()
    # Mirrors BpmnWorkflowSerializer.serialize_json, less the specs: the registry's encoder
    # mode and the encoder's hook turn events and other objects in internal data into JSON.
    # Written by engine.json_text: the same values, a tenth of the standard library's time.
    ser.registry._encoder_mode = True  # noqa: SLF001
    try:
        dct = _workflow_dict_without_specs(wf)
        if done := history_json(wf):
            dct[HISTORY_KEY] = done
        text = json_text.dumps(dct, default=_encoder().default)
    finally:
        ser.registry._encoder_mode = False  # noqa: SLF001
    return text, ser.VERSION


def _workflow_dict_without_specs(wf: BpmnWorkflow) -> dict[str, Any]:
    # BpmnWorkflowConverter.to_dict less "spec" and "subprocess_specs": converting the specs
    # to dicts only to drop them was most of the cost of a save.
    registry = serializer().registry
    converter = registry.convert_from_dict["BpmnWorkflow"].args[0].__self__
    dct: dict[str, Any] = super(type(converter), converter).to_dict(wf)
    dct["subprocesses"] = converter.mapping_to_dict(wf.subprocesses)
    dct["bpmn_events"] = registry.convert(wf.bpmn_events)
    dct["typename"] = registry.typenames[type(wf)]
    return dct


def load_state(
    state: str, version: str, parsed: ParsedProcess, script_engine: PythonScriptEngine
) -> BpmnWorkflow:
    """Restore a workflow saved by ``dump_state`` and attach the script engine."""
    ser = serializer()
    dct = json.loads(state)
    done = dct.pop(HISTORY_KEY, None)
    if version == ser.VERSION:
        wf = _restore_with_specs(dct, parsed)
    else:  # an older format: let the library migrate it, specs and all
        dct.update(json.loads(_spec_json(parsed)))
        dct[ser.VERSION_KEY] = version
        ser.migrate(dct)
        wf = ser.from_dict(dct)
    wf.script_engine = script_engine  # subprocesses read it from the top workflow
    set_history(wf, done)
    return wf


def _restore_with_specs(dct: dict[str, Any], parsed: ParsedProcess) -> BpmnWorkflow:
    # BpmnWorkflowConverter.from_dict, less rebuilding the specs from dicts: the version's
    # parsed specs are shared (they are never modified), which saves most of a load.
    registry = serializer().registry
    converter = registry.convert_from_dict["BpmnWorkflow"].args[0].__self__
    wf = BpmnWorkflow(parsed.spec, parsed.subprocess_specs, deserializing=True)
    wf.tasks = converter.mapping_from_dict(dct["tasks"], UUID, workflow=wf)
    wf.task_tree = wf.tasks.get(UUID(dct["root"]))
    converter.set_default_attributes(wf, dct)
    converter.subprocesses_from_dict(dct["subprocesses"], wf)
    wf.bpmn_events = registry.restore(dct.pop("bpmn_events", []))
    return wf


def open_tasks(wf: BpmnWorkflow) -> list[Task]:
    """The tasks ready or waiting, in this workflow and its subprocesses, in the tree's order:
    one walk serves both the user tasks to show and the deadlines they run under."""
    return list(wf.get_tasks(state=TaskState.READY | TaskState.WAITING))


def ready_user_task_ids(wf: BpmnWorkflow) -> frozenset[str]:
    """The ids of every user task ready in ``wf`` and its subprocesses, by a look at each task
    (no walk of the tree): of a workflow as loaded, the task rows its last step left."""
    return frozenset(str(task.id) for flow in (wf, *wf.subprocesses.values())
                     for task in flow.tasks.values() if _waits_for_a_person(task))


def ready_user_tasks(tasks: Iterable[Task]) -> list[Task]:
    """Those of ``tasks`` (``open_tasks``) waiting for a person, in their order."""
    return [task for task in tasks if _waits_for_a_person(task)]


def _waits_for_a_person(task: Task) -> bool:
    return task.state == TaskState.READY and bool(task.task_spec.manual)


def pin_library_log_level() -> None:
    """Give SpiffWorkflow's workflow logger the level logging has in effect for it.

    The library asks its logger's own level, not the effective one: at NOTSET (0, what an
    unconfigured logger has) it lists every task of the tree for each workflow-level line
    ("Initialized workflow", "Workflow completed") even when the line is then dropped, a walk
    of the whole tree per new or finished (sub)workflow."""
    logger = logging.getLogger("spiff.workflow")
    logger.setLevel(logger.getEffectiveLevel())


def find_task(wf: BpmnWorkflow, task_id: str) -> Task | None:
    """The task with ``task_id``, or None."""
    try:
        return wf.get_task_from_id(UUID(task_id))
    except Exception:  # noqa: BLE001 - SpiffWorkflow raises its own not-found type
        return None


def _as_instant(value: Any) -> datetime | None:
    if isinstance(value, dict):
        value = value.get("next")
    if not isinstance(value, str) or value.upper().startswith("P"):
        return None
    try:
        instant: datetime = TimerEventDefinition.get_datetime(value)
        return instant
    except ValueError:
        return None


@dataclass(frozen=True)
class PendingTimer:
    """A timer the workflow waits on."""

    task_spec: str
    due_at: datetime


def _has_timer(definition: Any) -> bool:
    if isinstance(definition, TimerEventDefinition):
        return True
    # An event-based gateway waits with a MultipleEventDefinition; its timer's due instant
    # sits in the gateway task's own internal data.
    return any(isinstance(d, TimerEventDefinition)
               for d in getattr(definition, "event_definitions", ()))


def waits_for(wf: BpmnWorkflow, event: BpmnEvent) -> bool:
    """True when some waiting task of the workflow would catch ``event``."""
    return any(
        task.task_spec.event_definition.catches(task, event)
        for task in wf.event_manager.tasks.values()
    )


def pending_timers(wf: BpmnWorkflow) -> list[PendingTimer]:
    """Every timer the workflow waits on, with its due instant (UTC)."""
    found: list[PendingTimer] = []
    for task in wf.event_manager.tasks.values():
        if not _has_timer(getattr(task.task_spec, "event_definition", None)):
            continue
        due = _as_instant(task.internal_data.get("event_value"))
        if due is not None:
            found.append(PendingTimer(task.task_spec.bpmn_id or task.task_spec.name, due))
    return sorted(found, key=lambda t: t.due_at)


def move_deadline(wf: BpmnWorkflow, variable: str, value: str) -> list[str]:
    """Set deadline ``variable`` to ``value`` in the tasks still running or waiting, and re-arm
    every waiting timer whose expression reads it (due again at the next timer refresh).

    The reminder "one working day before" and the escalation at the deadline then move with a
    deadline a manager moved. The names of the re-armed timers are returned.
    """
    reads = re.compile(rf"\b{re.escape(variable)}\b")
    for task in wf.get_tasks(state=TaskState.READY | TaskState.WAITING | TaskState.STARTED):
        if variable in task.data:
            task.data[variable] = value
    moved: list[str] = []
    for task in wf.event_manager.tasks.values():
        definition = getattr(task.task_spec, "event_definition", None)
        definitions = [definition, *getattr(definition, "event_definitions", ())]
        timers = [d for d in definitions if isinstance(d, TimerEventDefinition)]
        if any(reads.search(str(d.expression)) for d in timers):
            # A waiting event merges its parent's data into its own at each update: the
            # parent (the split before a boundary event or a gateway) must carry it too.
            for holder in (task, task.parent):
                if holder is not None:
                    holder.data[variable] = value
            task.internal_data.pop("event_value", None)
            moved.append(task.task_spec.bpmn_id or task.task_spec.name)
    return sorted(moved)


def next_timer_at(wf: BpmnWorkflow) -> datetime | None:
    """The earliest due instant of the workflow's timers (None when it waits on none)."""
    timers = pending_timers(wf)
    return timers[0].due_at.astimezone(UTC) if timers else None
