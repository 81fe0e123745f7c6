"""In a real Chromium: the verification screen's suggestions and the citizen's "Mungkin sudah
dilaporkan" (which needs the page's script), at 1280 px and on a 360 px phone."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.walk import VERIFY_FORWARD, Walk

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LAMP = {"title": "Lampu jalan mati di Desa Pendopo",
        "description": "Lampu penerangan jalan di Desa Pendopo mati sejak seminggu, gelap.",
        "category": "25"}

pytestmark = pytest.mark.browser


def _fits(page: object, width: int) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth") <= width)  # type: ignore[attr-defined]


def test_verification_suggestions_at_both_widths(browser: object, base_url: str,
                                                 walk: Walk) -> None:
    first = walk.file(**LAMP).tracking_code
    second = walk.file(title="PJU mati", description="lampu jln di ds pendopo padam, gelap "
                       "gulita tiap malam sdh seminggu", category="").tracking_code
    walk.user("tim_admin", name="admin")
    task = walk.task(second, "verifikasi")
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (1280, 360):
        context = browser.new_context(viewport={"width": width, "height": 800})  # type: ignore[attr-defined]
        page = context.new_page()
        page.goto(base_url + "/petugas/masuk")
        page.fill("#f-username", "admin")
        page.fill("#f-password", "pw")
        page.get_by_role("button", name="Masuk").click()
        page.goto(f"{base_url}/petugas/tugas/{task.id}#saran")
        assert page.locator("#saran").is_visible()
        assert first in page.inner_text("#saran")
        assert _fits(page, width)
        page.locator("#saran").screenshot(path=str(ARTIFACTS / f"saran-{width}.png"))
        page.get_by_role("link", name="Pilih Perhubungan").first.click()
        assert page.locator("#f-category").input_value() == "25"
        context.close()


def test_similar_reports_appear_while_typing(browser: object, base_url: str,
                                            walk: Walk) -> None:
    code = walk.file(**LAMP).tracking_code
    walk.complete(code, "verifikasi", {**VERIFY_FORWARD, "opd": "DISHUB", "category": "25"})
    context = browser.new_context(viewport={"width": 360, "height": 740})  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(base_url + "/lapor")
    assert page.locator("#mirip").is_hidden()
    page.fill("#f-title", "lampu jalan padam")
    page.fill("#f-description", "lampu jln di ds pendopo mati, gelap tiap malam")
    page.wait_for_selector("#mirip:not([hidden])")
    assert code in page.inner_text("#mirip")
    assert _fits(page, 360)
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#mirip").screenshot(path=str(ARTIFACTS / "mirip-360.png"))
    page.goto(f"{base_url}/laporan/{code}")
    page.get_by_role("button", name="Saya juga mengalami ini").click()
    assert "1 warga juga mengalami ini" in page.inner_text("#saya-juga")
    page.screenshot(path=str(ARTIFACTS / "saya-juga-360.png"), full_page=True)
    context.close()
