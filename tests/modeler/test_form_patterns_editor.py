"""The form editor refuses a pattern that could hang a web worker, in words, naming the field
(the public complaint form is edited with the same editor)."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from typing import Any

import pytest

from engine.settings import ROOT

from .test_views import _csrf

FORMS = ROOT / "forms" / "schemas"


@pytest.mark.parametrize(("pattern", "words"), [
    ("^(a+)+$", "mengulang kelompok yang di dalamnya sudah ada pengulangan"),
    ("^(a|ab)*$", "mengulang pilihan yang dapat cocok dengan teks yang sama"),
    ("^a*a*a*$", "tiga pengulangan atau lebih berurutan"),
])
def test_a_catastrophic_pattern_is_refused_naming_the_field(
    sign_in: Callable[[str], Any], pattern: str, words: str,
) -> None:
    client = sign_in("analis")
    token = _csrf(client)
    schema = json.loads((FORMS / "pengaduan_publik.json").read_text("utf-8"))
    schema["properties"]["name"]["pattern"] = pattern
    ui = (FORMS / "pengaduan_publik.ui.json").read_text("utf-8")
    saved = client.post("/analis/formulir/pengaduan_publik", data={
        "csrf_token": token, "schema": json.dumps(schema), "ui": ui})
    page = html.unescape(saved.get_data(as_text=True))
    assert saved.status_code == 422
    assert f"Isian 'name': pola '{pattern}' dapat membuat pemeriksaan isian berjalan sangat " \
           f"lama pada teks tertentu: {words}" in page
    preview = client.post("/analis/api/pratinjau-formulir", headers={"X-CSRFToken": token},
                          json={"key": "pengaduan_publik", "schema": schema,
                                "ui": json.loads(ui)}).json
    assert preview["ok"] is False and "Isian 'name': pola" in preview["error"]


def test_the_shipped_public_form_saves(sign_in: Callable[[str], Any]) -> None:
    client = sign_in("analis")
    token = _csrf(client)
    saved = client.post("/analis/formulir/pengaduan_publik", data={
        "csrf_token": token, "schema": (FORMS / "pengaduan_publik.json").read_text("utf-8"),
        "ui": (FORMS / "pengaduan_publik.ui.json").read_text("utf-8")})
    assert saved.status_code == 302
