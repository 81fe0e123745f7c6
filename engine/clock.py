"""One injectable clock: real time, or an instant pinned for demos and tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The real current instant, in UTC."""
    return datetime.now(UTC)


class FixedClock:
    """A clock that only moves when told to (tests, demos)."""

    def __init__(self, instant: datetime) -> None:
        if instant.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self.instant = instant.astimezone(UTC)

    def __call__(self) -> datetime:
        return self.instant

    def set(self, instant: datetime) -> None:
        """Jump to ``instant``."""
        self.instant = instant.astimezone(UTC)

    def advance(self, **delta: float) -> None:
        """Move forward by a timedelta given as keyword arguments."""
        self.instant += timedelta(**delta)


def clock_from_setting(pinned: str) -> Clock:
    """The system clock, or a FixedClock when ``pinned`` is an ISO instant."""
    if not pinned:
        return system_clock
    instant = datetime.fromisoformat(pinned)
    if instant.tzinfo is None:
        raise ValueError(f"ALUR_NOW needs an offset, e.g. 2026-03-17T09:00:00+07:00: {pinned!r}")
    return FixedClock(instant)
