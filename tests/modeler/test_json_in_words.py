"""A form typed with broken JSON is explained in words, in the reader's language, naming the
box, line and column: never the parser's own "Unterminated string starting at"."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

import pytest

PARSER_TEXT = ("Unterminated", "Expecting", "Extra data", "delimiter", "char ")


def _csrf(client: Any) -> str:
    found = re.search(r'data-csrf="([^"]+)"', client.get("/analis/pemodel").get_data(as_text=True))
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize(("schema", "ui", "words"), [
    ('{"type": "object', "{}", "JSON Schema: JSON tidak valid di baris 1, kolom 10 — tanda "
                               'kutip penutup (") tidak ditemukan.'),
    ('{"type": "object",}', "{}", "nama isian harus diapit tanda kutip ganda"),
    ('{"type" "object"}', "{}", "kurang titik dua (:) setelah nama isian"),
    ('{"type": object}', "{}", "nilai kosong atau tidak dikenal"),
    ('{"type": "object"}', '{"a": 1} x', "UI schema: JSON tidak valid di baris 1, kolom 10 — "
                                         "ada tulisan lagi setelah objek JSON selesai."),
])
def test_a_broken_form_is_explained_in_words(client: Any, sign_in: Callable[[str], Any],
                                             schema: str, ui: str, words: str) -> None:
    sign_in("analis")
    token = _csrf(client)
    saved = client.post("/analis/formulir/verifikasi",
                        data={"csrf_token": token, "schema": schema, "ui": ui})
    page = html.unescape(saved.get_data(as_text=True))
    assert saved.status_code == 422
    assert words in page
    assert not [text for text in PARSER_TEXT if text in page]
    assert schema in page  # what was typed is kept for correcting
    preview = client.post("/analis/api/pratinjau-formulir", headers={"X-CSRFToken": token},
                          json={"key": "verifikasi", "schema_text": schema, "ui_text": ui}).json
    assert preview["ok"] is False and words in preview["error"]


def test_in_english(client: Any, sign_in: Callable[[str], Any]) -> None:
    sign_in("analis")
    client.get("/analis/pemodel?lang=en")
    token = _csrf(client)
    preview = client.post("/analis/api/pratinjau-formulir", headers={"X-CSRFToken": token},
                          json={"key": "x", "schema_text": '{"a": "b', "ui_text": ""}).json
    assert preview["error"] == ('JSON Schema: invalid JSON at line 1, column 7 — the closing '
                                'quote (") is missing.')


def test_the_preview_reads_the_typed_boxes(client: Any, sign_in: Callable[[str], Any]) -> None:
    sign_in("analis")
    token = _csrf(client)
    schema = '{"type": "object", "properties": {"alasan": {"type": "string", "title": "Alasan"}}}'
    preview = client.post("/analis/api/pratinjau-formulir", headers={"X-CSRFToken": token},
                          json={"key": "x", "schema_text": schema, "ui_text": " "}).json
    assert preview["ok"] and 'name="alasan"' in preview["html"]


@pytest.mark.parametrize(("schema", "ui", "words"), [
    ({"type": "teks"}, {}, "JSON Schema tidak sah di type: nilai 'teks' tidak dikenal"),
    ({"type": "object", "properties": {"a": {"type": "string", "maxLength": "x"}}}, {},
     "JSON Schema tidak sah di properties/a/maxLength: 'x' harus bertipe 'integer'"),
    ({"type": "string"}, {}, 'JSON Schema formulir harus berupa objek dengan "properties".'),
    ({"type": "object", "properties": {"a": {"type": "string"}}}, {"ui:order": ["b"]},
     "ui:order harus memuat setiap isian tepat sekali (belum ada: ['a']; tidak dikenal: "
     "['b'])."),
    ({"type": "object", "properties": {"a": {"type": "string"}}},
     {"a": {"ui:widget": "slider"}}, "Isian 'a': ui:widget 'slider' tidak dikenal."),
])
def test_a_wrong_form_is_explained_in_words(client: Any, sign_in: Callable[[str], Any],
                                            schema: dict[str, Any], ui: dict[str, Any],
                                            words: str) -> None:
    sign_in("analis")
    token = _csrf(client)
    preview = client.post("/analis/api/pratinjau-formulir", headers={"X-CSRFToken": token},
                          json={"key": "x", "schema": schema, "ui": ui}).json
    assert preview == {"ok": False, "error": words}
    assert not [text for text in ("invalid", "is not", "must", "unknown") if text in words]
