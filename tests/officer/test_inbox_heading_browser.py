"""In a real headless Chromium: an OPD officer's inbox heading (role · OPD name · order) sits
beside the title on a desk and wraps below it on a 360 px phone, which no longer scrolls
sideways; nor does an Anggota's overdue team task with its deadline in words."""

from __future__ import annotations

from typing import Any

import pytest

from engine.complaints.team_tasks import give_task
from tests.walk import Walk, wib
from tests.webui.test_browser import PHONE, fits_the_phone, officer_signs_in, shot

pytestmark = pytest.mark.browser

SUBTITLE = "h1.compact-title small"


def test_the_opd_officers_heading_fits_desk_and_phone(browser: object, base_url: str,
                                                      walk: Walk) -> None:
    walk.user("pejabat_penghubung", "DISDUKCAPIL")
    page: Any = officer_signs_in(browser, base_url, "pejabat_penghubung-disdukcapil")
    subtitle = page.locator(SUBTITLE)
    assert "Dinas Kependudukan dan Pencatatan Sipil" in subtitle.inner_text()
    title, small = page.locator("h1.compact-title").bounding_box(), subtitle.bounding_box()
    assert small["y"] + small["height"] <= title["y"] + title["height"] + 1  # on the title's line
    assert small["x"] > title["x"] + 100
    shot(page, "inbox-heading-opd-1280")
    page.set_viewport_size(PHONE)
    page.reload()
    assert fits_the_phone(page)
    small = subtitle.bounding_box()
    assert small["x"] + small["width"] <= PHONE["width"]
    assert small["height"] > 30  # on lines of its own
    shot(page, "inbox-heading-opd-360")


def test_an_overdue_team_task_fits_the_phone(browser: object, base_url: str,
                                            walk: Walk) -> None:
    anggota = walk.user("anggota")
    with walk.services.uow() as uow:
        give_task(uow.session, walk.user("ketua"), {
            "assignee": str(anggota.user_id), "title": "Cek lokasi jalan",
            "instruction": "Foto kondisi jalan.", "due_on": "2026-09-30"}, walk.clock())
        uow.commit()
    walk.clock.set(wib("2026-10-01 09:00"))
    page: Any = officer_signs_in(browser, base_url, "anggota")
    page.set_viewport_size(PHONE)
    for lang, words in (("en", "overdue · due Wednesday, 30 September 2026"),
                        ("id", "terlambat · batas Rabu, 30 September 2026")):
        page.goto(f"{base_url}/petugas/?lang={lang}")
        assert " ".join(page.locator("#penugasan .badge").inner_text().split()) == words
        assert fits_the_phone(page), lang
    shot(page, "inbox-team-task-late-360")
