"""Tim Admin's verification form shows what the decision needs: the OPD only to forward, the
question or the reason under its own name, a confirmation before archiving, and on
re-verification the question asked beside the reporter's answer."""

from __future__ import annotations

import pytest

from tests.walk import Walk
from tests.webui.pages import Pages, text_of
from tests.webui.test_browser import PHONE, officer_signs_in, open_task, shot

QUESTION = "Puskesmas mana yang dimaksud?"
ANSWER = "Puskesmas Tebing Tinggi, setiap Senin pagi."


def test_re_verification_shows_question_and_answer_together(pages: Pages, walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", {"decision": "clarify", "jenis": "pengaduan",
                                       "reason": QUESTION})
    walk.reply(code, ANSWER)
    walk.user("tim_admin")
    pages.login("tim_admin")
    page = text_of(pages.get(f"/petugas/tugas/{walk.task(code, 'verifikasi').id}"))
    box = page.split('id="klarifikasi"')[1].split("</section>")[0]
    assert QUESTION in box and ANSWER in box
    assert page.index('id="klarifikasi"') < page.index('id="formulir"')


def test_first_verification_has_no_clarification_box(pages: Pages, walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.user("tim_admin")
    pages.login("tim_admin")
    page = text_of(pages.get(f"/petugas/tugas/{walk.task(code, 'verifikasi').id}"))
    assert 'id="klarifikasi"' not in page
    before_opd = page.split('id="f-opd"')[0][-400:]
    assert "data-show-when" in before_opd and "forward" in before_opd


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 360])
def test_fields_follow_the_decision_and_archiving_asks_first(browser: object, base_url: str,
                                                             walk: Walk, width: int) -> None:
    walk.user("tim_admin")
    code = walk.file().tracking_code
    page = officer_signs_in(browser, base_url, "tim_admin")
    if width == 360:
        page.set_viewport_size(PHONE)  # type: ignore[attr-defined]
    open_task(page, code)
    visible = page.is_visible  # type: ignore[attr-defined]
    assert not visible("#f-opd") and not visible("#f-reason")
    page.check("#f-jenis-0")  # type: ignore[attr-defined]
    page.check("#f-decision-0")  # type: ignore[attr-defined]  # teruskan
    assert visible("#f-opd") and not visible("#f-reason")
    page.check("#f-decision-1")  # type: ignore[attr-defined]  # klarifikasi
    assert not visible("#f-opd") and visible("#f-reason")
    assert page.inner_text("label[for=f-reason]").startswith("Pertanyaan untuk pelapor")  # type: ignore[attr-defined]
    page.check("#f-decision-3")  # type: ignore[attr-defined]  # arsipkan
    assert page.inner_text("label[for=f-reason]").startswith("Alasan pengarsipan")  # type: ignore[attr-defined]
    assert not visible("#f-instansi_tujuan")
    page.fill("#f-reason", "Duplikat laporan sebelumnya.")  # type: ignore[attr-defined]
    shot(page, f"verification-archive-{width}")
    asked: list[str] = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    page.get_by_role("button", name="Selesaikan tugas").click()  # type: ignore[attr-defined]
    assert asked and "Arsipkan laporan ini?" in asked[0]
    assert walk.status(code) == "diterima"  # dismissed: nothing happened
    page.once("dialog", lambda d: d.accept())  # type: ignore[attr-defined]
    page.get_by_role("button", name="Selesaikan tugas").click()  # type: ignore[attr-defined]
    page.wait_for_url("**/petugas/")  # type: ignore[attr-defined]
    assert walk.status(code) == "diarsipkan"
