"""Timer leases: several workers share due instances; a dead worker's lease ends with it."""

from __future__ import annotations

import pytest

from engine.complaints.timers import _lease, due_instance_ids, fire_instance
from tests.walk import Walk, wib


def test_a_leased_instance_is_skipped_by_other_workers(walk: Walk, services) -> None:  # type: ignore[no-untyped-def]
    if services.db.dialect.name != "postgresql":
        pytest.skip("SKIP LOCKED leases are PostgreSQL's; SQLite runs one worker")
    code = walk.file().tracking_code
    walk.clock.set(wib("2026-03-06 00:00:01"))
    instance_id = walk.instance(code).id
    first = services.uow()
    with first:
        assert _lease(first.session, instance_id, walk.clock()) is not None
        # The second worker neither waits nor fires: the row is skipped while leased.
        assert fire_instance(services.uow(), services.runtime, instance_id) is None
    # The first worker died without committing: its lease ended with its transaction.
    assert fire_instance(services.uow(), services.runtime, instance_id) is not None
    assert fire_instance(services.uow(), services.runtime, instance_id) is None
    specs = [t.spec_name for t in walk.tasks(code)]
    assert specs.count("pemberitahuan_verifikasi_terlambat") == 1


def test_due_query_follows_the_index_not_the_waiting(walk: Walk, services) -> None:  # type: ignore[no-untyped-def]
    codes = [walk.file().tracking_code for _ in range(3)]
    with services.uow() as uow:
        assert due_instance_ids(uow.session, wib("2026-03-04 12:00"), 10) == []
        due = due_instance_ids(uow.session, wib("2026-03-05 00:00:01"), 10)
    assert sorted(due) == sorted(walk.instance(c).id for c in codes)


def test_a_worker_drains_what_another_does_not_hold(walk: Walk, services) -> None:  # type: ignore[no-untyped-def]
    """Found by bench/timers.py: with two workers, each stopped after its first batch because
    the instances the other held made the batch look short, and due timers waited."""
    if services.db.dialect.name != "postgresql":
        pytest.skip("SKIP LOCKED leases are PostgreSQL's; SQLite runs one worker")
    from engine.worker import sweep_until_idle

    codes = [walk.file().tracking_code for _ in range(5)]
    walk.clock.set(wib("2026-03-06 00:00:01"))
    held = min(walk.instance(c).id for c in codes)  # first in every batch's order
    other = services.uow()
    with other:
        assert _lease(other.session, held, walk.clock()) is not None
        report = sweep_until_idle(services.uow, services.runtime, batch=2)
    assert report.fired == 4
    with services.uow() as uow:
        assert due_instance_ids(uow.session, walk.clock(), 10) == [held]
