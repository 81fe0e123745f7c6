"""In a real Chromium: the modeler speaks the analysts' language and reads real deadlines.

Palette, context pad, replace menu and properties panel in Indonesian (English on an English
page); the timer and due-date helpers show the reference date and working days of the selected
element's own expression, and write the expression back.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from tests.live import chromium
from tests.sessions import sign_in_client
from tests.walk import Walk

VENDOR = Path(__file__).resolve().parents[2] / "webui" / "static" / "vendor"
SHOTS = os.environ.get("ALUR_MODELER_SHOTS")  # a folder: save what the tests saw (by hand)

pytestmark = pytest.mark.browser


@pytest.fixture
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright, once the modeler's libraries are in place."""
    if not (VENDOR / "bpmn-js-properties-panel.umd.js").exists():
        pytest.skip("browser libraries missing: run `make setup`")
    with chromium() as launched:
        yield launched


def open_modeler(
    app: Flask, walk: Walk, base_url: str, browser: Any, *, lang: str = "id",
    width: int = 1280,
) -> Any:
    """The modeler page signed in as the analyst, once the main diagram is on the canvas."""
    client = app.test_client()
    sign_in_client(client, walk.services, walk.user("analis").user_id)
    cookie = client.get_cookie("session")
    assert cookie is not None
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.add_cookies([{"name": "session", "value": cookie.value, "url": base_url}])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base_url}/analis/pemodel?lang={lang}")
    page.wait_for_selector("#modeler-app[data-ready='pengaduan.bpmn']", timeout=20000)
    page.errors = errors
    return page


def shot(page: Any, name: str, part: str | None = None) -> None:
    if SHOTS:
        path = str(Path(SHOTS) / f"{name}.png")
        if part:
            page.locator(part).screenshot(path=path)
        else:
            page.screenshot(path=path, full_page=True)


def click_element(page: Any, element_id: str) -> None:
    page.evaluate("id => window.alurModeler.select('pengaduan.bpmn', id)", element_id)
    page.wait_for_selector("#side-form:not([hidden])")


def label(page: Any, selector: str) -> str:
    """What a palette or context pad entry says (its tooltip and accessible name)."""
    entry = page.locator(selector).first
    return str(entry.get_attribute("aria-label") or entry.get_attribute("title"))


def palette_title(page: Any, action: str) -> str:
    return label(page, f".djs-palette [data-action='{action}']")


def test_palette_pad_menu_and_panel_are_indonesian(
    app: Flask, walk: Walk, base_url: str, browser: Any,
) -> None:
    page = open_modeler(app, walk, base_url, browser)
    assert palette_title(page, "create.task") == "Buat tugas"
    assert palette_title(page, "hand-tool") == "Alat tangan (geser kanvas)"
    page.locator('[data-element-id="verifikasi"]').first.click()
    assert label(page, ".djs-context-pad [data-action='append.end-event']") == \
        "Tambahkan event akhir"
    panel = page.locator("#properties")
    assert panel.locator(".bio-properties-panel-header-type").text_content() == "Tugas pengguna"
    assert "Umum" in panel.locator(".bio-properties-panel-group-header-title").all_inner_texts()
    assert panel.locator("label[for='bio-properties-panel-name']").inner_text() == "Nama"
    shot(page, "pemodel-id")
    page.locator(".djs-context-pad [data-action='replace']").click()
    menu = page.locator(".djs-popup")
    assert "Tugas layanan" in menu.inner_text() and "Service task" not in menu.inner_text()
    assert page.errors == []


def test_an_english_page_keeps_the_libraries_english(
    app: Flask, walk: Walk, base_url: str, browser: Any,
) -> None:
    page = open_modeler(app, walk, base_url, browser, lang="en")
    assert palette_title(page, "create.task") == "Create task"
    page.locator('[data-element-id="verifikasi"]').first.click()
    titles = page.locator("#properties .bio-properties-panel-group-header-title").all_inner_texts()
    assert "General" in titles and "Umum" not in titles
    click_element(page, "verifikasi_terlambat")
    assert page.inner_text("#side-timer-summary") == \
        "Reference date: Verification deadline (verification_due), 0 working days"
    assert page.errors == []


