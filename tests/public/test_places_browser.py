"""The place in a real Chromium: "Gunakan lokasi saya", the pin on a map without any tile
server (as behind a government firewall), the desa list following the kecamatan, and the place
read back by Tim Admin and the reporter."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.live import fill_complaint
from tests.walk import Walk
from tests.webui.axe import accessibility_problems

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 360, "height": 740}
HERE = {"latitude": -3.6401, "longitude": 103.0812}

pytestmark = pytest.mark.browser


def shot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_the_citizen_pins_the_place_and_officers_read_it(browser: object, base_url: str,
                                                          walk: Walk) -> None:
    walk.user("tim_admin")
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport=PHONE, locale="id-ID", geolocation=HERE, permissions=["geolocation"])
    page = context.new_page()
    page.goto(base_url + "/lapor")
    fill_complaint(page, "Jembatan gantung putus", "Jembatan gantung penghubung dua dusun "
                   "putus sejak banjir kemarin sore.", "Warga Peta", "081234500001")
    page.select_option("#f-kecamatan", "16.11.04")
    offered = page.eval_on_selector_all(
        "#f-desa option:not([hidden])", "os => os.map(o => o.value).filter(Boolean)")
    assert offered and all(code.startswith("16.11.04.") for code in offered)
    page.select_option("#f-desa", "16.11.04.1010")
    page.get_by_role("button", name="Gunakan lokasi saya").click()
    page.wait_for_selector("#lokasi-status:has-text('Lokasi terisi')")
    assert page.input_value("#f-latitude") == "-3.640100"
    assert page.is_visible(".map-picker .leaflet-interactive")  # the pin, with no tiles at all
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert accessibility_problems(page) == []
    shot(page, "places-1-formulir-360")
    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_selector("#secret")
    code = page.inner_text("#tracking-code").strip()
    secret = page.inner_text("#secret").strip()
    page.goto(base_url + "/lacak")
    page.fill("#f-code", code)
    page.fill("#f-secret", secret)
    page.get_by_role("button", name="Lacak").click()
    assert "Kupang, Kec. Tebing Tinggi" in page.inner_text("dd.place")  # the reporter reads it
    context.close()

    stored = walk.complaint(code)
    assert (stored.kecamatan_code, stored.desa_code, stored.latitude, stored.longitude) == (
        "16.11.04", "16.11.04.1010", -3.6401, 103.0812)

    desk = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    admin = desk.new_page()
    admin.goto(base_url + "/petugas/masuk")
    admin.fill("#f-username", "tim_admin")
    admin.fill("#f-password", "pw")
    admin.get_by_role("button", name="Masuk").click()
    admin.wait_for_url("**/petugas/")
    admin.locator("article.task-card", has_text=code).get_by_role("link", name="Buka").click()
    place = admin.locator("dd.place")
    assert "Kupang, Kec. Tebing Tinggi" in place.inner_text()
    assert "-3.6401, 103.0812" in place.inner_text()
    admin.wait_for_selector(".map-point .leaflet-interactive")
    shot(admin, "places-2-tugas-1280")
    desk.close()


def test_the_public_map_clusters_pins_and_managers_see_places(browser: object, base_url: str,
                                                              walk: Walk) -> None:
    from engine.domain import Actor
    from engine.reference.regions import set_centre
    from tests.walk import VERIFY_FORWARD

    for n in range(4):
        code = walk.file(kecamatan="16.11.04", anonim=True, latitude=-3.64 + n / 1000,
                         longitude=103.08).tracking_code
        walk.complete(code, "verifikasi", VERIFY_FORWARD)
    with walk.services.uow() as uow:
        set_centre(uow.session, "16.11.04", -3.6213, 103.0711, Actor("sysadmin", "sysadmin"),
                   walk.clock(), walk.services.settings)
        uow.commit()
    for viewport, suffix in ((PHONE, "360"), ({"width": 1280, "height": 900}, "1280")):
        context = browser.new_context(viewport=viewport, locale="id-ID")  # type: ignore[attr-defined]
        page = context.new_page()
        page.goto(base_url + "/peta?kecamatan=16.11.04")
        page.wait_for_selector(".map-reports .marker-cluster")  # four pins, one cluster
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        assert accessibility_problems(page) == []
        shot(page, f"places-3-peta-{suffix}")
        context.close()

    walk.user("pengarah")
    desk = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = desk.new_page()
    page.goto(base_url + "/petugas/masuk")
    page.fill("#f-username", "pengarah")
    page.fill("#f-password", "pw")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/petugas/**")
    page.goto(base_url + "/pemantauan/wilayah")
    page.wait_for_selector(".map-counts path.leaflet-interactive")
    assert accessibility_problems(page) == []
    shot(page, "places-4-dasbor-1280")
    page.set_viewport_size(PHONE)
    page.goto(base_url + "/pemantauan/wilayah")  # drawn afresh at phone width
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "places-4-dasbor-360")
    desk.close()
