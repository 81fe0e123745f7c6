"""Loading form files: keys, caching, and clear errors for bad files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from forms import (
    FormDefinition,
    FormError,
    FormNotFoundError,
    InvalidFormError,
    form_keys,
    form_of_json,
    key_from_file_name,
    load_form,
    make_form,
    shared_form,
)

SIMPLE_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "properties": {"text": {"type": "string", "title": "Teks", "maxLength": 10}},
}


def _write(directory: Path, name: str, content: object) -> Path:
    """Write a JSON (or raw text) file into the directory."""
    path = directory / name
    text = content if isinstance(content, str) else json.dumps(content)
    path.write_text(text, encoding="utf-8")
    return path


def test_load_form_returns_the_definition() -> None:
    form = load_form("verifikasi")
    assert isinstance(form, FormDefinition)
    assert form.key == "verifikasi"
    assert form.fields[0] == "jenis"
    assert form.required == {"jenis", "decision"}


@pytest.mark.parametrize(
    "key",
    ["../verifikasi", "../../etc/passwd", "schemas/verifikasi", "/etc/passwd", "Verifikasi",
     "verifikasi.json", "verifikasi ", "", "..", "verifikasi\x00"],
)  # fmt: skip
def test_keys_outside_the_allowed_alphabet_are_rejected(key: str) -> None:
    with pytest.raises(FormNotFoundError):
        load_form(key)


def test_unknown_key_is_not_found_and_a_form_error() -> None:
    with pytest.raises(FormError, match="tidak_ada"):
        load_form("tidak_ada")
    assert issubclass(FormNotFoundError, FormError)
    assert issubclass(InvalidFormError, FormError)


def test_a_schema_that_is_not_json_schema_names_the_file(tmp_path: Path) -> None:
    broken = {**SIMPLE_SCHEMA, "properties": {"text": {"type": "strin"}}}
    _write(tmp_path, "rusak.json", broken)
    with pytest.raises(InvalidFormError, match=r"rusak\.json.*properties/text/type"):
        load_form("rusak", directory=tmp_path)


def test_a_file_that_is_not_json_names_the_file_and_line(tmp_path: Path) -> None:
    _write(tmp_path, "rusak.json", '{\n  "type": "object",\n  oops\n}')
    with pytest.raises(InvalidFormError, match=r"rusak\.json.*line 3"):
        load_form("rusak", directory=tmp_path)


def test_a_broken_ui_file_names_the_ui_file(tmp_path: Path) -> None:
    _write(tmp_path, "isian.json", SIMPLE_SCHEMA)
    _write(tmp_path, "isian.ui.json", "[1, 2")
    with pytest.raises(InvalidFormError, match=r"isian\.ui\.json"):
        load_form("isian", directory=tmp_path)


@pytest.mark.parametrize(
    ("ui", "problem"),
    [
        ({"ui:order": ["text", "other"]}, "unknown"),
        ({"ui:order": []}, "missing"),
        ({"ui:order": ["text", "text"]}, "once"),
        ({"text": {"ui:widget": "slider"}}, "slider"),
    ],
)
def test_a_ui_schema_that_does_not_fit_the_schema_is_rejected(
    tmp_path: Path, ui: dict[str, object], problem: str
) -> None:
    _write(tmp_path, "isian.json", SIMPLE_SCHEMA)
    _write(tmp_path, "isian.ui.json", ui)
    with pytest.raises(InvalidFormError, match=problem):
        load_form("isian", directory=tmp_path)


def test_a_form_without_ui_file_uses_the_schema_order(tmp_path: Path) -> None:
    _write(tmp_path, "isian.json", SIMPLE_SCHEMA)
    assert load_form("isian", directory=tmp_path).fields == ["text"]


def test_an_edited_file_is_read_again(tmp_path: Path) -> None:
    path = _write(tmp_path, "isian.json", SIMPLE_SCHEMA)
    assert load_form("isian", directory=tmp_path).field_schema("text")["maxLength"] == 10
    changed = {**SIMPLE_SCHEMA, "properties": {"text": {"type": "string", "maxLength": 20}}}
    _write(tmp_path, "isian.json", changed)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert load_form("isian", directory=tmp_path).field_schema("text")["maxLength"] == 20


def test_changing_a_loaded_form_does_not_change_the_next_load() -> None:
    load_form("balasan").schema["properties"].clear()
    assert load_form("balasan").fields == ["text"]


def test_form_keys_lists_schema_files_only(tmp_path: Path) -> None:
    _write(tmp_path, "b_isian.json", SIMPLE_SCHEMA)
    _write(tmp_path, "b_isian.ui.json", {})
    _write(tmp_path, "a_isian.json", SIMPLE_SCHEMA)
    _write(tmp_path, "Bukan-Kunci.json", SIMPLE_SCHEMA)
    assert form_keys(tmp_path) == ["a_isian", "b_isian"]


@pytest.mark.parametrize(
    ("file_name", "key"),
    [
        ("verifikasi.json", "verifikasi"),
        ("verifikasi.ui.json", "verifikasi"),
        ("balasan", "balasan"),
    ],
)
def test_key_from_file_name_reads_bpmn_form_properties(file_name: str, key: str) -> None:
    assert key_from_file_name(file_name) == key


def test_key_from_file_name_rejects_paths() -> None:
    with pytest.raises(FormNotFoundError):
        key_from_file_name("../verifikasi.json")


def test_make_form_checks_in_memory_definitions() -> None:
    with pytest.raises(InvalidFormError, match="pratinjau"):
        make_form("pratinjau", {"type": "object", "properties": {"a": {"minLength": -1}}}, {})
    assert make_form("pratinjau", SIMPLE_SCHEMA, {}).fields == ["text"]


def test_validation_reads_the_cached_form_until_the_file_changes(tmp_path: Path) -> None:
    _write(tmp_path, "catatan.json", SIMPLE_SCHEMA)
    first = shared_form("catatan", tmp_path)
    assert shared_form("catatan", tmp_path) is first  # no copy, no re-read per validation
    changed = {**SIMPLE_SCHEMA, "properties": {"text": {"type": "string", "maxLength": 3}}}
    path = _write(tmp_path, "catatan.json", changed)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert shared_form("catatan", tmp_path).properties["text"]["maxLength"] == 3


def test_a_ui_file_added_later_is_read_and_a_folder_of_its_name_is_none(tmp_path: Path) -> None:
    _write(tmp_path, "catatan.json", SIMPLE_SCHEMA)
    (tmp_path / "catatan.ui.json").mkdir()
    assert shared_form("catatan", str(tmp_path)).ui == {}
    (tmp_path / "catatan.ui.json").rmdir()
    _write(tmp_path, "catatan.ui.json", {"text": {"ui:widget": "textarea"}})
    assert shared_form("catatan", tmp_path).ui == {"text": {"ui:widget": "textarea"}}


def test_a_missing_form_is_not_found_for_validation(tmp_path: Path) -> None:
    with pytest.raises(FormNotFoundError):
        shared_form("tidak_ada", tmp_path)


def test_a_stored_form_is_checked_once_per_distinct_text() -> None:
    text = json.dumps(SIMPLE_SCHEMA)
    assert form_of_json("catatan", text, "{}") is form_of_json("catatan", text, "{}")
    with pytest.raises(InvalidFormError):
        form_of_json("catatan", json.dumps({"type": "no-such-type"}), "{}")