def test_the_timer_helper_reads_the_selected_timer(
    app: Flask, walk: Walk, base_url: str, browser: Any,
) -> None:
    page = open_modeler(app, walk, base_url, browser)
    click_element(page, "verifikasi_terlambat")  # "Batas verifikasi lewat": verification_due
    assert page.input_value("#side-timer-ref") == "verification_due"
    assert page.input_value("#side-timer-days") == "0"
    assert "verification_due" in page.inner_text("#side-timer-summary")
    click_element(page, "pengingat_verifikasi")  # the reminder: one working day before
    assert page.input_value("#side-timer-ref") == "verification_due"
    assert page.input_value("#side-timer-days") == "-1"
    page.select_option("#side-timer-ref", "received_at")
    page.fill("#side-timer-days", "2")
    assert page.input_value("#side-timer-expr") == "add_working_days(received_at, 2)"
    shot(page, "pemodel-timer", "#side-form")
    page.click("#side-apply")
    body = page.evaluate("""() => window.alurModeler.bpmn.get('elementRegistry')
        .get('pengingat_verifikasi').businessObject.eventDefinitions[0].timeDate.body""")
    assert body == "add_working_days(received_at, 2)"
    page.fill("#side-timer-expr", "add_working_days(closure_due, 4)")  # typed: the fields follow
    assert page.input_value("#side-timer-ref") == "closure_due"
    assert page.input_value("#side-timer-days") == "4"
    assert page.errors == []


def test_a_due_date_is_a_reference_date_plus_working_days(
    app: Flask, walk: Walk, base_url: str, browser: Any,
) -> None:
    page = open_modeler(app, walk, base_url, browser)
    click_element(page, "verifikasi")
    assert page.input_value("#side-due-ref") == "verification_due"
    assert page.input_value("#side-due-days") == "0"
    shot(page, "pemodel-batas-waktu", "#side-form")
    page.select_option("#side-due-ref", "followup_due")
    page.fill("#side-due-days", "2")
    assert page.inner_text("#side-due-expr") == "add_working_days(followup_due, 2)"
    page.click("#side-apply")
    due = page.evaluate("""() => window.alurModeler.bpmn.get('elementRegistry').get('verifikasi')
        .businessObject.extensionElements.values
        .filter(v => v.$type === 'spiffworkflow:Properties')[0].properties
        .filter(p => p.name === 'dueDate')[0].value""")
    assert due == "add_working_days(followup_due, 2)"
    page.select_option("#side-due-ref", "")  # no deadline: the property goes
    page.click("#side-apply")
    assert page.input_value("#side-due-ref") == ""
    assert page.errors == []


def test_a_phone_is_told_the_editor_needs_a_bigger_screen(
    app: Flask, walk: Walk, base_url: str, browser: Any,
) -> None:
    page = open_modeler(app, walk, base_url, browser, width=360)
    assert page.locator("#small-screen").is_visible()
    assert page.locator("#canvas").is_visible()  # they may still look
    shot(page, "pemodel-hp")
    for width in (1280, 1024):  # the properties panel beside the canvas, in view
        wide = open_modeler(app, walk, base_url, browser, width=width)
        assert not wide.locator("#small-screen").is_visible()
        click_element(wide, "verifikasi")
        canvas = wide.locator("#canvas").bounding_box()
        box = wide.locator("#properties").bounding_box()
        assert canvas is not None and box is not None
        assert box["x"] >= canvas["x"] + canvas["width"] and box["x"] + box["width"] <= width
        assert box["y"] < 800 and canvas["width"] > width / 2
        shot(wide, f"pemodel-{width}")
