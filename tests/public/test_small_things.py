"""Small things people notice: the site icon is there, on every page and where browsers look."""

from __future__ import annotations

import re

import pytest

from tests.webui.pages import Pages, text_of


def test_every_page_names_its_icon_and_favicon_ico_leads_to_it(pages: Pages) -> None:
    assert re.search(r'rel="icon" href="/static/favicon\.[0-9a-f]{12}\.svg"',
                     text_of(pages.get("/")))
    found = pages.get("/favicon.ico", status=301)
    assert re.search(r"/static/favicon\.[0-9a-f]{12}\.svg$", found.headers["Location"])
    icon = pages.get("/static/favicon.svg")
    try:
        assert icon.mimetype == "image/svg+xml" and b"<svg" in icon.data
    finally:
        icon.close()


@pytest.mark.browser
def test_no_page_asks_for_a_missing_file(browser: object, base_url: str) -> None:
    page = browser.new_context().new_page()  # type: ignore[attr-defined]
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    for path in ("/", "/lapor", "/lacak", "/petugas/masuk"):
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
    assert missing == []
