"""What changed between two versions: elements added, removed or changed, by id."""

from __future__ import annotations

import difflib
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
XSI = "http://www.w3.org/2001/XMLSchema-instance"
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
        before_text, after_text = old.get(name, ""), new.get(name, "")
        found = _compare(name, _elements(before_text), _elements(after_text))
        if not found and before_text != after_text:
            found = _outside_elements(name, before_text, after_text)
        changes.extend(found)
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


def _outside_elements(file: str, old: str, new: str) -> list[ElementChange]:
    """A change the element comparison cannot place (text outside any element with an id):
    the whole file's content, layout left out, line by line. It must not pass as no change:
    the approver signs for everything that runs."""
    before, after = _file_lines(old), _file_lines(new)
    if before == after:
        return []
    return [ElementChange(file, "definitions", "changed", "definitions", "",
                          [_line_diff("definitions", before, after)])]


def _change(
    file: str, element_id: str, kind: str, facts: dict[str, str], details: list[str]
) -> ElementChange:
    return ElementChange(file, element_id, kind, facts.get("type", ""), facts.get("@name", ""),
                         details)


def _details(old: dict[str, str], new: dict[str, str]) -> list[str]:
    details = []
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        name = key.lstrip("@")
        if _fits_a_line(before) and _fits_a_line(after):
            details.append(f"{name}: {_quoted(before)} → {_quoted(after)}")
        else:  # a script, instructions, a task's settings: every changed line, in full
            details.append(_line_diff(name, _split(before), _split(after)))
    return details


def _fits_a_line(value: str | None, limit: int = 80) -> bool:
    return value is None or ("\n" not in value and len(value) <= limit)


def _quoted(value: str | None) -> str:
    return "—" if value is None else json.dumps(value, ensure_ascii=False)


def _split(value: str | None) -> list[str]:
    return [] if value is None else value.splitlines()


def _line_diff(name: str, before: list[str], after: list[str]) -> str:
    """The lines removed (-) and added (+), each with one unchanged line around it."""
    shown = [f"{name}:"]
    for line in list(difflib.unified_diff(before, after, lineterm="", n=1))[2:]:
        if not line.startswith("@@"):
            shown.append(f"{line[0]} {line[1:]}")
        elif len(shown) > 1:  # the lines left out between two changes
            shown.append("…")
    return "\n".join(shown)


def _elements(text: str) -> dict[str, dict[str, str]]:
    """Facts of each semantic element with an id: type, attributes, texts of its children."""
    root = _parsed(text)
    if root is None:
        return {}
    lanes = {ref.text: lane.get("name") or lane.get("id")
             for lane in root.iter("{*}lane") for ref in lane.iter("{*}flowNodeRef")}
    found: dict[str, dict[str, str]] = {}
    for element in root.iter():
        if not isinstance(element.tag, str) or element.get("id") is None:
            continue
        if _is_layout(element) or _is_part(element):
            continue
        facts = _facts(element)
        if element.get("id") in lanes:
            facts["lane"] = lanes[element.get("id")]
        key = element.get("id")
        while key in found:  # an id given twice must not hide the first element
            key = f"{key}′"
        found[key] = facts
    return found


def _parsed(text: str) -> Any | None:
    return parse_safely("", text)[0] if text else None


def _is_layout(element: Any) -> bool:
    return etree.QName(element).namespace in DI_NAMESPACES


def _facts(element: Any) -> dict[str, str]:
    facts = {"type": etree.QName(element).localname}
    facts.update({f"@{name}": value for name, value in _attributes(element) if name != "id"})
    for child in _own_children(element):
        name = etree.QName(child).localname
        if name in LAYOUT_ONLY:
            continue
        text = _content(child)
        facts[name] = f"{facts[name]}\n{text}" if name in facts else text
    return facts


def _attributes(element: Any) -> list[tuple[str, str]]:
    """An element's attributes, an extension's with its prefix (``spiffworkflow:x``).
    ``xsi:type`` is left out: it names the XML type of an expression, which the engine does
    not read."""
    found = []
    for key, value in element.attrib.items():
        name = etree.QName(key)
        if name.namespace == XSI:
            continue
        prefix = _prefix(element, name.namespace)  # an attribute without one has none
        found.append((f"{prefix}:{name.localname}" if prefix else name.localname, value))
    return found


def _prefix(element: Any, namespace: str | None) -> str | None:
    if namespace is None:
        return None
    return next((p for p, uri in element.nsmap.items() if uri == namespace and p), namespace)


def _is_part(element: Any) -> bool:
    name = etree.QName(element).localname
    return name in PARTS or name.endswith("EventDefinition")


def _own_children(element: Any) -> list[Any]:
    """Children that are part of this element (not elements with ids of their own)."""
    return [c for c in element
            if isinstance(c.tag, str) and (c.get("id") is None or _is_part(c))]


def _content(child: Any) -> str:
    """Everything a part of an element carries, a line per setting: its attributes, its text
    (a script keeps its lines) and, nested, each extension's (properties as name=value,
    instructions, pre- and post-scripts, a called decision)."""
    own = [(k, v) for k, v in _attributes(child) if k != "id"]  # a part's id is not a setting
    return "\n".join(([_settings(own)] if own else []) + _lines(child))


def _lines(node: Any) -> list[str]:
    lines = _text_lines(node.text)
    for child in node:
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child).localname
        if name == "property":
            lines.append(f"{child.get('name')}={child.get('value')}")
            continue
        own = _attributes(child)
        label = f"{name}[{_settings(own)}]" if own else name
        nested = _lines(child)
        if len(nested) == 1:
            lines.append(f"{label}: {nested[0]}")
        else:
            lines.append(f"{label}:" if nested else label)
            lines.extend(f"  {line}" for line in nested)
    return lines


def _settings(attributes: list[tuple[str, str]]) -> str:
    return " ".join(f"{name}={value}" for name, value in attributes)


def _text_lines(text: str | None) -> list[str]:
    """A text's lines without the blank ones around it (a script's indentation kept)."""
    lines = [line.rstrip() for line in (text or "").replace("\r\n", "\n").split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def _file_lines(text: str) -> list[str]:
    """A file's whole content without its layout, a line per setting."""
    root = _parsed(text)
    if root is None:
        return _text_lines(text)
    for layout in [e for e in root.iter() if isinstance(e.tag, str) and _is_layout(e)]:
        if layout.getparent() is not None:
            layout.getparent().remove(layout)
    return [etree.QName(root).localname, *(f"  {line}" for line in _lines(root))]
