"""In a real Chromium: the form editor opens without a script error, and its preview hides the
fields that belong to another answer, as the officer's own form does (also once drawn again)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask

from tests.live import chromium
from tests.sessions import sign_in_client
from tests.walk import Walk

pytestmark = pytest.mark.browser
DEPENDENT = "#form-preview [data-show-when]"


@pytest.fixture
def signed_in(app: Flask, walk: Walk, base_url: str) -> Iterator[Callable[[str], Any]]:
    """``signed_in(role)``: a page signed in with that role, recording script and console
    errors in ``page.errors``."""
    with chromium() as browser:
        contexts: list[Any] = []

        def page_of(role: str) -> Any:
            client = app.test_client()
            sign_in_client(client, walk.services, walk.user(role).user_id)
            cookie = client.get_cookie("session")
            assert cookie is not None
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            contexts.append(context)
            context.add_cookies([{"name": "session", "value": cookie.value, "url": base_url}])
            page = context.new_page()
            page.errors = []
            page.on("pageerror", lambda exc: page.errors.append(str(exc)))
            page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
            return page

        yield page_of
        for context in contexts:
            context.close()


def hidden(page: Any, selector: str) -> list[bool]:
    found = page.locator(selector)
    return [not found.nth(i).is_visible() for i in range(found.count())]


def test_the_form_editor_loads_cleanly_and_its_preview_follows_show_when(
    signed_in: Callable[[str], Any], base_url: str,
) -> None:
    page = signed_in("analis")
    page.goto(f"{base_url}/analis/formulir/verifikasi")
    page.wait_for_load_state("load")
    # OPD, reason, agency: each for some decisions only, and none chosen yet.
    assert hidden(page, DEPENDENT) == [True, True, True]
    assert page.locator("#f-decision").is_visible()
    assert page.errors == []

    page.evaluate(f"document.querySelector('{DEPENDENT}').dataset.old = 'yes'")
    with page.expect_response(lambda answer: "pratinjau-formulir" in answer.url):
        page.locator("#form-ui").press("End")
        page.locator("#form-ui").type(" ")  # still the same UI schema: drawn again
    page.wait_for_function(f"""() => {{
        const field = document.querySelector("{DEPENDENT}");
        return field && !field.dataset.old && field.hidden;
    }}""")
    assert page.errors == []


def test_the_officers_form_still_shows_a_field_with_its_answer(
    signed_in: Callable[[str], Any], base_url: str, walk: Walk,
) -> None:
    task = walk.task(walk.file().tracking_code, "verifikasi")
    page = signed_in("tim_admin")
    page.goto(f"{base_url}/petugas/tugas/{task.id}")
    assert hidden(page, "#formulir [data-show-when]") == [True, True, True]
    page.check("#f-decision-0")  # forward: the OPD
    assert hidden(page, "#formulir [data-show-when]") == [False, True, True]
    page.check("#f-decision-3")  # archive: the reason, named after it
    assert hidden(page, "#formulir [data-show-when]") == [True, False, True]
    assert "Alasan pengarsipan" in page.inner_text("label[for='f-reason']")
    assert page.errors == []
