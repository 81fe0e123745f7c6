"""The worker wakes when the next timer falls due, not up to a whole interval later."""

from __future__ import annotations

from datetime import timedelta

import pytest

from engine.complaints.timers import next_due_at
from engine.worker import WAKE_MARGIN, pause
from tests.walk import Walk, wib


def test_nothing_waiting_sleeps_the_whole_interval(services) -> None:  # type: ignore[no-untyped-def]
    assert pause(services.uow, services.runtime, 5.0) == 5.0


def test_a_timer_due_within_the_interval_shortens_the_sleep(services, clock) -> None:  # type: ignore[no-untyped-def]
    Walk(services, clock).file()
    with services.uow() as uow:
        due = next_due_at(uow.session)
    assert due is not None and due > clock()
    clock.set(due - timedelta(seconds=2))
    assert pause(services.uow, services.runtime, 5.0) == pytest.approx(2 + WAKE_MARGIN)


def test_a_far_timer_sleeps_the_interval(services, clock) -> None:  # type: ignore[no-untyped-def]
    Walk(services, clock).file()
    assert pause(services.uow, services.runtime, 5.0) == 5.0


def test_a_timer_still_due_after_a_sweep_does_not_make_the_worker_spin(services, clock) -> None:  # type: ignore[no-untyped-def]
    Walk(services, clock).file()
    clock.set(wib("2026-03-09 09:00"))  # due before the sweep began, and still waiting
    assert pause(services.uow, services.runtime, 5.0, swept_at=clock()) == 5.0


def test_a_timer_that_fell_due_during_the_sweep_is_swept_at_once(services, clock) -> None:  # type: ignore[no-untyped-def]
    Walk(services, clock).file()
    with services.uow() as uow:
        due = next_due_at(uow.session)
    assert due is not None
    swept_at = due - timedelta(seconds=1)
    clock.set(due + timedelta(seconds=1))  # the sweep took two seconds
    assert pause(services.uow, services.runtime, 5.0, swept_at=swept_at) == 0.0
