"""The reporter says on the status page whether the problem is solved (issue #24 item 3):
"Sudah selesai" closes the report and lands on the survey, "Belum selesai" needs a reason and
reopens the report, a plain message moves nothing; the sign-out button says what it does."""

from __future__ import annotations

import pytest

from tests.walk import ANSWER, VERIFY_FORWARD, Walk
from tests.webui.axe import accessibility_problems
from tests.webui.pages import Pages, text_of
from tests.webui.test_browser import PHONE, fits_the_phone, shot

from .test_public import track


def answered(walk: Walk) -> tuple[str, str]:
    receipt = walk.file()
    walk.complete(receipt.tracking_code, "verifikasi", VERIFY_FORWARD)
    walk.complete(receipt.tracking_code, "tanggapi", ANSWER)
    return receipt.tracking_code, receipt.secret


def test_the_answer_is_asked_only_after_a_follow_up(pages: Pages, walk: Walk) -> None:
    receipt = walk.file()
    page = track(pages, receipt.tracking_code, receipt.secret)
    assert 'id="jawaban"' not in page and "Sudah selesai" not in page
    walk.complete(receipt.tracking_code, "verifikasi", VERIFY_FORWARD)
    walk.complete(receipt.tracking_code, "tanggapi", ANSWER)
    page = text_of(pages.get(f"/lacak/{receipt.tracking_code}"))
    assert 'id="jawaban"' in page and 'href="#jawaban"' in page
    assert "Sudah selesai" in page and "Belum selesai" in page


def test_sudah_selesai_closes_and_opens_the_survey(pages: Pages, walk: Walk) -> None:
    code, secret = answered(walk)
    track(pages, code, secret)
    response = pages.post(f"/lacak/{code}/jawab", {"answer": "sudah"}, page=f"/lacak/{code}",
                          status=302)
    assert f"/survei/?kode={code}&token=" in response.headers["Location"]
    assert walk.status(code) == "selesai"
    survey = text_of(pages.get(response.headers["Location"]))
    assert "sudah ditutup sebagai selesai" in survey
    # A second tap lands on the survey as well, and records nothing more.
    again = pages.post(f"/lacak/{code}/jawab", {"answer": "sudah"}, page=f"/lacak/{code}",
                       status=302)
    assert "/survei/" in again.headers["Location"]
    assert [f.kind for f in walk.follow_ups(code)] == ["tindak_lanjut", "sudah_selesai"]


def test_belum_selesai_without_a_reason_is_sent_back_with_an_error(pages: Pages,
                                                                  walk: Walk) -> None:
    code, secret = answered(walk)
    track(pages, code, secret)
    response = pages.post(f"/lacak/{code}/jawab", {"answer": "belum", "reason": "ya"},
                          page=f"/lacak/{code}", status=422)
    page = text_of(response)
    assert 'aria-invalid="true"' in page and 'id="f-reason-error"' in page
    assert ">ya</textarea>" in page  # what was typed is kept
    assert walk.status(code) == "ditindaklanjuti"


def test_belum_selesai_with_a_reason_reopens(pages: Pages, walk: Walk) -> None:
    code, secret = answered(walk)
    track(pages, code, secret)
    pages.post(f"/lacak/{code}/jawab", {"answer": "belum", "reason": "Dokter masih kosong."},
               page=f"/lacak/{code}", status=302)
    assert walk.status(code) == "didisposisikan"
    page = text_of(pages.get(f"/lacak/{code}"))
    assert "Dokter masih kosong." in page and 'id="jawaban"' not in page


def test_a_plain_message_changes_no_status(pages: Pages, walk: Walk) -> None:
    code, secret = answered(walk)
    track(pages, code, secret)
    pages.post(f"/lacak/{code}/balas", {"text": "Terima kasih, Pak."}, page=f"/lacak/{code}",
               status=302)
    assert walk.status(code) == "ditindaklanjuti"
    page = text_of(pages.get(f"/lacak/{code}"))
    assert "status laporan tidak berubah" in page and "Terima kasih, Pak." in page


def test_an_answer_needs_the_reporters_browser(pages: Pages, walk: Walk) -> None:
    code, _secret = answered(walk)
    pages.post(f"/lacak/{code}/jawab", {"answer": "sudah"}, page="/lacak", status=403)
    assert walk.status(code) == "ditindaklanjuti"


def test_the_sign_out_button_says_it_only_leaves_this_device(pages: Pages,
                                                            walk: Walk) -> None:
    code, secret = answered(walk)
    page = track(pages, code, secret)
    assert "Keluar dari halaman laporan ini di perangkat ini" in page
    assert "Selesai — tutup" not in page


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 1280])
def test_sudah_selesai_lands_on_the_survey(browser: object, base_url: str, walk: Walk,
                                           width: int) -> None:
    code, secret = answered(walk)
    viewport = PHONE if width == 360 else {"width": 1280, "height": 900}
    page = browser.new_context(viewport=viewport).new_page()  # type: ignore[attr-defined]
    page.goto(f"{base_url}/lacak")
    page.fill("#f-code", code)
    page.fill("#f-secret", secret)
    page.get_by_role("button", name="Lacak").click()
    page.wait_for_selector("#jawaban")
    headings = page.eval_on_selector_all("main h2", "els => els.map(e => e.id || e.textContent)")
    assert headings.index("Riwayat status") < headings.index("jawaban-title")
    assert fits_the_phone(page) or width > 360
    assert accessibility_problems(page) == []
    shot(page, f"status-page-answer-{width}")
    page.get_by_role("button", name="Sudah selesai").click()
    page.wait_for_url(f"**/survei/?kode={code}*")
    page.wait_for_selector("form")
    assert walk.status(code) == "selesai"
    assert fits_the_phone(page) or width > 360
    shot(page, f"survey-after-sudah-{width}")
