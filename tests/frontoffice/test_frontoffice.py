"""Front Office: paper and walk-in complaints, and the registration book (list, print, CSV)."""

from __future__ import annotations

import csv
import io

from sqlalchemy import select

from engine.audit import AuditEntry
from engine.complaints.tables import Attachment
from tests.walk import Walk, wib
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
