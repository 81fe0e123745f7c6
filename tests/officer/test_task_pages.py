"""A task page: the complaint as my role may see it, its history, the form; completing it."""

from __future__ import annotations

import re

from tests.walk import ANSWER, VERIFY_FORWARD, Walk
from tests.webui.pages import Pages, text_of

FORWARD_FORM = {"jenis": "pengaduan", "decision": "forward", "opd": "DINKES", "category": "4"}


def task_page(pages: Pages, walk: Walk, code: str, spec: str, status: int = 200) -> str:
    """The text of task ``spec``'s page of complaint ``code``."""
    return text_of(pages.get(f"/petugas/tugas/{walk.task(code, spec).id}", status=status))


def test_verification_page_shows_identity_history_and_prefilled_form(pages: Pages,
                                                                      walk: Walk) -> None:
    code = walk.file(email="warga@example.id").tracking_code
    walk.user("tim_admin")
    pages.login("tim_admin")
    page = task_page(pages, walk, code, "verifikasi")
    assert "Antrean di puskesmas sangat panjang" in page
    assert "Warga Uji" in page and "081234567890" in page and "warga@example.id" in page
    assert "Riwayat lengkap" in page and "Laporan diterima" in page
    assert re.search(r'<option value="DINKES" selected>', page)  # the table's suggestion
    assert re.search(r'<option value="4" selected>', page)
    assert "Periksa apakah laporan jelas dan lengkap" in page  # instructions from the diagram


