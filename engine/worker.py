"""The timer worker loop: sweep, sleep, repeat until told to stop."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from .context import Runtime
from .db import UnitOfWork
from .timers import SweepReport, fire_due_timers

log = logging.getLogger("alur.worker")


def run_worker(
    new_uow: Callable[[], UnitOfWork],
    rt: Runtime,
    *,
    interval: float,
    batch: int,
    stop: threading.Event,
) -> None:
    """Fire due timers every ``interval`` seconds until ``stop`` is set."""
    while not stop.is_set():
        report = sweep_until_idle(new_uow, rt, batch)
        if report.fired or report.conflicts:
            log.info("fired %d, conflicts %d", report.fired, report.conflicts)
        stop.wait(interval)


def sweep_until_idle(new_uow: Callable[[], UnitOfWork], rt: Runtime, batch: int) -> SweepReport:
    """Sweep repeatedly while full batches come back, so a backlog drains in one go."""
    total = SweepReport()
    while True:
        report = fire_due_timers(new_uow, rt, batch)
        total.fired += report.fired
        total.conflicts += report.conflicts
        total.lateness_seconds += report.lateness_seconds
        if report.fired + report.conflicts < batch:
            return total
