"""The inbox's subtitle (role · the OPD by name · order) wraps on a phone; team tasks'
deadlines read as days in words; an Anggota with team tasks is not told they have none."""

from __future__ import annotations

import re

from sqlalchemy import update
from werkzeug.test import TestResponse

from engine.complaints.team_tasks import give_task
from engine.reference.tables import Opd
from tests.sql_log import statements
from tests.walk import Walk, wib
from tests.webui.pages import Pages, text_of
from webui.officer.opd_names import OpdNames
from webui.wiring import Services

SUBTITLE = re.compile(r'<h1 class="compact-title">.*?<small class="meta subtitle">(.*?)</small>'
                      r"</h1>", re.S)
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
EMPTY = "Tidak ada tugas untuk Anda saat ini."


def _words(html: str) -> str:
    """Text without tags, spaces squeezed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _page_words(response: TestResponse) -> str:
    return _words(text_of(response))


def _subtitle(pages: Pages, query: str = "") -> str:
    found = SUBTITLE.search(text_of(pages.get("/petugas/" + query)))
    assert found is not None, "no subtitle of class subtitle in the inbox heading"
    return _words(found.group(1))


def _give(walk: Walk, due_on: str, title: str = "Cek lokasi jalan") -> int:
    anggota = walk.user("anggota")
    with walk.services.uow() as uow:
        task = give_task(uow.session, walk.user("ketua"), {
            "assignee": str(anggota.user_id), "title": title,
            "instruction": "Foto kondisi jalan.", "due_on": due_on}, walk.clock())
        uow.commit()
        return task.id


def test_the_subtitle_names_the_officers_opd(pages: Pages, walk: Walk) -> None:
    walk.user("pejabat_penghubung", "DISDUKCAPIL")
    pages.login("pejabat_penghubung-disdukcapil")
    assert _subtitle(pages) == ("Pejabat Penghubung · Dinas Kependudukan dan Pencatatan Sipil"
                                " · batas waktu terdekat di atas")
    page = text_of(pages.get("/petugas/"))
    assert '<span title="DISDUKCAPIL">Dinas Kependudukan dan Pencatatan Sipil</span>' in page
    assert _subtitle(pages, "?lang=en").startswith(
        "Liaison officer · Dinas Kependudukan dan Pencatatan Sipil · ")


def test_a_central_roles_subtitle_has_no_opd(pages: Pages, walk: Walk) -> None:
    walk.user("tim_admin")
    pages.login("tim_admin")
    assert _subtitle(pages) == "Tim Admin · batas waktu terdekat di atas"


def test_the_subtitle_may_wrap(client) -> None:  # type: ignore[no-untyped-def]
    """No rule of the inbox heading keeps its subtitle on one line (it made a 360 px phone
    page 481 px wide); the subtitle may break inside a long word too."""
    with client.get("/static/css/alur.css") as response:
        css = response.get_data(as_text=True)
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules = [(selector.strip(), body) for selector, body in RULE.findall(css)
             if "compact-title" in selector]
    assert rules, "the inbox heading's rules are gone"
    assert not [selector for selector, body in rules if "nowrap" in body], rules
    assert any(".subtitle" in selector and "overflow-wrap: anywhere" in body
               for selector, body in rules), rules


def test_the_opd_names_are_kept_between_pages(pages: Pages, walk: Walk,
                                              services: Services) -> None:
    """The name costs no statement of its own on every inbox page."""
    walk.user("pejabat_penghubung", "DINKES")
    pages.login("pejabat_penghubung-dinkes")
    assert "Dinas Kesehatan" in _subtitle(pages)
    with statements(services) as seen:
        assert "Dinas Kesehatan" in _subtitle(pages)
    assert not [sql for sql in seen if re.search(r"\bFROM opd\b", sql)], seen


def test_the_kept_names_are_read_again_after_a_while(services: Services) -> None:
    ticks = [0.0]
    names = OpdNames(ttl=60, clock=lambda: ticks[0])
    with services.uow() as uow:
        assert names.name(uow.session, "DINKES") == "Dinas Kesehatan"
        assert names.name(uow.session, "TIDAK-ADA") == "TIDAK-ADA"
    with services.uow() as uow:
        uow.session.execute(update(Opd).where(Opd.code == "DINKES").values(
            name="Dinas Kesehatan Baru"))
        uow.commit()
    with services.uow() as uow:
        ticks[0] = 59
        assert names.name(uow.session, "DINKES") == "Dinas Kesehatan"
        ticks[0] = 60
        assert names.name(uow.session, "DINKES") == "Dinas Kesehatan Baru"


def test_team_task_deadlines_read_as_days(pages: Pages, walk: Walk) -> None:
    task_id = _give(walk, "2026-03-04")
    pages.login("anggota")
    inbox = text_of(pages.get("/petugas/"))
    assert '<time datetime="2026-03-04">Rabu, 4 Maret 2026</time>' in inbox
    assert "batas Rabu, 4 Maret 2026" in _words(inbox) and "batas 2026" not in _words(inbox)
    assert "due Wednesday, 4 March 2026" in _page_words(pages.get("/petugas/?lang=en"))
    walk.clock.set(wib("2026-03-05 09:00"))
    pages.login("anggota")
    assert "terlambat · batas Rabu, 4 Maret 2026" in _page_words(pages.get("/petugas/?lang=id"))
    shown = _page_words(pages.get(f"/petugas/penugasan/{task_id}"))
    assert "· batas Rabu, 4 Maret 2026" in shown and "2026-03-04" not in shown
    pages.logout()
    pages.login("ketua")
    given = text_of(pages.get("/petugas/penugasan/"))
    assert '<time datetime="2026-03-04">Rabu, 4 Maret 2026</time>' in given
    assert "· batas Rabu, 4 Maret 2026" in _words(given)
    shown = _page_words(pages.get(f"/petugas/penugasan/{task_id}"))
    assert "· batas Rabu, 4 Maret 2026" in shown and "2026-03-04" not in shown


def test_an_anggota_with_team_tasks_is_not_told_there_are_none(pages: Pages,
                                                             walk: Walk) -> None:
    walk.user("anggota")
    pages.login("anggota")
    assert EMPTY in _page_words(pages.get("/petugas/"))  # nothing at all: said as before
    _give(walk, "2026-03-04")
    page = _page_words(pages.get("/petugas/"))
    assert "Cek lokasi jalan" in page and EMPTY not in page
    assert "Tugas proses pengaduan" not in page  # an empty list of them is left out
    assert "No tasks for you right now." not in _page_words(pages.get("/petugas/?lang=en"))
    filtered = _page_words(pages.get("/petugas/?overdue=1&lang=id"))
    assert "Cek lokasi jalan" in filtered and EMPTY not in filtered
    assert "Tidak ada entri yang cocok." in filtered
    searched = _page_words(pages.get("/petugas/?q=banjir"))
    assert "Tidak ada tugas yang cocok dengan „banjir“." in searched and EMPTY not in searched
