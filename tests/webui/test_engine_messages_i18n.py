"""Engine messages with variable parts (engine.messages.Message) read in the reader's language
on pages; the JSON API answers in Indonesian whatever ?lang= says (it has no language choice)."""

from __future__ import annotations

import dataclasses
import io
from typing import Any

import pytest
from flask import Flask

from engine.accounts.signin import create_user
from engine.errors import FormInvalidError
from engine.modeler.validation import validate_bundle
from tests.admin.test_admin import NEW_LIAISON
from tests.modeler.bundles import default_files
from tests.walk import Walk
from webui.texts import engine_text, problem_text, with_problem_texts
from webui.wiring import Services

from .pages import Pages, text_of

COMPLAINTS = "/api/v1/complaints"
REPORT = {"title": "Jalan rusak di Pendopo",
          "description": "Jalan utama desa berlubang besar sejak musim hujan tahun lalu.",
          "name": "Budi", "phone": "081234567890", "category": "8", "kecamatan": "16.11.04"}
PDF = b"%PDF-1.4\n%fake but starts right\n"


def _refusal(walk: Walk, role: str, opd: str | None) -> FormInvalidError:
    with walk.services.uow() as uow, pytest.raises(FormInvalidError) as refused:
        create_user(uow.session, "baru", "Baru", role, "rahasia-123", walk.clock(), opd)
    return refused.value


@pytest.mark.parametrize(("role", "field", "indonesian", "english"), [
    ("bupati", "role", "Peran tidak dikenal: bupati", "Unknown role: bupati"),
    ("pejabat_penghubung", "opd_code", "Peran ini harus terikat pada satu OPD",
     "This role must belong to one OPD"),
])
def test_account_refusals_in_both_languages(app: Flask, walk: Walk, role: str, field: str,
                                            indonesian: str, english: str) -> None:
    message = _refusal(walk, role, None).errors[field]
    assert message == indonesian
    with app.test_request_context("/?lang=id"):
        assert engine_text(message) == indonesian
    with app.test_request_context("/?lang=en"):
        assert engine_text(message) == english


def test_an_account_form_error_with_a_number_in_english(pages: Pages, walk: Walk) -> None:
    walk.user("sysadmin")
    pages.login("sysadmin")
    short = {**NEW_LIAISON, "password": "x"}
    page = text_of(pages.post("/admin/pengguna", short, status=422))
    assert "Kata sandi minimal 8 karakter." in page
    pages.get("/admin/pengguna?lang=en")
    page = text_of(pages.post("/admin/pengguna", short, status=422))
    assert "Password must have at least 8 characters." in page and "Kata sandi" not in page


def test_a_script_problem_translates_its_parts_not_the_parser_text(app: Flask) -> None:
    broken = {**default_files(), "extra.dmn": _dmn_with_input("1 +")}
    found = [p for p in validate_bundle(broken).as_list() if p["code"] == "dmn_input"]
    assert found and found[0]["message"].startswith("Aturan masukan DMN: galat sintaks: ")
    parser_text = found[0]["message"].removeprefix("Aturan masukan DMN: galat sintaks: ")
    with app.test_request_context("/?lang=en"):
        assert problem_text(found[0]) == "DMN input rule: syntax error: " + parser_text
        assert with_problem_texts(found)[0]["message"] == problem_text(found[0])
        # A problem saved before messages kept their templates reads as it was saved.
        assert problem_text({"message": "Alur ganda dari 'a' ke 'b'"}) == \
            "Alur ganda dari 'a' ke 'b'"


def _dmn_with_input(entry: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d"
             namespace="http://example.org/dmn">
  <decision id="keputusan" name="Keputusan">
    <decisionTable id="tabel">
      <input id="masukan"><inputExpression id="ekspresi"><text>kategori</text></inputExpression>
      </input>
      <output id="keluaran" name="opd"/>
      <rule id="aturan"><inputEntry id="masuk"><text>{entry}</text></inputEntry>
        <outputEntry id="keluar"><text>"DINKES"</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>"""


def test_the_api_answers_in_indonesian_whatever_the_lang_argument(client: Any,
                                                                  services: Services) -> None:
    # An engine Message reaches the JSON as its Indonesian text; no Accept-Language or ?lang=
    # convention exists for the API, so its messages stay Indonesian.
    services.runtime.settings = dataclasses.replace(services.settings, max_upload_mb=0)
    for url in (COMPLAINTS, COMPLAINTS + "?lang=en"):
        form = {**REPORT, "anonim": "on", "attachments": (io.BytesIO(PDF), "surat.pdf")}
        answer = client.post(url, data=form, content_type="multipart/form-data",
                             headers={"Accept-Language": "en"})
        assert answer.status_code == 422
        fields = answer.get_json()["error"]["fields"]
        assert list(fields.values()) == ["Berkas terlalu besar (maksimal 0 MB)."]
    answer = client.post(COMPLAINTS + "?lang=en", json={**REPORT, "channel": "sms"})
    assert answer.get_json()["error"]["fields"]["channel"].startswith("Saluran ini tidak dapat")
