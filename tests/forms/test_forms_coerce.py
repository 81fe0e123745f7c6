"""Coercion of HTML form posts into typed data."""

from __future__ import annotations

from typing import Any

import pytest

from forms import coerce, load_form, make_form, validate

TYPED = make_form(
    "angka",
    {
        "type": "object",
        "properties": {
            "jumlah": {"type": "integer"},
            "nilai": {"type": "number"},
            "label": {"type": "array", "items": {"type": "string", "maxLength": 20}},
            "setuju": {"type": "boolean"},
        },
    },
    {},
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({}, {"setuju": False}),
        ({"jumlah": "42"}, {"jumlah": 42, "setuju": False}),
        ({"jumlah": " -3 "}, {"jumlah": -3, "setuju": False}),
        ({"jumlah": "4.5"}, {"jumlah": "4.5", "setuju": False}),
        ({"nilai": "4,5"}, {"nilai": 4.5, "setuju": False}),
        ({"nilai": "7"}, {"nilai": 7, "setuju": False}),
        ({"nilai": "nan"}, {"nilai": "nan", "setuju": False}),
        ({"label": ["a", "", "b"]}, {"label": ["a", "b"], "setuju": False}),
        ({"label": "a"}, {"label": ["a"], "setuju": False}),
        ({"label": ["", " "]}, {"setuju": False}),
        ({"setuju": "on"}, {"setuju": True}),
        ({"setuju": ["true"]}, {"setuju": True}),
        ({"setuju": "1"}, {"setuju": True}),
        ({"setuju": "off"}, {"setuju": False}),
        ({"setuju": "mungkin"}, {"setuju": "mungkin"}),
    ],
)
def test_values_are_typed_per_schema(raw: dict[str, Any], expected: dict[str, Any]) -> None:
    assert coerce(TYPED, raw) == expected


def test_blank_fields_file_fields_and_unknown_keys_are_left_out() -> None:
    raw = {
        "title": "  Lampu mati  ",
        "description": "",
        "email": "   ",
        "id_document": "ktp.jpg",
        "attachments": ["a.jpg"],
        "csrf_token": "abc",
        "anonim": "on",
    }
    data = coerce(load_form("pengaduan_publik"), raw)
    assert data == {"title": "Lampu mati", "anonim": True, "rahasia": False}


def test_a_blank_required_field_is_reported_as_missing() -> None:
    form = load_form("balasan")
    assert validate(form, coerce(form, {"text": "   "})) == {"text": "Wajib diisi."}


def test_unchecked_acknowledgement_is_false_and_refused() -> None:
    form = load_form("pemberitahuan")
    data = coerce(form, {})
    assert data == {"acknowledged": False}
    assert validate(form, data) == {"acknowledged": "Wajib dicentang."}


def test_only_the_first_of_repeated_scalar_values_is_used() -> None:
    form = load_form("verifikasi")
    assert coerce(form, {"decision": ["forward", "archive"]})["decision"] == "forward"


class _MultiDict(dict[str, str]):
    """Like a web framework's multi-dict: item access gives the first value only."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        super().__init__(reversed(pairs))
        self._pairs = pairs

    def getlist(self, key: str) -> list[str]:
        return [value for name, value in self._pairs if name == key]


def test_multi_dicts_with_getlist_are_read_in_full() -> None:
    raw = _MultiDict([("label", "a"), ("label", "b"), ("jumlah", "1")])
    assert coerce(TYPED, raw) == {"label": ["a", "b"], "jumlah": 1, "setuju": False}


def test_prefixed_names_are_read() -> None:
    form = load_form("verifikasi")
    data = coerce(
        form, {"v-decision": "archive", "v-jenis": "aspirasi", "decision": "forward"}, "v-"
    )
    assert data == {"decision": "archive", "jenis": "aspirasi", "anonim": False, "rahasia": False}


def test_a_full_post_of_the_verification_form_validates(options: dict[str, Any]) -> None:
    form = load_form("verifikasi")
    raw = {"decision": "forward", "jenis": "pengaduan", "opd": "dinkes", "category": "Kesehatan",
           "cause": "", "reason": "", "note": "Cek lokasi.", "rahasia": "on"}  # fmt: skip
    data = coerce(form, raw)
    assert validate(form, data, options) == {}
    assert data["rahasia"] is True and data["anonim"] is False
    assert "cause" not in data and "reason" not in data
