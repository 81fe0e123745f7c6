"""Every screen answers for the role it is made for (a broad first net)."""

from __future__ import annotations

import pytest

from tests.walk import VERIFY_FORWARD, Walk

from .pages import Pages


@pytest.mark.parametrize("url", ["/", "/lapor", "/lacak", "/laporan", "/petugas/masuk",
                                 "/?lang=en", "/lapor?lang=en"])
def test_public_pages_open(pages: Pages, url: str) -> None:
    assert "vendor/pico.min." in pages.get(url).get_data(as_text=True)


def test_officer_pages_open(pages: Pages, walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.user("tim_admin")
    walk.user("front_office")
    walk.user("sysadmin")
    pages.login("tim_admin")
    inbox = pages.get("/petugas/").get_data(as_text=True)
    task = walk.task(code, "verifikasi")
    assert task.id in inbox
    pages.get(f"/petugas/tugas/{task.id}")
    pages.get(f"/petugas/laporan/{code}")
    pages.get("/front-office/buku-registrasi/")
    pages.logout()
    pages.login("front_office")
    pages.get("/front-office/registrasi")
    pages.logout()
    pages.login("sysadmin")
    for url in ("/admin/", "/admin/pengguna", "/admin/opd", "/admin/kategori",
                "/admin/kalender/"):
        pages.get(url)
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
