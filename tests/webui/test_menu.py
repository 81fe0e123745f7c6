"""The officers' menu: each role reaches its screens, in the reader's language."""

from __future__ import annotations

import pytest

from webui.officer.menu import menu_links

MENUS = {
    "tim_admin": ["/petugas/", "/front-office/buku-registrasi/", "/pemantauan/", "/evaluasi/",
                  "/saluran/ringkasan"],
    "analis": ["/analis/"],
    "sysadmin": ["/pemantauan/", "/saluran/ringkasan", "/admin/", "/saluran/admin/"],
    "kepala_opd": ["/petugas/opd", "/saluran/ringkasan"],
    "front_office": ["/petugas/", "/front-office/registrasi", "/front-office/buku-registrasi/",
                     "/saluran/ringkasan"],
    "penanggung_jawab": ["/petugas/", "/petugas/penugasan/", "/pemantauan/", "/evaluasi/",
                         "/admin/log-audit", "/saluran/ringkasan"],
}


@pytest.mark.parametrize("role", sorted(MENUS))
def test_each_role_reaches_its_screens(app, role: str) -> None:  # type: ignore[no-untyped-def]
    with app.test_request_context("/"):
        addresses = [address for address, _label in menu_links(role)]
    assert addresses == MENUS[role]


def test_menu_is_in_the_readers_language_and_mount_point(app) -> None:  # type: ignore[no-untyped-def]
    with app.test_request_context("/?lang=en"):
        assert ("/petugas/", "Task inbox") in menu_links("tim_admin")
    with app.test_request_context("/"):
        assert ("/petugas/", "Kotak tugas") in menu_links("tim_admin")
    with app.test_request_context("/", base_url="http://localhost/alur"):
        assert ("/alur/petugas/", "Kotak tugas") in menu_links("tim_admin")
