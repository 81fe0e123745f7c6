"""The guides' screenshots, taken in a real Chromium from the demo data.

Runs only with ``--screenshots DIR``:

    .venv/bin/pytest -q tests/docs/test_screenshots.py --screenshots docs/img

Every page is saved twice: ``<name>.png`` at 1280 px wide and ``<name>-hp.png`` at 360 px (a
phone). The guides in docs/panduan and docs/guide point at these files.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from engine.complaints.demo import load_demo
from tests.live import CHROMIUM, CHROMIUM_ARGS, fill_complaint, served

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
MAX_HEIGHT = {1280: 1400, 360: 1500}  # longer pages are cut: a guide shows the top
PASSWORD = "alur-demo"

pytestmark = pytest.mark.browser


@pytest.fixture
def target(request: pytest.FixtureRequest) -> Path:
    folder = request.config.getoption("--screenshots")
    if not folder:
        pytest.skip("screenshots are taken only with --screenshots DIR")
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing: apt-get install chromium")
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def base_url(app: Flask, services: Any) -> Iterator[str]:
    """The demo data loaded into the test database, the app served from a thread."""
    list(load_demo(services.uow, services.runtime, PASSWORD))
    with served(app) as url:
        yield url


def _save(png: bytes, path: Path) -> None:
    """Save a screenshot small: 64 colours when Pillow is there (text stays crisp)."""
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - Pillow comes with weasyprint
        path.write_bytes(png)
        return
    image = Image.open(io.BytesIO(png)).convert("RGB")
    small = image.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, format="PNG", optimize=True)


class Camera:
    """Takes each page at both widths, in one browser context per width."""

    def __init__(self, browser: Any, base_url: str, folder: Path) -> None:
        self.browser, self.base_url, self.folder = browser, base_url, folder
        self.taken: list[str] = []

    def session(self, username: str | None) -> dict[int, Any]:
        """A page per width, signed in as ``username`` through the form (None: a citizen)."""
        pages = {}
        for viewport in (DESKTOP, PHONE):
            context = self.browser.new_context(viewport=viewport, locale="id-ID")
            page = context.new_page()
            if username:
                page.goto(self.base_url + "/petugas/masuk")
                page.fill("#f-username", username)
                page.fill("#f-password", PASSWORD)
                page.get_by_role("button", name="Masuk").click()
                page.wait_for_load_state("networkidle")
                assert "/petugas/masuk" not in page.url, f"{username} could not sign in"
            pages[viewport["width"]] = page
        return pages

    def shoot(self, pages: dict[int, Any], name: str, path: str | None = None) -> bool:
        """Open ``path`` (or stay) at both widths and save ``name``.png / ``name``-hp.png."""
        for width, page in pages.items():
            if path is not None:
                response = page.goto(self.base_url + path)
                if response is None or response.status >= 400:
                    return False
            page.wait_for_load_state("networkidle")
            height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT[width])
            png = page.screenshot(full_page=True, clip={"x": 0, "y": 0, "width": width,
                                                        "height": height})
            _save(png, self.folder / (f"{name}.png" if width == 1280 else f"{name}-hp.png"))
        self.taken.append(name)
        return True

    @staticmethod
    def first_link(page: Any, selector: str) -> str | None:
        found = page.locator(selector)
        return found.first.get_attribute("href") if found.count() else None

    def close(self, pages: dict[int, Any]) -> None:
        for page in pages.values():
            page.context.close()


def _citizen(camera: Camera) -> None:
    pages = camera.session(None)
    camera.shoot(pages, "warga-beranda", "/")
    camera.shoot(pages, "warga-lapor", "/lapor")
    camera.shoot(pages, "warga-laporan-publik", "/laporan")
    public = camera.first_link(pages[1280], "main a[href^='/laporan/']")
    if public:
        camera.shoot(pages, "warga-laporan-publik-detail", public)
    # File one complaint through the form, keep the receipt, then track it with code and secret.
    page = pages[1280]
    page.goto(camera.base_url + "/lapor")
    fill_complaint(page, "Lampu jalan mati di Jl. Lintas Tebing Tinggi",
                   "Tiga lampu jalan di depan pasar mati sejak seminggu lalu, jalan sangat "
                   "gelap pada malam hari.", "Warga Contoh", "081234500000")
    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_selector("#secret")
    code, secret = page.inner_text("#tracking-code").strip(), page.inner_text("#secret").strip()
    camera.shoot({1280: page}, "warga-tanda-terima")
    camera.shoot(pages, "warga-lacak", "/lacak")
    for page in pages.values():
        page.fill("#f-code", code)
        page.fill("#f-secret", secret)
        page.get_by_role("button", name="Lacak").click()
        page.wait_for_load_state("networkidle")
    camera.shoot(pages, "warga-status")
    camera.shoot(pages, "warga-survei", "/survei/")
    camera.close(pages)


def _inbox_and_task(camera: Camera, pages: dict[int, Any], prefix: str) -> None:
    camera.shoot(pages, f"{prefix}-kotak-tugas", "/petugas/")
    task = camera.first_link(pages[1280], "a[href*='/petugas/tugas/']")
    if task:
        camera.shoot(pages, f"{prefix}-tugas", task)
        complaint = camera.first_link(pages[1280], "a[href*='/petugas/laporan/']")
        if complaint:
            camera.shoot(pages, f"{prefix}-laporan", complaint)


QUARTER = "/evaluasi/?periode=2026-Q1"  # the demo data lies in February and March 2026

ROLE_PAGES: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("front-office", "fo", [("registrasi", "/front-office/registrasi"),
                            ("buku-registrasi", "/front-office/buku-registrasi/")]),
    ("tim-admin", "admin", [("buku-registrasi", "/front-office/buku-registrasi/")]),
    ("penghubung-dinkes", "penghubung", []),
    ("teknis-dinkes", "teknis", []),
    ("anggota", "anggota", [("evaluasi", QUARTER)]),
    ("ketua", "ketua", [("evaluasi", QUARTER), ("pemantauan", "/pemantauan/")]),
    ("pengarah", "pimpinan", [("evaluasi", QUARTER), ("pemantauan", "/pemantauan/")]),
]

OFFICE_PAGES: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("analis", "analis", [("beranda", "/analis/"), ("pemodel", "/analis/pemodel"),
                          ("formulir", "/analis/formulir/"), ("versi", "/analis/versi"),
                          ("migrasi", "/analis/migrasi/")]),
    ("sysadmin", "sysadmin", [("beranda", "/admin/"), ("pengguna", "/admin/pengguna"),
                              ("opd", "/admin/opd"), ("kategori", "/admin/kategori"),
                              ("kalender", "/admin/kalender/"), ("saluran", "/saluran/admin/"),
                              ("kotak-dev", "/saluran/admin/kotak-dev")]),
]


def test_take_the_guides_screenshots(target: Path, base_url: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=CHROMIUM_ARGS)
        try:
            camera = Camera(browser, base_url, target)
            _citizen(camera)
            pages = camera.session(None)
            camera.shoot(pages, "petugas-masuk", "/petugas/masuk")
            camera.close(pages)
            for username, prefix, extra in ROLE_PAGES:
                pages = camera.session(username)
                _inbox_and_task(camera, pages, prefix)
                for name, path in extra:
                    camera.shoot(pages, f"{prefix}-{name}", path)
                camera.close(pages)
            for username, prefix, extra in OFFICE_PAGES:
                pages = camera.session(username)
                for name, path in extra:
                    camera.shoot(pages, f"{prefix}-{name}", path)
                camera.close(pages)
        finally:
            browser.close()
    assert {"warga-beranda", "warga-lapor", "warga-status", "admin-kotak-tugas",
            "penghubung-kotak-tugas", "fo-registrasi", "sysadmin-pengguna"} <= set(camera.taken)
    (target / "INDEX.txt").write_text(
        "Screenshots taken by tests/docs/test_screenshots.py from the demo data; "
        "<name>.png is 1280 px wide, <name>-hp.png 360 px.\n" + "\n".join(camera.taken) + "\n")
