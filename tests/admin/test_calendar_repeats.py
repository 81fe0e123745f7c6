"""The holiday calendar warns when an administrator's correction only repeats what the national
calendar already says (a holiday declared a day off, an ordinary weekday declared working)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from engine.audit import AuditEntry
from engine.calendar.overrides import repeated_fact
from tests.walk import Walk
from tests.webui.pages import Pages, text_of
from tests.webui.test_browser import PHONE, fits_the_phone, shot


@pytest.fixture
def admin(pages: Pages, walk: Walk) -> Pages:
    walk.user("sysadmin")
    pages.login("sysadmin")
    return pages


@pytest.mark.parametrize(("day", "working", "says"), [
    (date(2026, 3, 19), False, "2026-03-19 sudah hari libur menurut kalender nasional "
                               "(Hari Suci Nyepi)."),
    (date(2026, 3, 28), False, "2026-03-28 sudah akhir pekan."),
    (date(2026, 5, 4), True, "2026-05-04 sudah hari kerja menurut kalender nasional."),
    (date(2026, 8, 18), False, None),  # a real correction: an extra day off
    (date(2026, 3, 19), True, None),  # a holiday cancelled
])
def test_what_the_national_calendar_already_says(day: date, working: bool,
                                                 says: str | None) -> None:
    assert repeated_fact(day, working) == says


def _saved(admin: Pages, day: str, working: str) -> str:
    response = admin.post("/admin/kalender/", {"day": day, "working": working,
                                               "note": "SKB tiga menteri"},
                          page="/admin/kalender/", status=302)
    return text_of(admin.get(response.headers["Location"]))


def test_a_repeated_holiday_is_kept_with_a_warning(admin: Pages) -> None:
    page = _saved(admin, "2026-03-19", "0")
    assert "Tanggal 2026-03-19 disimpan." in page
    assert 'class="flash warning"' in page
    assert "Perhatian: 2026-03-19 sudah hari libur menurut kalender nasional" in page
    table = page[page.index('id="koreksi"'):]
    assert "Sama dengan kalender nasional" in table  # still marked when the page is reopened
    assert "Sama dengan kalender nasional" in text_of(admin.get("/admin/kalender/?year=2026"))


def test_a_real_correction_has_no_warning(admin: Pages) -> None:
    page = _saved(admin, "2026-08-18", "0")
    assert "Tanggal 2026-08-18 disimpan." in page
    assert 'class="flash warning"' not in page and "Sama dengan kalender nasional" not in page


def test_the_warning_in_english(admin: Pages) -> None:
    admin.get("/admin/kalender/?lang=en")
    page = _saved(admin, "2026-05-04", "1")
    assert "2026-05-04 is already a working day in the national calendar." in page
    assert "Same as the national calendar" in page


@pytest.mark.browser
def test_the_marked_list_fits_a_phone(browser: object, base_url: str, admin: Pages) -> None:
    _saved(admin, "2026-03-19", "0")
    context = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(base_url + "/petugas/masuk")
    page.fill("#f-username", "sysadmin")
    page.fill("#f-password", "pw")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(lambda url: "/petugas/masuk" not in url)
    page.goto(base_url + "/admin/kalender/?year=2026")
    assert page.is_visible("text=Sama dengan kalender nasional")
    shot(page, "kalender-koreksi-360")
    assert fits_the_phone(page)
    context.close()


def test_a_second_correction_of_a_day_says_which_decree_it_replaced(admin: Pages,
                                                                    walk: Walk) -> None:
    # Found in exploratory testing: the first decree's reference vanished without a word.
    _saved(admin, "2026-12-31", "0")
    response = admin.post("/admin/kalender/", {"day": "2026-12-31", "working": "0",
                                               "note": "lagi"},
                          page="/admin/kalender/", status=302)
    page = text_of(admin.get(response.headers["Location"]))
    assert "Koreksi 2026-12-31 yang sebelumnya diganti; dasarnya dulu: „SKB tiga menteri“" in page
    with walk.services.uow() as uow:
        details = [json.loads(e.detail) for e in uow.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "holiday_set").order_by(AuditEntry.id))]
    assert [(d["note"], d["replaced_note"]) for d in details] == [
        ("SKB tiga menteri", None), ("lagi", "SKB tiga menteri")]
