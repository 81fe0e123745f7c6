"""An officer fills in the form deployed with the instance's version, not the folder's copy."""

from __future__ import annotations

import json
from pathlib import Path

from engine.workflow.form_versions import FormJson, store_forms
from tests.walk import Walk
from tests.webui.pages import Pages, text_of

FORMS = Path(__file__).resolve().parents[2] / "forms" / "schemas"


def test_task_page_uses_the_versioned_form(pages: Pages, walk: Walk, services) -> None:  # type: ignore[no-untyped-def]
    # Bug: the task page drew the form from the folder while the engine checked the version's.
    code = walk.file().tracking_code
    schema = json.loads((FORMS / "verifikasi.json").read_text())
    ui = json.loads((FORMS / "verifikasi.ui.json").read_text())
    schema["properties"]["note"]["title"] = "Catatan versi analis"
    with services.uow() as uow:
        definition_id = walk.instance(code).definition_id
        store_forms(uow.session, definition_id, {"verifikasi": FormJson(schema, ui)})
        uow.commit()
    walk.user("tim_admin")
    pages.login("tim_admin")
    page = text_of(pages.get(f"/petugas/tugas/{walk.task(code, 'verifikasi').id}"))
    assert "Catatan versi analis" in page
