"""The worker loop: fire due timers, send due outbox messages, sleep, repeat until stopped."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping

from .channels import build_adapters
from .channels.base import ChannelAdapter
from .context import Runtime
from .db import UnitOfWork
from .outbox import dispatch_outbox
from .timers import SweepReport, fire_due_timers

log = logging.getLogger("alur.worker")


def run_worker(
    new_uow: Callable[[], UnitOfWork],
    rt: Runtime,
    *,
    interval: float,
    batch: int,
    stop: threading.Event,
    adapters: Mapping[str, ChannelAdapter] | None = None,
) -> None:
    """Fire due timers and send due messages every ``interval`` seconds until ``stop`` is set."""
    adapters = adapters if adapters is not None else build_adapters(rt.settings, new_uow,
                                                                    rt.clock)
    while not stop.is_set():
        report = sweep_until_idle(new_uow, rt, batch, stop)
        if report.fired or report.conflicts:
            log.info("fired %d, conflicts %d", report.fired, report.conflicts)
        sent = dispatch_outbox(new_uow, rt, adapters, batch)
        if sent.sent or sent.failed:
            log.info("outbox: sent %d, retrying %d, failed %d", sent.sent, sent.retried,
                     sent.failed)
        stop.wait(interval)


def sweep_until_idle(
    new_uow: Callable[[], UnitOfWork], rt: Runtime, batch: int,
    stop: threading.Event | None = None,
) -> SweepReport:
    """Sweep repeatedly while full batches come back, so a backlog drains in one go."""
    total = SweepReport()
    while stop is None or not stop.is_set():
        report = fire_due_timers(new_uow, rt, batch)
        total.fired += report.fired
        total.conflicts += report.conflicts
        total.lateness_seconds += report.lateness_seconds
        if report.fired + report.conflicts < batch:
            return total
    return total
