"""In a real Chromium: migration moves only the ticked instances, after a confirmation."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from engine.modeler.drafts import FormCheckFactory
from engine.workflow.form_versions import FormSource
from tests.live import chromium
from tests.sessions import sign_in_client
from tests.walk import Walk

from .bundles import default_files, rename
from .deploying import deploy_files

SHOTS = os.environ.get("ALUR_MODELER_SHOTS")  # a folder: save what the test saw (by hand)

pytestmark = pytest.mark.browser


@pytest.fixture
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright."""
    with chromium() as launched:
        yield launched


def test_only_the_ticked_instances_move_after_confirming(
    app: Flask, walk: Walk, base_url: str, browser: Any, checks: FormCheckFactory,
    source: FormSource,
) -> None:
    first, second, third = (walk.file().tracking_code for _ in range(3))
    v1 = walk.instance(first).definition_id
    v2 = deploy_files(walk, rename(default_files(), "verifikasi", "Verifikasi (v2)"), checks,
                      source)
    client = app.test_client()
    sign_in_client(client, walk.services, walk.user("analis").user_id)
    cookie = client.get_cookie("session")
    assert cookie is not None
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "session", "value": cookie.value, "url": base_url}])
    page = context.new_page()
    page.goto(base_url + "/analis/migrasi/?version=1")
    boxes = page.locator("input[name=ids]")
    assert boxes.count() == 3
    assert all(not boxes.nth(i).is_checked() for i in range(3))  # nothing chosen by default
    everything = page.locator("input[name=scope]")
    everything.check()  # "all" ticks every row it stands for
    assert all(boxes.nth(i).is_checked() for i in range(3))
    boxes.nth(1).uncheck()  # and a row taken out leaves "all"
    assert not everything.is_checked()
    assert boxes.nth(0).is_checked() and boxes.nth(2).is_checked()
    everything.check()
    everything.uncheck()
    assert not any(boxes.nth(i).is_checked() for i in range(3))
    page.check(f"input[aria-label='{first}']")
    page.check(f"input[aria-label='{third}']")
    page.select_option("select[name=target]", str(v2.id))
    with page.expect_navigation():
        page.get_by_role("button", name="Uji dulu (dry run)").click()
    result = page.locator("#dry-run-title + table")
    assert first in result.inner_text() and third in result.inner_text()
    assert second not in result.inner_text()
    assert "Verifikasi laporan" in result.inner_text()  # the task's name, not "verifikasi"
    questions: list[str] = []

    def answer(dialog: Any) -> None:
        questions.append(dialog.message)
        if len(questions) == 1:
            dialog.dismiss()  # the first time the analyst changes their mind
        else:
            dialog.accept()

    page.on("dialog", answer)
    move = page.get_by_role("button", name="Pindahkan yang bisa")
    move.click()
    assert walk.instance(first).definition_id == v1  # dismissed: nothing moved
    with page.expect_navigation():
        move.click()
    assert questions[0] == questions[1] and "2 instans" in questions[0]
    assert "2 instans dipindahkan" in page.inner_text("main")
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / "migrasi.png"), full_page=True)
    moved = {code: walk.instance(code).definition_id for code in (first, second, third)}
    assert moved == {first: v2.id, second: v1, third: v2.id}
    context.close()
