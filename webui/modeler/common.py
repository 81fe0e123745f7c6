"""What the modeler's screens share: form checks wired to the forms package, the analyst."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

import forms
from engine.messages import N_, Message
from engine.modeler.drafts import (
    Bundle,
    FormCheckFactory,
    bundle_of_draft,
    bundle_of_version,
    draft_problems,
    get_draft,
    working_bundle,
)
from engine.modeler.validation import FormCheck
from engine.workflow.form_versions import FormJson, FormSource
from engine.workflow.versions import get_version

from .json_words import form_problem_words

ANALIS = "analis"


def form_checks(forms_dir: str) -> FormCheckFactory:
    """Checks of form file names: a draft's own forms first, then the forms folder."""
    folder = Path(forms_dir)

    def for_bundle(edited: Mapping[str, FormJson]) -> FormCheck:
        def check(file_name: str) -> str | None:
            try:
                key = forms.key_from_file_name(file_name)
                if key in edited:
                    forms.make_form(key, edited[key].schema, edited[key].ui, source=file_name)
                else:
                    forms.load_form(key, folder)
            except forms.FormNotFoundError:
                return Message(N_("berkas formulir tidak ditemukan"))
            except forms.FormError as exc:
                return str(exc)
            return None

        return check

    return for_bundle


def form_source(forms_dir: str) -> FormSource:
    """The forms folder as JSON (None when a key has no form there)."""
    folder = Path(forms_dir)

    def read(key: str) -> FormJson | None:
        try:
            form = forms.load_form(key, folder)
        except forms.FormError:
            return None
        return FormJson(form.schema, form.ui)

    return read


def check_form_json(key: str, schema: object, ui: object) -> str | None:
    """Why an edited form is not a valid form (None when it is)."""
    if not isinstance(schema, dict) or not isinstance(ui, dict):
        return "JSON Schema dan UI schema harus berupa objek JSON"
    try:
        forms.make_form(key, schema, ui)
    except forms.FormError as exc:
        return form_problem_words(str(exc))
    return None


Opened = tuple[Bundle, int | None, list[dict[str, Any]]]


def open_bundle(session: Session, args: Mapping[str, Any]) -> Opened:
    """(bundle, draft id, saved problems) named by ``draft=`` or ``version=`` (else the newest)."""
    draft_id, version_id = _int(args.get("draft")), _int(args.get("version"))
    if draft_id:
        draft = get_draft(session, draft_id)
        return bundle_of_draft(draft), draft.id, draft_problems(draft)
    if version_id:
        return bundle_of_version(session, get_version(session, version_id)), None, []
    bundle, draft_id = working_bundle(session)
    problems = draft_problems(get_draft(session, draft_id)) if draft_id else []
    return bundle, draft_id, problems


def _int(value: Any) -> int | None:
    try:
        return int(value) if value else None
    except (TypeError, ValueError):
        return None
