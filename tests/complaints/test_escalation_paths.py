"""Escalations reach the top and are withdrawn when the complaint leaves its OPD or ends.

Every step is a command that loads the workflow from the database and saves it again, on a
controlled clock (``Walk``).
"""

from __future__ import annotations

import json

from sqlalchemy import select

from engine.audit import AuditEntry
from engine.complaints.visibility import may_read_complaint
from tests.walk import ANSWER, COORDINATION, VERIFY_FORWARD, Walk, wib


def _late_at_the_opd(walk: Walk) -> str:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)  # Monday 2 March: due Monday 9 March
    walk.at(wib("2026-03-10 00:00:01"))
    return code


def _audit(walk: Walk, code: str, action: str) -> list[AuditEntry]:
    with walk.services.uow() as uow:
        cid = walk.complaint(code).id
        return list(uow.session.scalars(select(AuditEntry).where(
            AuditEntry.complaint_id == cid, AuditEntry.action == action)))


def test_anggota_escalation_reaches_penanggung_jawab_and_pengarah(walk: Walk) -> None:
    code = _late_at_the_opd(walk)
    walk.complete(code, "koordinasi_penghubung", COORDINATION)
    specs = sorted(t.spec_name for t in walk.tasks(code))
    assert specs == ["pemberitahuan_penanggung_jawab", "pemberitahuan_pengarah",
                     "pemberitahuan_tindak_lanjut_terlambat", "tanggapi"]
    assert walk.task(code, "pemberitahuan_penanggung_jawab").role == "penanggung_jawab"
    assert walk.task(code, "pemberitahuan_pengarah").role == "pengarah"
    assert ("eskalasi_pimpinan", "penanggung_jawab") in walk.outbox(code)
    assert ("eskalasi_pimpinan", "pengarah") in walk.outbox(code)
    walk.complete(code, "pemberitahuan_pengarah", {"acknowledged": True, "note": "Tegur OPD."})
    walk.complete(code, "pemberitahuan_penanggung_jawab", {"acknowledged": True})
    walk.complete(code, "tanggapi", ANSWER)
    assert walk.status(code) == "ditindaklanjuti"


def test_other_coordination_steps_notify_nobody_above(walk: Walk) -> None:
    code = _late_at_the_opd(walk)
    walk.complete(code, "koordinasi_penghubung", {**COORDINATION, "next_step": "dibantu_tim"})
    assert "koordinasi_penghubung" not in [t.spec_name for t in walk.tasks(code)]
    assert not [o for o in walk.outbox(code) if o[0] == "eskalasi_pimpinan"]


def test_returned_complaint_withdraws_escalations_and_leaves_the_opd(walk: Walk) -> None:
    code = _late_at_the_opd(walk)
    walk.complete(code, "koordinasi_penghubung", COORDINATION)
    walk.clock.set(wib("2026-03-10 10:00"))
    walk.complete(code, "tanggapi", {"outcome": "not_our_authority",
                                     "note": "Ini kewenangan kementerian."})
    assert walk.status(code) == "dikembalikan"
    # The Anggota's and every notice about the OPD's lateness are withdrawn.
    assert [t.spec_name for t in walk.tasks(code)] == ["verifikasi"]
    assert walk.complaint(code).opd_code is None
    # Bug: the OPD's liaison could still read a complaint it had handed back.
    assert not may_read_complaint(walk.user("pejabat_penghubung", "DINKES"), walk.complaint(code))
    released = _audit(walk, code, "opd_released")
    assert [json.loads(e.detail).get("opd") for e in released] == ["DINKES"]
    # Tim Admin hears which OPD returned it, though the OPD no longer holds it.
    assert ("dikembalikan", "tim_admin") in walk.outbox(code)
    walk.complete(code, "verifikasi", {"decision": "redirect_national", "jenis": "pengaduan",
                                       "reason": "Kewenangan Kementerian Kesehatan."})
    assert walk.status(code) == "dialihkan"
    assert walk.instance(code).status == "completed"
    assert walk.tasks(code) == []
    assert walk.instance(code).next_timer_at is None


def test_an_ending_withdraws_open_notices(walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.at(wib("2026-03-06 00:00:01"))  # verification late: the Ketua's notice is open
    assert "pemberitahuan_verifikasi_terlambat" in [t.spec_name for t in walk.tasks(code)]
    walk.complete(code, "verifikasi", {"decision": "archive", "jenis": "pengaduan",
                                       "reason": "Laporan ganda dari laporan EL-XXXX."})
    assert walk.status(code) == "diarsipkan"
    assert walk.tasks(code) == []
    assert walk.instance(code).status == "completed"


def test_archiving_tells_the_reporter_why(walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", {**VERIFY_FORWARD, "decision": "archive",
                                       "reason": "Isi laporan berupa iklan (spam)."})
    assert ("diarsipkan", "pelapor") in walk.outbox(code)
    assert walk.complaint(code).opd_code is None
    assert walk.complaint(code).archive_reason == "Isi laporan berupa iklan (spam)."


def test_closure_after_a_late_follow_up_withdraws_the_coordination(walk: Walk) -> None:
    code = _late_at_the_opd(walk)
    walk.clock.set(wib("2026-03-10 09:00"))
    walk.complete(code, "tanggapi", ANSWER)
    assert "koordinasi_penghubung" in [t.spec_name for t in walk.tasks(code)]
    walk.at(wib("2026-04-08 00:00:01"))  # ten working days past Nyepi and Lebaran
    assert walk.status(code) == "selesai"
    assert walk.tasks(code) == []
    assert walk.instance(code).status == "completed"
    assert walk.complaint(code).opd_code == "DINKES"  # the OPD that answered keeps it
