"""The sysadmin's account list a page at a time (50 accounts), with a role filter and a search
that stay on every page, the count of what matches, and one count plus one query per page."""

from __future__ import annotations

import re

import pytest

from engine.accounts.admin import UserFilter, list_users
from engine.accounts.tables import User
from tests.sql_log import selects, statements
from tests.walk import Walk
from tests.webui.pages import Pages, text_of
from webui.wiring import Services

from .test_admin import admin  # noqa: F401  (the fixture)

ROW = re.compile(r'<tr>\s*<td><a href="/admin/pengguna/\d+">([^<]+)</a>')


@pytest.fixture
def many(services: Services, walk: Walk) -> None:
    """120 members of the team and 30 liaison officers of DINKES besides the sysadmin."""
    with services.uow() as uow:
        for n in range(150):
            role, opd = ("anggota", None) if n < 120 else ("pejabat_penghubung", "DINKES")
            uow.session.add(User(username=f"{role}-{n:03d}", full_name=f"Petugas Nomor {n:03d}",
                                 role=role, opd_code=opd, password_hash="x", active=True,
                                 failed_logins=0, created_at=walk.clock()))
        uow.commit()


def usernames(page: str) -> list[str]:
    return ROW.findall(page)


def test_fifty_accounts_a_page_with_the_count_and_the_pages(admin: Pages, many: None) -> None:  # noqa: F811
    first = text_of(admin.get("/admin/pengguna"))
    assert usernames(first) == [f"anggota-{n:03d}" for n in range(50)]
    assert "Menampilkan 1–50 dari 151 akun" in first
    assert "Halaman 1 dari 4" in first and 'href="/admin/pengguna?page=2" rel="next"' in first
    last = text_of(admin.get("/admin/pengguna?page=4"))
    assert usernames(last) == ["sysadmin"]
    assert "Menampilkan 151–151 dari 151 akun" in last and 'rel="next"' not in last
    assert usernames(text_of(admin.get("/admin/pengguna?page=99"))) == ["sysadmin"]  # the last
    assert usernames(text_of(admin.get("/admin/pengguna?page=x")))[0] == "anggota-000"


def test_role_filter_and_search_stay_on_every_page(admin: Pages, many: None) -> None:  # noqa: F811
    page = text_of(admin.get("/admin/pengguna?peran=pejabat_penghubung"))
    assert usernames(page) == [f"pejabat_penghubung-{n:03d}" for n in range(120, 150)]
    assert "Menampilkan 1–30 dari 30 akun" in page and 'rel="next"' not in page
    assert '<option value="pejabat_penghubung" selected>' in page
    found = text_of(admin.get("/admin/pengguna?q=petugas+nomor&peran=anggota"))
    assert "Menampilkan 1–50 dari 120 akun" in found
    assert 'href="/admin/pengguna?page=2&q=petugas+nomor&peran=anggota" rel="next"' in found
    second = text_of(admin.get("/admin/pengguna?page=3&q=petugas+nomor&peran=anggota"))
    assert "Menampilkan 101–120 dari 120 akun" in second
    assert 'href="/admin/pengguna?page=2&q=petugas+nomor&peran=anggota" rel="prev"' in second
    assert usernames(text_of(admin.get("/admin/pengguna?q=nomor+01"))) == [
        "anggota-001", *(f"anggota-{n:03d}" for n in range(10, 20)), "anggota-101"]
    assert usernames(text_of(admin.get("/admin/pengguna?q=PETUGAS+NOMOR+042"))) == [
        "anggota-042"]
    assert usernames(text_of(admin.get("/admin/pengguna?q=penghubung+149"))) == [
        "pejabat_penghubung-149"]
    empty = text_of(admin.get("/admin/pengguna?q=100%25"))  # LIKE's wildcards are literal
    assert "Tidak ada akun yang cocok" in empty and "Menampilkan" not in empty


def test_the_role_as_named_on_screen_is_searched(services: Services, many: None) -> None:
    with services.uow() as uow:
        page = list_users(uow.session, UserFilter(
            query="pejabat", role_names={"pejabat_penghubung": "Pejabat Penghubung OPD"}))
        assert page.total == 30
        assert list_users(uow.session, UserFilter(
            query="opd", role_names={"pejabat_penghubung": "Pejabat Penghubung OPD"})).total == 30
        assert list_users(uow.session, UserFilter(query="opd")).total == 0


def test_a_page_is_one_count_and_one_query_whatever_the_number_of_accounts(
        admin: Pages, services: Services, many: None) -> None:  # noqa: F811
    admin.get("/admin/pengguna?page=2")  # the signed-in account is read and cached
    with statements(services) as seen:
        text_of(admin.get("/admin/pengguna?page=2&peran=anggota&q=petugas"))
    listing = [s for s in selects(seen) if "FROM app_user" in s]
    assert len(listing) == 2, listing
    assert sum("count(" in s.lower() for s in listing) == 1
