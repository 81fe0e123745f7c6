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

from .bundles import MAIN, default_files

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

    _select(page, "lajur_ketua")
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


def _open_modeler(app: Flask, walk: Walk, base_url: str, browser: Any) -> tuple[Any, list[str]]:
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="id-ID")
    context.add_cookies([_analyst_cookie(app, walk, base_url)])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base_url + "/analis/pemodel")
    page.wait_for_selector("#modeler-app[data-ready='pengaduan.bpmn']", timeout=15000)
    return page, errors


Modeler = tuple[Any, list[str]]  # the page and its script errors


@pytest.fixture
def modeler(app: Flask, walk: Walk, base_url: str, browser: Any) -> Iterator[Modeler]:
    """The modeler open on pengaduan.bpmn for an analyst, and the page's script errors."""
    page, errors = _open_modeler(app, walk, base_url, browser)
    yield page, errors
    page.context.close()


def _select(page: Any, element: str) -> None:
    """Select ``element`` of pengaduan.bpmn, as a click on it would."""
    page.evaluate(f"window.alurModeler.select('pengaduan.bpmn', '{element}')")


def _saved_xml(page: Any) -> str:
    return str(page.evaluate(
        "window.alurModeler.bpmn.saveXML({format: true}).then(function (r) { return r.xml; })"))


def test_scripts_conditions_and_pre_scripts_are_edited_in_the_side_form(modeler: Modeler) -> None:
    page, errors = modeler
    _select(page, "minta_klarifikasi")
    script = page.locator("#side-script-body")
    assert script.is_visible() and "ask_reporter(reason)" in script.input_value()
    assert page.locator("#side-user-task").is_hidden()
    script.fill(script.input_value() + '\nnotify("klarifikasi", "tim_admin")')
    page.click("#side-apply")
    assert 'notify("klarifikasi", "tim_admin")</bpmn:script>' in _saved_xml(page)

    _select(page, "alur_klarifikasi")
    condition = page.locator("#side-condition-expr")
    assert condition.input_value() == 'decision == "clarify"'
    condition.fill('decision == "clarify" and reason != ""')
    page.click("#side-apply")
    assert 'decision == "clarify" and reason != ""</bpmn:conditionExpression>' in (
        _saved_xml(page).replace("&#34;", '"').replace("&quot;", '"'))
    _select(page, "alur_arsipkan")
    assert page.locator("#side-condition").is_hidden()  # the gateway's default: no condition

    _select(page, "verifikasi")
    page.locator("#side-scripts summary").click()
    page.fill("#side-post-script", "catatan_verifikasi = note")
    page.click("#side-apply")
    xml = _saved_xml(page)
    assert "<spiffworkflow:postScript>catatan_verifikasi = note</spiffworkflow:postScript>" in xml
    page.fill("#side-post-script", "")
    page.click("#side-apply")
    assert "postScript" not in _saved_xml(page)  # emptied: the element goes, not left blank

    _select(page, "minta_klarifikasi")
    page.fill("#side-script-body", "set_status(")  # broken: the check on save must say so
    page.click("#side-apply")
    page.evaluate("window.alurModeler.bpmn.get('selection').select([])")
    page.click("#save-draft")
    page.wait_for_selector("#problems-summary.problems-bad")
    assert page.locator("#problems button[data-element='minta_klarifikasi']").count() >= 1
    assert errors == []


def test_english_instructions_are_read_and_written_in_the_side_form(modeler: Modeler) -> None:
    page, errors = modeler
    _select(page, "verifikasi")
    english = page.locator("#side-instructions-en")
    assert english.input_value().startswith("Check that the report is clear and complete")
    english.fill("Check the report, then decide.")
    page.click("#side-apply")
    xml = _saved_xml(page)
    assert ("<spiffworkflow:instructionsForEndUserEn>Check the report, then decide."
            "</spiffworkflow:instructionsForEndUserEn>") in xml
    assert "<spiffworkflow:instructionsForEndUser>Periksa apakah laporan" in xml  # kept
    english.fill("")
    page.click("#side-apply")
    assert "Check the report, then decide." not in (xml := _saved_xml(page))
    shipped = default_files()[MAIN]
    tag = "instructionsForEndUserEn>"
    assert xml.count(tag) == shipped.count(tag) - 2  # emptied: its element goes, others stay
    assert errors == []
