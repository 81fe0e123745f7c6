"""The verification screen's suggestions: categories and OPDs picked in one click, likely
duplicates merged after a confirmation, nothing deleted."""

from __future__ import annotations

import re

from sqlalchemy import select

from engine.audit import AuditEntry
from tests.walk import Walk
from tests.webui.pages import Pages, text_of

LAMP = {"title": "Lampu jalan mati di Desa Pendopo",
        "description": "Lampu penerangan jalan di Desa Pendopo mati sejak seminggu, gelap.",
        "category": ""}


def test_top_suggestions_are_shown_and_picked_into_the_form(pages: Pages, walk: Walk) -> None:
    code = walk.file(**LAMP).tracking_code
    walk.user("tim_admin")
    pages.login("tim_admin")
    task = walk.task(code, "verifikasi")
    page = text_of(pages.get(f"/petugas/tugas/{task.id}"))
    assert "Saran Alur" in page and "Perhubungan" in page and "Dinas Perhubungan" in page
    link = re.search(r'href="(/petugas/tugas/[^"]*category=25[^"]*)"', page)
    assert link is not None
    picked = text_of(pages.get(link.group(1).replace("&amp;", "&")))
    assert re.search(r'<option value="25" selected>', picked)
    assert "✓ dipilih" in picked
    # An unknown code in the link picks nothing.
    odd = text_of(pages.get(f"/petugas/tugas/{task.id}?category=999&opd=NOPE"))
    assert not re.search(r'<option value="999" selected>', odd)


def test_a_duplicate_is_merged_after_confirmation_and_nothing_is_lost(pages: Pages,
                                                                      walk: Walk) -> None:
    first = walk.file(**LAMP).tracking_code
    second = walk.file(title="PJU mati", description="lampu jln di ds pendopo padam, gelap "
                       "gulita tiap malam sdh seminggu").tracking_code
    walk.user("tim_admin")
    pages.login("tim_admin")
    task = walk.task(second, "verifikasi")
    page = text_of(pages.get(f"/petugas/tugas/{task.id}"))
    assert first in page and "kemungkinan duplikat" in page
    confirm = text_of(pages.get(f"/petugas/tugas/{task.id}/duplikat/{first}"))
    assert "Gabungkan sebagai duplikat?" in confirm and second in confirm
    assert walk.status(second) == "diterima"  # asking changes nothing
    pages.post(f"/petugas/tugas/{task.id}/duplikat/{first}", {}, status=302)
    merged = walk.complaint(second)
    assert merged.status == "diarsipkan" and first in (merged.archive_reason or "")
    assert walk.status(first) == "diterima"
    assert ("diarsipkan", "pelapor") in walk.outbox(second)  # its text carries the reason
    with walk.services.uow() as uow:
        actions = set(uow.session.execute(select(AuditEntry.complaint_id, AuditEntry.action)))
    assert (merged.id, "merged_as_duplicate") in actions
    assert (walk.complaint(first).id, "duplicate_merged_in") in actions


def test_merging_into_itself_or_an_unknown_report_is_refused(pages: Pages, walk: Walk) -> None:
    code = walk.file(**LAMP).tracking_code
    walk.user("tim_admin")
    pages.login("tim_admin")
    task = walk.task(code, "verifikasi")
    pages.get(f"/petugas/tugas/{task.id}/duplikat/{code}", status=404)
    pages.post(f"/petugas/tugas/{task.id}/duplikat/EL-22222222", {},
               page=f"/petugas/tugas/{task.id}", status=404)
    assert walk.status(code) == "diterima"
