"""Process definitions: deploy BPMN/DMN files as versions, parse each version once."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from threading import Lock
from typing import Any, TypeVar

from lxml import etree
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.bpmn.specs import BpmnProcessSpec
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from engine.errors import DefinitionError
from engine.kept import Kept

from .decisions import DecisionParser
from .tables import ProcessDefinition

MAIN_PROCESS = "pengaduan"
MAX_FILE_BYTES = 2 * 1024 * 1024
T = TypeVar("T")


def safe_xml_parser() -> etree.XMLParser:
    """An lxml parser that expands no entities and fetches nothing from the network."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )


def read_process_files(directory: Path) -> dict[str, str]:
    """The BPMN and DMN files of a folder, by file name."""
    files = sorted([*directory.glob("*.bpmn"), *directory.glob("*.dmn")])
    if not files:
        raise DefinitionError(f"no .bpmn files in {directory}")
    return {f.name: f.read_text(encoding="utf-8") for f in files}


def bundle_hash(files: dict[str, str]) -> str:
    """A stable hash of a set of files."""
    return hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True, eq=False)
class ParsedProcess:
    """A parsed version: the specs to run instances with."""

    spec: BpmnProcessSpec
    subprocess_specs: dict[str, BpmnProcessSpec]


def parse_files(files: dict[str, str], process_id: str = MAIN_PROCESS) -> ParsedProcess:
    """Parse a bundle of BPMN/DMN texts; DefinitionError names the file and element."""
    parser = DecisionParser()
    try:
        for name, text in files.items():
            data = text.encode("utf-8")
            if len(data) > MAX_FILE_BYTES:
                raise DefinitionError(f"{name}: file larger than {MAX_FILE_BYTES} bytes")
            tree = etree.fromstring(data, parser=safe_xml_parser())
            if name.endswith(".dmn"):
                parser.add_dmn_xml(tree, filename=name)
            else:
                parser.add_bpmn_xml(tree, filename=name)
        return ParsedProcess(
            parser.get_spec(process_id), parser.get_subprocess_specs(process_id)
        )
    except etree.XMLSyntaxError as exc:
        raise DefinitionError(f"XML error: {exc}") from exc
    except ValidationException as exc:
        raise DefinitionError(f"{exc.file_name or ''} {exc.id or ''}: {exc}".strip()) from exc


@dataclass(frozen=True)
class VersionRef:
    """What a command needs of a deployed version: not its files (those are parsed once)."""

    id: int
    process_id: str
    version: int
    hash: str


class SpecCache:
    """Parsed specs by bundle hash: a version is parsed once per process, never per request."""

    def __init__(self) -> None:
        self._parsed: dict[str, ParsedProcess] = {}
        self._lock = Lock()

    def get(self, definition: ProcessDefinition) -> ParsedProcess:
        """The parsed specs of ``definition``."""
        return self._cached(definition.hash, definition.process_id, lambda: definition.files)

    def of_version(self, session: Session, ref: VersionRef) -> ParsedProcess:
        """The parsed specs of a version; its files are read only on the first use."""
        return self._cached(ref.hash, ref.process_id, lambda: session.scalar(
            select(ProcessDefinition.files).where(ProcessDefinition.id == ref.id)) or "{}")

    def of_definition(self, session: Session, definition_id: int) -> ParsedProcess:
        """The parsed specs an instance of version ``definition_id`` runs on."""
        return self.of_version(session, version_ref(session, definition_id))

    def _cached(self, bundle: str, process_id: str, files: Callable[[], str]) -> ParsedProcess:
        key = f"{bundle}:{process_id}"
        parsed = self._parsed.get(key)
        if parsed is None:
            with self._lock:
                parsed = self._parsed.get(key)
                if parsed is None:
                    parsed = parse_files(json.loads(files()), process_id)
                    self._parsed[key] = parsed
        return parsed


