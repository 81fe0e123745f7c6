"""Working days of the agency: Monday–Friday in WIB, less holidays and cuti bersama."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

WIB = ZoneInfo("Asia/Jakarta")
END_OF_DAY = time(23, 59, 59)


@lru_cache(maxsize=64)
def national_holidays(year: int) -> Mapping[date, str]:
    """National holidays and cuti bersama of Indonesia for ``year`` (names in Indonesian)."""
    return dict(
        holidays.country_holidays(
            "ID", years=year, categories=("public", "government"), language="id"
        )
    )


class WorkingCalendar:
    """Answers which days are working days; admins' overrides win over the package."""

    def __init__(self, overrides: Mapping[date, bool] | None = None) -> None:
        # overrides: date -> True (a working day after all) / False (a day off after all)
        self.overrides = dict(overrides or {})

    def holiday_name(self, day: date) -> str | None:
        """The holiday's name when ``day`` is a national holiday or cuti bersama."""
        return national_holidays(day.year).get(day)

    def is_working_day(self, day: date) -> bool:
        """True when officers work on ``day``."""
        if day in self.overrides:
            return self.overrides[day]
        return day.weekday() < 5 and self.holiday_name(day) is None

    def local_day(self, instant: datetime) -> date:
        """The calendar day of ``instant`` in WIB."""
        if instant.tzinfo is None:
            raise ValueError("instants must carry a time zone")
        return instant.astimezone(WIB).date()

    def shift(self, day: date, n: int) -> date:
        """The n-th working day after ``day`` (before it when n < 0; n=0: day or the next)."""
        step = 1 if n >= 0 else -1
        remaining = abs(n)
        if remaining == 0:
            while not self.is_working_day(day):
                day += timedelta(days=1)
            return day
        while remaining:
            day += timedelta(days=step)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def add_working_days(self, instant: datetime, n: int) -> datetime:
        """End (23:59:59 WIB) of the n-th working day after the day of ``instant``."""
        day = self.shift(self.local_day(instant), n)
        return datetime.combine(day, END_OF_DAY, WIB)

    def working_days_between(self, start: datetime, end: datetime) -> int:
        """Working days d with day(start) < d <= day(end); negative when end is earlier."""
        a, b = self.local_day(start), self.local_day(end)
        if b < a:
            return -self.working_days_in(b, a)
        return self.working_days_in(a, b)

    def working_days_in(self, a: date, b: date) -> int:
        """Working days d with a < d <= b, in time independent of the span's length."""
        # Inboxes badge hundreds of deadlines per page, some far overdue: count weekdays by
        # arithmetic, then correct for the few holidays and overrides inside the span.
        weeks, rest = divmod((b - a).days, 7)
        count = weeks * 5 + sum((a + timedelta(days=weeks * 7 + i)).weekday() < 5
                                for i in range(1, rest + 1))
        for year in range(a.year, b.year + 1):
            for day in national_holidays(year):
                if a < day <= b and day.weekday() < 5 and day not in self.overrides:
                    count -= 1
        for day, working in self.overrides.items():
            if a < day <= b:  # holidays above skipped overridden days: correct the weekday count
                count += int(working) - int(day.weekday() < 5)
        return count

    def days_off(self, year: int) -> dict[date, str]:
        """Every weekday off in ``year`` with its reason, overrides applied (for the month grid)."""
        result: dict[date, str] = {}
        for day, name in national_holidays(year).items():
            if self.overrides.get(day, False) is False:
                result[day] = name
        for day, working in self.overrides.items():
            if day.year == year and not working:
                result.setdefault(day, "Libur (ditetapkan admin)")
        return result
