"""The inbox as officers expect from a task list: search by tracking code or title words, a
compact list (ten tasks and more at 1280 × 800), claims shown, and completing an unclaimed
task claims it for the officer and says so."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engine.audit import AuditEntry
from tests.walk import VERIFY_FORWARD, Walk
from tests.webui.pages import Pages, text_of
from tests.webui.test_browser import PHONE, fits_the_phone, officer_signs_in, shot
from webui.wiring import Services


def test_search_by_code_or_title_words(pages: Pages, walk: Walk) -> None:
    road = walk.file(title="Jalan berlubang di Pasar Tebing Tinggi").tracking_code
    clinic = walk.file(title="Antrean puskesmas panjang").tracking_code
    walk.user("tim_admin")
    pages.login("tim_admin")
    by_words = text_of(pages.get("/petugas/?q=pasar+jalan"))
    assert road in by_words and clinic not in by_words
    by_code = text_of(pages.get(f"/petugas/?q={clinic[3:].lower()}"))  # without EL-, lower case
    assert clinic in by_code and road not in by_code
    nothing = text_of(pages.get("/petugas/?q=100%25_"))
    assert road not in nothing and "Tidak ada tugas yang cocok" in nothing


def test_completing_an_unclaimed_task_claims_it_and_says_so(pages: Pages, walk: Walk,
                                                           services: Services) -> None:
    code = walk.file().tracking_code
    walk.user("tim_admin")
    pages.login("tim_admin")
    task = walk.task(code, "verifikasi")
    page = text_of(pages.get(f"/petugas/tugas/{task.id}"))
    assert 'id="claim-on-complete"' in page
    done = pages.post(f"/petugas/tugas/{task.id}", VERIFY_FORWARD,
                      page=f"/petugas/tugas/{task.id}", status=302)
    inbox = text_of(pages.get(done.headers["Location"]))
    assert "tercatat diambil dan diselesaikan oleh Anda" in inbox
    with services.uow() as uow:
        actions = list(uow.session.scalars(select(AuditEntry.action).where(
            AuditEntry.actor == "tim_admin").order_by(AuditEntry.id)))
    tasks = [a for a in actions if a.startswith("task_")]
    assert tasks == ["task_claimed", "task_completed"]


@pytest.mark.browser
def test_ten_tasks_fit_a_desk_screen_and_the_list_fits_a_phone(browser: object, base_url: str,
                                                               walk: Walk) -> None:
    walk.user("tim_admin")
    for n in range(12):
        walk.file(title=f"Laporan warga nomor {n + 1} tentang pelayanan di kecamatan")
    page = officer_signs_in(browser, base_url, "tim_admin")
    page.set_viewport_size({"width": 1280, "height": 800})  # type: ignore[attr-defined]
    page.reload()  # type: ignore[attr-defined]
    visible = page.evaluate(  # type: ignore[attr-defined]
        "[...document.querySelectorAll('article.task-line')]"
        ".filter(e => e.getBoundingClientRect().bottom <= innerHeight).length")
    shot(page, "inbox-1280")
    assert visible >= 10
    page.fill("input[name=q]", "nomor 7")  # type: ignore[attr-defined]
    page.press("input[name=q]", "Enter")  # type: ignore[attr-defined]
    page.wait_for_url("**q=nomor*")  # type: ignore[attr-defined]
    assert page.locator("article.task-line").count() == 1  # type: ignore[attr-defined]
    page.set_viewport_size(PHONE)  # type: ignore[attr-defined]
    page.goto(f"{base_url}/petugas/")  # type: ignore[attr-defined]
    assert fits_the_phone(page)
    shot(page, "inbox-360")
