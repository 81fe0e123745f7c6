"""A task's form posted after the step was finished: who finished it, and what was typed."""

from __future__ import annotations

import re

from tests.walk import VERIFY_FORWARD, Walk
from tests.webui.pages import Pages, text_of

LATE_FORM = {"jenis": "pengaduan", "decision": "archive", "reason": "Duplikat laporan lain",
             "note": "catatan yang saya ketik panjang-panjang"}


def _late_post(pages: Pages, walk: Walk, code: str, extra: dict[str, str],
               status: int = 409) -> str:
    """B opens the verification, A finishes it, then B posts B's form."""
    task_id = walk.task(code, "verifikasi").id
    page = f"/petugas/tugas/{task_id}"
    token = pages.token(page)
    walk.complete(code, "verifikasi", VERIFY_FORWARD, walk.user("tim_admin", name="Ani"))
    response = pages.client.post(page, data={"csrf_token": token, **LATE_FORM, **extra})
    assert response.status_code == status
    return text_of(response)


def test_the_officer_who_comes_second_learns_who_finished_and_keeps_the_input(
        pages: Pages, walk: Walk) -> None:
    # Found in exploratory testing: the second officer got a bare 404 and lost the note.
    code = walk.file().tracking_code
    walk.user("tim_admin", name="Budi")
    pages.login("budi")
    page = _late_post(pages, walk, code, {"_laporan": code, "_langkah": "verifikasi"})
    assert "sudah diselesaikan oleh ani" in page and "Isian Anda tidak disimpan" in page
    assert f'href="/petugas/laporan/{code}"' in page
    kept = page[page.index('id="isian-anda"'):]
    assert "<fieldset disabled>" in kept and "catatan yang saya ketik panjang-panjang" in kept
    assert re.search(r'value="archive"[^>]*checked', kept)
    assert walk.status(code) == "didisposisikan"  # A's decision stands


def test_the_task_page_names_its_complaint_and_step_for_a_late_post(
        pages: Pages, walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.user("tim_admin")
    pages.login("tim_admin")
    page = text_of(pages.get(f"/petugas/tugas/{walk.task(code, 'verifikasi').id}"))
    assert f'name="_laporan" value="{code}"' in page
    assert 'name="_langkah" value="verifikasi"' in page


def test_a_late_post_without_its_names_or_for_a_complaint_not_readable_says_only_done(
        pages: Pages, walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.user("pejabat_penghubung", "PUPR")
    pages.login("pejabat_penghubung-pupr")
    for extra in ({}, {"_laporan": code, "_langkah": "verifikasi"}):
        # The same 404 for missing and not theirs, as the task page answers.
        page = _late_post(pages, walk, code, extra, 404) if not extra else text_of(
            pages.client.post("/petugas/tugas/hilang", data={
                "csrf_token": pages.token("/petugas/"), **LATE_FORM, **extra}))
        assert "Tugas ini sudah selesai atau tidak lagi untuk Anda" in page
        assert "diselesaikan oleh" not in page and 'id="isian-anda"' not in page
