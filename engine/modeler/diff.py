"""What changed between two versions: elements added, removed or changed, by id."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from sqlalchemy.orm import Session

from engine.workflow.definitions import definition_files, latest_definition
from engine.workflow.form_versions import FormJson, FormSource, forms_of
from engine.workflow.tables import ProcessDefinition
from engine.workflow.versions import get_version

from .drafts import bundle_of_draft
from .references import form_keys_of
from .tables import ModelerDraft
from .validation import parse_safely

DI_NAMESPACES = ("http://www.omg.org/spec/BPMN/20100524/DI",
                 "https://www.omg.org/spec/DMN/20191111/DMNDI/")
LAYOUT_ONLY = frozenset({"incoming", "outgoing", "flowNodeRef"})  # follow from the flows/lanes
# Parts with ids of their own that are shown as part of their parent (an event's timer, a rule's
# entries): a change to them is a change of the element on the canvas.
PARTS = frozenset({"inputEntry", "outputEntry", "inputExpression"})


@dataclass(frozen=True)
class ElementChange:
    """One element of one file that was added, removed or changed."""

    file: str
    element_id: str
    kind: str  # added|removed|changed
    type: str
    name: str
    details: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class VersionDiff:
    """Every change between two versions, per file and per form."""

    from_version: int
    to_version: int
    elements: list[ElementChange]
    forms: list[tuple[str, str]]  # (form key, added|removed|changed)

    def of_file(self, name: str) -> list[ElementChange]:
        """The element changes of one file."""
        return [c for c in self.elements if c.file == name]


def diff_versions(
    session: Session, from_id: int, to_id: int, form_source: FormSource | None = None
) -> VersionDiff:
    """The difference between two deployed versions (older first)."""
    old, new = get_version(session, from_id), get_version(session, to_id)
    elements = diff_files(definition_files(old), definition_files(new))
    forms = diff_forms(effective_forms(session, old, form_source),
                       effective_forms(session, new, form_source))
    return VersionDiff(old.version, new.version, elements, forms)


def diff_draft(
    session: Session, draft: ModelerDraft, form_source: FormSource | None = None
) -> VersionDiff:
    """What a draft would change against the newest deployed version (what its approver
    reads)."""
    latest = latest_definition(session, draft.process_id)
    bundle = bundle_of_draft(draft)
    old_forms = effective_forms(session, latest, form_source)
    elements = diff_files(definition_files(latest), bundle.files)
    forms = diff_forms(old_forms, {**old_forms, **bundle.forms})
    return VersionDiff(latest.version, latest.version + 1, elements, forms)


def effective_forms(
    session: Session, definition: ProcessDefinition, form_source: FormSource | None
) -> dict[str, FormJson]:
    """The forms a version's tasks use: stored with it, else (older versions) the folder's."""
    stored = forms_of(session, definition.id)
    if stored or form_source is None:
        return stored
    trees = {n: parse_safely(n, t)[0] for n, t in definition_files(definition).items()}
    keys = form_keys_of({n: t for n, t in trees.items() if t is not None})
    found = {key: form_source(key) for key in sorted(keys)}
    return {key: form for key, form in found.items() if form is not None}


def diff_files(old: dict[str, str], new: dict[str, str]) -> list[ElementChange]:
    """Element changes across bundles of files (a file added or removed counts whole)."""
    changes: list[ElementChange] = []
    for name in sorted(set(old) | set(new)):
        before = _elements(old.get(name, ""))
        after = _elements(new.get(name, ""))
        changes.extend(_compare(name, before, after))
    return changes


def diff_forms(old: dict[str, FormJson], new: dict[str, FormJson]) -> list[tuple[str, str]]:
    """Forms added, removed or changed between two versions' stored forms."""
    found = []
    for key in sorted(set(old) | set(new)):
        if key not in old:
            found.append((key, "added"))
        elif key not in new:
            found.append((key, "removed"))
        elif old[key] != new[key]:
            found.append((key, "changed"))
    return found


def _compare(
    file: str, before: dict[str, dict[str, str]], after: dict[str, dict[str, str]]
) -> list[ElementChange]:
    changes = []
    for element_id in sorted(set(before) | set(after)):
        old, new = before.get(element_id), after.get(element_id)
        if old is None and new is not None:
            changes.append(_change(file, element_id, "added", new, []))
        elif new is None and old is not None:
            changes.append(_change(file, element_id, "removed", old, []))
        elif old is not None and new is not None and old != new:
            changes.append(_change(file, element_id, "changed", new, _details(old, new)))
    return changes


def _change(
    file: str, element_id: str, kind: str, facts: dict[str, str], details: list[str]
) -> ElementChange:
    return ElementChange(file, element_id, kind, facts.get("type", ""), facts.get("@name", ""),
                         details)


def _details(old: dict[str, str], new: dict[str, str]) -> list[str]:
    details = []
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            details.append(f"{key.lstrip('@')}: {_short(old.get(key))} → {_short(new.get(key))}")
    return details


def _short(value: str | None, limit: int = 80) -> str:
    if value is None:
        return "—"
    text = " ".join(value.split())
    return json.dumps(text if len(text) <= limit else text[: limit - 1] + "…",
                      ensure_ascii=False)


def _elements(text: str) -> dict[str, dict[str, str]]:
    """Facts of each semantic element with an id: type, attributes, texts of its children."""
    if not text:
        return {}
    root, _ = parse_safely("", text)
    if root is None:
        return {}
    lanes = {ref.text: lane.get("name") or lane.get("id")
             for lane in root.iter("{*}lane") for ref in lane.iter("{*}flowNodeRef")}
    found: dict[str, dict[str, str]] = {}
    for element in root.iter():
        if not isinstance(element.tag, str) or element.get("id") is None:
            continue
        if etree.QName(element).namespace in DI_NAMESPACES or _is_part(element):
            continue
        facts = _facts(element)
        if element.get("id") in lanes:
            facts["lane"] = lanes[element.get("id")]
        found[element.get("id")] = facts
    return found


def _facts(element: Any) -> dict[str, str]:
    facts = {"type": etree.QName(element).localname}
    facts.update({f"@{k}": v for k, v in element.attrib.items() if k != "id" and "}" not in k})
    for child in _own_children(element):
        name = etree.QName(child).localname
        if name in LAYOUT_ONLY:
            continue
        text = _content(child)
        facts[name] = f"{facts[name]}\n{text}" if name in facts else text
    return facts


def _is_part(element: Any) -> bool:
    name = etree.QName(element).localname
    return name in PARTS or name.endswith("EventDefinition")


def _own_children(element: Any) -> list[Any]:
    """Children that are part of this element (not elements with ids of their own)."""
    return [c for c in element
            if isinstance(c.tag, str) and (c.get("id") is None or _is_part(c))]


def _content(child: Any) -> str:
    """The text an element carries: its own text, or its properties and nested texts."""
    props = [f"{p.get('name')}={p.get('value')}" for p in child.iter("{*}property")]
    if props:
        return ", ".join(props)
    parts = [child.text or ""] + [
        f"{etree.QName(c).localname}:{c.text or ''}" for c in child.iterdescendants()
        if isinstance(c.tag, str)]
    return " ".join(" ".join(parts).split())
