"""Gives SpiffWorkflow's timers our clock instead of the wall clock."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, tzinfo

from SpiffWorkflow.bpmn.specs.event_definitions import timer as spiff_timer

from engine.clock import Clock, system_clock

_current_clock: ContextVar[Clock] = ContextVar("alur_clock", default=system_clock)


class _ClockedDatetime(datetime):
    """``datetime`` whose ``now()`` asks the clock of the running unit of work."""

    @classmethod
    # typeshed's datetime.now returns Self; ours returns the clock's plain datetime.
    def now(cls, tz: tzinfo | None = None) -> datetime:  # type: ignore[override]
        instant = _current_clock.get()()
        return instant.astimezone(tz) if tz is not None else instant


def install() -> None:
    """Route the timer module's ``datetime.now`` through the context clock (idempotent)."""
    # SpiffWorkflow compares due instants with datetime.now() inside this module; replacing the
    # module's name (not the global datetime) keeps the rest of the process on real time.
    spiff_timer.datetime = _ClockedDatetime


@contextmanager
def using_clock(clock: Clock) -> Iterator[None]:
    """Run the block with ``clock`` as the time SpiffWorkflow's timers see."""
    install()
    token = _current_clock.set(clock)
    try:
        yield
    finally:
        _current_clock.reset(token)
