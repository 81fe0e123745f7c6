"""In a real headless Chromium: an instance's diagram shows done, active and overdue nodes."""

from __future__ import annotations

import pytest

from tests.walk import Walk, wib
from tests.webui.test_browser import officer_signs_in, shot

pytestmark = pytest.mark.browser


def test_instance_diagram_has_state_markers(browser: object, base_url: str,
                                            walk: Walk) -> None:
    code = walk.file().tracking_code
    instance_id = walk.instance(code).id
    walk.user("ketua")
    walk.clock.set(wib("2026-03-20 10:00"))  # verification was due three working days in
    page = officer_signs_in(browser, base_url, "ketua")
    page.goto(f"{base_url}/pemantauan/{instance_id}")  # type: ignore[attr-defined]
    page.wait_for_selector(  # type: ignore[attr-defined]
        ".monitor-canvas[data-file='pengaduan.bpmn'][data-ready='true']", timeout=20000)
    svg = ".monitor-canvas[data-file='pengaduan.bpmn']"
    done = page.eval_on_selector_all(  # type: ignore[attr-defined]
        f"{svg} .djs-element.alur-done", "els => els.map(e => e.dataset.elementId)")
    active = page.eval_on_selector_all(  # type: ignore[attr-defined]
        f"{svg} .djs-element.alur-active", "els => els.map(e => e.dataset.elementId)")
    overdue = page.eval_on_selector_all(  # type: ignore[attr-defined]
        f"{svg} .djs-element.alur-overdue", "els => els.map(e => e.dataset.elementId)")
    assert "terima" in done
    assert "verifikasi" in active
    assert overdue == ["verifikasi"]
    shot(page, "monitor-instance")
