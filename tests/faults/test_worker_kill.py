"""Three workers fire two thousand due timers while six are killed with SIGKILL at points of their
progress: each timer fires once."""

from __future__ import annotations

import os
import random
import secrets
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from engine.complaints.tables import Complaint
from engine.workflow.tables import ProcessInstance
from tests.walk import Walk

from .clone import clone_waiting
from .deadline_counts import deadline_counts, due_timers

ROOT = Path(__file__).resolve().parents[2]
DUE = "2026-03-06T00:00:01+07:00"  # the workers' now
DUE_AT = datetime.fromisoformat(DUE)
COPIES = 2000
KILLS = 6

KEY = secrets.token_hex(32)  # one key for every worker, as in production


def _worker(url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "ALUR_DATABASE_URL": url, "ALUR_NOW": DUE,
           "ALUR_WORKER_INTERVAL": "0.1", "ALUR_WORKER_BATCH": "25",
           "ALUR_SECRET_KEY": KEY}
    return subprocess.Popen([sys.executable, "-m", "webui.cli", "worker"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.mark.slow
def test_killed_workers_fire_every_timer_exactly_once(services, clock) -> None:  # type: ignore[no-untyped-def]
    if services.db.dialect.name != "postgresql":
        pytest.skip("several workers need PostgreSQL's row leases")
    walk = Walk(services, clock)
    first = walk.complaint(walk.file().tracking_code)
    ids = [first.id, *clone_waiting(services, first.id, COPIES)]
    rng = random.Random(2026)
    marks = _kill_marks(due_timers(services, DUE_AT), rng)
    workers = [_worker(services.settings.database_url) for _ in range(3)]
    kills = 0
    deadline = time.monotonic() + 600
    try:
        while (left := due_timers(services, DUE_AT)) and time.monotonic() < deadline:
            if marks and left <= marks[0]:
                marks.pop(0)
                victim = rng.randrange(len(workers))
                workers[victim].send_signal(signal.SIGKILL)
                workers[victim].wait()
                kills += 1
                workers[victim] = _worker(services.settings.database_url)
            time.sleep(0.05)  # the workers are other processes: no clock of ours drives them
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            try:
                worker.wait(timeout=60)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
    assert due_timers(services, DUE_AT) == 0, "workers did not drain the due timers in time"
    assert kills == KILLS, f"{kills} of {KILLS} kills came while timers were due"
    _assert_each_fired_once(services, set(ids))


def _kill_marks(due: int, rng: random.Random) -> list[int]:
    """How many timers are still due at each kill, falling: spread over the run, jittered.

    Kills follow the work done, not the seconds passed: a faster worker once drained the
    timers before the fifth timed kill, and a kill after the last timer proves nothing.
    """
    step = due // (KILLS + 2)
    return [due - step * (k + 1) - rng.randrange(step // 2) for k in range(KILLS)]


def _assert_each_fired_once(services, ids: set[int]) -> None:  # type: ignore[no-untyped-def]
    with services.uow() as uow:
        s = uow.session
        fired, notices, escalations = deadline_counts(s)
        statuses = set(s.scalars(select(Complaint.status).where(Complaint.id.in_(ids))))
        versions = set(s.scalars(select(ProcessInstance.status)))
    assert set(fired) == ids and set(fired.values()) == {1}
    assert set(notices) == ids and set(notices.values()) == {1}
    assert set(escalations) == ids and set(escalations.values()) == {1}
    assert statuses == {"diterima"}
    assert versions == {"running"}
