"""Operations on an instance: retry, cancel, reassign, move a deadline — engine level."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from engine.audit import AuditEntry
from engine.complaints.tables import HumanTask
from engine.errors import ConflictError, ForbiddenError, FormInvalidError
from engine.monitor.diagram import instance_diagram
from engine.monitor.operations import cancel_instance, move_deadline, reassign_task, retry_instance
from tests.walk import Walk, wib
from webui.wiring import Services

from .conftest import Breaker


def _audit(services: Services, action: str) -> list[AuditEntry]:
    with services.uow() as uow:
        return list(uow.session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_a_failed_script_is_retried_and_runs_on(walk: Walk, services: Services,
                                               breaker: Breaker) -> None:
    code = walk.file().tracking_code
    instance = walk.instance(code)
    assert instance.status == "error"
    assert "layanan status mati" in (instance.error_message or "")
    assert _audit(services, "incident")
    with services.uow() as uow:
        diagram = instance_diagram(uow.session, services.runtime, instance.id,
                                   walk.user("sysadmin"), services.clock())
    assert "terima" in diagram["markers"]["pengaduan.bpmn"]["error"]
    breaker.broken = False
    status = retry_instance(services.uow(), services.runtime, instance.id,
                            walk.user("tim_admin"), "Layanan status sudah pulih")
    assert status == "running"
    after = walk.instance(code)
    assert after.error_message is None
    assert [t.spec_name for t in walk.tasks(code)] == ["verifikasi"]
    retried = _audit(services, "incident_retried")
    assert json.loads(retried[0].detail)["reason"] == "Layanan status sudah pulih"
    walk.assert_round_trip(code)


def test_retry_that_fails_again_stays_an_incident(walk: Walk, services: Services,
                                                  breaker: Breaker) -> None:
    code = walk.file().tracking_code
    instance = walk.instance(code)
    status = retry_instance(services.uow(), services.runtime, instance.id,
                            walk.user("sysadmin"), "coba lagi")
    assert status == "error"
    assert walk.instance(code).error_message


@pytest.mark.parametrize("role", ["ketua", "pengarah", "penanggung_jawab", "anggota"])
def test_retry_is_refused_to_other_roles(walk: Walk, services: Services, breaker: Breaker,
                                         role: str) -> None:
    instance = walk.instance(walk.file().tracking_code)
    with pytest.raises(ForbiddenError):
        retry_instance(services.uow(), services.runtime, instance.id, walk.user(role), "x")


def test_cancel_removes_tasks_and_closes_the_complaint_telling_the_reporter(
        walk: Walk, services: Services) -> None:
    code = walk.file().tracking_code
    instance = walk.instance(code)
    with pytest.raises(FormInvalidError):
        cancel_instance(services.uow(), services.runtime, instance.id, walk.user("sysadmin"), " ")
    cancel_instance(services.uow(), services.runtime, instance.id, walk.user("sysadmin"),
                    "Laporan ganda", seen_version=instance.version)
    after = walk.instance(code)
    assert (after.status, after.next_timer_at) == ("cancelled", None)
    assert walk.tasks(code) == []
    # Bug: a cancelled process left its complaint "diterima" forever, the reporter untold.
    assert walk.status(code) == "diarsipkan"
    assert walk.complaint(code).archive_reason == "Laporan ganda"
    assert walk.complaint(code).stage_due_at is None
    assert ("diarsipkan", "pelapor") in walk.outbox(code)
    assert walk.statuses(code) == ["diterima", "diarsipkan"]
    detail = json.loads(_audit(services, "instance_cancelled")[0].detail)
    assert (detail["reason"], detail["complaint_status"], detail["closed"]) == (
        "Laporan ganda", "diterima", True)
    with pytest.raises(ConflictError):
        cancel_instance(services.uow(), services.runtime, instance.id, walk.user("sysadmin"),
                        "lagi")


def test_a_stale_page_is_a_conflict(walk: Walk, services: Services) -> None:
    code = walk.file().tracking_code
    instance = walk.instance(code)
    task = walk.task(code, "verifikasi")
    move_deadline(services.uow(), services.runtime, task.id, wib("2026-03-09 16:00"),
                  walk.user("ketua"), "Hari libur daerah", seen_version=instance.version)
    with pytest.raises(ConflictError):
        move_deadline(services.uow(), services.runtime, task.id, wib("2026-03-10 16:00"),
                      walk.user("ketua"), "lagi", seen_version=instance.version)


def test_reassign_needs_an_officer_of_the_task_role(walk: Walk, services: Services) -> None:
    code = walk.file().tracking_code
    task = walk.task(code, "verifikasi")
    other = walk.user("tim_admin", name="admin2")
    wrong = walk.user("anggota")
    with pytest.raises(FormInvalidError):
        reassign_task(services.uow(), services.runtime, task.id, wrong.user_id or 0,
                      walk.user("ketua"), "beban kerja")
    with pytest.raises(ForbiddenError):
        reassign_task(services.uow(), services.runtime, task.id, other.user_id or 0,
                      walk.user("penanggung_jawab"), "beban kerja")
    reassign_task(services.uow(), services.runtime, task.id, other.user_id or 0,
                  walk.user("ketua"), "beban kerja")
    assert walk.task(code, "verifikasi").assignee_id == other.user_id
    detail = json.loads(_audit(services, "task_reassigned")[0].detail)
    assert (detail["reason"], detail["to_user"]) == ("beban kerja", other.user_id)


def test_move_deadline_marks_the_audit_and_the_task(walk: Walk, services: Services) -> None:
    code = walk.file().tracking_code
    task = walk.task(code, "verifikasi")
    new_due = (task.due_at or services.clock()) + timedelta(days=7)
    with pytest.raises(ForbiddenError):
        move_deadline(services.uow(), services.runtime, task.id, new_due,
                      walk.user("anggota"), "x")
    move_deadline(services.uow(), services.runtime, task.id, new_due, walk.user("tim_admin"),
                  "Menunggu data dari kecamatan")
    with services.uow() as uow:
        row = uow.session.get(HumanTask, task.id)
        assert row is not None and row.due_at == new_due
    assert json.loads(_audit(services, "task_deadline_moved")[0].detail)["reason"]


def test_a_moved_deadline_survives_the_next_step(walk: Walk, services: Services) -> None:
    # Bug: re-projecting ready tasks after any later step recomputed due_at from the diagram.
    code = walk.file().tracking_code
    task = walk.task(code, "verifikasi")
    new_due = (task.due_at or services.clock()) + timedelta(days=7)
    move_deadline(services.uow(), services.runtime, task.id, new_due, walk.user("ketua"),
                  "Libur daerah")
    walk.at(wib("2026-03-06 00:00:01"))  # a step of the same instance
    walk.reply(code, "Tambahan foto antrean.")
    assert walk.task(code, "verifikasi").due_at == new_due


def test_a_moved_deadline_moves_the_reminder_and_the_escalation(walk: Walk,
                                                                services: Services) -> None:
    # Bug: the reminder and the Ketua's escalation fired at the old deadline.
    code = walk.file().tracking_code  # Monday 2 March: due Thursday 5 March
    task = walk.task(code, "verifikasi")
    new_due = wib("2026-03-10 23:59:59")
    move_deadline(services.uow(), services.runtime, task.id, new_due, walk.user("ketua"),
                  "Menunggu data kecamatan")
    assert walk.complaint(code).stage_due_at == new_due
    detail = json.loads(_audit(services, "task_deadline_moved")[0].detail)
    assert detail["timers"] == ["pengingat_verifikasi", "verifikasi_terlambat"]
    walk.at(wib("2026-03-06 00:00:01"))  # the old deadline has passed: nothing fires
    assert [t.spec_name for t in walk.tasks(code)] == ["verifikasi"]
    assert ("pengingat", "assignee") not in walk.outbox(code)
    walk.at(wib("2026-03-10 00:00:01"))  # one working day before the new deadline
    assert ("pengingat", "assignee") in walk.outbox(code)
    assert [t.spec_name for t in walk.tasks(code)] == ["verifikasi"]
    walk.at(wib("2026-03-11 00:00:01"))
    assert [t.spec_name for t in walk.tasks(code)] == ["pemberitahuan_verifikasi_terlambat",
                                                       "verifikasi"]
    walk.assert_round_trip(code)


def test_a_moved_follow_up_deadline_moves_the_timers_on_the_call_activity(
        walk: Walk, services: Services) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", {"decision": "forward", "opd": "DINKES",
                                       "jenis": "pengaduan", "reason": ""})
    task = walk.task(code, "tanggapi")  # due Monday 9 March
    move_deadline(services.uow(), services.runtime, task.id, wib("2026-03-12 23:59:59"),
                  walk.user("tim_admin"), "OPD menunggu hasil laboratorium")
    walk.at(wib("2026-03-10 00:00:01"))
    assert [t.spec_name for t in walk.tasks(code)] == ["tanggapi"]
    walk.at(wib("2026-03-13 00:00:01"))
    assert sorted(t.spec_name for t in walk.tasks(code)) == [
        "koordinasi_penghubung", "pemberitahuan_tindak_lanjut_terlambat", "tanggapi"]
