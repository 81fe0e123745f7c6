"""Front Office: paper and walk-in complaints, and the registration book (list, print, CSV)."""

from __future__ import annotations

import csv
import io
import json

from sqlalchemy import select

from engine.audit import AuditEntry
from engine.complaints.tables import Attachment, Complaint
from tests.walk import VERIFY_FORWARD, Walk, wib
from tests.webui.files import EXE, PDF, PNG, upload
from tests.webui.pages import Pages, text_of
from webui.wiring import Services

PAPER = {"title": "Surat dari kotak pengaduan",
         "description": "Warga mengeluhkan air PDAM yang keruh selama satu minggu terakhir.",
         "name": "Pak Kotak", "phone": "081299990000"}


def register(pages: Pages, status: int = 200, **fields: object) -> str:
    """Post the registration form; returns the page text (the receipt after the redirect)."""
    response = pages.post("/front-office/registrasi", {**PAPER, **fields},
                          status=303 if status == 200 else status,
                          content_type="multipart/form-data")
    if status == 200:
        response = pages.get(response.headers["Location"])
    return text_of(response)


def test_box_complaint_is_numbered_and_scanned(pages: Pages, walk: Walk,
                                               services: Services) -> None:
    walk.user("front_office")
    pages.login("front_office")
    page = register(pages, channel="kotak", scan=upload(PDF, "formulir.pdf"))
    assert "0001/LAPOR/2026" in page and 'id="secret"' in page
    with services.uow() as uow:
        assert [a.kind for a in uow.session.scalars(select(Attachment))] == ["pindaian"]
        received = uow.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "complaint_received")).one()
    assert received.actor == "front_office"


def test_box_complaint_needs_the_scan(pages: Pages, walk: Walk) -> None:
    walk.user("front_office")
    pages.login("front_office")
    page = register(pages, status=422, channel="kotak", description="pendek")
    assert 'id="f-scan-error"' in page and 'id="f-description-error"' in page
    assert 'value="Surat dari kotak pengaduan"' in page
    assert 'id="f-channel-kotak" name="channel" value="kotak" checked' in page


def test_walk_in_needs_a_channel_and_a_valid_scan_if_given(pages: Pages, walk: Walk) -> None:
    walk.user("front_office")
    pages.login("front_office")
    assert 'id="f-channel-error"' in register(pages, status=422)
    page = register(pages, status=422, channel="loket", scan=upload(EXE, "x.pdf"))
    assert 'id="f-scan-error"' in page


def test_walk_in_without_scan_is_registered(pages: Pages, walk: Walk) -> None:
    walk.user("front_office")
    pages.login("front_office")
    assert "0001/LAPOR/2026" in register(pages, channel="loket",
                                         id_document=upload(PNG, "ktp.png"))


def test_a_named_walk_in_needs_the_id_copy_a_letter_in_the_box_does_not(
        pages: Pages, walk: Walk) -> None:
    walk.user("front_office")
    pages.login("front_office")
    page = register(pages, status=422, channel="loket", description="pendek")
    assert 'id="f-id_document-error"' in page and 'id="f-description-error"' in page
    assert "Lampirkan salinan KTP, SIM atau KTM" in page
    assert "0001/LAPOR/2026" in register(pages, channel="loket", anonim="on")
    letter = register(pages, channel="kotak", scan=upload(PDF, "surat.pdf"))
    assert "0002/LAPOR/2026" in letter


def test_book_lists_every_channel_in_number_order(pages: Pages, walk: Walk) -> None:
    walk.file(title="Dari web")
    walk.file(title="Dari SMS", channel="sms")
    walk.file(title="Dari kotak", channel="kotak", anonim=True, name="Nama Anonim Kotak")
    walk.user("front_office")
    pages.login("front_office")
    page = text_of(pages.get("/front-office/buku-registrasi/"))
    assert page.index("0001/LAPOR/2026") < page.index("0002/LAPOR/2026") < page.index(
        "0003/LAPOR/2026")
    assert "SMS 1708" in page and "Kotak pengaduan" in page
    assert "Nama Anonim Kotak" in page  # Front Office may see identity
    assert "2 Mar 2026 09.00 WIB" in page


def test_book_filters_by_period_and_channel(pages: Pages, walk: Walk) -> None:
    walk.file(title="Bulan Maret")
    walk.clock.set(wib("2026-04-06 10:00"))
    walk.file(title="Bulan April", channel="loket")
    walk.user("tim_admin")
    pages.login("tim_admin")
    april = text_of(pages.get("/front-office/buku-registrasi/"))  # this month by default
    assert "Bulan April" in april and "Bulan Maret" not in april
    both = text_of(pages.get("/front-office/buku-registrasi/?start=2026-03-01&end=2026-04-30"))
    assert "Bulan April" in both and "Bulan Maret" in both
    web = text_of(pages.get(
        "/front-office/buku-registrasi/?start=2026-03-01&end=2026-04-30&channel=web"))
    assert "Bulan Maret" in web and "Bulan April" not in web


