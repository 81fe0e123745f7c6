"""Reporting periods: a month (``2026-03``), a quarter (``2026-Q1``) or a year (``2026``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from engine.errors import FormInvalidError
from engine.labels import MONTHS

from .working_days import WIB

ROMAN = ("I", "II", "III", "IV")
PATTERN = re.compile(r"(?P<year>\d{4})(?:-(?:(?P<month>\d{2})|[Qq](?P<quarter>[1-4])))?")


@dataclass(frozen=True)
class Period:
    """A calendar period in WIB; ``kind`` is bulan, triwulan or tahun."""

    kind: str
    year: int
    number: int = 0  # the month (1–12) or quarter (1–4); 0 for a year

    @property
    def code(self) -> str:
        """The period as typed: ``2026-03``, ``2026-Q1`` or ``2026``."""
        if self.kind == "bulan":
            return f"{self.year}-{self.number:02d}"
        if self.kind == "triwulan":
            return f"{self.year}-Q{self.number}"
        return str(self.year)

    @property
    def label(self) -> str:
        """The period in Indonesian words, e.g. ``Maret 2026`` or ``Triwulan I 2026``."""
        if self.kind == "bulan":
            return f"{MONTHS[self.number - 1]} {self.year}"
        if self.kind == "triwulan":
            return f"Triwulan {ROMAN[self.number - 1]} {self.year}"
        return f"Tahun {self.year}"

    @property
    def first_day(self) -> date:
        """The first day of the period."""
        return date(self.year, self._first_month(), 1)

    @property
    def end_day(self) -> date:
        """The first day after the period."""
        months = {"bulan": 1, "triwulan": 3, "tahun": 12}[self.kind]
        month = self._first_month() - 1 + months
        return date(self.year + month // 12, month % 12 + 1, 1)

    @property
    def last_day(self) -> date:
        """The last day of the period."""
        return self.end_day - timedelta(days=1)

    @property
    def start(self) -> datetime:
        """The period's first instant (00:00 WIB of its first day)."""
        return datetime.combine(self.first_day, time(0), WIB)

    @property
    def end(self) -> datetime:
        """The instant the period ends (exclusive)."""
        return datetime.combine(self.end_day, time(0), WIB)

    def days(self) -> list[date]:
        """Every day of the period."""
        count = (self.end_day - self.first_day).days
        return [self.first_day + timedelta(days=n) for n in range(count)]

    def scopes(self) -> list[str]:
        """Codes of this period and the periods containing it, most specific first."""
        found = [self.code]
        if self.kind == "bulan":
            found.append(f"{self.year}-Q{(self.number - 1) // 3 + 1}")
        if self.kind != "tahun":
            found.append(str(self.year))
        return found

    def _first_month(self) -> int:
        if self.kind == "bulan":
            return self.number
        if self.kind == "triwulan":
            return (self.number - 1) * 3 + 1
        return 1


def parse_period(text: str) -> Period:
    """The period written as ``2026-03``, ``2026-Q1`` or ``2026``; FormInvalidError otherwise."""
    match = PATTERN.fullmatch((text or "").strip())
    if match is None:
        raise FormInvalidError({"periode": "Tulis periode sebagai 2026-03, 2026-Q1 atau 2026."})
    year = int(match["year"])
    if not 2000 <= year <= 2100:
        raise FormInvalidError({"periode": "Tahun di luar jangkauan (2000–2100)."})
    if match["month"]:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise FormInvalidError({"periode": "Bulan harus 01–12."})
        return Period("bulan", year, month)
    if match["quarter"]:
        return Period("triwulan", year, int(match["quarter"]))
    return Period("tahun", year)


def month_of(instant: datetime) -> Period:
    """The month (in WIB) that ``instant`` falls in."""
    day = instant.astimezone(WIB).date()
    return Period("bulan", day.year, day.month)
