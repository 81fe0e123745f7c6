"""Officers act in bulk where it is routine (late-deadline notices acknowledged several at once),
and claiming a task brings the officer back where they were, not to the top of the page."""

from __future__ import annotations

import pytest

from tests.walk import Walk, wib
from tests.webui.pages import Pages, text_of
from tests.webui.test_browser import officer_signs_in, shot

NOTICE = "pemberitahuan_verifikasi_terlambat"


def late_notices(walk: Walk, count: int) -> list[str]:
    codes = [walk.file().tracking_code for _ in range(count)]
    walk.at(wib("2026-03-06 00:00:01"))  # verification was due Thursday 5 March
    return codes


def notice_role(walk: Walk, code: str) -> str:
    return walk.task(code, NOTICE).role


def test_several_notices_acknowledged_at_once(pages: Pages, walk: Walk) -> None:
    codes = late_notices(walk, 3)
    role = notice_role(walk, codes[0])
    walk.user(role)
    pages.login(role)
    inbox = text_of(pages.get("/petugas/"))
    assert inbox.count('name="task"') == 3 and 'id="notices"' in inbox
    chosen = [walk.task(code, NOTICE).id for code in codes[:2]]
    verification = walk.task(codes[0], "verifikasi").id  # not a notice: left alone
    done = pages.post("/petugas/tugas/pemberitahuan/dibaca",
                      {"task": [*chosen, verification]}, page="/petugas/", status=302)
    page = text_of(pages.get(done.headers["Location"]))
    assert "2 pemberitahuan ditandai sudah dibaca." in page and "1 pilihan dilewati" in page
    left = [t.spec_name for code in codes for t in walk.tasks(code)]
    assert left.count(NOTICE) == 1 and left.count("verifikasi") == 3


def test_claiming_returns_to_the_form_or_the_row(pages: Pages, walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.user("tim_admin")
    pages.login("tim_admin")
    task = walk.task(code, "verifikasi").id
    from_page = pages.post(f"/petugas/tugas/{task}/ambil", {}, page=f"/petugas/tugas/{task}",
                           status=302)
    assert from_page.headers["Location"].endswith(f"/petugas/tugas/{task}#formulir")
    pages.post(f"/petugas/tugas/{task}/lepas", {}, page=f"/petugas/tugas/{task}", status=302)
    from_inbox = pages.post(f"/petugas/tugas/{task}/ambil", {"back": "inbox"}, page="/petugas/",
                            status=302)
    assert from_inbox.headers["Location"].endswith(f"/petugas/#t-{task}")


@pytest.mark.browser
def test_notices_ticked_and_acknowledged_in_the_browser(browser: object, base_url: str,
                                                        walk: Walk) -> None:
    codes = late_notices(walk, 2)
    role = notice_role(walk, codes[0])
    walk.user(role)
    page = officer_signs_in(browser, base_url, role)
    for box in page.locator("input.pick").all():  # type: ignore[attr-defined]
        box.check()
    shot(page, "notices-1280")
    page.get_by_role("button", name="Tandai pemberitahuan terpilih sudah dibaca").click()  # type: ignore[attr-defined]
    page.wait_for_selector("text=2 pemberitahuan ditandai sudah dibaca.")  # type: ignore[attr-defined]
    assert page.locator("input.pick").count() == 0  # type: ignore[attr-defined]
