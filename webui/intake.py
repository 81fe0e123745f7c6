"""Turning a posted complaint form and its files into the engine's Intake (portal and counter)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from flask import request
from werkzeug.datastructures import FileStorage

from engine.complaints.attachments import Upload
from engine.complaints.intake import Intake

ID_FIELD = "id_document"
EVIDENCE_FIELD = "attachments"


def upload_of(kind: str, storage: FileStorage | None) -> Upload | None:
    """An Upload from a posted file input; None when nothing was chosen."""
    if storage is None or not storage.filename:
        return None
    return Upload(kind=kind, filename=storage.filename, data=storage.read())


def posted_uploads() -> list[Upload]:
    """The ID-card copy and the evidence files of the posted complaint form."""
    found = [upload_of("identitas", request.files.get(ID_FIELD))]
    found += [upload_of("lampiran", f) for f in request.files.getlist(EVIDENCE_FIELD)]
    return [u for u in found if u is not None]


def build_intake(values: Mapping[str, Any], files: list[Upload], channel: str) -> Intake:
    """An Intake from the typed values of the ``pengaduan_publik`` form (already validated)."""
    incident = values.get("incident_date")
    return Intake(
        title=str(values.get("title", "")), description=str(values.get("description", "")),
        channel=channel, category=values.get("category"), kecamatan=values.get("kecamatan"),
        incident_date=date.fromisoformat(incident) if incident else None,
        anonim=bool(values.get("anonim")), rahasia=bool(values.get("rahasia")),
        name=values.get("name"), phone=values.get("phone"), email=values.get("email"),
        nik=values.get("nik"), files=files,
    )
