"""Stage lengths in working days, stamped on the complaint by the engine as stages end."""

from __future__ import annotations

from tests.walk import ANSWER, VERIFY_FORWARD, Walk, wib


def _days(walk: Walk, code: str) -> tuple[int | None, int | None, int | None]:
    c = walk.complaint(code)
    return c.verify_working_days, c.follow_up_working_days, c.close_working_days


def test_forward_answer_close_stamps_each_stage(walk: Walk) -> None:
    code = walk.file().tracking_code  # Monday 2 March 09:00
    assert _days(walk, code) == (None, None, None)
    walk.clock.set(wib("2026-03-03 10:00"))
    walk.complete(code, "verifikasi", {**VERIFY_FORWARD, "cause": "pelayanan_lambat"})
    assert _days(walk, code) == (1, None, None)
    assert walk.complaint(code).disposed_at == wib("2026-03-03 10:00")
    assert walk.complaint(code).cause_code == "pelayanan_lambat"
    walk.clock.set(wib("2026-03-04 11:00"))
    walk.complete(code, "tanggapi", {**ANSWER, "resolution": "dijelaskan"})
    assert _days(walk, code) == (1, 1, None)
    assert walk.complaint(code).resolution_code == "dijelaskan"
    walk.at(wib("2026-03-26 00:00:01"))
    # 3–6, 9–13, 16–17 and 25–26 March: Nyepi and Lebaran (18–24 March) do not count.
    assert _days(walk, code) == (1, 1, 13)


def test_verification_over_lebaran_counts_working_days_only(walk: Walk) -> None:
    walk.clock.set(wib("2026-03-17 09:00"))
    on_time = walk.file().tracking_code
    late = walk.file().tracking_code
    walk.clock.set(wib("2026-03-27 16:00"))  # 25, 26, 27 March: the third working day
    walk.complete(on_time, "verifikasi", VERIFY_FORWARD)
    walk.clock.set(wib("2026-03-30 08:00"))
    walk.complete(late, "verifikasi", VERIFY_FORWARD)
    assert _days(walk, on_time)[0] == 3
    assert _days(walk, late)[0] == 4


def test_rerouted_complaint_is_timed_from_the_second_disposition(walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.clock.set(wib("2026-03-04 10:00"))
    walk.complete(code, "tanggapi", {"outcome": "not_our_authority", "note": "Urusan RSUD."})
    walk.clock.set(wib("2026-03-05 10:00"))
    walk.complete(code, "verifikasi", {**VERIFY_FORWARD, "opd": "RSUD"})
    assert walk.complaint(code).disposed_at == wib("2026-03-05 10:00")
    walk.clock.set(wib("2026-03-12 10:00"))
    walk.complete(code, "tanggapi", ANSWER, walk.user("pejabat_penghubung", "RSUD"))
    assert _days(walk, code) == (0, 5, None)  # verified on the day of receipt


def test_reply_reopening_follow_up_keeps_the_first_answer_time(walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.clock.set(wib("2026-03-03 09:00"))
    walk.complete(code, "tanggapi", ANSWER)
    walk.clock.set(wib("2026-03-09 08:00"))
    walk.reply(code)
    walk.clock.set(wib("2026-03-16 09:00"))
    walk.complete(code, "tanggapi", ANSWER)
    complaint = walk.complaint(code)
    assert complaint.disposed_at == wib("2026-03-02 09:00")
    assert complaint.first_follow_up_at == wib("2026-03-03 09:00")
    assert complaint.follow_up_working_days == 1


def test_clarification_counts_as_the_verification_decision(walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.clock.set(wib("2026-03-04 09:00"))
    walk.complete(code, "verifikasi", {"decision": "clarify", "jenis": "pengaduan",
                                       "reason": "Puskesmas mana?"})
    walk.clock.set(wib("2026-03-06 15:00"))
    walk.reply(code, "Puskesmas Tebing Tinggi.")
    walk.clock.set(wib("2026-03-10 09:00"))
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    complaint = walk.complaint(code)
    assert complaint.verify_working_days == 2
    assert complaint.disposed_at == wib("2026-03-10 09:00")


def test_archive_and_redirect_close_on_the_day(walk: Walk) -> None:
    archived = walk.file().tracking_code
    redirected = walk.file().tracking_code
    walk.clock.set(wib("2026-03-03 09:00"))
    walk.complete(archived, "verifikasi", {"decision": "archive", "jenis": "pengaduan",
                                           "reason": "Duplikat."})
    walk.complete(redirected, "verifikasi", {"decision": "redirect_national",
                                             "jenis": "pengaduan", "reason": "Kementerian."})
    assert _days(walk, archived) == (1, None, 1)
    assert _days(walk, redirected) == (1, None, 1)
    assert walk.complaint(archived).disposed_at is None
