"""Every path of the complaint diagram, through the engine's commands, on a controlled clock.

Each command loads the workflow from the database and saves it again, so every step below is
a save/restore; ``Walk`` also checks that each saved state restores to the same JSON.
"""

from __future__ import annotations

from tests.walk import ANSWER, VERIFY_FORWARD, Walk, wib


def test_receipt_opens_verification_with_a_three_working_day_deadline(walk: Walk) -> None:
    receipt = walk.file()
    task = walk.task(receipt.tracking_code, "verifikasi")
    assert receipt.status == "diterima"
    assert task.role == "tim_admin" and task.form_key == "verifikasi"
    assert task.due_at == wib("2026-03-05 23:59:59")
    assert walk.complaint(receipt.tracking_code).stage_due_at == wib("2026-03-05 23:59:59")
    assert ("diterima", "pelapor") in walk.outbox(receipt.tracking_code)
    assert receipt.registration_no == "0001/LAPOR/2026"


def test_forward_answer_and_close_after_ten_quiet_working_days(walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.clock.set(wib("2026-03-03 10:00"))
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    assert walk.status(code) == "didisposisikan"
    liaison_task = walk.task(code, "tanggapi")
    assert (liaison_task.role, liaison_task.opd_code) == ("pejabat_penghubung", "DINKES")
    assert liaison_task.due_at == wib("2026-03-10 23:59:59")
    walk.clock.set(wib("2026-03-04 11:00"))
    walk.complete(code, "tanggapi", ANSWER)
    assert walk.status(code) == "ditindaklanjuti"
    assert [f.text for f in walk.follow_ups(code)] == [ANSWER["response"]]
    # Ten working days after Wednesday 4 March skip Nyepi and Lebaran: Wednesday 25 March.
    assert walk.complaint(code).stage_due_at == wib("2026-03-25 23:59:59")
    assert walk.at(wib("2026-03-25 22:00")).fired == 0
    assert walk.status(code) == "ditindaklanjuti"
    walk.at(wib("2026-03-26 00:00:01"))
    assert walk.status(code) == "selesai"
    assert walk.instance(code).status == "completed"
    assert walk.instance(code).next_timer_at is None
    assert walk.tasks(code) == []
    assert ("selesai", "pelapor") in walk.outbox(code)
    assert walk.statuses(code) == ["diterima", "didisposisikan", "ditindaklanjuti", "selesai"]


def test_reply_reopens_follow_up_for_the_same_opd_and_restarts_the_clock(walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.complete(code, "tanggapi", ANSWER)
    walk.clock.set(wib("2026-03-09 08:00"))
    assert walk.reply(code) is True
    assert walk.status(code) == "didisposisikan"
    assert walk.task(code, "tanggapi").opd_code == "DINKES"
    walk.clock.set(wib("2026-03-10 09:00"))
    walk.complete(code, "tanggapi", {**ANSWER, "response": "Jadwal dokter sudah ditambah."})
    # The 10-day window restarts from the second follow-up (Tuesday 10 March); the first
    # window (ending Monday 16 March) is gone.
    assert walk.complaint(code).stage_due_at == wib("2026-03-31 23:59:59")
    walk.at(wib("2026-03-17 00:00:01"))
    assert walk.status(code) == "ditindaklanjuti"
    walk.at(wib("2026-04-01 00:00:01"))
    assert walk.status(code) == "selesai"
    assert [f.kind for f in walk.follow_ups(code)] == ["tindak_lanjut", "belum_selesai",
                                                       "tindak_lanjut"]


def test_reply_when_nothing_waits_is_kept_but_moves_nothing(walk: Walk) -> None:
    code = walk.file().tracking_code
    assert walk.reply(code, "Tambahan: antrean mulai jam enam pagi.") is False
    assert walk.status(code) == "diterima"
    assert walk.follow_ups(code)[0].kind == "balasan"


def test_liaison_hands_to_technical_unit_which_drafts_and_liaison_checks(walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.complete(code, "tanggapi", {"outcome": "to_unit", "note": "Cek jadwal dokter."})
    draft_task = walk.task(code, "susun_tanggapan")
    assert (draft_task.role, draft_task.opd_code) == ("unit_teknis", "DINKES")
    assert draft_task.due_at == wib("2026-03-09 23:59:59")
    walk.complete(code, "susun_tanggapan", {"draft": "Dokter jaga ditambah mulai besok."})
    walk.complete(code, "periksa_tanggapan", {
        "check": "send_back", "response": "Dokter jaga ditambah mulai besok.",
        "note": "Sebutkan jam pelayanan yang baru."})
    walk.complete(code, "susun_tanggapan", {
        "draft": "Dokter jaga ditambah; pelayanan buka 07.30–14.00 mulai besok."})
    assert walk.status(code) == "didisposisikan"
    walk.complete(code, "periksa_tanggapan", {
        "check": "post", "response": "Dokter jaga ditambah; pelayanan buka 07.30–14.00."})
    assert walk.status(code) == "ditindaklanjuti"
    assert walk.follow_ups(code)[-1].text == "Dokter jaga ditambah; pelayanan buka 07.30–14.00."


def test_not_our_authority_goes_back_to_tim_admin_for_rerouting(walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.clock.set(wib("2026-03-04 10:00"))
    walk.complete(code, "tanggapi", {"outcome": "not_our_authority",
                                     "note": "Ini urusan RSUD, bukan Dinkes."})
    assert walk.status(code) == "dikembalikan"
    again = walk.task(code, "verifikasi")
    assert again.due_at == wib("2026-03-09 23:59:59")
    assert ("dikembalikan", "tim_admin") in walk.outbox(code)
    walk.complete(code, "verifikasi", {**VERIFY_FORWARD, "opd": "RSUD"})
    assert walk.task(code, "tanggapi").opd_code == "RSUD"
    assert walk.complaint(code).opd_code == "RSUD"


def test_clarification_answered_returns_to_verification(walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", {"decision": "clarify", "jenis": "pengaduan",
                                       "reason": "Puskesmas mana yang dimaksud?"})
    assert walk.status(code) == "perlu_klarifikasi"
    assert walk.tasks(code) == []
    assert ("klarifikasi", "pelapor") in walk.outbox(code)
    walk.clock.set(wib("2026-03-06 15:00"))
    assert walk.reply(code, "Puskesmas Tebing Tinggi.") is True
    assert walk.status(code) == "diterima"
    assert walk.task(code, "verifikasi").due_at == wib("2026-03-11 23:59:59")
    # The question stays on the follow-up page beside its answer, in the order they came.
    assert [(f.kind, f.author, f.text) for f in walk.follow_ups(code)] == [
        ("klarifikasi", "Pengelola LAPOR!", "Puskesmas mana yang dimaksud?"),
        ("balasan", "Pelapor", "Puskesmas Tebing Tinggi.")]


def test_clarification_unanswered_is_archived_as_incomplete(walk: Walk, services) -> None:  # type: ignore[no-untyped-def]
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", {"decision": "clarify", "jenis": "pengaduan",
                                       "reason": "Mohon lengkapi lokasi."})
    days = services.settings.clarification_days
    assert days == 10
    assert walk.complaint(code).stage_due_at == wib("2026-03-16 23:59:59")
    walk.at(wib("2026-03-16 23:00"))
    assert walk.status(code) == "perlu_klarifikasi"
    walk.at(wib("2026-03-17 00:00:01"))
    assert walk.status(code) == "diarsipkan"
    assert walk.complaint(code).archive_reason == "tidak_dilengkapi"
    assert walk.instance(code).status == "completed"


def test_redirect_to_national_coordinator(walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", {"decision": "redirect_national", "jenis": "pengaduan",
                                       "reason": "Kewenangan kementerian."})
    assert walk.status(code) == "dialihkan"
    assert ("dialihkan", "nasional") in walk.outbox(code)
    assert walk.instance(code).status == "completed"


