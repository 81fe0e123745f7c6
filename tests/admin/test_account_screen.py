"""Sysadmin's account screen: "Akun baru" at the top, a search over accounts, and a refused
form back beside its errors with what was typed (password too), not 8,000 px below."""

from __future__ import annotations

import pytest

from tests.walk import Walk
from tests.webui.pages import Pages, text_of
from tests.webui.test_browser import shot

from .test_admin import NEW_LIAISON, admin  # noqa: F401  (the fixture)


def test_search_over_accounts(admin: Pages, walk: Walk) -> None:  # noqa: F811
    walk.user("pejabat_penghubung", "DINKES")
    walk.user("pejabat_penghubung", "PUPR")
    walk.user("front_office")
    page = text_of(admin.get("/admin/pengguna?q=penghubung+dinkes"))
    assert "pejabat_penghubung-dinkes" in page
    assert "pejabat_penghubung-pupr" not in page and ">front_office<" not in page
    assert "Tidak ada akun yang cocok" in text_of(admin.get("/admin/pengguna?q=zzz"))


def test_a_refused_account_comes_back_open_with_everything_typed(admin: Pages) -> None:  # noqa: F811
    response = admin.post("/admin/pengguna", {**NEW_LIAISON, "opd_code": ""}, status=422)
    page = text_of(response)
    assert response.headers["Cache-Control"] == "no-store"
    assert '<details id="baru" open>' in page
    assert page.index('id="baru"') < page.index("<table")  # the form before the list
    assert 'value="penghubung-baru"' in page and 'value="rahasia-123"' in page
    assert 'id="kesalahan"' in page


@pytest.mark.browser
def test_new_account_is_at_the_top_with_many_accounts(browser: object, base_url: str,
                                                      walk: Walk) -> None:
    walk.user("sysadmin")
    for n in range(40):
        walk.user("anggota", name=f"anggota-{n:02d}")
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()  # type: ignore[attr-defined]
    page.goto(f"{base_url}/petugas/masuk")
    page.fill("#f-username", "sysadmin")
    page.fill("#f-password", "pw")
    page.get_by_role("button", name="Masuk").click()
    page.goto(f"{base_url}/admin/pengguna")
    summary = page.locator("#baru summary")
    assert summary.bounding_box()["y"] < 800  # in the first screen, not below 40 rows
    summary.click()
    page.fill("#f-username", "Salah Nama!")
    page.fill("#f-password", "pendek")
    page.get_by_role("button", name="Buat akun").click()
    page.wait_for_selector("#kesalahan")
    assert page.locator("#kesalahan").bounding_box()["y"] < 800
    assert page.input_value("#f-password") == "pendek"
    shot(page, "accounts-error-1280")
