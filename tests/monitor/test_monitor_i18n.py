"""The monitoring screens speak the reader's language: words, instance statuses and dates in
WIB ("2 Mar 2026 09.00 WIB" in Indonesian, "2 Mar 2026 09:00 WIB" in
English)."""

from __future__ import annotations

from collections.abc import Callable

from tests.walk import Walk
from tests.webui.pages import Pages, text_of

MONITOR = "/pemantauan/"


def test_the_list_in_indonesian_then_english(signed_in: Callable[[str], Pages],
                                             walk: Walk) -> None:
    walk.file()  # received on Monday 2 March 2026, 09:00 WIB (the test clock)
    pages = signed_in("ketua")
    indonesian = text_of(pages.get(MONITOR))
    assert "Pemantauan proses" in indonesian and "berjalan" in indonesian
    assert "2 Mar 2026 09.00 WIB" in indonesian  # the list's short dates
    english = text_of(pages.get(MONITOR + "?lang=en"))
    assert "Process monitoring" in english and "Pemantauan proses" not in english
    assert "2 Mar 2026 09:00 WIB" in english
    assert ">running<" in english and ">berjalan<" not in english  # the instance status


def test_the_detail_in_english(signed_in: Callable[[str], Pages], walk: Walk) -> None:
    code = walk.file().tracking_code
    pages = signed_in("sysadmin")
    page = text_of(pages.get(f"{MONITOR}{walk.instance(code).id}?lang=en"))
    assert f"Process {code}" in page and "Open tasks" in page and "Audit trail" in page
    assert "running" in page and "Tugas terbuka" not in page
    assert "3 working days left" in page


def test_an_engine_refusal_reads_in_english(signed_in: Callable[[str], Pages],
                                            walk: Walk) -> None:
    code = walk.file().tracking_code
    pages = signed_in("sysadmin")
    url = f"{MONITOR}{walk.instance(code).id}"
    pages.get(url + "?lang=en")
    response = pages.post(url + "/ulang", {"reason": "coba"}, page=url)
    assert response.status_code == 409
    assert "This process is not failing" in text_of(response)
