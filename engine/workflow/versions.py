"""Deployed versions of a process: list them with their instance counts, open one."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.errors import NotFoundError

from .definitions import MAIN_PROCESS
from .tables import ProcessDefinition, ProcessInstance


@dataclass(frozen=True)
class VersionSummary:
    """A version as the versions list shows it."""

    id: int
    version: int
    author: str
    note: str
    hash: str
    deployed_at: datetime
    files: list[str]
    instances: dict[str, int] = field(default_factory=dict)  # status -> count
    approved_by: str = ""

    @property
    def running(self) -> int:
        """Instances still running on this version."""
        return self.instances.get("running", 0)

    @property
    def total(self) -> int:
        """Every instance ever started on this version."""
        return sum(self.instances.values())


def list_versions(session: Session, process_id: str = MAIN_PROCESS) -> list[VersionSummary]:
    """Every deployed version, newest first, with instance counts per status."""
    counts: dict[int, dict[str, int]] = {}
    rows = session.execute(
        select(ProcessInstance.definition_id, ProcessInstance.status, func.count())
        .group_by(ProcessInstance.definition_id, ProcessInstance.status))
    for definition_id, status, count in rows:
        counts.setdefault(definition_id, {})[status] = count
    definitions = session.scalars(
        select(ProcessDefinition).where(ProcessDefinition.process_id == process_id)
        .order_by(ProcessDefinition.version.desc()))
    return [
        VersionSummary(d.id, d.version, d.author, d.note, d.hash, d.deployed_at,
                       sorted(json.loads(d.files)), counts.get(d.id, {}), d.approved_by)
        for d in definitions
    ]


def get_version(session: Session, definition_id: int) -> ProcessDefinition:
    """A deployed version by id, or NotFoundError."""
    found = session.get(ProcessDefinition, definition_id)
    if found is None:
        raise NotFoundError("Versi tidak ditemukan")
    return found