def test_completing_verification_forwards_the_complaint(pages: Pages, walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.user("tim_admin")
    pages.login("tim_admin")
    task = walk.task(code, "verifikasi")
    response = pages.post(f"/petugas/tugas/{task.id}", FORWARD_FORM, status=302)
    assert response.headers["Location"] == "/petugas/"
    assert walk.status(code) == "didisposisikan"
    assert f"Tugas selesai: Verifikasi laporan — {code}" in text_of(pages.get("/petugas/"))


def test_invalid_verification_comes_back_with_input_and_errors(pages: Pages,
                                                               walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.user("tim_admin")
    pages.login("tim_admin")
    task = walk.task(code, "verifikasi")
    response = pages.post(f"/petugas/tugas/{task.id}",
                          {"jenis": "aspirasi", "decision": "archive", "note": "catatan saya"},
                          status=422)
    page = text_of(response)
    assert 'id="f-reason-error"' in page
    assert re.search(r'value="aspirasi"[^>]*checked', page)
    assert "catatan saya" in page
    assert walk.status(code) == "diterima"


def test_liaison_sees_no_contact_details_and_no_name_of_anonymous(pages: Pages,
                                                                   walk: Walk) -> None:
    named = walk.file(title="Laporan bernama").tracking_code
    anonymous = walk.file(title="Laporan anonim", anonim=True, name="Nama Anonim").tracking_code
    for code in (named, anonymous):
        walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.user("pejabat_penghubung", "DINKES")
    pages.login("pejabat_penghubung-dinkes")
    page = task_page(pages, walk, named, "tanggapi")
    assert "Warga Uji" in page and "081234567890" not in page
    page = task_page(pages, walk, anonymous, "tanggapi")
    assert "Nama Anonim" not in page and "081234567890" not in page
    assert "Identitas pelapor tidak ditampilkan" in page


def test_liaison_answers_and_the_follow_up_is_published(pages: Pages, walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.user("pejabat_penghubung", "DINKES")
    pages.login("pejabat_penghubung-dinkes")
    task = walk.task(code, "tanggapi")
    pages.post(f"/petugas/tugas/{task.id}", ANSWER, status=302)
    assert walk.status(code) == "ditindaklanjuti"
    assert [f.text for f in walk.follow_ups(code)] == [ANSWER["response"]]


def test_technical_unit_draft_reaches_the_liaison_prefilled(pages: Pages, walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.complete(code, "tanggapi", {"outcome": "to_unit", "note": "Cek jadwal dokter."})
    walk.user("unit_teknis", "DINKES")
    pages.login("unit_teknis-dinkes")
    page = task_page(pages, walk, code, "susun_tanggapan")
    assert "Catatan sebelumnya" in page and "Cek jadwal dokter." in page
    draft = "Jadwal dokter sudah ditambah mulai pekan depan."
    pages.post(f"/petugas/tugas/{walk.task(code, 'susun_tanggapan').id}", {"draft": draft},
               status=302)
    pages.logout()
    walk.user("pejabat_penghubung", "DINKES")
    pages.login("pejabat_penghubung-dinkes")
    page = task_page(pages, walk, code, "periksa_tanggapan")
    assert re.search(r'<textarea[^>]*name="response"[^>]*>\s*' + re.escape(draft), page)
    task = walk.task(code, "periksa_tanggapan")
    pages.post(f"/petugas/tugas/{task.id}", {"check": "post", "response": draft}, status=302)
    assert walk.status(code) == "ditindaklanjuti"


def test_someone_elses_task_is_not_found(pages: Pages, walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.user("pejabat_penghubung", "DINKES")
    pages.login("pejabat_penghubung-dinkes")
    task_page(pages, walk, code, "verifikasi", status=404)
    pages.post(f"/petugas/tugas/{walk.task(code, 'verifikasi').id}", FORWARD_FORM,
               page="/petugas/", status=404)
    assert walk.status(code) == "diterima"


def test_supervisor_may_look_but_not_complete(pages: Pages, walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.user("sysadmin")
    pages.login("sysadmin")
    page = task_page(pages, walk, code, "verifikasi")
    assert "Tugas ini untuk peran lain" in page
    assert "Selesaikan tugas" not in page


def test_completing_a_task_a_colleague_holds_is_refused(pages: Pages, walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.claim(code, "verifikasi", walk.user("tim_admin", name="rekan"))
    walk.user("tim_admin")
    pages.login("tim_admin")
    response = pages.post(f"/petugas/tugas/{walk.task(code, 'verifikasi').id}", FORWARD_FORM,
                          page="/petugas/", status=302)
    assert "Tugas sedang dikerjakan petugas lain" in text_of(
        pages.get(response.headers["Location"]))
    assert walk.status(code) == "diterima"


def test_officer_complaint_page_follows_visibility(pages: Pages, walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", {**VERIFY_FORWARD, "opd": "PUPR"})
    walk.user("pejabat_penghubung", "DINKES")
    walk.user("pejabat_penghubung", "PUPR")
    pages.login("pejabat_penghubung-dinkes")
    pages.get(f"/petugas/laporan/{code}", status=404)
    pages.logout()
    pages.login("pejabat_penghubung-pupr")
    page = text_of(pages.get(f"/petugas/laporan/{code}"))
    assert "Pelayanan puskesmas lambat" in page and "Status berubah" in page


def test_anggota_records_the_coordination(pages: Pages, walk: Walk) -> None:
    from tests.walk import wib

    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.at(wib("2026-03-10 09:00"))
    walk.user("anggota")
    pages.login("anggota")
    task = walk.task(code, "koordinasi_penghubung")
    response = pages.post(f"/petugas/tugas/{task.id}", {"summary": "Sudah ditelepon."},
                          status=422)
    assert 'id="f-next_step-error"' in text_of(response)
    pages.post(f"/petugas/tugas/{task.id}", {"summary": "Sudah ditelepon.",
                                             "next_step": "menunggu_opd"}, status=302)
    assert "koordinasi_penghubung" not in [t.spec_name for t in walk.tasks(code)]


def test_a_report_sent_back_is_not_routed_again_to_the_opd_that_returned_it(
        pages: Pages, walk: Walk) -> None:
    # Found in exploratory testing: the returning OPD came preselected, and the note did not
    # say whose it was; one hurried click sent the report back where it had been refused.
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.complete(code, "tanggapi", {"outcome": "not_our_authority",
                                     "note": "Ini urusan RSUD, bukan Dinkes."})
    walk.user("tim_admin")
    pages.login("tim_admin")
    page = task_page(pages, walk, code, "verifikasi")
    assert "Dikembalikan oleh Dinas Kesehatan sebagai bukan wewenangnya." in page
    assert "Catatan Dinas Kesehatan" in page and "Ini urusan RSUD, bukan Dinkes." in page
    assert not re.search(r'<option value="DINKES" selected>', page)
    assert re.search(r'<option value="4" selected>', page)  # the rest is still prefilled
