"""Reporting periods: months, quarters and years in WIB."""

from __future__ import annotations

from datetime import date

import pytest

from engine.calendar.periods import Period, month_of, parse_period
from engine.errors import FormInvalidError
from tests.walk import wib


@pytest.mark.parametrize(("text", "code", "label", "first", "end"), [
    ("2026-03", "2026-03", "Maret 2026", date(2026, 3, 1), date(2026, 4, 1)),
    ("2026-12", "2026-12", "Desember 2026", date(2026, 12, 1), date(2027, 1, 1)),
    ("2026-q1", "2026-Q1", "Triwulan I 2026", date(2026, 1, 1), date(2026, 4, 1)),
    ("2026-Q4", "2026-Q4", "Triwulan IV 2026", date(2026, 10, 1), date(2027, 1, 1)),
    (" 2026 ", "2026", "Tahun 2026", date(2026, 1, 1), date(2027, 1, 1)),
])
def test_parse(text: str, code: str, label: str, first: date, end: date) -> None:
    period = parse_period(text)
    assert (period.code, period.label, period.first_day, period.end_day) == (
        code, label, first, end)
    assert len(period.days()) == (end - first).days


@pytest.mark.parametrize("text", ["", "2026-13", "2026-00", "2026-Q5", "26-03", "1999",
                                  "2026/03", "Maret 2026"])
def test_invalid(text: str) -> None:
    with pytest.raises(FormInvalidError):
        parse_period(text)


def test_bounds_are_wib_instants() -> None:
    march = parse_period("2026-03")
    assert march.start == wib("2026-03-01 00:00")
    assert march.end == wib("2026-04-01 00:00")
    assert month_of(wib("2026-03-31 23:59")) == Period("bulan", 2026, 3)


def test_scopes_most_specific_first() -> None:
    assert parse_period("2026-05").scopes() == ["2026-05", "2026-Q2", "2026"]
    assert parse_period("2026-Q3").scopes() == ["2026-Q3", "2026"]
    assert parse_period("2026").scopes() == ["2026"]
