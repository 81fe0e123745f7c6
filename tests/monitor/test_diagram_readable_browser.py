"""In a real headless Chromium: the monitoring diagrams are readable. They take the page's
width, open on the active step (or the steps where instances wait) with labels of at least
10 px on screen, offer zoom buttons, and a version's count per step leads to the list of the
instances waiting there."""

from __future__ import annotations

from typing import Any

import pytest

from tests.walk import Walk
from tests.webui.test_browser import PHONE, officer_signs_in, shot

pytestmark = pytest.mark.browser

READY = ".monitor-canvas[data-file='pengaduan.bpmn'][data-ready='true']"
# The font size a label's text is drawn at on screen: its CSS size times the SVG's scale.
LABEL_PX = """([file, id]) => {
  const text = document.querySelector(
    `.monitor-canvas[data-file='${file}'] .djs-element[data-element-id='${id}'] text`);
  return parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a;
}"""


def label_px(page: Any, element_id: str, file: str = "pengaduan.bpmn") -> float:
    return float(page.evaluate(LABEL_PX, [file, element_id]))


def test_the_instance_diagram_opens_readable_on_its_active_step(
        browser: object, base_url: str, walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.user("ketua")
    page: Any = officer_signs_in(browser, base_url, "ketua")
    page.goto(f"{base_url}/pemantauan/{walk.instance(code).id}")
    page.wait_for_selector(READY, timeout=20000)
    canvas = page.locator(READY)
    assert canvas.bounding_box()["width"] > 1200  # the page's width, not half of it
    assert canvas.bounding_box()["height"] >= 500
    assert label_px(page, "verifikasi") >= 10
    active = page.evaluate("""() => { const r = document.querySelector(
        ".monitor-canvas[data-file='pengaduan.bpmn'] [data-element-id='verifikasi']")
        .getBoundingClientRect(); return [r.left + r.width / 2, r.right]; }""")
    assert 0 < active[0] < 1280  # the active step is in view
    shot(page, "monitor-instance-1280")

    figure = page.locator("figure", has=page.locator(READY))
    before = label_px(page, "verifikasi")
    figure.get_by_role("button", name="Perbesar").click()
    assert label_px(page, "verifikasi") > before
    figure.get_by_role("button", name="Seluruh diagram").click()
    assert label_px(page, "verifikasi") < before
    figure.get_by_role("button", name="Ke langkah aktif").click()
    assert label_px(page, "verifikasi") == pytest.approx(before)

    page.set_viewport_size(PHONE)
    page.reload()
    page.wait_for_selector(READY, timeout=20000)
    assert label_px(page, "verifikasi") >= 10
    shot(page, "monitor-instance-360")


def test_the_version_diagram_counts_waiting_instances_and_lists_them(
        browser: object, base_url: str, walk: Walk) -> None:
    codes = [walk.file().tracking_code for _ in range(2)]
    walk.user("ketua")
    definition = walk.instance(codes[0]).definition_id
    page: Any = officer_signs_in(browser, base_url, "ketua")
    page.goto(f"{base_url}/pemantauan/versi/{definition}")
    page.wait_for_selector(READY, timeout=20000)
    count = page.locator(".alur-count", has_text="2")
    assert count.count() == 1
    assert label_px(page, "verifikasi") >= 10
    shot(page, "monitor-version-1280")

    page.locator(".monitor-canvas[data-file='pengaduan.bpmn'] "
                 ".djs-element[data-element-id='verifikasi']").click()
    page.wait_for_url("**/pemantauan/?**")
    assert "step=verifikasi" in page.url and f"definition={definition}" in page.url
    listing = page.locator("table.instances tbody")
    for code in codes:
        assert listing.get_by_text(code).count() == 1
    assert page.locator("#f-step").input_value() == "verifikasi"

    page.go_back()
    page.wait_for_selector(READY, timeout=20000)
    page.locator(".alur-count", has_text="2").click()
    page.wait_for_url("**step=verifikasi**")
    page.set_viewport_size(PHONE)
    page.goto(f"{base_url}/pemantauan/versi/{definition}")
    page.wait_for_selector(READY, timeout=20000)
    shot(page, "monitor-version-360")


def test_a_diagram_without_an_active_step_stays_legible_on_a_phone(
        browser: object, base_url: str, walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.user("ketua")
    page: Any = officer_signs_in(browser, base_url, "ketua")
    page.set_viewport_size(PHONE)
    page.goto(f"{base_url}/pemantauan/{walk.instance(code).id}")
    ready = ".monitor-canvas[data-file='tindak_lanjut_opd.bpmn'][data-ready='true']"
    page.wait_for_selector(ready, timeout=20000)
    # The opening of the OPD's sub-process, not a stamp-sized whole.
    assert label_px(page, "tanggapi", "tindak_lanjut_opd.bpmn") >= 10
