"""Working-day arithmetic: real 2025–2026 dates, overrides, and properties that always hold."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.calendar.working_days import WIB, WorkingCalendar

CAL = WorkingCalendar()


def at(day: str, hour: int = 10) -> datetime:
    return datetime.combine(date.fromisoformat(day), time(hour), WIB)


@pytest.mark.parametrize(
    ("received", "n", "deadline"),
    [
        # Nyepi + Idul Fitri 2026 with cuti bersama: 18–24 March are all off.
        ("2026-03-17", 3, "2026-03-27"),
        ("2026-03-17", 1, "2026-03-25"),
        # The eve of Lebaran 2026 (Friday 20 March is already cuti bersama).
        ("2026-03-19", 3, "2026-03-27"),
        ("2026-03-20", 5, "2026-03-31"),
        ("2026-03-16", 10, "2026-04-07"),  # Good Friday 3 April is off too
        # Lebaran 2025: 31 March–7 April off.
        ("2025-03-27", 3, "2025-04-10"),
        ("2025-03-27", 1, "2025-04-08"),
        # Natal 2025 with cuti bersama on the 26th.
        ("2025-12-23", 3, "2025-12-30"),
        ("2025-12-24", 1, "2025-12-29"),
        # Natal 2026: cuti bersama on Thursday the 24th, Natal on Friday.
        ("2026-12-23", 1, "2026-12-28"),
        # 17 Agustus 2025 (Sunday) and its cuti bersama on Monday the 18th.
        ("2025-08-15", 1, "2025-08-19"),
        # 17 Agustus 2026 (Monday).
        ("2026-08-14", 1, "2026-08-18"),
        # A weekend receipt starts counting on Monday.
        ("2026-03-07", 1, "2026-03-09"),
        ("2026-03-08", 3, "2026-03-11"),
        # Plain weeks.
        ("2026-03-02", 3, "2026-03-05"),
        ("2026-03-05", 3, "2026-03-10"),
        ("2026-03-02", 10, "2026-03-16"),
    ],
)
def test_real_deadlines(received: str, n: int, deadline: str) -> None:
    due = CAL.add_working_days(at(received), n)
    assert due == datetime.combine(date.fromisoformat(deadline), time(23, 59, 59), WIB)


def test_day_is_taken_in_wib_not_utc() -> None:
    # 23:30 UTC on Monday is already Tuesday in Empat Lawang.
    late_monday_utc = datetime.fromisoformat("2026-03-02T23:30:00+00:00")
    assert CAL.add_working_days(late_monday_utc, 1).date() == date(2026, 3, 4)


def test_negative_days_go_back() -> None:
    assert CAL.add_working_days(at("2026-03-27"), -1).date() == date(2026, 3, 26)
    assert CAL.add_working_days(at("2026-03-25"), -1).date() == date(2026, 3, 17)


def test_zero_days_is_end_of_that_working_day_or_the_next() -> None:
    assert CAL.add_working_days(at("2026-03-02"), 0).date() == date(2026, 3, 2)
    assert CAL.add_working_days(at("2026-03-07"), 0).date() == date(2026, 3, 9)


def test_override_adds_a_day_off() -> None:
    cal = WorkingCalendar({date(2026, 3, 4): False})
    assert cal.add_working_days(at("2026-03-02"), 3).date() == date(2026, 3, 6)


def test_override_makes_a_holiday_a_working_day() -> None:
    cal = WorkingCalendar({date(2026, 3, 18): True})
    assert cal.add_working_days(at("2026-03-17"), 1).date() == date(2026, 3, 18)
    assert cal.is_working_day(date(2026, 3, 18))


def test_cuti_bersama_counts_as_day_off() -> None:
    # Without the "government" category 2026-03-23 would be a working day.
    assert not CAL.is_working_day(date(2026, 3, 23))
    assert CAL.holiday_name(date(2026, 3, 23)) is not None


def test_working_days_between() -> None:
    assert CAL.working_days_between(at("2026-03-02"), at("2026-03-05")) == 3
    assert CAL.working_days_between(at("2026-03-05"), at("2026-03-02")) == -3
    assert CAL.working_days_between(at("2026-03-17"), at("2026-03-27")) == 3
    assert CAL.working_days_between(at("2026-03-02", 8), at("2026-03-02", 17)) == 0


def test_days_off_lists_holidays_with_overrides_applied() -> None:
    cal = WorkingCalendar({date(2026, 3, 18): True, date(2026, 7, 1): False})
    off = cal.days_off(2026)
    assert date(2026, 3, 18) not in off
    assert date(2026, 7, 1) in off
    assert "Idul Fitri" in off[date(2026, 3, 21)]


def test_naive_instants_are_refused() -> None:
    with pytest.raises(ValueError):
        CAL.add_working_days(datetime(2026, 3, 2, 9), 1)


instants = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2026, 12, 20),
    timezones=st.just(WIB),
)


@settings(max_examples=200, deadline=None)
@given(instants, st.integers(min_value=1, max_value=30))
def test_deadline_is_end_of_a_working_day_after_receipt(instant: datetime, n: int) -> None:
    due = CAL.add_working_days(instant, n)
    assert due.time() == time(23, 59, 59)
    assert CAL.is_working_day(due.date())
    assert due.date() > instant.date()
    assert CAL.working_days_between(instant, due) == n


@settings(max_examples=200, deadline=None)
@given(instants, st.integers(min_value=1, max_value=15), st.integers(min_value=0, max_value=15))
def test_adding_days_composes(instant: datetime, a: int, b: int) -> None:
    # Once on a deadline (a working day), adding composes: (x + a) + b == x + (a + b).
    first = CAL.add_working_days(instant, a)
    assert CAL.add_working_days(first, b).date() == CAL.add_working_days(instant, a + b).date()


@settings(max_examples=200, deadline=None)
@given(instants, st.integers(min_value=2, max_value=20))
def test_deadline_is_monotonic_in_n(instant: datetime, n: int) -> None:
    assert CAL.add_working_days(instant, n) < CAL.add_working_days(instant, n + 1)
    assert CAL.add_working_days(instant, n) - CAL.add_working_days(instant, n - 1) >= timedelta(
        days=1
    )


def _counted_day_by_day(cal: WorkingCalendar, a: date, b: date) -> int:
    return sum(cal.is_working_day(a + timedelta(days=i)) for i in range(1, (b - a).days + 1))


overrides = st.dictionaries(
    st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 12, 31)), st.booleans(),
    max_size=6)


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 12, 31)),
       st.integers(min_value=0, max_value=700), overrides)
def test_fast_count_equals_counting_day_by_day(a: date, span: int, changes: dict) -> None:  # type: ignore[type-arg]
    cal = WorkingCalendar(changes)
    b = a + timedelta(days=span)
    assert cal.working_days_in(a, b) == _counted_day_by_day(cal, a, b)
