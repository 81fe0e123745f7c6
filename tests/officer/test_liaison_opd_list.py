"""The liaison keeps sight of the OPD's complaints after they leave the inbox: the OPD list
groups them (open, at the liaison, with the unit teknis, answered, late), shows only that
OPD's, and never names an anonymous reporter."""

from __future__ import annotations

from tests.walk import ANSWER, VERIFY_FORWARD, Walk, wib
from tests.webui.pages import Pages, text_of

OPD_LIST = "/petugas/opd"


def listed(pages: Pages, group: str = "") -> str:
    """The list part of the OPD page (of one group)."""
    page = text_of(pages.get(OPD_LIST + (f"?kelompok={group}" if group else "")))
    return page.split('class="opd-groups"')[1]


def test_the_liaison_follows_what_left_the_inbox(pages: Pages, walk: Walk) -> None:
    to_unit = walk.file(title="Dokter jaga tidak ada").tracking_code
    answered = walk.file(title="Obat habis").tracking_code
    waiting = walk.file(title="Antrean panjang", name="Nama Anonim", anonim=True,
                        phone="081299990001").tracking_code
    elsewhere = walk.file(title="Sekolah rusak").tracking_code
    for code in (to_unit, answered, waiting):
        walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.complete(elsewhere, "verifikasi", {**VERIFY_FORWARD, "opd": "DISDIK"})
    walk.complete(to_unit, "tanggapi", {"outcome": "to_unit", "note": "Cek jadwal dokter."})
    walk.complete(answered, "tanggapi", ANSWER)
    walk.user("pejabat_penghubung", "DINKES")
    pages.login("pejabat_penghubung-dinkes")

    inbox = text_of(pages.get("/petugas/"))
    assert to_unit not in inbox and 'href="/petugas/opd"' in inbox  # reached from the menu
    everything = listed(pages)
    for code in (to_unit, answered, waiting):
        assert code in everything
    assert elsewhere not in everything and "Nama Anonim" not in everything
    assert to_unit in listed(pages, "unit_teknis").split("</nav>")[1]
    unit = listed(pages, "unit_teknis").split("</nav>")[1]
    assert answered not in unit and waiting not in unit and "di unit teknis" in unit
    answers = listed(pages, "dijawab").split("</nav>")[1]
    assert answered in answers and to_unit not in answers and waiting not in answers
    at_liaison = listed(pages, "penghubung").split("</nav>")[1]
    assert waiting in at_liaison and to_unit not in at_liaison
    assert listed(pages, "terlambat").count("<article") == 0

    walk.at(wib("2026-03-16 10:00"))  # past the five working days of the follow-up
    pages.login("pejabat_penghubung-dinkes")  # the session ended with the days gone by
    late = listed(pages, "terlambat").split("</nav>")[1]
    assert to_unit in late and waiting in late and answered not in late
    counts = listed(pages, "terlambat").split("</nav>")[0]
    assert 'id="kelompok-terlambat"' in counts and 'aria-current="page"' in counts


def test_another_opds_liaison_sees_none_of_it(pages: Pages, walk: Walk) -> None:
    code = walk.file(rahasia=True).tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.complete(code, "tanggapi", {"outcome": "to_unit", "note": "Cek jadwal dokter."})
    walk.user("pejabat_penghubung", "DISDIK")
    pages.login("pejabat_penghubung-disdik")
    for group in ("", "terbuka", "unit_teknis", "penghubung", "dijawab", "terlambat"):
        assert code not in listed(pages, group)
    pages.get(f"/petugas/laporan/{code}", status=404)


def test_the_unit_teknis_reaches_the_list_too(pages: Pages, walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.complete(code, "tanggapi", {"outcome": "to_unit", "note": "Cek jadwal dokter."})
    walk.user("unit_teknis", "DINKES")
    pages.login("unit_teknis-dinkes")
    assert code in listed(pages, "unit_teknis")
    assert code in listed(pages, "nonsense")  # an unknown group shows everything
