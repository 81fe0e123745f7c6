"""What a task's form starts with, read from the task's own workflow data.

Only the task page of one complaint reads this; list pages never open a workflow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from SpiffWorkflow.util.task import TaskState
from sqlalchemy.orm import Session

from engine.workflow.context import Runtime
from engine.workflow.runtime import find_task, load_state
from engine.workflow.scripting import make_script_engine
from engine.workflow.tables import ProcessInstance

from .tables import Complaint, HumanTask

# form key -> {form field: workflow variable it starts from}. The liaison checks the technical
# unit's draft; a draft sent back is edited, not retyped; verification starts from what the
# reporter chose and from the OPD the decision table suggests.
PREFILL: dict[str, dict[str, str]] = {
    "verifikasi": {"category": "category", "anonim": "anonim", "rahasia": "rahasia",
                   "opd": "opd_saran", "jenis": "jenis"},
    "tanggapan_unit": {"draft": "draft"},
    "periksa_tanggapan": {"response": "draft"},
}
# Forms whose person should read the note the previous person left ("note" in the data).
HANDOVER_NOTE = frozenset({"verifikasi", "tanggapan_unit", "periksa_tanggapan"})


@dataclass(frozen=True)
class TaskStart:
    """Values to prefill the form with and the note handed over by the previous step."""

    prefill: dict[str, Any] = field(default_factory=dict)
    note: str | None = None
    # Re-verification after a clarification: the question asked and the reporter's answer.
    clarification: tuple[str, str] | None = None
    # Re-verification after an OPD sent the report back as not its own: that OPD's code.
    returned_by: str | None = None


def task_start(session: Session, rt: Runtime, row: HumanTask) -> TaskStart:
    """The prefill and handover note of a ready task (the caller has checked who may see it)."""
    if row.form_key not in PREFILL and row.form_key not in HANDOVER_NOTE:
        return TaskStart()
    data = _task_data(session, rt, row.instance_id, row.id)
    mapping = PREFILL.get(row.form_key or "", {})
    prefill = {name: data[var] for name, var in mapping.items() if data.get(var) not in (None, "")}
    note = data.get("note") if row.form_key in HANDOVER_NOTE else None
    returned_by = _returned_by(row, data)
    if returned_by is not None and prefill.get("opd") == returned_by:
        # The table suggests by category, and the OPD of that category just said "not ours":
        # one hurried click must not send the report straight back to it.
        del prefill["opd"]
    return TaskStart(prefill, str(note) if note else None, _clarification(row, data),
                     returned_by)


def _returned_by(row: HumanTask, data: dict[str, Any]) -> str | None:
    """The OPD that sent the report back, when verification comes round again after a
    forward (the only way back to it with "forward" as the last decision)."""
    if row.form_key != "verifikasi" or data.get("decision") != "forward" or not data.get("opd"):
        return None
    return str(data["opd"])


def _clarification(row: HumanTask, data: dict[str, Any]) -> tuple[str, str] | None:
    answer = data.get("balasan")
    if (row.form_key != "verifikasi" or data.get("decision") != "clarify"
            or not data.get("reason") or not isinstance(answer, dict) or not answer.get("text")):
        return None
    return str(data["reason"]), str(answer["text"])


def clarification_question(session: Session, rt: Runtime, complaint: Complaint) -> str | None:
    """The question Tim Admin asked while the complaint waits for the reporter's clarification."""
    if complaint.status != "perlu_klarifikasi" or complaint.instance_id is None:
        return None
    wf = _workflow(session, rt, complaint.instance_id)
    if wf is None:
        return None
    for task in wf.get_tasks(state=TaskState.WAITING | TaskState.READY):
        question = task.data.get("reason")
        if question:
            return str(question)
    return None


def _task_data(session: Session, rt: Runtime, instance_id: int, task_id: str) -> dict[str, Any]:
    wf = _workflow(session, rt, instance_id)
    task = find_task(wf, task_id) if wf is not None else None
    return dict(task.data) if task is not None else {}


def _workflow(session: Session, rt: Runtime, instance_id: int) -> Any:
    instance = session.get(ProcessInstance, instance_id)
    if instance is None or not instance.state:
        return None
    return load_state(instance.state, instance.serializer_version,
                      rt.specs.of_definition(session, instance.definition_id),
                      make_script_engine({}))
