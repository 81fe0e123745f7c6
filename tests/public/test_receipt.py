"""A reload never files a complaint twice (post/redirect/get and a one-time submission token),
and the receipt is worth handing over: letterhead, when, what, who, codes, a private tracking
link with its QR code, how to track; printed without buttons."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from engine.complaints.tables import Complaint
from tests.walk import Walk
from tests.webui.files import PNG, upload
from tests.webui.pages import Pages, text_of
from tests.webui.test_browser import PHONE, fits_the_phone, shot
from webui.wiring import Services

from .test_public import FORM, filed, receipt_codes

TOKEN = "Kj3v9Qx2LmN8pR4sT6uW1yZ0"


def complaints(services: Services) -> int:
    with services.uow() as uow:
        return uow.session.scalar(select(func.count(Complaint.id))) or 0


def post_form(pages: Pages, url: str = "/lapor", **fields: object):  # type: ignore[no-untyped-def]
    data = {**FORM, "id_document": upload(PNG, "ktp.png"), "submission": TOKEN, **fields}
    return pages.post(url, data, status=303, content_type="multipart/form-data")


def test_the_form_answers_with_a_redirect_and_reloading_the_receipt_files_nothing(
        pages: Pages, services: Services) -> None:
    first = post_form(pages)
    location = first.headers["Location"]
    assert re.fullmatch(r"/lapor/terkirim/EL-[0-9A-Z]{8}", location)
    one, two = text_of(pages.get(location)), text_of(pages.get(location))
    assert receipt_codes(one) == receipt_codes(two)  # the same receipt, read twice
    assert complaints(services) == 1


def test_the_same_form_sent_again_files_one_complaint(pages: Pages, services: Services) -> None:
    first = post_form(pages).headers["Location"]
    again = post_form(pages).headers["Location"]  # a double tap, a resent request
    assert again == first
    assert complaints(services) == 1
    post_form(pages, submission="lain" + TOKEN,  # a new form is a new complaint
              description=FORM["description"] + " Sudah dua minggu.")
    assert complaints(services) == 2


def test_back_then_send_again_files_no_second_complaint(pages: Pages, services: Services) -> None:
    # Found in exploratory testing: Back restores the typed form with a fresh token.
    first = post_form(pages).headers["Location"]
    restored = {"title": "  " + FORM["title"], "description": FORM["description"] + "\r\n"}
    again = post_form(pages, submission="baru" + TOKEN, **restored)
    assert again.headers["Location"] == first and complaints(services) == 1
    assert "Laporan yang sama sudah Anda kirim" in text_of(pages.get(first))


def test_a_form_sent_back_with_errors_keeps_its_token(pages: Pages) -> None:
    page = text_of(pages.post("/lapor", {**FORM, "description": "pendek", "submission": TOKEN},
                              status=422, content_type="multipart/form-data"))
    assert f'name="submission" value="{TOKEN}"' in page
    fresh = text_of(pages.get("/lapor"))
    assert re.search(r'name="submission" value="[A-Za-z0-9_-]{32}"', fresh)


def test_another_browser_never_sees_the_secret(pages: Pages, app) -> None:  # type: ignore[no-untyped-def]
    location = post_form(pages).headers["Location"]
    code, secret = receipt_codes(text_of(pages.get(location)))
    stranger = app.test_client().get(location)
    page = stranger.get_data(as_text=True)
    assert stranger.status_code == 200 and code in page and secret not in page
    assert 'id="receipt-gone"' in page


def test_the_receipt_is_kept_for_an_hour_only(pages: Pages, walk: Walk) -> None:
    location = post_form(pages).headers["Location"]
    walk.clock.advance(minutes=59)
    assert 'id="secret"' in text_of(pages.get(location))
    walk.clock.advance(minutes=2)
    assert 'id="secret"' not in text_of(pages.get(location))


def test_citizen_receipt_has_what_a_receipt_needs(pages: Pages) -> None:
    page = text_of(filed(pages))
    code, secret = receipt_codes(page)
    assert "Pemerintah Kabupaten Empat Lawang" in page
    assert '<time datetime="2026-03-02T02:00:00+00:00">' in page  # 09:00 WIB
    assert FORM["title"] in page and FORM["name"] in page
    assert "/LAPOR/2026" in page
    assert f'value="http://127.0.0.1:5000/lacak/{code}#rahasia={secret}"' in page
    assert '<svg' in page and 'class="qr"' in page
    assert "SMS 1708" in page and "http://127.0.0.1:5000/lacak" in page
    assert 'id="receipt-officer"' not in page


def test_anonymous_receipt_says_anonim(pages: Pages) -> None:
    page = text_of(filed(pages, anonim="on", name="", phone=""))
    assert '<dd id="receipt-reporter">Anonim</dd>' in page


def test_counter_receipt_names_the_officer_and_dedupes(pages: Pages, walk: Walk,
                                                       services: Services) -> None:
    walk.user("front_office", name="Rina Loket")
    pages.login("rina loket")
    url = "/front-office/registrasi"
    first = post_form(pages, url, channel="loket").headers["Location"]
    assert post_form(pages, url, channel="loket").headers["Location"] == first
    assert complaints(services) == 1
    page = text_of(pages.get(first))
    officer = re.search(r'<dd id="receipt-officer">([^<]*)</dd>', page)
    assert officer and officer.group(1) == "Rina Loket · Loket (datang langsung)", officer
    assert FORM["name"] in page and 'id="secret"' in page


@pytest.mark.browser
def test_double_tap_and_reload_file_one_and_the_private_link_opens_the_report(
        browser: object, base_url: str, services: Services) -> None:
    context = browser.new_context(viewport=PHONE, locale="id-ID")  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{base_url}/lapor")
    from tests.live import fill_complaint

    fill_complaint(page, FORM["title"], FORM["description"], FORM["name"], FORM["phone"])
    page.get_by_role("button", name="Kirim laporan").dblclick()
    page.wait_for_url("**/lapor/terkirim/*")
    page.reload()
    page.reload()
    assert complaints(services) == 1
    assert fits_the_phone(page)
    shot(page, "receipt-360")
    link = page.input_value("#private-link")
    page.emulate_media(media="print")
    shot(page, "receipt-print")
    assert page.get_by_role("button", name="Cetak tanda terima").is_hidden()
    assert page.locator("#private-link + button").is_hidden()
    stranger = browser.new_context(viewport=PHONE).new_page()  # type: ignore[attr-defined]
    stranger.goto(base_url + link.split("127.0.0.1:5000", 1)[1])
    stranger.wait_for_url(re.compile(r"/lacak/EL-[0-9A-Z]{8}$"))
    assert "Status sekarang" in stranger.inner_text("main")
    assert "rahasia" not in stranger.url


@pytest.mark.browser
def test_receipt_at_the_desk(browser: object, base_url: str) -> None:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()  # type: ignore[attr-defined]
    page.goto(f"{base_url}/lapor")
    from tests.live import fill_complaint

    fill_complaint(page, FORM["title"], FORM["description"], FORM["name"], FORM["phone"])
    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_url("**/lapor/terkirim/*")
    shot(page, "receipt-1280")