def test_bad_period_is_explained(pages: Pages, walk: Walk) -> None:
    walk.user("front_office")
    pages.login("front_office")
    page = text_of(pages.get(
        "/front-office/buku-registrasi/?start=2026-03-10&end=2026-03-01", status=422))
    assert "Tanggal akhir sebelum tanggal awal" in page
    page = text_of(pages.get("/front-office/buku-registrasi/?start=kemarin", status=422))
    assert 'id="f-start-error"' in page


def test_book_is_printable(pages: Pages, walk: Walk) -> None:
    walk.user("front_office")
    pages.login("front_office")
    page = text_of(pages.get("/front-office/buku-registrasi/"))
    assert 'class="print-only"' in page and "data-print" in page
    with pages.client.get("/static/css/alur.css") as stylesheet:
        assert "@media print" in stylesheet.get_data(as_text=True)


def test_book_downloads_as_csv(pages: Pages, walk: Walk) -> None:
    walk.file(title="=HYPERLINK(\"http://evil\")")
    walk.user("front_office")
    pages.login("front_office")
    response = pages.get("/front-office/buku-registrasi/csv?start=2026-03-01&end=2026-03-31")
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="buku-registrasi-2026-03-01-2026-03-31.csv"')
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][0] == "No. registrasi"
    assert rows[1][0] == "0001/LAPOR/2026" and rows[1][7] == "Warga Uji"
    assert rows[1][4].startswith("'=")  # no formula reaches a spreadsheet


def test_each_listing_is_one_identity_read(pages: Pages, walk: Walk,
                                           services: Services) -> None:
    walk.file()
    walk.file()
    walk.user("front_office")
    pages.login("front_office")
    pages.get("/front-office/buku-registrasi/")
    pages.get("/front-office/buku-registrasi/csv")
    with services.uow() as uow:
        reads = uow.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "identity_viewed")).all()
    assert len(reads) == 2 and all(r.complaint_id is None for r in reads)
    assert '"rows": 2' in reads[0].detail


def test_front_office_opens_a_complaint_from_the_book(pages: Pages, walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.user("front_office")
    pages.login("front_office")
    page = text_of(pages.get(f"/petugas/laporan/{code}"))
    assert "081234567890" in page  # front office is an identity role


def _forwarded_box_letter(pages: Pages, walk: Walk, services: Services, **fields: object) -> int:
    """An anonymous letter from the box, registered with its scan and forwarded to DINKES."""
    walk.user("front_office")
    pages.login("front_office")
    register(pages, channel="kotak", anonim="on", scan=upload(PDF, "formulir-tulisan.pdf"),
             **fields)
    with services.uow() as uow:
        scan = uow.session.scalars(select(Attachment)).one()
        code = uow.session.get(Complaint, scan.complaint_id).tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    pages.logout()
    return scan.id


def test_the_scan_of_an_anonymous_letter_never_reaches_the_opd(
        pages: Pages, walk: Walk, services: Services) -> None:
    scan_id = _forwarded_box_letter(pages, walk, services)
    walk.user("pejabat_penghubung", "DINKES")
    pages.login("pejabat_penghubung-dinkes")
    with services.uow() as uow:
        code = uow.session.get(Complaint, uow.session.get(Attachment, scan_id).complaint_id
                               ).tracking_code
    assert "formulir-tulisan" not in text_of(pages.get(f"/petugas/laporan/{code}"))
    pages.get(f"/petugas/berkas/{scan_id}", status=404)
    pages.logout()
    walk.user("tim_admin")
    pages.login("tim_admin")
    assert pages.get(f"/petugas/berkas/{scan_id}").data == PDF
    with services.uow() as uow:
        reads = uow.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "identity_document_viewed")).all()
    assert [(r.actor, json.loads(r.detail)["kind"]) for r in reads] == [
        ("tim_admin", "pindaian")]


def test_front_office_marks_a_scan_that_shows_no_one(
        pages: Pages, walk: Walk, services: Services) -> None:
    scan_id = _forwarded_box_letter(pages, walk, services, scan_shows="pindaian_isi")
    walk.user("pejabat_penghubung", "DINKES")
    pages.login("pejabat_penghubung-dinkes")
    assert pages.get(f"/petugas/berkas/{scan_id}").data == PDF
    with services.uow() as uow:
        assert uow.session.get(Attachment, scan_id).kind == "pindaian_isi"
        assert not uow.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "identity_document_viewed")).all()


def test_an_unknown_scan_mark_is_refused(pages: Pages, walk: Walk) -> None:
    walk.user("front_office")
    pages.login("front_office")
    page = register(pages, status=422, channel="kotak", scan=upload(PDF, "surat.pdf"),
                    scan_shows="lampiran")
    assert 'id="f-scan_shows-error"' in page
