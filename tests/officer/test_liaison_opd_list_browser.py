"""In a real headless Chromium: the liaison reaches the OPD list from the menu, at desktop and
phone width, and picks a group."""

from __future__ import annotations

from typing import Any

import pytest

from tests.walk import VERIFY_FORWARD, Walk
from tests.webui.test_browser import PHONE, fits_the_phone, officer_signs_in, shot

pytestmark = pytest.mark.browser


def test_the_liaison_opens_the_opd_list_from_the_menu(browser: object, base_url: str,
                                                      walk: Walk) -> None:
    handed = walk.file(title="Dokter jaga tidak ada").tracking_code
    waiting = walk.file(title="Antrean panjang").tracking_code
    for code in (handed, waiting):
        walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.complete(handed, "tanggapi", {"outcome": "to_unit", "note": "Cek jadwal dokter."})
    walk.user("pejabat_penghubung", "DINKES")
    page: Any = officer_signs_in(browser, base_url, "pejabat_penghubung-dinkes")
    page.get_by_role("link", name="Laporan OPD").click()
    page.get_by_role("link", name="Di unit teknis 1").click()
    page.wait_for_url("**kelompok=unit_teknis")
    cards = page.locator("article.task-card")
    assert cards.count() == 1 and handed in cards.first.inner_text()
    shot(page, "opd-list-liaison-1280")
    page.set_viewport_size(PHONE)
    page.reload()
    assert fits_the_phone(page)
    shot(page, "opd-list-liaison-360")
