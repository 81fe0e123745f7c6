"""A form's ``pattern`` that could backtrack catastrophically is refused when the form is made,
naming the field; the shipped forms' patterns pass; long text is never matched."""

from __future__ import annotations

import json
from typing import Any

import pytest

from forms import InvalidFormError, form_keys, load_form, make_form, validate
from forms.definition import SCHEMA_DIRECTORY
from forms.patterns import (
    ALTERNATIVES,
    CHAINED,
    INVALID,
    MAX_PATTERN_TEXT,
    NESTED,
    pattern_problem,
    schema_patterns,
)


def _form(field: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False,
            "properties": {"reason": {"type": "string", "title": "Alasan", "maxLength": 2000,
                                      **field}}}


def _shipped_patterns() -> list[str]:
    found = []
    for path in sorted(SCHEMA_DIRECTORY.glob("*.json")):
        found += [p for _field, p in schema_patterns(json.loads(path.read_text("utf-8")))]
    return found


@pytest.mark.parametrize(("pattern", "reason"), [
    ("^(a+)+$", NESTED),
    ("^(a*)*$", NESTED),
    ("(.*a){20}", NESTED),
    (r"^(\w+\s?)+$", NESTED),
    ("(a?){20}a{20}", NESTED),
    ("(a|a)*", ALTERNATIVES),
    ("^(a|ab)*$", ALTERNATIVES),
    (r"^(\w|\d)+$", ALTERNATIVES),
    ("^a*a*a*$", CHAINED),
    (r"^\w*\w*\w*\w*$", CHAINED),
    (r"[^@\s]+@[^@\s]+\.[^@\s]+", CHAINED),  # unanchored: tried from every position
])
def test_a_pattern_that_can_backtrack_is_refused_naming_the_field(
    pattern: str, reason: str,
) -> None:
    assert pattern_problem(pattern).startswith(reason)
    with pytest.raises(InvalidFormError) as refused:
        make_form("verifikasi", _form({"pattern": pattern}), {})
    assert str(refused.value).startswith(f"verifikasi: field 'reason': pattern {pattern!r} "
                                         f"{reason}")


def test_a_pattern_that_is_no_regular_expression_is_refused() -> None:
    assert pattern_problem("(").startswith(f"{INVALID}: missing )")
    with pytest.raises(InvalidFormError, match="is not a 'regex'"):  # jsonschema's own check
        make_form("f", _form({"pattern": "("}), {})


def test_patterns_anywhere_in_the_schema_are_checked() -> None:
    schema = _form({})
    schema["allOf"] = [{"if": {"required": ["reason"]},
                        "then": {"properties": {"reason": {"pattern": "^(x+)+$"}}}}]
    with pytest.raises(InvalidFormError, match="field 'reason': pattern '\\^\\(x\\+\\)\\+\\$'"):
        make_form("f", schema, {})
    names = {"type": "object", "properties": {}, "patternProperties": {"^(a|a)*$": {}}}
    with pytest.raises(InvalidFormError, match=ALTERNATIVES):
        make_form("f", names, {})


@pytest.mark.parametrize("pattern", [
    *_shipped_patterns(),
    r"^(\d{1,3}\.){3}\d{1,3}$", r"^[a-z]+(-[a-z]+)*$", r"^[\w.-]+$", r"(?i)^[a-z ]+$",
    r"^\d+-\d+$", r"^(ab|cd)+$", r"^[A-Z]{2}\d{4}[A-Z]{0,3}$",
])
def test_usual_patterns_and_the_shipped_forms_pass(pattern: str) -> None:
    assert pattern_problem(pattern) == ""


def test_the_shipped_forms_have_patterns_and_load() -> None:
    assert len(_shipped_patterns()) >= 3
    for key in form_keys():
        load_form(key)


def test_text_longer_than_the_limit_fails_a_pattern_unmatched(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    form = make_form("f", _form({"pattern": "^a+$"}), {"reason": {
        "ui:messages": {"pattern": "Hanya huruf a."}}})
    assert validate(form, {"reason": "a" * MAX_PATTERN_TEXT}) == {}
    searched: list[str] = []
    monkeypatch.setattr("forms.patterns.re.search", lambda p, text: searched.append(text))
    assert validate(form, {"reason": "a" * (MAX_PATTERN_TEXT + 1)}) == {"reason": "Hanya huruf a."}
    assert searched == []


def test_a_pattern_in_a_shipped_form_still_guards_its_field() -> None:
    form = load_form("pengaduan_publik")
    assert validate(form, {"nik": "12345"})["nik"] == "NIK harus 16 digit angka."
    assert "nik" not in validate(form, {"nik": "1234567890123456"})
