"""Sign-in steps on the web: enrol or type an authenticator code, change a sysadmin's password;
nothing else opens in between."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

import pyotp
import pytest
from sqlalchemy import select

from engine.accounts.signin import create_user
from engine.accounts.tables import SignInFailure, User
from engine.audit import AuditEntry
from engine.clock import FixedClock
from tests.webui.pages import Pages, text_of
from webui.wiring import Services

SECRET = re.compile(r'id="totp-secret">([A-Z2-7]+)<')
CODES = re.compile(r"<li><code>([a-z0-9-]+)</code></li>")
BEHIND_SIGN_IN = ("/petugas/", "/pemantauan/", "/petugas/akun/", "/admin/pengguna")


@pytest.fixture
def pages(app, services: Services) -> Pages:  # type: ignore[no-untyped-def]
    """A browser, with the production default: Tim Admin, Front Office, sysadmin need TOTP."""
    services.settings = replace(services.settings,
                                totp_required_roles="tim_admin,front_office,sysadmin")
    return Pages(app.test_client())


def _account(services: Services, clock: FixedClock, name: str, role: str) -> int:
    with services.uow() as uow:
        user = create_user(uow.session, name, name.title(), role, "kata-sandi-lama", clock())
        uow.commit()
        return user.id


def _nothing_opens(pages: Pages) -> None:
    for url in BEHIND_SIGN_IN:
        assert pages.client.get(url).status_code in (302, 401, 403), url


def _enrol(pages: Pages, clock: FixedClock) -> tuple[str, list[str]]:
    response = pages.post("/petugas/masuk", {"username": "rina", "password": "kata-sandi-lama"})
    assert response.headers["Location"].endswith("/petugas/masuk/daftar")
    page = pages.get("/petugas/masuk/daftar")
    assert "<svg" in text_of(page)  # the QR code
    found = SECRET.search(page.get_data(as_text=True))
    assert found
    _nothing_opens(pages)
    pages.post("/petugas/masuk/daftar", {"code": "000000"}, status=401)
    done = pages.post("/petugas/masuk/daftar",
                      {"code": pyotp.TOTP(found.group(1)).at(clock())}, status=200)
    assert done.headers["Cache-Control"] == "no-store"
    return found.group(1), CODES.findall(done.get_data(as_text=True))


def test_tim_admin_enrols_at_first_sign_in_then_types_a_code_each_time(
        pages: Pages, services: Services, clock: FixedClock) -> None:
    _account(services, clock, "rina", "tim_admin")
    secret, codes = _enrol(pages, clock)
    assert len(codes) == 10
    assert pages.get("/petugas/").status_code == 200  # signed in after enrolment
    pages.logout()

    clock.advance(seconds=30)
    response = pages.post("/petugas/masuk", {"username": "rina", "password": "kata-sandi-lama"})
    assert response.headers["Location"].endswith("/petugas/masuk/kode")
    _nothing_opens(pages)
    pages.post("/petugas/masuk/kode", {"code": "12345x"}, status=401)
    code = pyotp.TOTP(secret).at(clock())
    response = pages.post("/petugas/masuk/kode", {"code": code}, status=302)
    assert response.headers["Location"].endswith("/petugas/")
    pages.logout()

    pages.post("/petugas/masuk", {"username": "rina", "password": "kata-sandi-lama"})
    pages.post("/petugas/masuk/kode", {"code": code}, status=401)  # a replayed code
    pages.post("/petugas/masuk/kode", {"code": codes[0]}, status=302)  # a recovery code
    assert pages.get("/petugas/").status_code == 200


def test_new_recovery_codes_need_the_password_typed_again(
        pages: Pages, services: Services, clock: FixedClock) -> None:
    _account(services, clock, "rina", "tim_admin")
    _, codes = _enrol(pages, clock)
    refused = pages.post("/petugas/akun/kode-pemulihan", {"codes_current": "bukan-sandinya"},
                         page="/petugas/akun/", status=422)
    assert "Kata sandi sekarang salah." in text_of(refused)
    assert not CODES.findall(refused.get_data(as_text=True))
    pages.post("/petugas/akun/kode-pemulihan", page="/petugas/akun/", status=422)  # none typed
    with services.uow() as uow:
        renewed = [entry.action for entry in uow.session.scalars(select(AuditEntry))
                   if entry.action == "recovery_codes_renewed"]
        assert renewed == []
    done = pages.post("/petugas/akun/kode-pemulihan", {"codes_current": "kata-sandi-lama"},
                      page="/petugas/akun/", status=200)
    fresh = CODES.findall(done.get_data(as_text=True))
    assert len(fresh) == 10 and not set(fresh) & set(codes)
    assert done.headers["Cache-Control"] == "no-store"
    with services.uow() as uow:
        entries = [entry for entry in uow.session.scalars(select(AuditEntry))
                   if entry.action == "recovery_codes_renewed"]
        assert [entry.actor for entry in entries] == ["rina"]
    pages.logout()
    clock.advance(seconds=30)
    pages.post("/petugas/masuk", {"username": "rina", "password": "kata-sandi-lama"})
    pages.post("/petugas/masuk/kode", {"code": codes[0]}, status=401)  # the old set is gone
    pages.post("/petugas/masuk/kode", {"code": fresh[0]}, status=302)


def test_wrong_codes_lock_the_address_like_wrong_passwords(
        pages: Pages, services: Services, clock: FixedClock) -> None:
    _account(services, clock, "rina", "tim_admin")
    secret, _ = _enrol(pages, clock)
    pages.logout()
    clock.advance(seconds=30)
    pages.post("/petugas/masuk", {"username": "rina", "password": "kata-sandi-lama"})
    for _ in range(services.settings.login_attempts):
        pages.post("/petugas/masuk/kode", {"code": "99999"}, status=401)
    pages.post("/petugas/masuk/kode", {"code": pyotp.TOTP(secret).at(clock())}, status=401)
    with services.uow() as uow:
        assert any(row.locked_until for row in uow.session.scalars(select(SignInFailure)))


def test_a_role_without_the_requirement_signs_in_with_the_password_and_may_opt_in(
        pages: Pages, services: Services, clock: FixedClock) -> None:
    _account(services, clock, "budi", "anggota")
    response = pages.post("/petugas/masuk", {"username": "budi", "password": "kata-sandi-lama"})
    assert response.headers["Location"].endswith("/petugas/")
    page = pages.get("/petugas/akun/autentikator")
    secret = SECRET.search(page.get_data(as_text=True))
    assert secret
    pages.post("/petugas/akun/autentikator", {"code": pyotp.TOTP(secret.group(1)).at(clock())},
               status=200)
    pages.logout()
    clock.advance(seconds=30)
    response = pages.post("/petugas/masuk", {"username": "budi", "password": "kata-sandi-lama"})
    assert response.headers["Location"].endswith("/petugas/masuk/kode")  # opted in: asked


def test_a_password_from_the_sysadmin_is_changed_before_anything_else(
        pages: Pages, services: Services, clock: FixedClock) -> None:
    services.settings = replace(services.settings, totp_required_roles="")
    admin_id = _account(services, clock, "admin", "sysadmin")
    with services.uow() as uow:
        uow.session.get(User, admin_id).must_change_password = False  # type: ignore[union-attr]
        uow.commit()
    pages.login("admin", "kata-sandi-lama")
    pages.post("/admin/pengguna", {"username": "sari", "full_name": "Sari", "role": "anggota",
                                   "password": "dari-admin-1"}, status=302)
    pages.logout()

    response = pages.post("/petugas/masuk", {"username": "sari", "password": "dari-admin-1"})
    assert response.headers["Location"].endswith("/petugas/masuk/sandi")
    _nothing_opens(pages)
    same = pages.post("/petugas/masuk/sandi", {"password": "dari-admin-1",
                                               "repeat": "dari-admin-1"}, status=422)
    assert "berbeda" in text_of(same)
    pages.post("/petugas/masuk/sandi", {"password": "pendek", "repeat": "pendek"}, status=422)
    response = pages.post("/petugas/masuk/sandi", {"password": "pilihan-sari",
                                                   "repeat": "pilihan-sari"}, status=302)
    assert response.headers["Location"].endswith("/petugas/")
    assert pages.get("/petugas/").status_code == 200
    pages.logout()
    response = pages.post("/petugas/masuk", {"username": "sari", "password": "pilihan-sari"})
    assert response.headers["Location"].endswith("/petugas/")  # no more steps


def test_enrolment_then_new_password_for_a_new_front_office_account(
        pages: Pages, services: Services, clock: FixedClock) -> None:
    user_id = _account(services, clock, "rina", "front_office")
    with services.uow() as uow:
        uow.session.get(User, user_id).must_change_password = True  # type: ignore[union-attr]
        uow.commit()
    _enrol(pages, clock)
    _nothing_opens(pages)  # enrolled, but the password is still owed
    response = pages.post("/petugas/masuk/sandi", {"password": "pilihan-rina",
                                                   "repeat": "pilihan-rina"}, status=302)
    assert response.headers["Location"].endswith("/front-office/registrasi")
    assert pages.get("/petugas/akun/").status_code == 200


def test_the_sysadmin_sees_only_a_current_lock_unlocks_and_resets_a_second_factor(
        pages: Pages, services: Services, clock: FixedClock) -> None:
    services.settings = replace(services.settings, totp_required_roles="")
    _account(services, clock, "admin", "sysadmin")
    rina = _account(services, clock, "rina", "anggota")
    with services.uow() as uow:
        uow.session.add(SignInFailure(username="rina", source="203.0.113.9", failures=0,
                                      first_failed_at=clock() - timedelta(hours=2),
                                      locked_until=clock() - timedelta(hours=1)))
        user = uow.session.get(User, rina)
        assert user is not None
        user.locked_until = clock() - timedelta(hours=1)  # the old column, long expired
        uow.commit()
    pages.login("admin", "kata-sandi-lama")
    assert "Dikunci sampai" not in text_of(pages.get(f"/admin/pengguna/{rina}"))
    with services.uow() as uow:
        uow.session.add(SignInFailure(username="rina", source="*", failures=0,
                                      first_failed_at=clock(),
                                      locked_until=clock() + timedelta(minutes=10)))
        uow.commit()
    page = text_of(pages.get(f"/admin/pengguna/{rina}"))
    assert "Dikunci sampai" in page and "Buka penguncian" in page
    pages.post(f"/admin/pengguna/{rina}/buka-kunci", page=f"/admin/pengguna/{rina}", status=302)
    assert "Dikunci sampai" not in text_of(pages.get(f"/admin/pengguna/{rina}"))
    with services.uow() as uow:
        user = uow.session.get(User, rina)
        assert user is not None
        user.totp_secret, user.totp_enrolled_at = "sealed", clock()
        uow.commit()
    pages.post(f"/admin/pengguna/{rina}/faktor-kedua", page=f"/admin/pengguna/{rina}",
               status=302)
    with services.uow() as uow:
        user = uow.session.get(User, rina)
        assert user is not None and user.totp_enrolled_at is None
        actions = set(uow.session.scalars(select(AuditEntry.action)))
        assert {"user_unlocked", "totp_reset"} <= actions


def test_cancelling_a_step_ends_the_half_made_session(
        pages: Pages, services: Services, clock: FixedClock) -> None:
    _account(services, clock, "rina", "tim_admin")
    pages.post("/petugas/masuk", {"username": "rina", "password": "kata-sandi-lama"})
    assert "Batal dan keluar" in text_of(pages.get("/petugas/masuk/daftar"))
    pages.post("/petugas/keluar", page="/petugas/masuk/daftar", status=302)
    response = pages.client.get("/petugas/masuk/daftar")
    assert response.status_code == 302 and response.headers["Location"].endswith("/petugas/masuk")
