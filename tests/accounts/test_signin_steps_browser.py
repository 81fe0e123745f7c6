"""The sign-in steps in a real headless Chromium, at 1280 px and 360 px: Tim Admin enrols an
authenticator app (the code computed by pyotp, as a phone would) and signs in with a code the
next time; a new account changes the sysadmin's password before anything else."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pyotp
import pytest

from engine.accounts.admin import Account, add_user
from engine.accounts.second_factor import SecretBox, enrol_with_secret
from engine.accounts.signin import create_user
from engine.accounts.tables import SignInFailure
from engine.clock import FixedClock
from engine.domain import Actor
from tests.webui.axe import accessibility_problems
from tests.webui.test_browser import PHONE, fits_the_phone, shot
from webui.wiring import Services

pytestmark = pytest.mark.browser
DESK = {"width": 1280, "height": 900}


def _sign_in(page: Any, base_url: str, username: str, password: str) -> None:
    page.goto(base_url + "/petugas/masuk")
    page.fill("#f-username", username)
    page.fill("#f-password", password)
    page.get_by_role("button", name="Masuk").click()


def _check(page: Any, viewport: dict[str, int], name: str) -> None:
    assert accessibility_problems(page) == []
    if viewport == PHONE:
        assert fits_the_phone(page)
    shot(page, name)


@pytest.mark.parametrize(("viewport", "size"), [(DESK, "1280"), (PHONE, "360")])
def test_tim_admin_enrols_then_signs_in_with_a_code(
        browser: Any, base_url: str, services: Services, clock: FixedClock,
        viewport: dict[str, int], size: str) -> None:
    services.settings = replace(services.settings, totp_required_roles="tim_admin")
    with services.uow() as uow:
        create_user(uow.session, "rina", "Rina", "tim_admin", "kata-sandi-rina", clock())
        uow.commit()
    context = browser.new_context(viewport=viewport, locale="id-ID")
    page = context.new_page()
    _sign_in(page, base_url, "rina", "kata-sandi-rina")
    page.wait_for_url("**/petugas/masuk/daftar")
    _check(page, viewport, f"totp-daftar-{size}")
    secret = page.inner_text("#totp-secret").strip()
    page.goto(base_url + "/petugas/")  # nothing opens before the second factor
    assert "/petugas/masuk" in page.url
    page.goto(base_url + "/petugas/masuk/daftar")
    page.fill("#f-code", pyotp.TOTP(secret).at(clock()))
    page.get_by_role("button", name="Daftarkan").click()
    codes = page.locator("#recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    _check(page, viewport, f"totp-kode-pemulihan-{size}")
    page.get_by_role("button", name="Sudah saya simpan, lanjut").click()
    page.wait_for_url("**/petugas/")
    page.get_by_role("button", name="Keluar").click()

    clock.advance(seconds=30)
    _sign_in(page, base_url, "rina", "kata-sandi-rina")
    page.wait_for_url("**/petugas/masuk/kode")
    _check(page, viewport, f"totp-kode-{size}")
    page.fill("#f-code", "000000")
    page.get_by_role("button", name="Lanjut").click()
    assert "salah" in page.inner_text("[role=alert]")
    page.fill("#f-code", pyotp.TOTP(secret).at(clock()))
    page.get_by_role("button", name="Lanjut").click()
    page.wait_for_url("**/petugas/")
    assert "Rina" in page.inner_text("nav")
    context.close()


@pytest.mark.parametrize(("viewport", "size"), [(DESK, "1280"), (PHONE, "360")])
def test_a_new_account_changes_its_password_first(
        browser: Any, base_url: str, services: Services, clock: FixedClock,
        viewport: dict[str, int], size: str) -> None:
    with services.uow() as uow:
        add_user(uow.session, Account("sari", "Sari", "anggota", password="dari-admin-1"),
                 Actor("admin", "sysadmin"), clock())
        uow.commit()
    context = browser.new_context(viewport=viewport, locale="id-ID")
    page = context.new_page()
    _sign_in(page, base_url, "sari", "dari-admin-1")
    page.wait_for_url("**/petugas/masuk/sandi")
    page.goto(base_url + "/petugas/")
    assert "/petugas/masuk" in page.url  # no other page before the new password
    page.goto(base_url + "/petugas/masuk/sandi")
    page.fill("#f-password", "dari-admin-1")
    page.fill("#f-repeat", "dari-admin-1")
    page.get_by_role("button", name="Simpan kata sandi").click()
    assert "berbeda" in page.inner_text("#f-password-error")
    _check(page, viewport, f"sandi-pertama-{size}")
    page.fill("#f-password", "pilihan-sari-sendiri")
    page.fill("#f-repeat", "pilihan-sari-sendiri")
    page.get_by_role("button", name="Simpan kata sandi").click()
    page.wait_for_url("**/petugas/")
    page.get_by_role("link", name="Sari").first.click()
    page.wait_for_url("**/petugas/akun/")
    _check(page, viewport, f"akun-{size}")
    context.close()


@pytest.mark.parametrize(("viewport", "size"), [(DESK, "1280"), (PHONE, "360")])
def test_the_sysadmin_lifts_a_current_lock_and_resets_a_second_factor(
        browser: Any, base_url: str, services: Services, clock: FixedClock,
        viewport: dict[str, int], size: str) -> None:
    with services.uow() as uow:
        create_user(uow.session, "admin", "Admin", "sysadmin", "kata-sandi-admin", clock())
        rina = create_user(uow.session, "rina", "Rina", "tim_admin", "kata-sandi-rina", clock())
        enrol_with_secret(uow.session, rina, "JBSWY3DPEHPK3PXP",
                          SecretBox(services.settings.secret_key), clock())
        uow.session.add(SignInFailure(username="rina", source="*", failures=0,
                                      first_failed_at=clock(),
                                      locked_until=clock() + timedelta(minutes=10)))
        uow.commit()
        rina_id = rina.id
    context = browser.new_context(viewport=viewport, locale="id-ID")
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    _sign_in(page, base_url, "admin", "kata-sandi-admin")
    page.wait_for_url("**/admin/")
    page.goto(f"{base_url}/admin/pengguna/{rina_id}")
    assert "Dikunci sampai" in page.inner_text("#lock-state")
    _check(page, viewport, f"pengguna-terkunci-{size}")
    page.get_by_role("button", name="Buka penguncian").click()
    page.wait_for_selector("text=Penguncian akun rina dibuka.")
    assert page.locator("#lock-state").count() == 0
    page.get_by_role("button", name="Atur ulang faktor kedua").click()
    page.wait_for_selector("text=Faktor kedua: belum terdaftar.")
    _check(page, viewport, f"pengguna-faktor-diatur-ulang-{size}")
    context.close()
