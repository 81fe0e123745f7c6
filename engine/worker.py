"""The worker loop: fire due timers, send due outbox messages, keep the suggestions learning,
sleep, repeat until stopped."""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Mapping
from datetime import datetime

from engine.channels.adapters import build_adapters
from engine.channels.base import ChannelAdapter
from engine.channels.outbox import dispatch_outbox
from engine.complaints.timers import SweepReport, fire_due_timers, next_due_at
from engine.logs import log_context
from engine.monitor.health import record_heartbeat, worker_name
from engine.suggest.service import refresh as refresh_suggestions
from engine.workflow.context import Runtime

from .db import UnitOfWork

log = logging.getLogger("alur.worker")
WAKE_MARGIN = 0.05  # seconds: wake just after the due instant, not just before it


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
    name = worker_name()
    while not stop.is_set():
        # Every line of one sweep carries the worker and the sweep: grep one sweep's story.
        with log_context(worker=name, sweep_id=uuid.uuid4().hex[:12]):
            swept_at = sweep_once(new_uow, rt, batch, stop, adapters, name)
        stop.wait(pause(new_uow, rt, interval, swept_at))


def sweep_once(new_uow: Callable[[], UnitOfWork], rt: Runtime, batch: int,
               stop: threading.Event, adapters: Mapping[str, ChannelAdapter],
               name: str) -> datetime:
    """One sweep: due timers, the heartbeat, due messages, the suggestions; when it began."""
    swept_at = rt.clock()
    report = sweep_until_idle(new_uow, rt, batch, stop)
    heartbeat(new_uow, name, swept_at)
    if report.fired or report.conflicts:
        log.info("fired %d, conflicts %d", report.fired, report.conflicts)
    sent = dispatch_outbox(new_uow, rt, adapters, batch)
    if sent.sent or sent.failed:
        log.info("outbox: sent %d, retrying %d, failed %d", sent.sent, sent.retried,
                 sent.failed)
    refresh_suggestions(new_uow, rt.clock())
    return swept_at


def heartbeat(new_uow: Callable[[], UnitOfWork], name: str, swept_at: datetime) -> None:
    """Record that worker ``name`` swept at ``swept_at`` (what /readyz and /metrics read)."""
    with new_uow() as uow:
        record_heartbeat(uow.session, name, swept_at)
        uow.commit()


def pause(new_uow: Callable[[], UnitOfWork], rt: Runtime, interval: float,
          swept_at: datetime | None = None) -> float:
    """Seconds to wait before the next sweep: until the next timer falls due, at most ``interval``.

    A timer then fires when it falls due, not up to one interval later; one that fell due
    while the last sweep (begun at ``swept_at``) ran is swept at once. A timer that was already
    due when that sweep began and is still waiting (its instance keeps failing) waits the
    whole interval, so nothing spins.
    """
    with new_uow() as uow:
        upcoming = next_due_at(uow.session)
    if upcoming is None or (swept_at is not None and upcoming <= swept_at):
        return interval
    seconds = (upcoming - rt.clock()).total_seconds()
    return min(interval, max(0.0, seconds + WAKE_MARGIN))


def sweep_until_idle(
    new_uow: Callable[[], UnitOfWork], rt: Runtime, batch: int,
    stop: threading.Event | None = None,
) -> SweepReport:
    """Sweep repeatedly while full batches come back, so a backlog drains in one go.

    A batch is full when it listed ``batch`` due instances, whether this worker fired them or
    another worker held them; the sweeping stops when a batch was not full or this worker
    could take none of it (the others are at work on all of it).
    """
    total = SweepReport()
    while stop is None or not stop.is_set():
        report = fire_due_timers(new_uow, rt, batch)
        total.fired += report.fired
        total.conflicts += report.conflicts
        total.seen += report.seen
        total.lateness_seconds += report.lateness_seconds
        if report.seen < batch or report.fired + report.conflicts == 0:
            return total
    return total
