"""The officer's inbox: my role and OPD only, soonest deadline first, badges, filters, claims."""

from __future__ import annotations

import re

from tests.walk import VERIFY_FORWARD, Walk, wib
from tests.webui.pages import Pages, text_of


def inbox(pages: Pages, query: str = "") -> str:
    """The inbox page's text."""
    return text_of(pages.get("/petugas/" + query))


def test_tim_admin_sees_verification_with_working_days_left(pages: Pages, walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.user("tim_admin")
    pages.login("tim_admin")
    page = inbox(pages)
    assert "Verifikasi laporan" in page and code in page
    assert "3 hari kerja lagi" in page
    assert "Kamis, 5 Maret 2026 23.59 WIB" in page


def test_overdue_tasks_say_so_in_words(pages: Pages, walk: Walk) -> None:
    walk.file()
    walk.user("tim_admin")
    walk.clock.set(wib("2026-03-09 09:00"))
    pages.login("tim_admin")
    assert "terlambat 2 hari kerja" in inbox(pages)


def test_soonest_deadline_first(pages: Pages, walk: Walk) -> None:
    first = walk.file(title="Laporan pertama").tracking_code
    walk.clock.set(wib("2026-03-03 09:00"))
    walk.file(title="Laporan kedua")
    walk.user("tim_admin")
    pages.login("tim_admin")
    page = inbox(pages)
    assert page.index("Laporan pertama") < page.index("Laporan kedua")
    assert first in page


def test_liaison_sees_only_their_opd(pages: Pages, walk: Walk) -> None:
    ours = walk.file(title="Untuk Dinkes").tracking_code
    theirs = walk.file(title="Untuk PUPR").tracking_code
    walk.complete(ours, "verifikasi", VERIFY_FORWARD)
    walk.complete(theirs, "verifikasi", {**VERIFY_FORWARD, "opd": "PUPR"})
    walk.user("pejabat_penghubung", "DINKES")
    pages.login("pejabat_penghubung-dinkes")
    page = inbox(pages)
    assert "Untuk Dinkes" in page and "Untuk PUPR" not in page
    other = walk.task(theirs, "tanggapi")
    pages.get(f"/petugas/tugas/{other.id}", status=404)


def test_filters_by_stage_category_overdue_and_mine(pages: Pages, walk: Walk) -> None:
    health = walk.file(title="Soal kesehatan", category="4").tracking_code
    walk.file(title="Soal jalan", category="8")
    admin = walk.user("tim_admin")
    walk.claim(health, "verifikasi", admin)
    pages.login("tim_admin")
    page = inbox(pages, "?category=4")
    assert "Soal kesehatan" in page and "Soal jalan" not in page
    page = inbox(pages, "?mine=1")
    assert "Soal kesehatan" in page and "Soal jalan" not in page
    assert "Soal jalan" in inbox(pages, "?stage=verifikasi")
    assert "Tidak ada tugas" in inbox(pages, "?stage=tanggapi")
    assert "Tidak ada tugas" in inbox(pages, "?overdue=1")
    walk.clock.set(wib("2026-03-06 09:00"))
    pages.login("tim_admin")  # days later: the idle session has ended
    assert "Soal jalan" in inbox(pages, "?overdue=1")


def test_claim_and_unclaim_from_the_inbox(pages: Pages, walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.user("tim_admin")
    task = walk.task(code, "verifikasi")
    pages.login("tim_admin")
    pages.post(f"/petugas/tugas/{task.id}/ambil", {"back": "inbox"}, page="/petugas/",
               status=302)
    page = inbox(pages)
    assert "Anda ambil" in page and "Lepas" in page
    assert walk.task(code, "verifikasi").assignee_id is not None
    pages.post(f"/petugas/tugas/{task.id}/lepas", {"back": "inbox"}, page="/petugas/",
               status=302)
    assert walk.task(code, "verifikasi").assignee_id is None


def test_a_task_claimed_by_a_colleague_cannot_be_taken(pages: Pages, walk: Walk) -> None:
    code = walk.file().tracking_code
    colleague = walk.user("tim_admin", name="rekan")
    walk.user("tim_admin")
    walk.claim(code, "verifikasi", colleague)
    task = walk.task(code, "verifikasi")
    pages.login("tim_admin")
    response = pages.post(f"/petugas/tugas/{task.id}/ambil", page="/petugas/", status=302)
    assert "Tugas sudah diambil petugas lain" in text_of(pages.get(response.headers["Location"]))
    assert "sedang dikerjakan petugas lain" in text_of(pages.get(f"/petugas/tugas/{task.id}"))


def test_escalations_reach_anggota_and_ketua(pages: Pages, walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.at(wib("2026-03-10 09:00"))  # follow-up due Monday 9 March has passed
    walk.user("anggota")
    walk.user("ketua")
    pages.login("anggota")
    page = inbox(pages)
    assert "Koordinasi dengan pejabat penghubung" in page and code in page
    pages.logout()
    pages.login("ketua")
    assert "Pemberitahuan: tindak lanjut terlambat" in inbox(pages)


def test_late_verification_notice_for_ketua(pages: Pages, walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.at(wib("2026-03-06 09:00"))
    walk.user("ketua")
    pages.login("ketua")
    page = inbox(pages)
    assert "Pemberitahuan: verifikasi terlambat" in page and code in page
    task = walk.task(code, "pemberitahuan_verifikasi_terlambat")
    pages.post(f"/petugas/tugas/{task.id}", {"acknowledged": "on"}, status=302)
    assert not [t for t in walk.tasks(code) if t.spec_name.startswith("pemberitahuan")]


def test_roles_without_lanes_see_an_empty_inbox(pages: Pages, walk: Walk) -> None:
    walk.file()
    walk.user("penanggung_jawab")
    pages.login("penanggung_jawab")
    assert "Tidak ada tugas untuk Anda saat ini." in inbox(pages)


def test_inbox_counts_tasks(pages: Pages, walk: Walk) -> None:
    walk.file()
    walk.file()
    walk.user("tim_admin")
    pages.login("tim_admin")
    assert re.search(r"2 tugas", inbox(pages))


def test_a_long_queue_is_paged_soonest_deadline_first(pages: Pages, walk: Walk) -> None:
    from engine.complaints.inbox import INBOX_PAGE

    codes = [walk.file(title=f"Laporan nomor {n:03d}").tracking_code
             for n in range(INBOX_PAGE + 2)]
    walk.user("tim_admin")
    pages.login("tim_admin")
    first = inbox(pages)
    assert f"Tugas 1–{INBOX_PAGE}" in first and "Berikutnya" in first
    assert codes[0] in first and codes[-1] not in first
    second = inbox(pages, "?page=2&stage=verifikasi")
    assert f"Tugas {INBOX_PAGE + 1}–{INBOX_PAGE + 2}" in second
    assert codes[-1] in second and codes[0] not in second
    assert "Sebelumnya" in second and "Berikutnya" not in second
    link = re.search(r'href="(/petugas/\?[^"]*page=1[^"]*)"', pages.get(
        "/petugas/?page=2&stage=verifikasi").get_data(as_text=True))
    assert link is not None and "stage=verifikasi" in link.group(1)


def test_the_benchmarks_count_every_row_the_inbox_renders(pages: Pages, walk: Walk) -> None:
    """bench/http_load.py and bench/pages.py assert a full page by counting rows with this
    pattern; it once matched none after the rows' markup changed."""
    from pathlib import Path

    for n in range(3):
        walk.file(title=f"Laporan {n}")
    walk.user("tim_admin")
    pages.login("tim_admin")
    source = Path(__file__).resolve().parents[2] / "bench" / "http_load.py"
    line = next(x for x in source.read_text().splitlines() if x.startswith("TASK_ROW = "))
    scope: dict[str, object] = {"re": re}
    exec(line, scope)  # noqa: S102 - one line of our own benchmark, to share its pattern
    pattern = scope["TASK_ROW"]
    assert isinstance(pattern, re.Pattern)
    assert len(pattern.findall(pages.get("/petugas/").data)) == 3
