"""The report form forgives: phone numbers as people write them are accepted and stored
normalised; files already chosen survive a validation error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from engine.complaints.tables import Attachment, Complaint, ReporterIdentity
from tests.webui.files import PDF, PNG, upload
from tests.webui.pages import Pages, text_of
from tests.webui.test_browser import PHONE, shot
from webui.wiring import Services

from .test_public import FORM
from .test_receipt import TOKEN


def stored_phones(services: Services) -> list[str | None]:
    with services.uow() as uow:
        return list(uow.session.scalars(select(ReporterIdentity.phone)))


@pytest.mark.parametrize("written", ["0812 3456 7890", "0812-3456-7890", "0812.3456.7890",
                                     "+62 812-3456-7890", "(0812) 3456 7890"])
def test_phone_numbers_as_people_write_them(pages: Pages, services: Services,
                                            written: str) -> None:
    pages.post("/lapor", {**FORM, "phone": written, "id_document": upload(PNG, "ktp.png")},
               status=303, content_type="multipart/form-data")
    expected = "+6281234567890" if written.startswith("+") else "081234567890"
    assert stored_phones(services) == [expected]


def test_a_phone_number_with_letters_is_still_refused(pages: Pages) -> None:
    page = text_of(pages.post("/lapor", {**FORM, "phone": "0812 ABC", "submission": TOKEN},
                              status=422, content_type="multipart/form-data"))
    assert 'id="f-phone-error"' in page


def test_files_survive_a_validation_error(pages: Pages, services: Services) -> None:
    first = pages.post("/lapor", {
        **FORM, "description": "pendek", "submission": TOKEN,
        "id_document": upload(PNG, "ktp.png"),
        "attachments": [upload(PDF, "surat.pdf"), upload(PNG, "foto.png")]},
        status=422, content_type="multipart/form-data")
    page = text_of(first)
    assert "ktp.png, surat.pdf, foto.png" in page and 'id="kept-files"' in page
    # The second attempt chooses no file at all: the kept ones are filed.
    pages.post("/lapor", {**FORM, "submission": TOKEN}, status=303,
               content_type="multipart/form-data")
    with services.uow() as uow:
        names = sorted((a.kind, a.filename) for a in uow.session.scalars(select(Attachment)))
    assert names == [("identitas", "ktp.png"), ("lampiran", "foto.png"),
                     ("lampiran", "surat.pdf")]
    assert not list((Path(services.settings.uploads_dir) / "_formulir").glob("*"))  # dropped


def test_a_new_file_replaces_the_kept_one(pages: Pages, services: Services) -> None:
    pages.post("/lapor", {**FORM, "description": "pendek", "submission": TOKEN,
                          "id_document": upload(PNG, "lama.png")},
               status=422, content_type="multipart/form-data")
    pages.post("/lapor", {**FORM, "submission": TOKEN, "id_document": upload(PNG, "baru.png")},
               status=303, content_type="multipart/form-data")
    with services.uow() as uow:
        assert list(uow.session.scalars(select(Attachment.filename))) == ["baru.png"]


def test_a_refused_file_is_not_kept(pages: Pages) -> None:
    page = text_of(pages.post("/lapor", {
        **FORM, "submission": TOKEN, "id_document": upload(b"MZ\x90\x00", "ktp.png")},
        status=422, content_type="multipart/form-data"))
    assert 'id="kept-files"' not in page


@pytest.mark.browser
def test_phone_keeps_the_photo_after_an_error(browser: object, base_url: str,
                                              services: Services) -> None:
    page = browser.new_context(viewport=PHONE).new_page()  # type: ignore[attr-defined]
    page.goto(f"{base_url}/lapor")
    from tests.live import fill_complaint

    fill_complaint(page, FORM["title"], "pendek", FORM["name"], "0812 3456 7890")
    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_selector("#kept-files")
    assert "ktp.png" in page.inner_text("#kept-files")
    shot(page, "form-kept-files-360")
    page.fill("#f-description", FORM["description"])
    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_url(re.compile(r"/lapor/terkirim/"))
    with services.uow() as uow:
        complaint = uow.session.scalars(select(Complaint)).one()
        files = list(uow.session.scalars(select(Attachment.filename)))
    assert files == ["ktp.png"] and complaint.title == FORM["title"]
    assert stored_phones(services) == ["081234567890"]
