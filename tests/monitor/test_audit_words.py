"""No internal keys reach people: the audit trail names the diagram's steps and actions in
words (not ``minta_klarifikasi`` or ``pengingat_verifikasi,verifikasi_terlambat``)."""

from __future__ import annotations

from collections.abc import Callable

from tests.walk import Walk, wib
from tests.webui.pages import Pages, text_of
from webui.labels import step_names


def audit_text(page: str) -> str:
    return page.split('class="timeline audit"')[1].split("</ol>")[0]


def test_the_trail_speaks_in_step_names(signed_in: Callable[[str], Pages], walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.at(wib("2026-03-06 00:00:01"))  # the reminder and the late verification fire
    walk.complete(code, "verifikasi", {"decision": "clarify", "jenis": "pengaduan",
                                       "reason": "Puskesmas mana?"})
    page = text_of(signed_in("ketua").get(f"/pemantauan/{walk.instance(code).id}"))
    trail = audit_text(page)
    for key in ("minta_klarifikasi", "pengingat_verifikasi", "verifikasi_terlambat"):
        assert key not in trail
    assert "Batas verifikasi lewat" in trail


def test_step_names_read_as_words() -> None:
    assert step_names("pengingat_verifikasi,verifikasi_terlambat") == (
        "H-1 batas verifikasi, Batas verifikasi lewat")
    assert step_names("langkah_baru_analis") == "Langkah baru analis"
    assert step_names(None) == ""


def test_the_trail_names_steps_in_english(signed_in: Callable[[str], Pages],
                                          walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.at(wib("2026-03-06 00:00:01"))
    walk.complete(code, "verifikasi", {"decision": "clarify", "jenis": "pengaduan",
                                       "reason": "Puskesmas mana?"})
    page = text_of(signed_in("ketua").get(f"/pemantauan/{walk.instance(code).id}?lang=en"))
    trail = audit_text(page)
    for key in ("minta_klarifikasi", "pengingat_verifikasi", "verifikasi_terlambat"):
        assert key not in trail
    assert "One day before the verification deadline, Verification deadline passed" in trail
    assert "Ask the reporter to clarify" in trail
