"""Duty d.5: the Penanggung Jawab and the Ketua give an Anggota a task, from a complaint or
free-standing; it waits in the Anggota's inbox until recorded done with a reply; audited."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from werkzeug.test import TestResponse

from engine.audit import AuditEntry
from engine.complaints.team_tasks import finish_task, give_task
from engine.errors import ConflictError, ForbiddenError, FormInvalidError, NotFoundError
from tests.walk import VERIFY_FORWARD, Walk, wib
from tests.webui.pages import Pages, text_of


def _give(walk: Walk, giver: str, **values: str) -> int:
    with walk.services.uow() as uow:
        task = give_task(uow.session, walk.user(giver), values, walk.clock())
        uow.commit()
        return task.id


def _words(response: TestResponse) -> str:
    """The page's text without its tags (a deadline's day sits in a <time> element)."""
    return re.sub(r"<[^>]+>", "", text_of(response))


def test_only_the_penanggung_jawab_and_the_ketua_give_tasks_to_an_anggota(walk: Walk) -> None:
    anggota = walk.user("anggota")
    base = {"assignee": str(anggota.user_id), "title": "Cek lokasi", "instruction": "Foto."}
    for role in ("pengarah", "sekretaris", "tim_admin", "anggota"):
        with pytest.raises(ForbiddenError):
            _give(walk, role, **base)
    with pytest.raises(FormInvalidError) as invalid:
        _give(walk, "ketua", assignee=str(walk.user("tim_admin").user_id), title="",
              instruction="x", complaint="EL-TIDAKADA", due_on="2026-03-01")
    assert set(invalid.value.errors) == {"assignee", "title", "complaint", "due_on"}
    assert _give(walk, "ketua", **base) and _give(walk, "penanggung_jawab", **base)


def test_a_task_from_a_complaint_reaches_the_inbox_and_is_recorded_done(
        pages: Pages, walk: Walk) -> None:
    code = walk.file(title="Jalan berlubang di pasar").tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    anggota, other = walk.user("anggota"), walk.user("anggota", name="anggota-lain")
    walk.user("penanggung_jawab")
    pages.login("penanggung_jawab")
    page = text_of(pages.get(f"/petugas/laporan/{code}"))
    assert "Beri tugas kepada Anggota" in page
    form = text_of(pages.get(f"/petugas/penugasan/?laporan={code}"))
    assert f'value="{code}"' in form
    refused = pages.post("/petugas/penugasan/", {"assignee": "", "title": "", "instruction": ""},
                         page="/petugas/penugasan/", status=422)
    assert "Wajib diisi." in text_of(refused)
    given = pages.post("/petugas/penugasan/", {
        "assignee": str(anggota.user_id), "title": "Hubungi PUPR soal jalan pasar",
        "instruction": "Tanyakan jadwal penambalan.", "complaint": code.lower(),
        "due_on": "2026-03-04"}, page="/petugas/penugasan/", status=302)
    task_id = int(given.location.rsplit("/", 1)[1])
    pages.logout()
    pages.login("anggota")
    inbox = _words(pages.get("/petugas/"))
    assert "Hubungi PUPR soal jalan pasar" in inbox and "batas Rabu, 4 Maret 2026" in inbox
    walk.clock.set(wib("2026-03-05 09:00"))
    pages.login("anggota")  # a new day, a new session
    assert "terlambat · batas Rabu, 4 Maret 2026" in _words(pages.get("/petugas/"))
    task_page = text_of(pages.get(f"/petugas/penugasan/{task_id}"))
    assert "Tanyakan jadwal penambalan." in task_page and code in task_page
    pages.post(f"/petugas/penugasan/{task_id}/selesai", {"reply": ""},
               page=f"/petugas/penugasan/{task_id}", status=422)
    pages.post(f"/petugas/penugasan/{task_id}/selesai", {"reply": "PUPR menambal Kamis."},
               page=f"/petugas/penugasan/{task_id}", status=302)
    assert "Hubungi PUPR" not in text_of(pages.get("/petugas/"))
    with pytest.raises(ConflictError):
        with walk.services.uow() as uow:
            finish_task(uow.session, anggota, task_id, "lagi", walk.clock())
    with pytest.raises(NotFoundError):
        with walk.services.uow() as uow:
            finish_task(uow.session, other, task_id, "bukan tugas saya", walk.clock())
    trail = text_of(pages.get(f"/petugas/laporan/{code}"))
    assert "Tugas diberikan kepada Anggota" in trail and "Tugas Anggota dicatat selesai" in trail
    with walk.services.uow() as uow:
        actions = [(e.action, e.actor) for e in uow.session.scalars(select(AuditEntry).where(
            AuditEntry.action.like("team_task_%")).order_by(AuditEntry.id))]
    assert actions == [("team_task_given", "penanggung_jawab"), ("team_task_done", "anggota")]


def test_a_free_standing_task_and_who_may_open_it(pages: Pages, walk: Walk) -> None:
    anggota = walk.user("anggota")
    task_id = _give(walk, "ketua", assignee=str(anggota.user_id), title="Siapkan bahan apel",
                    instruction="Rekap laporan terlambat minggu ini.")
    walk.user("tim_admin")
    pages.login("tim_admin")
    pages.get(f"/petugas/penugasan/{task_id}", status=403)
    pages.get("/petugas/penugasan/", status=403)
    pages.logout()
    walk.user("anggota", name="anggota-lain")
    pages.login("anggota-lain")
    pages.get(f"/petugas/penugasan/{task_id}", status=404)
    assert "Siapkan bahan apel" not in text_of(pages.get("/petugas/"))
    pages.logout()
    pages.login("ketua")
    listing = text_of(pages.get("/petugas/penugasan/"))
    assert "Siapkan bahan apel" in listing and "belum selesai" in listing
