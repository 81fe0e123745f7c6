"""axe-core finds no serious or critical problem on any page of Alur, in a real Chromium.

The pages are listed in a11y_pages.py; a test holds that list against the app's URL map, so a
new page fails here until it is added (or named as not a page, with the reason)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from flask import Flask

from engine.calendar.working_days import WIB
from engine.clock import FixedClock
from engine.workflow.definitions import SpecCache
from tests.live import chromium, served

from .a11y_pages import NOT_PAGES, SCREENS, Screen, is_page
from .a11y_world import NOW, PASSWORD, World, build_world, built_services
from .axe import accessibility_problems

DESKTOP = {"width": 1280, "height": 900}


def test_every_page_of_the_url_map_is_checked(app: Flask) -> None:
    routes = {rule.endpoint: rule for rule in app.url_map.iter_rules()}
    pages = {e for e, rule in routes.items() if "GET" in (rule.methods or ()) and is_page(e)}
    checked = {screen.endpoint for screen in SCREENS}
    assert sorted(pages - checked) == [], "add these pages to tests/webui/a11y_pages.py"
    assert sorted(checked - pages) == []
    assert sorted(set(NOT_PAGES) - set(routes)) == []  # no stale exclusions
    assert len({screen.name for screen in SCREENS}) == len(SCREENS)


@pytest.fixture(scope="module")
def world(database_url: str, spec_cache: SpecCache,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """The demo data and every task kind, built once for the module's pages."""
    clock = FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=WIB))
    with built_services(database_url, tmp_path_factory.mktemp("a11y-uploads"), spec_cache,
                        clock) as services:
        found = build_world(services, clock)
        assert clock() == NOW
        yield found


@pytest.fixture(scope="module")
def site(world: World) -> Iterator[str]:
    from webui import create_app

    with served(create_app({"TESTING": True, "ALUR_SERVICES": world.services})) as url:
        yield url


@pytest.fixture(scope="module")
def windows(site: str) -> Iterator[dict[str | None, Any]]:
    """One Chromium for the module; a window per person, signed in on first use."""
    with chromium() as browser:
        found = Windows(browser, site)
        yield found
        for context in found.values():
            context.close()


class Windows(dict):  # type: ignore[type-arg]
    """Browser contexts by username (None: a citizen), each signed in through the form."""

    def __init__(self, browser: Any, site: str) -> None:
        super().__init__()
        self.browser, self.site = browser, site

    def __missing__(self, username: str | None) -> Any:
        context = self.browser.new_context(viewport=DESKTOP, locale="id-ID")
        context.set_default_timeout(15000)
        if username:
            page = context.new_page()
            page.goto(self.site + "/petugas/masuk")
            page.fill("#f-username", username)
            page.fill("#f-password", PASSWORD)
            page.get_by_role("button", name="Masuk").click()
            page.wait_for_url(lambda url: "/petugas/masuk" not in url)  # a role's home page
            page.close()
        self[username] = context
        return context


@pytest.mark.browser
@pytest.mark.parametrize("screen", SCREENS, ids=[s.name for s in SCREENS])
def test_no_serious_accessibility_problem(screen: Screen, world: World, site: str,
                                          windows: dict[str | None, Any]) -> None:
    user = screen.user(world) if callable(screen.user) else screen.user
    page = windows[user].new_page()
    try:
        response = page.goto(site + screen.path(world))
        assert response is not None
        assert response.status == screen.status, (screen.name, response.status)
        if screen.act is not None:
            screen.act(page, world)
        if screen.ready:
            page.wait_for_selector(screen.ready, timeout=20000)
        page.wait_for_load_state("networkidle")
        assert accessibility_problems(page) == []
    finally:
        page.close()


@pytest.mark.browser
def test_axe_finds_a_planted_problem(site: str, windows: dict[str | None, Any]) -> None:
    page = windows[None].new_page()
    page.goto(site + "/")
    page.evaluate("() => document.querySelector('main').append(document.createElement('img'))")
    assert [found[0] for found in accessibility_problems(page)] == ["image-alt"]
    page.close()


LATE = "[...document.querySelectorAll('.badge.late')].map(e => e.innerText.trim())"


@pytest.mark.browser
def test_lateness_is_written_not_only_coloured(world: World, site: str,
                                               windows: dict[str | None, Any]) -> None:
    page = windows["tim-admin"].new_page()
    page.goto(site + "/petugas/")
    assert "terlambat 2 hari kerja" in page.evaluate(LATE)  # red, and in words
    page.close()
    page = windows["ketua"].new_page()
    page.goto(site + "/pemantauan/")
    late = page.evaluate(LATE)
    assert late and all(text.startswith(("terlambat", "insiden")) for text in late), late
    page.goto(f"{site}/pemantauan/{world.instances['overdue']}")
    page.wait_for_selector(".djs-element.alur-overdue")  # the red node on the diagram ...
    assert page.evaluate(LATE) == ["terlambat 2 hari kerja"]  # ... is also an open task's text
    legend = page.inner_text(".legend")
    assert "terlambat" in legend and "gagal" in legend  # the colours are named
    page.close()