class DeployedCache:
    """What was read of deployed versions by their id (the version's reference, its forms), in
    this process. Exact without asking again: a deployed version and its forms are written in
    one transaction and never changed or removed afterwards (a change is a new version).

    One per Runtime, so per database: a test's wiped database may give an id out again.
    """

    MAX_ENTRIES = 10_000  # a bound far above the versions times forms of a regency

    def __init__(self) -> None:
        self._found: Kept[tuple[str, int, str], Any] = Kept(self.MAX_ENTRIES)

    def get(self, kind: str, definition_id: int, key: str, load: Callable[[], T]) -> T:
        """The ``kind`` fact of version ``definition_id`` (``key``: which of them), loaded once."""
        found: T = self._found.get((kind, definition_id, key), load)
        return found

    def version(self, session: Session, definition_id: int) -> VersionRef:
        """The version an instance of ``definition_id`` runs on, read once."""
        return self.get("version", definition_id, "",
                        lambda: version_ref(session, definition_id))


_REF_COLUMNS = (ProcessDefinition.id, ProcessDefinition.process_id, ProcessDefinition.version,
                ProcessDefinition.hash)


def version_ref(session: Session, definition_id: int) -> VersionRef:
    """The version an instance runs on, without its files."""
    row = session.execute(select(*_REF_COLUMNS).where(
        ProcessDefinition.id == definition_id)).one()
    return VersionRef(*row)


def latest_version_query(process_id: str = MAIN_PROCESS) -> Select[int, str, int, str]:
    """The statement of ``latest_version``: its row is the version's columns, in order; a
    caller may add columns of its own after them (one round trip for both)."""
    return (select(*_REF_COLUMNS).where(ProcessDefinition.process_id == process_id)
            .order_by(ProcessDefinition.version.desc()).limit(1))


def latest_version(session: Session, process_id: str = MAIN_PROCESS) -> VersionRef:
    """The newest deployed version of a process, without its files."""
    return latest_version_of(session.execute(latest_version_query(process_id)).first(),
                             process_id)


def latest_version_of(row: Sequence[Any] | None, process_id: str = MAIN_PROCESS) -> VersionRef:
    """The version in the first four columns of a ``latest_version_query`` row."""
    if row is None:
        raise DefinitionError(f"process {process_id!r} is not deployed; run `alur db upgrade`")
    return VersionRef(*row[:4])


def latest_definition(session: Session, process_id: str = MAIN_PROCESS) -> ProcessDefinition:
    """The newest deployed version of a process."""
    found = session.scalars(
        select(ProcessDefinition)
        .where(ProcessDefinition.process_id == process_id)
        .order_by(ProcessDefinition.version.desc())
        .limit(1)
    ).first()
    if found is None:
        raise DefinitionError(f"process {process_id!r} is not deployed; run `alur db upgrade`")
    return found


def deploy(
    session: Session,
    files: dict[str, str],
    *,
    author: str,
    note: str,
    now: datetime,
    process_id: str = MAIN_PROCESS,
    approved_by: str = "",
) -> ProcessDefinition:
    """Store ``files`` as the next version of ``process_id`` after checking they parse."""
    parse_files(files, process_id)
    current = session.scalar(
        select(func.max(ProcessDefinition.version)).where(
            ProcessDefinition.process_id == process_id
        )
    )
    definition = ProcessDefinition(
        process_id=process_id,
        version=(current or 0) + 1,
        files=json.dumps(files, sort_keys=True),
        hash=bundle_hash(files),
        author=author,
        note=note,
        deployed_at=now,
        approved_by=approved_by,
    )
    session.add(definition)
    session.flush()
    return definition


def ensure_deployed(session: Session, directory: Path, now: datetime) -> ProcessDefinition | None:
    """Deploy the folder's diagrams when they differ from the newest version (None: unchanged)."""
    files = read_process_files(directory)
    known = session.scalar(
        select(ProcessDefinition.id).where(ProcessDefinition.hash == bundle_hash(files)).limit(1)
    )
    if known is not None:  # already deployed once: an analyst's newer version stays newest
        return None
    return deploy(session, files, author="sistem", note=f"dari {directory.name}/", now=now)


def definition_files(definition: ProcessDefinition) -> dict[str, Any]:
    """The stored files of a version."""
    return dict(json.loads(definition.files))
