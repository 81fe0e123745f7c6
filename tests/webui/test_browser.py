"""End to end in a real headless Chromium: citizen submits → Tim Admin verifies and forwards →
the liaison answers → the citizen tracks with code and secret and reads the follow-up."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.live import fill_complaint
from tests.walk import Walk

from .axe import accessibility_problems

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 360, "height": 740}
ANSWER = "Jadwal pelayanan puskesmas sudah kami perpanjang sampai pukul 14.00 setiap hari."

pytestmark = pytest.mark.browser


def shot(page: object, name: str) -> None:
    """Keep a screenshot of this step in test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def fits_the_phone(page: object) -> bool:
    """No sideways scrolling at 360 px."""
    width = page.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
    return bool(width <= PHONE["width"])


def citizen_submits(browser: object, base_url: str) -> tuple[str, str]:
    """The citizen files a complaint from a phone-sized window; returns code and secret."""
    context = browser.new_context(viewport=PHONE, locale="id-ID")  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(base_url + "/")
    assert fits_the_phone(page)
    shot(page, "1-beranda")
    page.get_by_role("button", name="Buat laporan").click()
    fill_complaint(page, "Puskesmas tutup sebelum jam pelayanan",
                   "Puskesmas Tebing Tinggi sudah tutup pukul 11.00, padahal jadwalnya sampai "
                   "pukul 14.00.", "Warga Peramban", "081234500000")
    page.select_option("#f-category", "4")
    assert fits_the_phone(page)
    assert accessibility_problems(page) == []
    shot(page, "2-formulir")
    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_selector("#secret")
    code, secret = page.inner_text("#tracking-code"), page.inner_text("#secret")
    shot(page, "3-tanda-terima")
    context.close()
    return code.strip(), secret.strip()


def officer_signs_in(browser: object, base_url: str, username: str) -> object:
    """A fresh desktop window signed in as ``username``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(base_url + "/petugas/masuk")
    page.fill("#f-username", username)
    page.fill("#f-password", "pw")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/petugas/")
    return page


def open_task(page: object, code: str) -> None:
    """From the inbox, open the task of complaint ``code``."""
    card = page.locator("article.task-card", has_text=code)  # type: ignore[attr-defined]
    card.get_by_role("link", name="Buka").click()
    page.wait_for_selector("#formulir")  # type: ignore[attr-defined]


def test_complaint_travels_from_citizen_to_opd_and_back(browser: object, base_url: str,
                                                       walk: Walk) -> None:
    walk.user("tim_admin")
    walk.user("pejabat_penghubung", "DINKES")
    code, secret = citizen_submits(browser, base_url)

    admin = officer_signs_in(browser, base_url, "tim_admin")
    assert "3 hari kerja lagi" in admin.inner_text("main")  # type: ignore[attr-defined]
    shot(admin, "4-kotak-tugas-tim-admin")
    open_task(admin, code)
    admin.check("#f-jenis-0")  # type: ignore[attr-defined]
    admin.check("#f-decision-0")  # type: ignore[attr-defined]
    assert admin.input_value("#f-opd") == "DINKES"  # type: ignore[attr-defined]
    assert accessibility_problems(admin) == []
    shot(admin, "5-verifikasi")
    admin.get_by_role("button", name="Selesaikan tugas").click()  # type: ignore[attr-defined]
    admin.wait_for_url("**/petugas/")  # type: ignore[attr-defined]
    assert walk.status(code) == "didisposisikan"

    liaison = officer_signs_in(browser, base_url, "pejabat_penghubung-dinkes")
    open_task(liaison, code)
    liaison.check("#f-outcome-0")  # type: ignore[attr-defined]
    liaison.fill("#f-response", ANSWER)  # type: ignore[attr-defined]
    shot(liaison, "6-tindak-lanjut")
    liaison.get_by_role("button", name="Selesaikan tugas").click()  # type: ignore[attr-defined]
    liaison.wait_for_url("**/petugas/")  # type: ignore[attr-defined]

    context = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]
    citizen = context.new_page()
    citizen.goto(base_url + "/lacak")
    citizen.fill("#f-code", code)
    citizen.fill("#f-secret", secret)
    citizen.get_by_role("button", name="Lacak").click()
    citizen.wait_for_selector("text=" + ANSWER)
    assert "Ditindaklanjuti" in citizen.inner_text("main")
    assert fits_the_phone(citizen)
    assert accessibility_problems(citizen) == []
    shot(citizen, "7-pelapor-membaca-tindak-lanjut")
    context.close()


def test_a_refused_sign_in_says_no_more_and_sign_out_ends_the_session(
        browser: object, base_url: str, walk: Walk) -> None:
    walk.user("tim_admin")
    for viewport, name in ((PHONE, "masuk-ditolak-360"), ({"width": 1280, "height": 900},
                                                          "masuk-ditolak-1280")):
        context = browser.new_context(viewport=viewport)  # type: ignore[attr-defined]
        page = context.new_page()
        page.goto(base_url + "/petugas/masuk")
        page.fill("#f-username", "tidak-ada")
        page.fill("#f-password", "salah")
        page.get_by_role("button", name="Masuk").click()
        alert = page.get_by_role("alert").inner_text()
        assert "Nama pengguna atau kata sandi salah, atau terlalu banyak percobaan" in alert
        assert viewport != PHONE or fits_the_phone(page)
        shot(page, name)
        context.close()
    page = officer_signs_in(browser, base_url, "tim_admin")
    cookies = page.context.cookies()  # type: ignore[attr-defined]
    copied = browser.new_context()  # type: ignore[attr-defined]
    copied.add_cookies(cookies)
    other = copied.new_page()
    other.goto(base_url + "/petugas/")
    assert other.url.endswith("/petugas/")
    page.get_by_role("button", name="Keluar").click()  # type: ignore[attr-defined]
    other.goto(base_url + "/petugas/")
    assert "/petugas/masuk" in other.url  # the copied cookie no longer opens anything
    copied.close()
