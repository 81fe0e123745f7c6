"""In a real headless Chromium: open the modeler, rename a task, save, see it validated."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask

from tests.live import chromium
from tests.sessions import sign_in_client
from tests.walk import Walk

VENDOR = Path(__file__).resolve().parents[2] / "webui" / "static" / "vendor"

pytestmark = pytest.mark.browser


@pytest.fixture
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright, once the modeler's libraries are in place."""
    if not (VENDOR / "bpmn-js-properties-panel.umd.js").exists():
        pytest.skip("browser libraries missing: run `make setup`")
    with chromium() as launched:
        yield launched


def _analyst_cookie(app: Flask, walk: Walk, base_url: str) -> dict[str, str]:
    actor = walk.user("analis")
    client = app.test_client()
    sign_in_client(client, walk.services, actor.user_id)
    cookie = client.get_cookie("session")
    assert cookie is not None
    return {"name": "session", "value": cookie.value, "url": base_url}


def test_rename_a_task_save_and_see_it_validated(
    app: Flask, walk: Walk, base_url: str, browser: Any,
) -> None:
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="id-ID")
    context.add_cookies([_analyst_cookie(app, walk, base_url)])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.goto(base_url + "/analis/pemodel")
    try:
        page.wait_for_selector("#modeler-app[data-ready='pengaduan.bpmn']", timeout=15000)
    except Exception:  # noqa: BLE001 - say what the page said
        pytest.fail(f"modeler did not open: {errors} {console} {page.inner_text('#save-status')}")
    assert page.locator(".bjs-powered-by").is_visible()  # the bpmn.io watermark stays
    page.locator('[data-element-id="verifikasi"]').first.click()
    name = page.locator("#bio-properties-panel-name")  # the properties panel's name field
    name.fill("Verifikasi laporan masuk")
    name.press("Tab")
    assert page.locator("#side-id").inner_text() == "verifikasi"
    page.click("#save-draft")
    page.wait_for_selector("#problems-summary.problems-ok")
    assert "Lolos pemeriksaan" in page.inner_text("#problems-summary")
    assert "draft=" in urlsplit(page.url).query
    assert not page.locator("#deploy-section").is_hidden()

    page.evaluate("window.alurModeler.select('pengaduan.bpmn', 'lajur_ketua')")
    page.fill("#side-name", "Kepala Dinas")  # not a role: validation must say so
    page.click("#side-apply")
    page.evaluate("window.alurModeler.bpmn.get('selection').select([])")
    page.click("#save-draft")
    page.wait_for_selector("#problems-summary.problems-bad")
    page.locator("#problems button[data-element='lajur_ketua']").click()
    selected = page.evaluate(
        "window.alurModeler.bpmn.get('selection').get().map(function (e) { return e.id; })")
    assert selected == ["lajur_ketua"] and errors == []
    context.close()
