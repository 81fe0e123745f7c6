"""The audit log in a real headless Chromium, as the Ketua reads it on a desk (1280 px) and on a
phone (360 px): no sideways scrolling, no accessibility problem, the filter works."""

from __future__ import annotations

import pytest

from engine import audit
from engine.domain import Actor
from tests.walk import Walk, wib
from tests.webui.axe import accessibility_problems
from tests.webui.test_browser import PHONE, fits_the_phone, shot
from webui.wiring import Services

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("viewport", "name"), [
    ({"width": 1280, "height": 900}, "log-audit-1280"), (PHONE, "log-audit-360")])
def test_the_ketua_reads_the_log_on_desk_and_phone(browser: object, base_url: str, walk: Walk,
                                                   services: Services, viewport: dict[str, int],
                                                   name: str) -> None:
    code = walk.file().tracking_code
    with services.uow() as uow:
        audit.record(uow.session, Actor("admin-a", "tim_admin"), "identity_viewed",
                     wib("2026-03-02 10:00"), complaint_id=walk.complaint(code).id,
                     where="laporan")
        uow.commit()
    walk.user("ketua")
    context = browser.new_context(viewport=viewport)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(base_url + "/petugas/masuk")
    page.fill("#f-username", "ketua")
    page.fill("#f-password", "pw")
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("link", name="Log audit").first.click()
    page.select_option("select[name=jenis]", "identity")
    page.get_by_role("button", name="Saring").click()
    assert "Identitas pelapor dilihat" in page.inner_text("table")
    assert "admin-a" in page.inner_text("table")
    assert accessibility_problems(page) == []
    if viewport == PHONE:
        assert fits_the_phone(page)
    shot(page, name)
    context.close()
