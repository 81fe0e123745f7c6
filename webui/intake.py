"""A posted complaint and its files as the engine's Intake: one reading of uploads, with one set
of rules, for the portal, the counter and the API."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from flask import request

from engine.complaints.attachments import Upload
from engine.complaints.identity import check_id_copy
from engine.complaints.intake import Intake
from engine.errors import FormInvalidError
from engine.messages import N_, Message
from engine.settings import Settings

# Form field of a file -> the kind of upload it is.
FILE_KINDS = {"id_document": "identitas", "attachments": "lampiran", "scan": "pindaian"}
COMPLAINT_FILES = ("id_document", "attachments")
# Fields that carry one file at most, and what is said when more came.
ONE_FILE = {"id_document": N_("Kirim satu salinan kartu identitas saja."),
            "scan": N_("Kirim satu pindaian formulir saja.")}


def posted_uploads(fields: Iterable[str] = COMPLAINT_FILES) -> list[Upload]:
    """The files posted in ``fields``: a file input left blank is nothing, a field of one file
    refuses a second (FormInvalidError); size and type are the engine's checks."""
    found: list[Upload] = []
    too_many: dict[str, str] = {}
    for field in fields:
        sent = [f for f in request.files.getlist(field) if f.filename]
        if field in ONE_FILE and len(sent) > 1:
            too_many[field] = Message(ONE_FILE[field])
        found += [Upload(kind=FILE_KINDS[field], filename=f.filename or "berkas", data=f.read())
                  for f in sent]
    if too_many:
        raise FormInvalidError(too_many)
    return found


def build_intake(values: Mapping[str, Any], files: list[Upload], channel: str) -> Intake:
    """An Intake from the typed values of the ``pengaduan_publik`` form (already validated)."""
    incident = values.get("incident_date")
    return Intake(
        title=str(values.get("title", "")), description=str(values.get("description", "")),
        channel=channel, category=values.get("category"), kecamatan=values.get("kecamatan"),
        desa=values.get("desa"), latitude=values.get("latitude"),
        longitude=values.get("longitude"),
        incident_date=date.fromisoformat(incident) if incident else None,
        anonim=bool(values.get("anonim")), rahasia=bool(values.get("rahasia")),
        name=values.get("name"), phone=values.get("phone"), email=values.get("email"),
        nik=values.get("nik"), files=files,
    )


def id_copy_errors(values: Mapping[str, Any], files: list[Upload], channel: str,
                   settings: Settings) -> dict[str, str]:
    """The ID-copy requirement's error by its field (empty when met), to show with the rest."""
    try:
        check_id_copy(channel, bool(values.get("anonim")), files, settings)
    except FormInvalidError as exc:
        return exc.errors
    return {}
