"""The reporter's status page reads in order (where it stands, the report, follow-ups, history,
then the reply box), speaks the public's words, and never promises an OPD before there is one."""

from __future__ import annotations

import pytest

from tests.walk import VERIFY_FORWARD, Walk
from tests.webui.pages import Pages
from tests.webui.test_browser import PHONE, fits_the_phone, shot

from .test_public import track


def positions(page: str, *markers: str) -> list[int]:
    found = [page.find(marker) for marker in markers]
    assert -1 not in found, dict(zip(markers, found, strict=True))
    return found


def test_reading_order_with_the_reply_box_last(pages: Pages, walk: Walk) -> None:
    receipt = walk.file()
    page = track(pages, receipt.tracking_code, receipt.secret)
    order = positions(page, 'id="status-now"', "<h2>Pelayanan puskesmas lambat</h2>",
                      'id="tindak-lanjut"', 'id="riwayat"', 'id="balas"')
    assert order == sorted(order)


def test_before_an_opd_is_assigned_the_reply_goes_to_tim_admin(pages: Pages,
                                                               walk: Walk) -> None:
    receipt = walk.file()
    page = track(pages, receipt.tracking_code, receipt.secret)
    assert "dibaca Tim Admin" in page and "Tambahkan keterangan" in page
    assert "OPD" not in page.split('id="balas"')[1].split("</section>")[0]


def test_after_the_opd_answers_the_reply_goes_to_the_opd(pages: Pages, walk: Walk) -> None:
    receipt = walk.file()
    walk.complete(receipt.tracking_code, "verifikasi", VERIFY_FORWARD)
    walk.complete(receipt.tracking_code, "tanggapi", {"outcome": "answered",
                                                      "response": "Jadwal sudah diperbaiki."})
    page = track(pages, receipt.tracking_code, receipt.secret)
    assert "dibaca OPD yang menanggapi" in page and "Kirim pesan" in page
    order = positions(page, 'id="riwayat"', 'id="jawaban"', 'id="balas"')
    assert order == sorted(order)


def test_internal_statuses_are_said_in_public_words(pages: Pages, walk: Walk) -> None:
    receipt = walk.file()
    walk.complete(receipt.tracking_code, "verifikasi", VERIFY_FORWARD)
    walk.complete(receipt.tracking_code, "tanggapi", {"outcome": "not_our_authority",
                                                      "note": "Ini urusan RSUD."})
    assert walk.status(receipt.tracking_code) == "dikembalikan"
    page = track(pages, receipt.tracking_code, receipt.secret)
    assert "Dikembalikan ke Tim Admin" not in page
    assert "Sedang ditinjau ulang" in page
    assert "Didisposisikan ke OPD" not in page and "Diteruskan ke OPD" in page


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 1280])
def test_status_page_at_both_widths(browser: object, base_url: str, walk: Walk,
                                    width: int) -> None:
    receipt = walk.file()
    walk.complete(receipt.tracking_code, "verifikasi", VERIFY_FORWARD)
    viewport = PHONE if width == 360 else {"width": 1280, "height": 900}
    page = browser.new_context(viewport=viewport).new_page()  # type: ignore[attr-defined]
    page.goto(f"{base_url}/lacak")
    page.fill("#f-code", receipt.tracking_code)
    page.fill("#f-secret", receipt.secret)
    page.get_by_role("button", name="Lacak").click()
    page.wait_for_selector("#status-now")
    headings = page.eval_on_selector_all("main h2", "els => els.map(e => e.id || e.textContent)")
    assert headings.index("now-title") < headings.index("Riwayat status")
    assert headings[-1] == "Tambahkan keterangan"
    if width == 360:
        assert fits_the_phone(page)
    shot(page, f"status-page-{width}")


def test_an_archived_report_says_why_beside_its_status(pages: Pages, walk: Walk) -> None:
    receipt = walk.file()
    walk.complete(receipt.tracking_code, "verifikasi", {
        "decision": "archive", "jenis": "pengaduan", "reason": "Sama dengan laporan EL-AAAA1111."})
    page = track(pages, receipt.tracking_code, receipt.secret)
    now = page.split('id="status-now"')[1].split("</article>")[0]
    assert "Diarsipkan" in now and "Sama dengan laporan EL-AAAA1111." in now
