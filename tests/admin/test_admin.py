"""Admin screens: accounts and roles, OPDs and liaisons, categories, the holiday overrides."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from engine.accounts.tables import User
from engine.calendar.tables import CalendarOverride
from engine.reference.tables import Category, Opd
from tests.walk import Walk
from tests.webui.pages import Pages, text_of
from webui.wiring import Services

NEW_LIAISON = {"username": "penghubung-baru", "full_name": "Penghubung Baru",
               "role": "pejabat_penghubung", "opd_code": "DINKES", "password": "rahasia-123"}


@pytest.fixture
def admin(pages: Pages, walk: Walk) -> Pages:
    """Signed in as the system administrator."""
    walk.user("sysadmin")
    pages.login("sysadmin")
    return pages


def user_named(services: Services, username: str) -> User:
    """An account by username."""
    with services.uow() as uow:
        return uow.session.scalars(select(User).where(User.username == username)).one()


def test_only_sysadmin_enters(pages: Pages, walk: Walk) -> None:
    walk.user("tim_admin")
    pages.login("tim_admin")
    for url in ("/admin/", "/admin/pengguna", "/admin/opd", "/admin/kategori",
                "/admin/kalender/"):
        pages.get(url, status=403)
    pages.post("/admin/pengguna", NEW_LIAISON, page="/petugas/", status=403)


def test_create_a_liaison_who_can_then_sign_in(admin: Pages, services: Services) -> None:
    admin.post("/admin/pengguna", NEW_LIAISON, status=302)
    assert "penghubung-baru" in text_of(admin.get("/admin/pengguna"))
    assert user_named(services, "penghubung-baru").opd_code == "DINKES"
    admin.logout()
    admin.login("penghubung-baru", "rahasia-123")


def test_opd_role_without_opd_and_other_mistakes_are_refused(admin: Pages) -> None:
    page = text_of(admin.post("/admin/pengguna", {**NEW_LIAISON, "opd_code": "",
                                                  "username": "Bad Name", "password": "x"},
                              status=422))
    for field in ("opd_code", "username", "password"):
        assert f'id="f-{field}-error"' in page
    assert 'value="Penghubung Baru"' in page  # input kept
    admin.post("/admin/pengguna", NEW_LIAISON, status=302)
    page = text_of(admin.post("/admin/pengguna", NEW_LIAISON, status=422))
    assert "Nama pengguna sudah dipakai" in page


def test_change_role_deactivate_and_reset_password(admin: Pages, walk: Walk,
                                                   services: Services) -> None:
    walk.user("anggota")
    user = user_named(services, "anggota")
    admin.post(f"/admin/pengguna/{user.id}", {"full_name": "Anggota Baru", "role": "tim_admin"},
               status=302)
    assert user_named(services, "anggota").role == "tim_admin"
    admin.post(f"/admin/pengguna/{user.id}/aktif", {"active": "0"},
               page=f"/admin/pengguna/{user.id}", status=302)
    assert not user_named(services, "anggota").active
    response = admin.post(f"/admin/pengguna/{user.id}/sandi", page=f"/admin/pengguna/{user.id}",
                          status=200)
    assert response.headers["Cache-Control"] == "no-store"
    password = re.search(r'id="new-password">([^<]+)<', text_of(response))
    assert password
    admin.post(f"/admin/pengguna/{user.id}/aktif", {"active": "1"},
               page=f"/admin/pengguna/{user.id}", status=302)
    admin.logout()
    admin.login("anggota", password.group(1))


def test_admin_cannot_deactivate_themselves(admin: Pages, services: Services) -> None:
    me = user_named(services, "sysadmin")
    response = admin.post(f"/admin/pengguna/{me.id}/aktif", {"active": "0"},
                          page=f"/admin/pengguna/{me.id}", status=302)
    assert "tidak dapat menonaktifkan" in text_of(admin.get(response.headers["Location"]))
    assert user_named(services, "sysadmin").active


def test_user_form_prefills_role_and_opd_from_the_opd_page(admin: Pages) -> None:
    page = text_of(admin.get("/admin/pengguna?role=pejabat_penghubung&opd=PUPR"))
    assert '<option value="pejabat_penghubung" selected>' in page
    assert '<option value="PUPR" selected>' in page


def test_opds_list_liaisons_and_can_be_added_renamed_retired(admin: Pages, walk: Walk,
                                                             services: Services) -> None:
    walk.user("pejabat_penghubung", "DINKES", name="Bu Penghubung")
    page = text_of(admin.get("/admin/opd"))
    assert "Bu Penghubung" in page
    admin.post("/admin/opd", {"code": "dinbaru", "name": "Dinas Baru", "kind": "dinas"},
               status=302)
    admin.post("/admin/opd/DINBARU/nama", {"name": "Dinas Baru Sekali"}, page="/admin/opd",
               status=302)
    admin.post("/admin/opd/DINBARU/aktif", {"active": "0"}, page="/admin/opd", status=302)
    with services.uow() as uow:
        opd = uow.session.get(Opd, "DINBARU")
        assert opd is not None and opd.name == "Dinas Baru Sekali" and not opd.active
    page = text_of(admin.post("/admin/opd", {"code": "DINBARU", "name": ""}, status=422))
    assert "Kode OPD sudah dipakai" in page and 'id="f-name-error"' in page
    page = text_of(admin.post("/admin/opd/DINKES/nama", {"name": ""}, page="/admin/opd",
                              status=422))
    assert 'id="opd-DINKES"' in page and "Wajib diisi" in page


def test_categories_added_renamed_moved_and_retired(admin: Pages, services: Services) -> None:
    admin.post("/admin/kategori", {"code": "90", "name": "Air bersih"}, status=302)
    admin.post("/admin/kategori", {"code": "91", "name": "PDAM", "parent": "90"}, status=302)
    admin.post("/admin/kategori/91", {"name": "Layanan PDAM", "parent": "90"},
               page="/admin/kategori", status=302)
    admin.post("/admin/kategori/91/aktif", {"active": "0"}, page="/admin/kategori", status=302)
    with services.uow() as uow:
        category = uow.session.get(Category, "91")
        assert category is not None
        assert (category.name, category.parent_code, category.active) == (
            "Layanan PDAM", "90", False)
    page = text_of(admin.post("/admin/kategori/90", {"name": "Air bersih", "parent": "91"},
                              page="/admin/kategori", status=422))
    assert "lingkaran" in page
    assert "Layanan PDAM" not in text_of(admin.get("/lapor"))  # retired: not offered


def test_calendar_marks_holidays_and_cuti_bersama(admin: Pages) -> None:
    page = text_of(admin.get("/admin/kalender/?year=2026"))
    assert "Kalender hari kerja 2026" in page
    assert re.search(r'class="day-cuti_bersama" title="Cuti Bersama Hari Suci Nyepi">18<', page)
    assert re.search(r'class="day-libur_nasional" title="Hari Suci Nyepi">19<', page)
    assert "Maret 2026" in page and "Desember 2026" in page


def test_add_and_remove_an_override(admin: Pages, services: Services) -> None:
    admin.post("/admin/kalender/", {"day": "2026-08-18", "working": "0",
                                    "note": "SKB cuti bersama 18 Agustus"},
               page="/admin/kalender/", status=302)
    page = text_of(admin.get("/admin/kalender/?year=2026"))
    assert "SKB cuti bersama 18 Agustus" in page
    assert re.search(r'class="day-libur_admin"[^>]*>18<', page)
    admin.post("/admin/kalender/2026-08-18/hapus", page="/admin/kalender/", status=302)
    with services.uow() as uow:
        assert uow.session.scalars(select(CalendarOverride)).all() == []


def test_override_needs_a_day_and_a_basis(admin: Pages) -> None:
    page = text_of(admin.post("/admin/kalender/", {"day": "", "note": ""},
                              page="/admin/kalender/", status=422))
    assert 'id="f-day-error"' in page
    page = text_of(admin.post("/admin/kalender/", {"day": "2026-05-04", "note": " "},
                              page="/admin/kalender/", status=422))
    assert 'id="f-note-error"' in page


def test_admin_actions_are_audited(admin: Pages, services: Services) -> None:
    from engine.audit import AuditEntry

    admin.post("/admin/pengguna", NEW_LIAISON, status=302)
    with services.uow() as uow:
        entry = uow.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "user_created")).one()
    assert entry.actor == "sysadmin" and "penghubung-baru" in entry.detail
