"""The worker sends the outbox on every sweep, after firing due timers."""

from __future__ import annotations

import threading

from engine.worker import run_worker
from tests.walk import Walk, wib

from .helpers import devbox, rows


class OneSweep(threading.Event):
    """A stop signal that ends the worker after its first sweep."""

    def wait(self, timeout: float | None = None) -> bool:
        self.set()
        return True


def test_one_sweep_fires_timers_and_sends_what_they_queued(walk: Walk, services) -> None:  # type: ignore[no-untyped-def]
    code = walk.file().tracking_code
    walk.clock.set(wib("2026-03-06 00:00:01"))
    run_worker(services.uow, services.runtime, interval=0, batch=10, stop=OneSweep())
    assert [r.template for r in rows(services) if r.channel == "pending"] == [
        "diterima", "pengingat", "eskalasi_verifikasi"]
    assert [m.body.split(":")[0] for m in devbox(services, "sms")] == ["LAPOR! Empat Lawang"]
    assert code in devbox(services, "sms")[0].body


def test_each_sweep_records_the_heartbeat_readyz_reads(walk: Walk, services) -> None:  # type: ignore[no-untyped-def]
    from engine.monitor.health import last_sweep, worker_name
    from engine.monitor.tables import WorkerHeartbeat

    walk.clock.set(wib("2026-03-06 00:00:01"))
    run_worker(services.uow, services.runtime, interval=0, batch=10, stop=OneSweep())
    with services.uow() as uow:
        assert last_sweep(uow.session) == wib("2026-03-06 00:00:01")
        assert uow.session.get(WorkerHeartbeat, worker_name()) is not None
