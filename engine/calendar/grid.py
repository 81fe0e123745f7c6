"""A year of the working calendar as month grids: weekends, holidays, cuti bersama, overrides."""

from __future__ import annotations

import calendar as stdlib_calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import holidays

from .working_days import WorkingCalendar

# Kinds of day, in the words the legend of the grid uses.
WORK, WEEKEND, HOLIDAY, CUTI, ADMIN_OFF, ADMIN_WORK = (
    "kerja", "akhir_pekan", "libur_nasional", "cuti_bersama", "libur_admin", "kerja_admin")


@dataclass(frozen=True)
class GridDay:
    """One cell: the day (None for padding before the 1st and after the last), kind and name."""

    day: date | None
    kind: str = ""
    name: str = ""


@dataclass(frozen=True)
class MonthGrid:
    """A month as weeks of seven cells, Monday first."""

    year: int
    month: int
    weeks: list[list[GridDay]]


@lru_cache(maxsize=16)
def cuti_bersama(year: int) -> Mapping[date, str]:
    """Only the cuti bersama days of ``year`` (the package's "government" category)."""
    return dict(holidays.country_holidays("ID", years=year, categories=("government",),
                                          language="id"))


def day_kind(cal: WorkingCalendar, day: date, off: Mapping[date, str]) -> GridDay:
    """What ``day`` is in the calendar as corrected by the administrators."""
    if day in cal.overrides:
        if cal.overrides[day]:
            return GridDay(day, ADMIN_WORK, "")
        return GridDay(day, ADMIN_OFF, off.get(day, ""))
    name = cal.holiday_name(day)
    if name is not None:
        return GridDay(day, CUTI if day in cuti_bersama(day.year) else HOLIDAY, name)
    return GridDay(day, WEEKEND if day.weekday() >= 5 else WORK, "")


def year_grid(cal: WorkingCalendar, year: int) -> list[MonthGrid]:
    """Twelve month grids of ``year``."""
    off = cal.days_off(year)
    weeks_of = stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar
    return [
        MonthGrid(year, month, [
            [day_kind(cal, d, off) if d.month == month else GridDay(None) for d in week]
            for week in weeks_of(year, month)
        ])
        for month in range(1, 13)
    ]
