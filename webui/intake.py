"""A posted complaint and its files as the engine's Intake: one reading of uploads, with one set
of rules, for the portal, the counter and the API."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from flask import request

import forms
from engine.complaints.attachments import Upload
from engine.complaints.identity import check_id_copy
from engine.complaints.intake import Intake, tidy_phone
from engine.errors import FormInvalidError
from engine.messages import N_, Message
from engine.settings import Settings

from . import kept_files
from .receipts import posted_token

# Form field of a file -> the kind of upload it is.
FILE_KINDS = {"id_document": "identitas", "attachments": "lampiran", "scan": "pindaian"}
COMPLAINT_FILES = ("id_document", "attachments")
# Fields that carry one file at most, and what is said when more came.
ONE_FILE = {"id_document": N_("Kirim satu salinan kartu identitas saja."),
            "scan": N_("Kirim satu pindaian formulir saja.")}


def posted_uploads(fields: Iterable[str] = COMPLAINT_FILES) -> list[Upload]:
    """The files posted in ``fields``: a file input left blank is nothing (or the files kept
    from this form's earlier attempt), a field of one file refuses a second (FormInvalidError);
    size and type are the engine's checks."""
    found: list[Upload] = []
    too_many: dict[str, str] = {}
    token = posted_token()
    for field in fields:
        sent = [f for f in request.files.getlist(field) if f.filename]
        if field in ONE_FILE and len(sent) > 1:
            too_many[field] = Message(ONE_FILE[field])
        if not sent and token:
            found += kept_files.load(token, field, FILE_KINDS[field])
        found += [Upload(kind=FILE_KINDS[field], filename=f.filename or "berkas", data=f.read())
                  for f in sent]
    if too_many:
        raise FormInvalidError(too_many)
    return found


def keep_for_next_attempt(files: list[Upload]) -> list[str]:
    """Keep the attempt's acceptable files for the form's next attempt; their names."""
    token = posted_token()
    if not token or not files:
        return []
    fields = {kind: field for field, kind in FILE_KINDS.items()}
    by_field: dict[str, list[Upload]] = {}
    for upload in files:
        # A scan is stored as the kind of what it shows (pindaian, pindaian_nama, ...).
        field = "scan" if upload.kind.startswith("pindaian") else fields.get(upload.kind)
        if field:
            by_field.setdefault(field, []).append(upload)
    return kept_files.keep(token, by_field)


def filed() -> None:
    """The form's complaint is filed: its kept files are not needed any more."""
    kept_files.drop(posted_token())


def posted_values(form: forms.FormDefinition) -> dict[str, Any]:
    """The complaint form's typed values, the phone number without the spaces, dots and dashes
    people write in it (stored normalised)."""
    values = forms.coerce(form, request.form)
    if "phone" in values:
        values["phone"] = tidy_phone(values["phone"])
    return values


def build_intake(values: Mapping[str, Any], files: list[Upload], channel: str,
                 submission_token: str | None = None) -> Intake:
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
        nik=values.get("nik"), files=files, submission_token=submission_token,
    )


def id_copy_errors(values: Mapping[str, Any], files: list[Upload], channel: str,
                   settings: Settings) -> dict[str, str]:
    """The ID-copy requirement's error by its field (empty when met), to show with the rest."""
    try:
        check_id_copy(channel, bool(values.get("anonim")), files, settings)
    except FormInvalidError as exc:
        return exc.errors
    return {}
