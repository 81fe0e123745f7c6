"""Signing in and out: one message for every failure, lockout, safe redirects, role walls."""

from __future__ import annotations

import re

from tests.walk import Walk
from tests.webui.pages import Pages, text_of
from webui.wiring import Services


def test_login_page_has_csrf_and_fields(pages: Pages) -> None:
    page = text_of(pages.get("/petugas/masuk"))
    assert 'name="csrf_token"' in page and 'autocomplete="current-password"' in page


def test_sign_in_goes_to_the_role_start_page(pages: Pages, walk: Walk) -> None:
    walk.user("tim_admin")
    walk.user("front_office")
    walk.user("sysadmin")
    assert pages.login("tim_admin").headers["Location"] == "/petugas/"
    pages.logout()
    assert pages.login("front_office").headers["Location"] == "/front-office/registrasi"
    pages.logout()
    assert pages.login("sysadmin").headers["Location"] == "/admin/"


def test_wrong_password_and_unknown_user_get_the_same_message(pages: Pages,
                                                              walk: Walk) -> None:
    walk.user("tim_admin")
    wrong = pages.post("/petugas/masuk", {"username": "tim_admin", "password": "salah"},
                       status=401)
    unknown = pages.post("/petugas/masuk", {"username": "tidak-ada", "password": "pw"},
                         status=401)
    message = "Nama pengguna atau kata sandi salah"
    assert message in text_of(wrong) and message in text_of(unknown)
    def page(response, name: str) -> str:  # type: ignore[no-untyped-def]
        text = re.sub(r'name="csrf_token"[^>]*>', "", text_of(response))
        return text.replace(name, "")

    assert page(wrong, "tim_admin") == page(unknown, "tidak-ada")
    assert 'value="tim_admin"' in text_of(wrong)  # the username is kept


def test_repeated_failures_lock_the_address_out_and_say_no_more(pages: Pages, walk: Walk,
                                                               services: Services) -> None:
    walk.user("tim_admin")
    for name in ("tim_admin", "nosuchuser"):
        for _ in range(services.settings.login_attempts):
            pages.post("/petugas/masuk", {"username": name, "password": "salah"}, status=401)
    locked = pages.post("/petugas/masuk", {"username": "tim_admin", "password": "pw"},
                        status=401)
    unknown = pages.post("/petugas/masuk", {"username": "nosuchuser", "password": "pw"},
                         status=401)
    message = "Nama pengguna atau kata sandi salah, atau terlalu banyak percobaan"
    assert message in text_of(locked) and message in text_of(unknown)
    assert "dikunci" not in text_of(locked)
    other = pages.client.post("/petugas/masuk", data={
        "csrf_token": pages.token("/petugas/masuk"), "username": "tim_admin", "password": "pw"},
        environ_base={"REMOTE_ADDR": "10.9.8.7"})
    assert other.status_code == 302  # the officer at another address signs in


def test_next_is_followed_only_within_the_site(pages: Pages, walk: Walk) -> None:
    walk.user("tim_admin")
    inside = pages.post("/petugas/masuk?next=/petugas/laporan/EL-X",
                        {"username": "tim_admin", "password": "pw"}, page="/petugas/masuk")
    assert inside.headers["Location"] == "/petugas/laporan/EL-X"
    pages.logout()
    outside = pages.post("/petugas/masuk?next=//evil.example/",
                         {"username": "tim_admin", "password": "pw"}, page="/petugas/masuk")
    assert outside.headers["Location"] == "/petugas/"


def test_signed_out_officer_pages_send_to_login(pages: Pages) -> None:
    for url in ("/petugas/", "/front-office/registrasi", "/admin/pengguna",
                "/front-office/buku-registrasi/"):
        response = pages.get(url, status=302)
        assert response.headers["Location"].startswith("/petugas/masuk?next=")


def test_logout_needs_a_post_with_csrf(pages: Pages, walk: Walk) -> None:
    walk.user("tim_admin")
    pages.login("tim_admin")
    pages.client.post("/petugas/keluar")  # no token: refused, still signed in
    pages.get("/petugas/")
    pages.logout()
    pages.get("/petugas/", status=302)


def test_a_deactivated_account_cannot_sign_in(pages: Pages, walk: Walk,
                                              services: Services) -> None:
    from engine.accounts.tables import User

    walk.user("tim_admin")
    with services.uow() as uow:
        user = uow.session.query(User).filter_by(username="tim_admin").one()
        user.active = False
        uow.commit()
    pages.post("/petugas/masuk", {"username": "tim_admin", "password": "pw"}, status=401)


def test_roles_are_walled_off(pages: Pages, walk: Walk) -> None:
    walk.user("pejabat_penghubung", "DINKES")
    pages.login("pejabat_penghubung-dinkes")
    for url in ("/admin/", "/front-office/registrasi", "/front-office/buku-registrasi/"):
        page = pages.get(url, status=403)
        assert "Akses ditolak" in text_of(page)
    pages.get("/petugas/")
