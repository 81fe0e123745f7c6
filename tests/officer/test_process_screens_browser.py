"""The screens this work changed, in a real browser at 1280 and 360 px: Tim Admin's reply on
the complaint page and the afternoon digest."""

from __future__ import annotations

import pytest

from tests.walk import ANSWER, VERIFY_FORWARD, Walk
from tests.webui.axe import accessibility_problems
from tests.webui.test_browser import PHONE, shot

pytestmark = pytest.mark.browser
DESKTOP = {"width": 1280, "height": 900}


def signed_in(browser: object, base_url: str, username: str, viewport: dict[str, int]
              ) -> object:
    context = browser.new_context(viewport=viewport)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(base_url + "/petugas/masuk")
    page.fill("#f-username", username)
    page.fill("#f-password", "pw")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/petugas/")
    return page


@pytest.mark.parametrize(("viewport", "suffix"), [(DESKTOP, "1280"), (PHONE, "360")])
def test_reply_form_and_afternoon_digest(browser: object, base_url: str, walk: Walk,
                                         viewport: dict[str, int], suffix: str) -> None:
    walk.user("tim_admin")
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.complete(code, "tanggapi", ANSWER)
    page = signed_in(browser, base_url, "tim_admin", viewport)
    page.goto(f"{base_url}/petugas/laporan/{code}")  # type: ignore[attr-defined]
    page.fill("#f-text", "Mohon lampirkan foto hasil perbaikan.")  # type: ignore[attr-defined]
    width = page.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
    assert width <= viewport["width"]
    assert accessibility_problems(page) == []
    shot(page, f"balasan-tim-admin-{suffix}")
    page.get_by_role("button", name="Kirim balasan").click()  # type: ignore[attr-defined]
    page.wait_for_selector("text=tindak lanjut dibuka kembali")  # type: ignore[attr-defined]
    assert walk.status(code) == "didisposisikan"
    page.goto(f"{base_url}/saluran/ringkasan?sesi=sore")  # type: ignore[attr-defined]
    assert "Selesai hari ini" in page.inner_text("main")  # type: ignore[attr-defined]
    width = page.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
    assert width <= viewport["width"]
    assert accessibility_problems(page) == []
    shot(page, f"apel-sore-{suffix}")
