"""Every shipped form file is a valid, complete and bilingual form definition."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from forms import form_keys, load_form
from forms.definition import SCHEMA_DIRECTORY, WIDGETS

EXPECTED_FIELDS = {
    "verifikasi": {
        "decision", "opd", "category", "jenis", "anonim", "rahasia", "cause", "reason", "note",
        "persetujuan_pelapor", "instansi_tujuan",
    },
    "tindak_lanjut": {"outcome", "response", "resolution", "note"},
    "tanggapan_unit": {"draft", "note"},
    "periksa_tanggapan": {"check", "response", "note", "resolution"},
    "koordinasi": {"summary", "contacted_at", "next_step"},
    "pemberitahuan": {"acknowledged", "note"},
    "pengaduan_publik": {
        "title", "description", "category", "kecamatan", "desa", "latitude", "longitude",
        "incident_date", "anonim", "rahasia", "name", "phone", "email", "nik", "id_document",
        "attachments",
    },
    "klarifikasi_pelapor": {"text"},
    "balasan": {"text"},
}  # fmt: skip
KEYS = sorted(EXPECTED_FIELDS)


def _read(name: str) -> dict[str, Any]:
    """One shipped JSON file."""
    data: dict[str, Any] = json.loads((SCHEMA_DIRECTORY / name).read_text(encoding="utf-8"))
    return data


def _string_schemas(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Every property schema (and array item schema) of type string."""
    found = []
    for prop in schema["properties"].values():
        for part in (prop, prop.get("items", {})):
            if part.get("type") == "string":
                found.append(part)
    return found


def test_form_keys_are_exactly_the_expected_forms() -> None:
    assert form_keys() == KEYS


@pytest.mark.parametrize("key", KEYS)
def test_schema_is_valid_draft_2020_12(key: str) -> None:
    schema = _read(f"{key}.json")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == EXPECTED_FIELDS[key]


@pytest.mark.parametrize("key", KEYS)
def test_ui_order_lists_exactly_the_properties(key: str) -> None:
    ui = _read(f"{key}.ui.json")
    order = ui["ui:order"]
    assert len(order) == len(set(order))
    assert set(order) == set(_read(f"{key}.json")["properties"])


@pytest.mark.parametrize("key", KEYS)
def test_every_string_field_has_a_max_length(key: str) -> None:
    for prop in _string_schemas(_read(f"{key}.json")):
        assert isinstance(prop.get("maxLength"), int), prop


@pytest.mark.parametrize("key", KEYS)
def test_every_field_is_labelled_in_both_languages(key: str) -> None:
    form = load_form(key)
    assert form.schema.get("title") and form.ui.get("ui:title_en")
    for name in form.fields:
        ui = form.field_ui(name)
        assert form.field_schema(name).get("title"), name
        assert ui.get("ui:title_en"), name
        assert ui.get("ui:widget", "text") in WIDGETS
        if ui.get("ui:help"):
            assert ui.get("ui:help_en"), name


@pytest.mark.parametrize("key", KEYS)
def test_every_enum_value_has_labels_in_both_languages(key: str) -> None:
    form = load_form(key)
    for name in form.fields:
        enum = form.field_schema(name).get("enum")
        if not enum:
            continue
        ui = form.field_ui(name)
        assert set(ui["ui:enum_labels"]) == set(enum), name
        assert set(ui["ui:enum_labels_en"]) == set(enum), name


@pytest.mark.parametrize(
    ("key", "field", "source"),
    [
        ("verifikasi", "opd", "opds"),
        ("verifikasi", "category", "categories"),
        ("verifikasi", "cause", "causes"),
        ("tindak_lanjut", "resolution", "resolutions"),
        ("periksa_tanggapan", "resolution", "resolutions"),
        ("pengaduan_publik", "category", "categories"),
        ("pengaduan_publik", "kecamatan", "kecamatan"),
        ("pengaduan_publik", "desa", "desa"),
    ],
)
def test_data_driven_fields_name_their_option_list(key: str, field: str, source: str) -> None:
    assert load_form(key).field_ui(field)["ui:options_source"] == source


def test_public_form_explains_anonim_and_rahasia_in_plain_words() -> None:
    form = load_form("pengaduan_publik")
    assert "identitas anda tidak ditampilkan kepada opd dan publik" in (
        form.field_ui("anonim")["ui:help"].lower()
    )
    assert "laporan tidak dipublikasikan" in form.field_ui("rahasia")["ui:help"].lower()


@pytest.mark.parametrize(("key", "field"), [("pengaduan_publik", "id_document")])
def test_identity_document_is_a_single_file_and_attachments_are_many(key: str, field: str) -> None:
    form = load_form(key)
    assert form.field_ui(field)["ui:widget"] == "file"
    assert form.field_ui("attachments")["ui:widget"] == "file"
    assert form.field_schema("attachments")["type"] == "array"
