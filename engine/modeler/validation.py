"""Validation of a diagram bundle on save: every problem with its file, element id and line."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from typing import Any, Protocol

from lxml import etree
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.spiff.parser.process import VALIDATOR

from engine.messages import N_, Message
from engine.workflow.decisions import DecisionParser
from engine.workflow.definitions import MAIN_PROCESS, MAX_FILE_BYTES, safe_xml_parser

from . import data_flow, lint, references, script_checks
from .problems import Problem, Report


class FormCheck(Protocol):
    """What the web layer says of the form files a diagram names (the engine reads no form)."""

    def __call__(self, file_name: str) -> str | None:
        """Why a form file (formJsonSchemaFilename/formUiSchemaFilename) cannot be used; None
        when it can."""

    def fields(self, file_name: str) -> Collection[str] | None:
        """The fields a form puts into the task data; None when it cannot be read."""


Trees = dict[str, Any]  # file name -> lxml root element

MAX_FILES = 20
FILE_NAME = re.compile(r"[A-Za-z0-9_.-]{1,100}\.(bpmn|dmn)")
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_NAMESPACES = {
    "http://www.omg.org/spec/BPMN/20100524/MODEL": "bpmn:",
    "http://spiffworkflow.org/bpmn/schema/1.0/core": "spiffworkflow:",
}


def parse_safely(name: str, text: str | bytes) -> tuple[Any | None, list[Problem]]:
    """Parse one uploaded file with no entities, no DTD, no network and a size limit."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if len(data) > MAX_FILE_BYTES:
        return None, [Problem(name, "xml", Message(N_("Berkas lebih besar dari %(limit)s bita"),
                                                   limit=MAX_FILE_BYTES))]
    found = _DECLARATION.search(data)
    if found is not None:
        line = data[: found.start()].count(b"\n") + 1
        return None, [Problem(name, "xml",
                              Message(N_("DOCTYPE dan ENTITY tidak diizinkan dalam diagram")),
                              line=line)]
    try:
        root = etree.fromstring(data, parser=safe_xml_parser())
    except etree.XMLSyntaxError as exc:
        return None, [Problem(name, "xml", Message(N_("XML tidak valid: %(error)s"), error=exc.msg),
                              line=exc.lineno)]
    if root.getroottree().docinfo.internalDTD is not None:  # pragma: no cover - caught above
        return None, [Problem(name, "xml", Message(N_("DOCTYPE tidak diizinkan")), line=1)]
    return root, []


def check_file_names(files: dict[str, str]) -> list[Problem]:
    """Names and count of the files in a bundle."""
    bad_name = Message(N_("Nama berkas harus berakhiran .bpmn atau .dmn (huruf, angka, _ . -)"))
    problems = [Problem(name, "file", bad_name) for name in files if not FILE_NAME.fullmatch(name)]
    if len(files) > MAX_FILES:
        problems.append(Problem("", "file", Message(N_("Paling banyak %(n)s berkas per draf"),
                                                    n=MAX_FILES)))
    if not any(name.endswith(".bpmn") for name in files):
        problems.append(Problem("", "file", Message(N_("Draf tidak berisi berkas .bpmn"))))
    return problems


def validate_bundle(
    files: dict[str, str],
    *,
    form_check: FormCheck | None = None,
    process_id: str = MAIN_PROCESS,
) -> Report:
    """Check a bundle of BPMN/DMN texts: XML, XSD, SpiffWorkflow, lint, scripts, forms, lanes."""
    problems = check_file_names(files)
    trees: Trees = {}
    for name, text in files.items():
        root, found = parse_safely(name, text)
        problems.extend(found)
        if root is not None:
            trees[name] = root
    if len(trees) == len(files) and not problems:
        problems.extend(check_schema(files))
        problems.extend(check_parse(trees, process_id))
    for name, root in trees.items():
        if name.endswith(".bpmn"):
            problems.extend(lint.lint(name, root))
            problems.extend(references.check_lanes(name, root))
            problems.extend(references.check_forms(name, root, form_check))
            problems.extend(references.check_instructions(name, root))
        problems.extend(script_checks.check_expressions(name, root))
    problems.extend(data_flow.check_reads(trees, form_check.fields if form_check else None))
    return Report(_unique(problems))


def check_schema(files: dict[str, str]) -> list[Problem]:
    """BPMN XSD errors (unknown or misplaced elements) with their lines (files parse safely)."""
    problems: list[Problem] = []
    for name, text in files.items():
        if not name.endswith(".bpmn"):
            continue
        root = etree.fromstring(text.encode("utf-8"), parser=safe_xml_parser())
        VALIDATOR.preprocess(root)  # renames a few tags in place, hence a parse of its own
        if VALIDATOR.validator.validate(root):
            continue
        for entry in VALIDATOR.validator.error_log:
            problems.append(Problem(name, "schema", shorten(entry.message),
                                    element_at_line(root, entry.line), entry.line))
    return problems


def check_parse(trees: Trees, process_id: str) -> list[Problem]:
    """What SpiffWorkflow's parser says (it stops at the first error)."""
    parser = DecisionParser()
    try:
        for name, root in trees.items():
            if name.endswith(".dmn"):
                parser.add_dmn_xml(root, filename=name)
            else:
                parser.add_bpmn_xml(root, filename=name)
        parser.get_spec(process_id)
        parser.get_subprocess_specs(process_id)
    except ValidationException as exc:
        file = exc.file_name or _file_of(trees, exc.id) or ""
        line = _as_int(exc.line_number) or element_line(trees, exc.id)
        return [Problem(file, "parse", shorten(str(exc).strip()), exc.id or None, line)]
    except Exception as exc:  # noqa: BLE001 - the parser raises assorted errors on bad input
        return [Problem("", "parse", Message(N_("SpiffWorkflow tidak dapat membaca diagram: "
                                                 "%(error)s"), error=str(exc)))]
    return []


def element_line(trees: Trees, element_id: str | None) -> int | None:
    """The source line of the element with ``element_id`` in any of the files."""
    for root in trees.values():
        found = find_by_id(root, element_id)
        if found is not None:
            return int(found.sourceline)
    return None


def find_by_id(root: Any, element_id: str | None) -> Any | None:
    """The element with ``element_id`` (None when absent)."""
    if not element_id:
        return None
    hits = root.xpath("//*[@id=$id]", id=element_id)
    return hits[0] if hits else None


def element_at_line(root: Any, line: int) -> str | None:
    """The id of the nearest element with an id at or around ``line``."""
    for element in root.iter():
        if getattr(element, "sourceline", None) == line:
            while element is not None and element.get("id") is None:
                element = element.getparent()
            return None if element is None else element.get("id")
    return None


def shorten(message: str) -> str:
    """A parser message without namespace URIs and endless lists of expected elements."""
    for uri, prefix in _NAMESPACES.items():
        message = message.replace("{" + uri + "}", prefix)
    return re.sub(r"Expected is one of \(.*?\)\.", "", message).strip()


def _file_of(trees: Trees, element_id: str | None) -> str | None:
    for name, root in trees.items():
        if find_by_id(root, element_id) is not None:
            return name
    return None


def _as_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _unique(problems: Iterable[Problem]) -> list[Problem]:
    seen: set[Problem] = set()
    kept = []
    for problem in problems:
        if problem not in seen:
            seen.add(problem)
            kept.append(problem)
    return kept
