"""The reporter finds the survey: the closed status page offers it with the code filled in and
no secret to retype; an open report says the survey opens after closure before any question."""

from __future__ import annotations

import re

import pytest

from tests.evaluation.test_survey import resolved
from tests.walk import Walk
from tests.webui.pages import Pages, text_of
from tests.webui.test_browser import PHONE, fits_the_phone, shot

from .test_public import track

ANSWERS = {f"u{n}": "4" for n in range(1, 10)}


def test_closed_status_page_offers_the_survey(pages: Pages, walk: Walk) -> None:
    receipt = resolved(walk)
    page = track(pages, receipt.tracking_code, receipt.secret)
    assert "Beri penilaian" in page
    link = re.search(r'href="(/survei/\?kode=[^"]+)"', page)
    assert link, page
    survey = text_of(pages.get(link.group(1).replace("&amp;", "&")))
    assert f'value="{receipt.tracking_code}"' in survey
    assert 'name="secret"' not in survey  # the link's token stands in for the secret
    assert survey.count('class="skm-question"') == 9


def test_open_report_offers_no_survey_and_says_when(pages: Pages, walk: Walk) -> None:
    receipt = walk.file()
    assert "Beri penilaian" not in track(pages, receipt.tracking_code, receipt.secret)
    survey = text_of(pages.get(f"/survei/?kode={receipt.tracking_code}"))
    assert "setelah laporan selesai ditangani" in survey
    assert 'class="skm-question"' not in survey


def test_answered_survey_is_said_at_once_and_leaves_the_status_page(
        pages: Pages, walk: Walk) -> None:
    receipt = resolved(walk)
    pages.post("/survei/", {"kode": receipt.tracking_code, "secret": receipt.secret, **ANSWERS},
               status=200)
    survey = text_of(pages.get(f"/survei/?kode={receipt.tracking_code}"))
    assert "sudah diisi" in survey and 'class="skm-question"' not in survey
    assert "Beri penilaian" not in track(pages, receipt.tracking_code, receipt.secret)


@pytest.mark.browser
def test_reporter_goes_from_status_page_to_thanks(browser: object, base_url: str,
                                                  walk: Walk) -> None:
    receipt = resolved(walk)
    context = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{base_url}/lacak")
    page.fill("#f-code", receipt.tracking_code)
    page.fill("#f-secret", receipt.secret)
    page.locator("main form button[type=submit]").click()
    page.get_by_role("button", name="Beri penilaian").click()
    # Measure the survey page once it has loaded, not the status page while it navigates.
    page.wait_for_url("**/survei/**")  # type: ignore[attr-defined]
    page.wait_for_load_state()  # type: ignore[attr-defined]
    assert fits_the_phone(page)
    for n in range(1, 10):
        page.check(f"#f-u{n}-4")
    shot(page, "survey-from-status")
    page.get_by_role("button", name="Kirim jawaban").click()
    assert "sudah kami terima" in page.inner_text("main")