def test_archive_with_a_reason(walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", {"decision": "archive", "jenis": "pengaduan",
                                       "reason": "Duplikat laporan sebelumnya."})
    assert walk.status(code) == "diarsipkan"
    assert walk.complaint(code).archive_reason == "Duplikat laporan sebelumnya."
    assert walk.instance(code).status == "completed"


def test_late_verification_reminds_then_escalates_to_ketua(walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.at(wib("2026-03-04 23:00"))
    assert ("pengingat", "assignee") not in walk.outbox(code)
    walk.at(wib("2026-03-05 00:00:01"))
    assert ("pengingat", "assignee") in walk.outbox(code)
    assert [t.spec_name for t in walk.tasks(code)] == ["verifikasi"]
    walk.at(wib("2026-03-06 00:00:01"))
    specs = [t.spec_name for t in walk.tasks(code)]
    assert specs == ["pemberitahuan_verifikasi_terlambat", "verifikasi"]
    assert walk.task(code, "pemberitahuan_verifikasi_terlambat").role == "ketua"
    assert ("eskalasi_verifikasi", "ketua") in walk.outbox(code)
    walk.complete(code, "pemberitahuan_verifikasi_terlambat", {"acknowledged": True})
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    assert walk.status(code) == "didisposisikan"


def test_late_follow_up_gives_anggota_a_task_and_ketua_a_notice(walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)  # Monday: due Monday 9 March
    walk.at(wib("2026-03-10 00:00:01"))
    specs = sorted(t.spec_name for t in walk.tasks(code))
    assert specs == ["koordinasi_penghubung", "pemberitahuan_tindak_lanjut_terlambat",
                     "tanggapi"]
    assert walk.task(code, "koordinasi_penghubung").role == "anggota"
    walk.complete(code, "koordinasi_penghubung", {
        "summary": "Sudah menelepon pejabat penghubung Dinkes.", "next_step": "menunggu_opd"})
    walk.complete(code, "tanggapi", ANSWER)
    assert walk.status(code) == "ditindaklanjuti"


def test_complaint_on_the_eve_of_lebaran_2026(walk: Walk) -> None:
    walk.clock.set(wib("2026-03-20 10:00"))  # cuti bersama; Idul Fitri is Saturday the 21st
    code = walk.file().tracking_code
    assert walk.task(code, "verifikasi").due_at == wib("2026-03-27 23:59:59")
    walk.at(wib("2026-03-26 23:59"))
    assert walk.tasks(code)[0].spec_name == "verifikasi" and len(walk.tasks(code)) == 1
    walk.clock.set(wib("2026-03-27 09:00"))
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    assert walk.task(code, "tanggapi").due_at == wib("2026-04-06 23:59:59")


def test_registration_numbers_count_per_year(walk: Walk) -> None:
    assert walk.file().registration_no == "0001/LAPOR/2026"
    assert walk.file().registration_no == "0002/LAPOR/2026"
    walk.clock.set(wib("2027-01-04 09:00"))
    assert walk.file().registration_no == "0001/LAPOR/2027"
