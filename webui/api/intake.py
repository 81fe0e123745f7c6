"""A complaint as it arrives at the API: JSON, or multipart with the ID copy and attachments.

Channels: the public (and any officer) files through ``web`` or ``mobile``; Front Office also
types in paper reports from the box (``kotak``) and the counter (``loket``). ``sms`` and
``nasional`` belong to their connectors, which call the engine with their own bookkeeping
(the national exchange's external id), so the API refuses them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import request

import forms
from engine.complaints.attachments import Upload
from engine.complaints.intake import INTAKE_FORM, Intake
from engine.domain import Actor
from engine.errors import FormInvalidError
from forms.validation import plausible_day
from webui.intake import COMPLAINT_FILES, posted_uploads
from webui.wiring import services

from .common import json_object, refuse_nul, reject_unknown

PUBLIC_CHANNELS = ("web", "mobile")
COUNTER_CHANNELS = ("kotak", "loket")
COUNTER_ROLES = frozenset({"front_office"})
FORM_BODIES = ("multipart/form-data", "application/x-www-form-urlencoded")


def allowed_channels(actor: Actor | None) -> tuple[str, ...]:
    """The channels ``actor`` (None: the public) may file a complaint through."""
    if actor is not None and actor.role in COUNTER_ROLES:
        return PUBLIC_CHANNELS + COUNTER_CHANNELS
    return PUBLIC_CHANNELS


def intake_from_request(actor: Actor | None) -> Intake:
    """The Intake the request describes; FormInvalidError for fields it cannot carry."""
    # Read only (its field names and types): the cached form itself, not a copy of it.
    form = forms.shared_form(INTAKE_FORM, services().settings.forms_dir)
    text_fields = [name for name in form.properties if name not in COMPLAINT_FILES]
    if request.mimetype in FORM_BODIES:
        fields, files = _from_form(form, text_fields)
    else:
        fields, files = json_object(), []
        reject_unknown(fields, [*text_fields, "channel"])
        _reject_nulls(fields)
    channel = fields.pop("channel", "web")
    if channel not in allowed_channels(actor):
        raise FormInvalidError({"channel": "Saluran ini tidak dapat dipakai di sini; pilih: "
                                + ", ".join(allowed_channels(actor))})
    if "incident_date" in fields:
        fields["incident_date"] = _date(fields["incident_date"])
    return Intake(title=fields.pop("title", ""), description=fields.pop("description", ""),
                  channel=channel, files=files, **fields)


def _reject_nulls(fields: dict[str, Any]) -> None:
    # The schema has no nullable field; a null would reach a NOT NULL column as None.
    nulls = {name: "Isi dengan nilai, bukan null." for name, v in fields.items() if v is None}
    if nulls:
        raise FormInvalidError(nulls)


def _from_form(form: forms.FormDefinition, text_fields: list[str]
               ) -> tuple[dict[str, Any], list[Upload]]:
    posted = {name: request.form.getlist(name) for name in request.form}
    refuse_nul(posted)
    reject_unknown(posted, [*text_fields, "channel"])
    reject_unknown(request.files, COMPLAINT_FILES)
    fields = forms.coerce(form, request.form)
    if request.form.get("channel"):
        fields["channel"] = request.form["channel"]
    return fields, posted_uploads()


def _date(value: Any) -> date:
    if isinstance(value, str):
        try:
            return plausible_day(value)
        except ValueError:
            pass
    raise FormInvalidError({"incident_date": "Tanggal tidak valid (format TTTT-BB-HH)."})
