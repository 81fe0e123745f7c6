"""References out of a diagram: lanes to roles, user tasks to their form files; and what a user
task tells officers, in both languages."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from engine.complaints.projection import INSTRUCTIONS, INSTRUCTIONS_EN
from engine.domain import ROLES, role_for_lane
from engine.messages import N_, Message

from .problems import Problem

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
SPIFF = "http://spiffworkflow.org/bpmn/schema/1.0/core"
NS = {"bpmn": BPMN, "spiffworkflow": SPIFF}
LANE_ROLES = frozenset(ROLES) | {"pelapor"}
FORM_PROPERTIES = ("formJsonSchemaFilename", "formUiSchemaFilename")
FormCheck = Callable[[str], str | None]


def check_lanes(file: str, root: Any) -> list[Problem]:
    """Every lane names a role (or the reporter); user tasks sit in a lane when lanes exist."""
    problems = []
    for lane in root.iterfind(".//bpmn:lane", NS):
        role = role_for_lane(lane.get("name"))
        if role not in LANE_ROLES:
            problems.append(Problem(
                file, "lane",
                Message(N_("Lajur '%(lane)s' tidak sesuai peran mana pun (peran: %(roles)s)"),
                        lane=lane.get("name") or "", roles=", ".join(sorted(LANE_ROLES))),
                lane.get("id"), lane.sourceline))
    for process in root.iterfind(".//bpmn:process", NS):
        in_lanes = {ref.text for ref in process.iterfind(".//bpmn:flowNodeRef", NS)}
        if process.find("bpmn:laneSet", NS) is None:
            continue
        for task in process.iterfind(".//bpmn:userTask", NS):
            if task.get("id") not in in_lanes:
                label = task.get("name") or task.get("id")
                problems.append(Problem(file, "lane", Message(
                    N_("Tugas '%(task)s' tidak berada di lajur"), task=label),
                    task.get("id"), task.sourceline))
    return problems


def form_references(root: Any) -> Iterator[tuple[Any, str, str]]:
    """(user task, property name, file name) of every form property in a BPMN tree."""
    for task in root.iterfind(".//bpmn:userTask", NS):
        for prop in task.iterfind(".//spiffworkflow:property", NS):
            if prop.get("name") in FORM_PROPERTIES:
                yield task, prop.get("name"), (prop.get("value") or "").strip()


def form_keys_of(files: dict[str, Any]) -> set[str]:
    """Keys of the forms a bundle's user tasks refer to (parsed trees by file name)."""
    keys = set()
    for name, root in files.items():
        if name.endswith(".bpmn"):
            for _task, _prop, value in form_references(root):
                if value:
                    keys.add(value.removesuffix(".json").removesuffix(".ui"))
    return keys


def check_forms(file: str, root: Any, form_check: FormCheck | None) -> list[Problem]:
    """Each form file a user task names exists and holds a valid JSON Schema form."""
    problems = []
    for task in root.iterfind(".//bpmn:userTask", NS):
        props = {p.get("name"): p for p in task.iterfind(".//spiffworkflow:property", NS)}
        if "formJsonSchemaFilename" not in props:
            problems.append(Problem(file, "form", Message(
                N_("Tugas '%(task)s' belum punya formulir (formJsonSchemaFilename)"),
                task=task.get("name") or task.get("id")), task.get("id"), task.sourceline,
                "warning"))
    if form_check is None:
        return problems
    checked: dict[str, str | None] = {}
    for task, prop, value in form_references(root):
        if value not in checked:
            checked[value] = form_check(value) if value else Message(N_("nama berkas kosong"))
        message = checked[value]
        if message:
            # Nothing to translate in the framing; the form check's message may be a Message.
            problems.append(Problem(file, "form", Message("%(prop)s '%(value)s': %(message)s",
                                                          prop=prop, value=value,
                                                          message=message),
                                    task.get("id"), task.sourceline))
    return problems


def check_instructions(file: str, root: Any) -> list[Problem]:
    """A user task's instructions are written in English too (a warning: until they are,
    officers who read in English are shown the Indonesian ones)."""
    problems = []
    for task in root.iterfind(".//bpmn:userTask", NS):
        if _extension_text(task, INSTRUCTIONS) and not _extension_text(task, INSTRUCTIONS_EN):
            problems.append(Problem(file, "instructions", Message(
                N_("Tugas '%(task)s' belum punya instruksi dalam bahasa Inggris: petugas yang "
                   "memilih English membaca instruksi berbahasa Indonesia"),
                task=task.get("name") or task.get("id")), task.get("id"), task.sourceline,
                "warning"))
    return problems


def _extension_text(task: Any, name: str) -> str:
    return (task.findtext(f"./bpmn:extensionElements/spiffworkflow:{name}", namespaces=NS)
            or "").strip()
