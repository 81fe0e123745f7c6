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

from .json_words import form_problem_message, form_problem_words

ANALIS = "analis"


def form_checks(forms_dir: str) -> FormCheckFactory:
    """Checks of form file names: a draft's own forms first, then the forms folder."""
    folder = Path(forms_dir)

    def for_bundle(edited: Mapping[str, FormJson]) -> FormCheck:
        return BundleForms(folder, edited)

    return for_bundle


class BundleForms:
    """The forms a draft's diagrams name: the draft's own edit, else the forms folder's."""

    def __init__(self, folder: Path, edited: Mapping[str, FormJson]) -> None:
        self.folder = folder
        self.edited = edited
        self._read: dict[str, forms.FormDefinition | forms.FormError] = {}

    def __call__(self, file_name: str) -> str | None:
        """Why the form file cannot be used (None when it can)."""
        found = self._form(file_name)
        if isinstance(found, forms.FormNotFoundError):
            return Message(N_("berkas formulir tidak ditemukan"))
        # Kept as a message: the draft's problems are read later, in each reader's language.
        return form_problem_message(str(found)) if isinstance(found, forms.FormError) else None

    def fields(self, file_name: str) -> frozenset[str] | None:
        """The fields the form's data holds (None when the form cannot be read)."""
        found = self._form(file_name)
        return None if isinstance(found, forms.FormError) else frozenset(found.properties)

    def _form(self, file_name: str) -> forms.FormDefinition | forms.FormError:
        # Read once per bundle check: every user task and call asks again.
        if file_name not in self._read:
            try:
                self._read[file_name] = self._make(file_name)
            except forms.FormError as exc:
                self._read[file_name] = exc
        return self._read[file_name]

    def _make(self, file_name: str) -> forms.FormDefinition:
        key = forms.key_from_file_name(file_name)
        if key in self.edited:
            form = self.edited[key]
            return forms.make_form(key, form.schema, form.ui, source=file_name)
        return forms.shared_form(key, self.folder)


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
