"""The engine's commands under bad input and concurrency: nothing half-written, clear errors."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engine.audit import AuditEntry
from engine.complaints import steps
from engine.complaints.intake import Intake, submit_complaint
from engine.complaints.reporter import authenticate_reporter
from engine.complaints.tables import HumanTask
from engine.complaints.tasks import claim_task, complete_task, unclaim_task
from engine.complaints.timers import due_instance_ids, fire_instance
from engine.domain import REPORTER
from engine.errors import ConflictError, ForbiddenError, FormInvalidError, NotFoundError
from engine.workflow.tables import ProcessInstance
from tests.walk import VERIFY_FORWARD, Walk, wib


def _snapshot(walk: Walk, code: str) -> tuple[int, str, list[str]]:
    instance = walk.instance(code)
    return instance.version, instance.state, [t.id for t in walk.tasks(code)]


def test_invalid_form_names_the_field_and_changes_nothing(walk: Walk) -> None:
    code = walk.file().tracking_code
    before = _snapshot(walk, code)
    with pytest.raises(FormInvalidError) as err:
        walk.complete(code, "verifikasi", {"decision": "forward", "jenis": "pengaduan",
                                           "reason": ""})
    assert "opd" in err.value.errors
    with pytest.raises(FormInvalidError) as err:
        walk.complete(code, "verifikasi", {**VERIFY_FORWARD, "opd": "TIDAK-ADA"})
    assert "opd" in err.value.errors
    with pytest.raises(FormInvalidError) as err:
        walk.complete(code, "verifikasi", {**VERIFY_FORWARD, "decision": "hapus"})
    assert "decision" in err.value.errors
    assert _snapshot(walk, code) == before
    assert walk.status(code) == "diterima"


def test_invalid_intake_is_refused_before_anything_is_stored(walk: Walk, services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FormInvalidError) as err:
        submit_complaint(services.uow(), services.runtime,
                         Intake(title="", description="pendek"), REPORTER)
    assert {"title", "description"} <= set(err.value.errors)
    with services.uow() as uow:
        assert uow.session.scalars(select(ProcessInstance)).first() is None


def test_officer_of_another_role_or_opd_cannot_see_or_complete(walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    task = walk.task(code, "tanggapi")
    other_opd = walk.user("pejabat_penghubung", "DISDIK")
    with pytest.raises(NotFoundError):
        complete_task(walk.services.uow(), walk.services.runtime, task.id,
                      {"outcome": "answered", "response": "Bukan urusan kami sama sekali."},
                      other_opd)
    with pytest.raises(NotFoundError):
        claim_task(walk.services.uow(), walk.services.runtime, task.id, walk.user("anggota"))
    assert walk.status(code) == "didisposisikan"


def test_claimed_task_belongs_to_its_claimant(walk: Walk) -> None:
    code = walk.file().tracking_code
    first, second = walk.user("tim_admin", name="admin-a"), walk.user("tim_admin", name="admin-b")
    walk.claim(code, "verifikasi", first)
    with pytest.raises(ConflictError):
        walk.claim(code, "verifikasi", second)
    with pytest.raises(ConflictError):
        walk.complete(code, "verifikasi", VERIFY_FORWARD, actor=second)
    task_id = walk.task(code, "verifikasi").id
    unclaim_task(walk.services.uow(), walk.services.runtime, task_id, first)
    walk.complete(code, "verifikasi", VERIFY_FORWARD, actor=second)
    assert walk.status(code) == "didisposisikan"


def test_completing_an_already_completed_task_is_refused(walk: Walk) -> None:
    code = walk.file().tracking_code
    task_id = walk.task(code, "verifikasi").id
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    with pytest.raises(NotFoundError):
        complete_task(walk.services.uow(), walk.services.runtime, task_id, VERIFY_FORWARD,
                      walk.user("tim_admin"))


def test_stale_writer_gets_a_conflict_and_changes_nothing(walk: Walk) -> None:
    code = walk.file().tracking_code
    instance_id = walk.instance(code).id
    stale = walk.services.uow()
    with stale:
        mine = stale.session.get(ProcessInstance, instance_id)
        assert mine is not None
        stale.commit()  # keeps the loaded version, ends the read (SQLite allows one writer)
        walk.complete(code, "verifikasi", VERIFY_FORWARD)  # someone else commits first
        mine.error_message = "lost update"
        with pytest.raises(ConflictError):
            steps.commit_or_conflict(stale)
    assert walk.instance(code).error_message is None
    assert walk.status(code) == "didisposisikan"


def test_worker_killed_between_lease_and_commit_loses_nothing(walk: Walk, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    code = walk.file().tracking_code
    walk.clock.set(wib("2026-03-06 00:00:01"))
    instance_id = walk.instance(code).id

    def die(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt("worker killed")

    monkeypatch.setattr("engine.complaints.timers.advance", die)
    with pytest.raises(KeyboardInterrupt):
        fire_instance(walk.services.uow(), walk.services.runtime, instance_id)
    monkeypatch.undo()
    assert [t.spec_name for t in walk.tasks(code)] == ["verifikasi"]
    with walk.services.uow() as uow:
        assert due_instance_ids(uow.session, walk.clock(), 10) == [instance_id]
    assert fire_instance(walk.services.uow(), walk.services.runtime, instance_id) is not None
    assert fire_instance(walk.services.uow(), walk.services.runtime, instance_id) is None
    specs = [t.spec_name for t in walk.tasks(code)]
    assert specs.count("pemberitahuan_verifikasi_terlambat") == 1
    with walk.services.uow() as uow:
        fired = uow.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "timer_fired")).all()
    assert len(fired) == 1


def test_secret_opens_only_its_own_complaint(walk: Walk) -> None:
    first, second = walk.file(), walk.file()
    with walk.services.uow() as uow:
        assert authenticate_reporter(uow.session, first.tracking_code, first.secret).id
        with pytest.raises(NotFoundError):
            authenticate_reporter(uow.session, second.tracking_code, first.secret)
        with pytest.raises(NotFoundError):
            authenticate_reporter(uow.session, "EL-NOTHERE", first.secret)
        lowered = first.tracking_code.lower().replace("-", "")
        assert authenticate_reporter(uow.session, lowered, first.secret.lower()).id


def test_audit_log_says_who_did_what(walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    with walk.services.uow() as uow:
        rows = uow.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    actions = [(r.actor, r.action, r.from_status, r.to_status) for r in rows]
    assert actions == [
        ("pelapor", "complaint_received", None, None),
        ("tim_admin", "task_claimed", None, None),  # unclaimed: completing it claims it
        ("tim_admin", "task_completed", None, None),
        ("tim_admin", "status_changed", "diterima", "didisposisikan"),
    ]


def test_forbidden_role_cannot_claim_even_when_visible(walk: Walk) -> None:
    code = walk.file().tracking_code
    sysadmin = walk.user("sysadmin")
    with pytest.raises(ForbiddenError):
        walk.claim(code, "verifikasi", sysadmin)
    with walk.services.uow() as uow:
        assert uow.session.scalars(select(HumanTask)).one().assignee_id is None
