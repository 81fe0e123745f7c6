"""Keyboard only: a citizen files a complaint and an officer opens a task without a mouse."""

from __future__ import annotations

import pytest

from tests.walk import Walk

pytestmark = pytest.mark.browser


def tab_to(page: object, selector: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches ``selector`` (fails if never reached)."""
    for _ in range(limit):
        page.keyboard.press("Tab")  # type: ignore[attr-defined]
        if page.evaluate("s => document.activeElement.matches(s)", selector):  # type: ignore[attr-defined]
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def test_citizen_files_a_complaint_with_the_keyboard_only(browser: object,
                                                          base_url: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(base_url + "/lapor")
    # A file dialog is the operating system's, not the page's: this reporter files anonymously,
    # which needs no copy of the ID card (and still leaves a name to be reached by).
    for selector, text in (("#f-title", "Lampu jalan padam di depan pasar"),
                           ("#f-description", "Lampu penerangan jalan di depan pasar padam "
                                              "sejak dua minggu, rawan pada malam hari."),
                           ("#f-anonim", " "),
                           ("#f-name", "Warga Papan Ketik"), ("#f-phone", "081234500001")):
        tab_to(page, selector)
        if text == " ":
            page.keyboard.press("Space")
        else:
            page.keyboard.type(text)
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#secret")
    assert page.inner_text("#tracking-code").strip().startswith("EL-")


def test_officer_signs_in_and_opens_a_task_with_the_keyboard_only(
    browser: object, base_url: str, walk: Walk,
) -> None:
    code = walk.file().tracking_code
    walk.user("tim_admin")
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(base_url + "/petugas/masuk")
    tab_to(page, "#f-username")
    page.keyboard.type("tim_admin")
    tab_to(page, "#f-password")
    page.keyboard.type("pw")
    page.keyboard.press("Enter")
    page.wait_for_url("**/petugas/")
    task_id = walk.task(code, "verifikasi").id
    tab_to(page, f"a[href$='/petugas/tugas/{task_id}']")
    page.keyboard.press("Enter")
    page.wait_for_selector("#formulir")
    assert code in page.inner_text("main")
