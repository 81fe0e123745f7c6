"""A completion that waited for another step of the same instance works on what that step
committed: found by the several-machines fault test, where a worker's timer step and an
officer's completion met on one complaint and the completion answered 500."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from sqlalchemy import text

from engine.complaints.tasks import complete_task
from engine.complaints.timers import fire_instance
from engine.db import UnitOfWork
from tests.machines import wait_until
from tests.walk import VERIFY_FORWARD, Walk, wib
from webui.wiring import Services

LATE_NOTICE = "pemberitahuan_verifikasi_terlambat"  # the timer step adds it beside verifikasi


class _CommitAfter(UnitOfWork):
    """A unit of work that runs ``before`` just before it commits, its row locks still held."""

    def __init__(self, services: Services, before: Callable[[], None]) -> None:
        super().__init__(services.sessions)
        self._before = before

    def commit(self) -> None:
        self._before()
        super().commit()


def _waiting_on_a_lock(services: Services) -> bool:
    with services.db.connect() as conn:
        return bool(conn.execute(text(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE wait_event_type = 'Lock' AND datname = current_database()")).scalar())


def test_a_completion_waiting_on_a_timer_step_sees_the_task_rows_it_added(
        walk: Walk, services: Services) -> None:
    if services.db.dialect.name != "postgresql":
        pytest.skip("SQLite takes the write lock before the first read: nothing waits mid-read")
    code = walk.file().tracking_code
    walk.clock.set(wib("2026-03-06 00:00:01"))  # past the verification deadline
    verify = walk.task(code, "verifikasi")
    officer = walk.user(verify.role, verify.opd_code)
    outcome: list[BaseException | bool] = []

    def complete() -> None:
        try:
            outcome.append(complete_task(services.uow(), services.runtime, verify.id,
                                         VERIFY_FORWARD, officer))
        except BaseException as exc:  # reported to the test's thread below
            outcome.append(exc)

    completing = threading.Thread(target=complete)

    def let_the_completion_wait() -> None:
        completing.start()
        wait_until(lambda: _waiting_on_a_lock(services), 30, "the completion to wait")

    assert fire_instance(_CommitAfter(services, let_the_completion_wait), services.runtime,
                         walk.instance(code).id) is not None
    completing.join(30)
    assert not completing.is_alive()
    assert len(outcome) == 1 and not isinstance(outcome[0], BaseException), outcome
    specs = sorted(t.spec_name for t in walk.tasks(code))
    assert LATE_NOTICE in specs and "verifikasi" not in specs
    walk.assert_round_trip(code)
