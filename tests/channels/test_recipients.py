"""Who is told what: the reporter at each step, the OPD's liaisons, the assignee, escalations."""

from __future__ import annotations

from tests.walk import ANSWER, VERIFY_FORWARD, Walk, wib

from .helpers import deliveries, devbox, officer


def test_the_reporter_hears_of_receipt_forward_follow_up_and_closure(
    walk: Walk, services, dispatch, client  # type: ignore[no-untyped-def]
) -> None:
    code = walk.file(email="warga@example.id").tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.complete(code, "tanggapi", ANSWER)
    walk.at(wib("2026-03-26 00:00:01"))
    dispatch()
    to_reporter = [(t, c) for t, c, a in deliveries(services, code)
                   if a in ("+6281234567890", "warga@example.id")]
    assert to_reporter == [(t, c) for t in ("diterima", "didisposisikan", "ditindaklanjuti",
                                            "selesai") for c in ("sms", "email")]
    answer_sms = [m for m in devbox(services, "sms") if "menanggapi" in m.body][0]
    assert ANSWER["response"] in answer_sms.body
    closing = [m for m in devbox(services, "email")
               if m.subject.startswith(f"Laporan {code} selesai")]
    # The link opens the survey with the code filled in (it used to point at a page that
    # did not exist).
    link = f"http://127.0.0.1:5000/survei/?kode={code}"
    assert closing and link in closing[0].body
    survey = client.get(link.removeprefix("http://127.0.0.1:5000"))
    assert survey.status_code == 200 and f'value="{code}"' in survey.get_data(as_text=True)


def test_the_liaisons_of_the_opd_and_only_they_hear_of_a_forwarded_complaint(
    walk: Walk, services, dispatch  # type: ignore[no-untyped-def]
) -> None:
    officer(walk, "pejabat_penghubung", "DINKES", "dinkes-1", email="satu@dinkes.id")
    officer(walk, "pejabat_penghubung", "DINKES", "dinkes-2", phone="081311112222",
            email="")
    officer(walk, "pejabat_penghubung", "RSUD", "rsud-1", email="satu@rsud.id")
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    dispatch()
    to_opd = [(c, a) for t, c, a in deliveries(services, code) if t == "disposisi_opd"]
    assert to_opd == [("email", "satu@dinkes.id"), ("sms", "+6281311112222")]
    body = [m for m in devbox(services, "email") if m.address == "satu@dinkes.id"][0]
    assert "Dinas Kesehatan" in body.subject and "Warga Uji" not in body.body


def test_an_officer_with_both_addresses_gets_email_only(
    walk: Walk, services, dispatch  # type: ignore[no-untyped-def]
) -> None:
    officer(walk, "tim_admin", email="admin@kominfo.id", phone="081200001111")
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.complete(code, "tanggapi", {"outcome": "not_our_authority", "note": "Bukan Dinkes."})
    dispatch()
    assert [(c, a) for t, c, a in deliveries(services, code) if t == "dikembalikan"] == [
        ("email", "admin@kominfo.id")]


def test_the_reminder_goes_to_whoever_claimed_the_task_else_to_all_who_may(
    walk: Walk, services, dispatch  # type: ignore[no-untyped-def]
) -> None:
    ani = officer(walk, "tim_admin", name="ani", email="ani@kominfo.id")
    officer(walk, "tim_admin", name="budi", email="budi@kominfo.id")
    claimed = walk.file().tracking_code
    walk.claim(claimed, "verifikasi", ani)
    open_ = walk.file().tracking_code
    walk.at(wib("2026-03-05 00:00:01"))  # one working day before the verification deadline
    dispatch()
    assert [a for t, c, a in deliveries(services, claimed) if t == "pengingat"] == [
        "ani@kominfo.id"]
    assert [a for t, c, a in deliveries(services, open_) if t == "pengingat"] == [
        "ani@kominfo.id", "budi@kominfo.id"]


def test_escalations_reach_ketua_and_anggota(
    walk: Walk, services, dispatch  # type: ignore[no-untyped-def]
) -> None:
    officer(walk, "ketua", email="ketua@kominfo.id")
    officer(walk, "anggota", phone="081355556666")
    code = walk.file().tracking_code
    walk.at(wib("2026-03-06 00:00:01"))
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.at(wib("2026-03-14 00:00:01"))
    dispatch()
    told = [(t, a) for t, c, a in deliveries(services, code) if t.startswith("eskalasi")]
    assert told == [("eskalasi_verifikasi", "ketua@kominfo.id"),
                    ("eskalasi_tindak_lanjut", "+6281355556666"),
                    ("eskalasi_tindak_lanjut", "ketua@kominfo.id")]


def test_the_head_of_the_opd_hears_once_when_a_complaint_arrives_and_when_it_is_late(
    walk: Walk, services, dispatch  # type: ignore[no-untyped-def]
) -> None:
    officer(walk, "kepala_opd", "DINKES", "kadinkes", email="kepala@dinkes.id")
    officer(walk, "kepala_opd", "RSUD", "karsud", email="kepala@rsud.id")
    officer(walk, "ketua", email="ketua@kominfo.id")
    officer(walk, "anggota", phone="081355556666")
    code = walk.file(name="Nama Rahasia", anonim=True).tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    dispatch()
    heads = [(t, a) for t, c, a in deliveries(services, code) if t.startswith("kepala_opd")]
    assert heads == [("kepala_opd_disposisi", "kepala@dinkes.id")]
    walk.at(wib("2026-03-14 00:00:01"))  # the OPD's 5 working days are over
    dispatch()
    heads = [(t, a) for t, c, a in deliveries(services, code) if t.startswith("kepala_opd")]
    # The step tells the Ketua and the Anggota (two notifications): the head hears once.
    assert heads == [("kepala_opd_disposisi", "kepala@dinkes.id"),
                     ("kepala_opd_terlambat", "kepala@dinkes.id")]
    mails = [m for m in devbox(services, "email") if m.address == "kepala@dinkes.id"]
    assert [m.subject.split(":")[0] for m in mails] == [
        "Laporan masuk ke Dinas Kesehatan", "Tindak lanjut Dinas Kesehatan terlambat"]
    assert all("Nama Rahasia" not in m.body for m in mails)


def test_a_reply_reopening_follow_up_tells_the_liaison(
    walk: Walk, services, dispatch  # type: ignore[no-untyped-def]
) -> None:
    officer(walk, "pejabat_penghubung", "DINKES", email="penghubung@dinkes.id")
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.complete(code, "tanggapi", ANSWER)
    walk.reply(code)
    dispatch()
    assert ("balasan", "email", "penghubung@dinkes.id") in deliveries(services, code)


def test_a_clarification_request_quotes_the_question(
    walk: Walk, services, dispatch  # type: ignore[no-untyped-def]
) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", {"decision": "clarify", "jenis": "pengaduan",
                                       "reason": "Puskesmas mana yang dimaksud?"})
    dispatch()
    sms = [m for m in devbox(services, "sms") if "perlu dilengkapi" in m.body][0]
    assert "Puskesmas mana yang dimaksud?" in sms.body and "Senin, 16 Maret 2026" in sms.body


def test_archiving_for_no_answer_tells_the_reporter_why(
    walk: Walk, services, dispatch  # type: ignore[no-untyped-def]
) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", {"decision": "clarify", "jenis": "pengaduan",
                                       "reason": "Mohon lengkapi lokasi."})
    walk.at(wib("2026-03-17 00:00:01"))
    dispatch()
    sms = [m for m in devbox(services, "sms") if "diarsipkan" in m.body][0]
    assert "klarifikasi tidak dijawab" in sms.body
