"""A draft whose user task names an invalid form is told why in the reader's language, whoever
saved it: the problem is kept as a translatable message, not the forms package's English."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engine.modeler.drafts import Bundle, FormCheckFactory, save_draft, working_bundle
from engine.workflow.definitions import MAIN_PROCESS
from engine.workflow.form_versions import FormJson
from tests.walk import Walk
from tests.webui.pages import text_of
from webui.modeler.json_words import form_problem_message

from .bundles import default_files

# A type that is neither a JSON type name nor a list of them: jsonschema's "anyOf" refusal.
INVALID = FormJson({"type": "object", "properties": {"a": {"type": 5}}}, {})
INDONESIAN = "JSON Schema tidak sah di properties/a/type: nilai 5 tidak dikenal"
ENGLISH = "JSON Schema not valid at properties/a/type: the value 5 is unknown"
RAW = "invalid JSON Schema at"


def _said(words: str) -> list[str]:
    # Both of the task's form files name the same form.
    return [f"formJsonSchemaFilename 'verifikasi.json': {words}",
            f"formUiSchemaFilename 'verifikasi.ui.json': {words}"]


def _form_problems(client: Any, draft_id: int) -> list[str]:
    bundle = client.get(f"/analis/api/bundle?draft={draft_id}").json
    return [p["message"] for p in bundle["problems"] if p["code"] == "form"]


def test_an_invalid_form_of_a_saved_draft_reads_in_each_language(
    walk: Walk, checks: FormCheckFactory, sign_in: Callable[[str], Any],
) -> None:
    with walk.services.uow() as uow:
        base, _ = working_bundle(uow.session)
    bundle = Bundle(MAIN_PROCESS, default_files(), {**base.forms, "verifikasi": INVALID},
                    base.base_definition_id)
    draft_id = save_draft(walk.services.uow(), bundle, author="analis", note="", now=walk.clock(),
                          checks=checks).draft_id
    client = sign_in("analis")
    indonesian = _form_problems(client, draft_id)
    assert indonesian == _said(INDONESIAN)
    page = text_of(client.get(f"/analis/pemodel?draft={draft_id}"))
    assert INDONESIAN in page and RAW not in page
    client.get("/analis/pemodel?lang=en")
    english = _form_problems(client, draft_id)
    assert english == _said(ENGLISH)
    page = text_of(client.get(f"/analis/pemodel?draft={draft_id}"))
    assert ENGLISH in page and INDONESIAN not in page and RAW not in page


def test_an_unknown_reason_stays_as_the_forms_package_said_it() -> None:
    text = "x.json: something the words do not know"
    assert form_problem_message(text) == text
    assert type(form_problem_message(text)) is str
