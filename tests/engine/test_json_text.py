"""engine.json_text writes what the standard library's json would have meant, value for value."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine import json_text

# What a form, a script or the engine leaves in a workflow's data: JSON's own values, with
# integers of any size, text of any Unicode (lone surrogates included) and non-text keys.
_SCALARS = (st.none() | st.booleans() | st.integers()
            | st.floats(allow_nan=False, allow_infinity=False) | st.text())
_KEYS = st.text() | st.integers() | st.booleans()
VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(_KEYS, inner, max_size=4), max_leaves=20)
# What an API answer holds: text keys (the standard library cannot sort mixed ones either).
ANSWERS = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(st.text(), inner, max_size=4), max_leaves=20)


def _standard(value: Any, **kwargs: Any) -> Any:
    return json.loads(json.dumps(value, **kwargs))


@given(VALUES)
def test_every_json_value_reads_back_as_the_standard_library_wrote_it(value: Any) -> None:
    assert json.loads(json_text.dumps(value)) == _standard(value)


@given(st.dictionaries(st.text(), ANSWERS, max_size=5))
def test_sorted_keys_are_the_standard_librarys_order(value: dict[str, Any]) -> None:
    def pairs(text: str) -> Any:  # every object as its (key, value) pairs, in written order
        return json.loads(text, object_pairs_hook=list)

    assert pairs(json_text.dumps(value, sort_keys=True)) == pairs(
        json.dumps(value, sort_keys=True))


@pytest.mark.parametrize("value", [2**64, -(2**63) - 1, {1: "satu"}, {None: 0}, "a\ud800b"])
def test_what_orjson_would_write_otherwise_is_written_by_the_standard_library(
        value: Any) -> None:
    assert json.loads(json_text.dumps(value)) == _standard(value)


def test_date_times_go_to_the_default_hook_as_before() -> None:
    # orjson would write these as ISO text itself: a saved state's date-times must instead be
    # what the serializer's hook makes of them, which it reads back as date-times.
    def default(value: Any) -> Any:
        return {"typename": type(value).__name__, "value": value.isoformat()}

    value = {"at": datetime(2026, 12, 7, 9, 30, tzinfo=UTC), "day": date(2026, 12, 7),
             "time": time(9, 30)}
    assert json.loads(json_text.dumps(value, default=default)) == _standard(
        value, default=default)


def test_dataclasses_go_to_the_default_hook_as_before() -> None:
    @dataclass
    class Place:
        name: str

    assert json_text.dumps([Place("Tebing Tinggi")], default=lambda v: f"<{v.name}>") == \
        '["<Tebing Tinggi>"]'


def test_a_value_json_cannot_hold_raises_type_error_as_before() -> None:
    with pytest.raises(TypeError):
        json_text.dumps({"x": object()})
    with pytest.raises(TypeError):
        json_text.dumps({"x": {1, 2}}, default=_refuse)


def _refuse(value: Any) -> Any:
    raise TypeError(type(value).__name__)


def test_the_text_is_compact_utf8() -> None:
    assert json_text.dumps({"kota": "Tebing Tinggi", "catatan": "jalan—rusak"}) == \
        '{"kota":"Tebing Tinggi","catatan":"jalan—rusak"}'
