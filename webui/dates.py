"""Dates and times as people in Empat Lawang read them: in WIB, "Senin, 2 Maret 2026 09.00 WIB"."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from babel.dates import format_date, format_datetime

from engine.calendar.working_days import WIB

# A spreadsheet set to Indonesian splits CSV columns on ";" (its decimal mark is the comma), and
# reads "2026-03-02 09:00" as a date and time; both open right in an English one too.
CSV_SEPARATOR = ";"
DAY_PATTERN = "EEEE, d MMMM y"
SHORT_DAY_PATTERN = "d MMM y"
TIME_PATTERN = {"id": "HH.mm", "en": "HH:mm"}


def _locale(lang: str) -> str:
    return "en" if lang == "en" else "id"


@lru_cache(maxsize=4096)  # pages repeat instants (deadlines end at 23.59 WIB); babel is slow
def format_wib(instant: datetime | None, lang: str = "id", with_time: bool = True,
               short: bool = False) -> str:
    """An instant in WIB, e.g. "Senin, 2 Maret 2026 09.00 WIB" or short "2 Mar 2026 09.00 WIB"."""
    if instant is None:
        return ""
    local = instant.astimezone(WIB)
    day_pattern = SHORT_DAY_PATTERN if short else DAY_PATTERN
    if not with_time:
        return format_date(local.date(), day_pattern, locale=_locale(lang))
    pattern = f"{day_pattern} {TIME_PATTERN[_locale(lang)]}"
    return format_datetime(local, pattern, tzinfo=WIB, locale=_locale(lang)) + " WIB"


def format_day(day: date | None, lang: str = "id", short: bool = False) -> str:
    """A calendar day, e.g. "Senin, 2 Maret 2026" (or "2 Mar 2026" when short)."""
    if day is None:
        return ""
    return format_date(day, SHORT_DAY_PATTERN if short else DAY_PATTERN, locale=_locale(lang))


def month_name(month: int, lang: str = "id") -> str:
    """The month's name in the language, e.g. "Maret"."""
    return format_date(date(2000, month, 1), "MMMM", locale=_locale(lang))


def weekday_names(lang: str = "id") -> list[str]:
    """Short weekday names, Monday first."""
    return [format_date(date(2024, 1, day), "EEE", locale=_locale(lang)) for day in range(1, 8)]


def spreadsheet_time(instant: datetime | None) -> str:
    """An instant as WIB local time that a spreadsheet reads as a date (ISO, to the minute)."""
    return instant.astimezone(WIB).strftime("%Y-%m-%d %H:%M") if instant else ""
