"""The Kepala OPD reads his OPD's complaints and acts on none; never an anonymous name."""

from __future__ import annotations

from engine.calendar.periods import parse_period
from engine.evaluation.release import release_report
from tests.walk import VERIFY_FORWARD, Walk
from tests.webui.pages import Pages, text_of


def test_the_head_reads_his_opds_complaints_only(pages: Pages, walk: Walk) -> None:
    named = walk.file(title="Antrean puskesmas panjang", name="Nama Terbuka").tracking_code
    hidden = walk.file(title="Obat habis di puskesmas", name="Nama Anonim", anonim=True,
                       phone="081299990001").tracking_code
    waiting = walk.file(title="Belum diverifikasi").tracking_code
    for code in (named, hidden):
        walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.user("kepala_opd", "DINKES")
    pages.login("kepala_opd-dinkes")
    assert pages.get("/petugas/", status=302).location.endswith("/petugas/opd")
    listing = text_of(pages.get("/petugas/opd"))
    assert named in listing and hidden in listing and waiting not in listing
    assert "5 hari kerja lagi" in listing and "Nama" not in listing
    page = text_of(pages.get(f"/petugas/laporan/{named}"))
    assert "Nama Terbuka" in page and "081234567890" not in page
    page = text_of(pages.get(f"/petugas/laporan/{hidden}"))
    assert "Obat habis" in page and "Nama Anonim" not in page and "081299990001" not in page
    pages.get(f"/petugas/laporan/{waiting}", status=404)
    task = walk.task(named, "tanggapi")
    pages.get(f"/petugas/tugas/{task.id}", status=404)


def test_another_opds_head_sees_nothing_of_it(pages: Pages, walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.user("kepala_opd", "DISDIK")
    pages.login("kepala_opd-disdik")
    assert code not in text_of(pages.get("/petugas/opd"))
    pages.get(f"/petugas/laporan/{code}", status=404)


def test_only_opd_officers_have_an_opd_list(pages: Pages, walk: Walk) -> None:
    walk.user("ketua")
    pages.login("ketua")
    pages.get("/petugas/opd", status=403)


def test_the_head_finds_the_released_reports_of_his_opd(pages: Pages, walk: Walk) -> None:
    walk.user("kepala_opd", "DINKES")
    pages.login("kepala_opd-dinkes")
    assert "Belum ada laporan berkala" in text_of(pages.get("/petugas/opd"))
    with walk.services.uow() as uow:
        release_report(uow.session, parse_period("2026-02"), walk.user("sekretaris"),
                       walk.clock())
        uow.commit()
    page = text_of(pages.get("/petugas/opd"))
    assert "Februari 2026" in page and "/evaluasi/laporan/2026-02/opd.xlsx" in page
