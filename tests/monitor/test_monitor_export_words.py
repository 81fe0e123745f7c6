"""The monitor speaks the screen's words, not the engine's codes: the CSV export (stage,
process status, OPD, category, channel) and the open tasks on the instance page, in
Indonesian and in English."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

from tests.walk import VERIFY_FORWARD, Walk, wib
from tests.webui.pages import Pages, text_of

MONITOR = "/pemantauan/"
# Stage, process status, OPD, category, channel: the columns that held codes.
WORDS = slice(3, 8)


def _export(pages: Pages) -> list[list[str]]:
    body = pages.get(f"{MONITOR}ekspor.csv").get_data(as_text=True).lstrip("\ufeff")
    return list(csv.reader(io.StringIO(body), delimiter=";"))


def _row(rows: list[list[str]], code: str) -> list[str]:
    return next(r for r in rows[1:] if r[0] == code)


def test_the_export_has_the_screens_words_in_either_language(
        signed_in: Callable[[str], Pages], walk: Walk) -> None:
    receipt = walk.file(channel="loket")  # category "4": Kesehatan
    walk.complete(receipt.tracking_code, "verifikasi", VERIFY_FORWARD)  # to DINKES
    pages = signed_in("ketua")
    row = _row(_export(pages), receipt.tracking_code)
    # The codes a spreadsheet matches records by stay as they are.
    assert row[:2] == [receipt.tracking_code, receipt.registration_no]
    assert row[WORDS] == ["Didisposisikan ke OPD", "berjalan", "Dinas Kesehatan", "Kesehatan",
                          "Loket (datang langsung)"]
    pages.get(MONITOR + "?lang=en")  # the reader switches the UI to English
    rows = _export(pages)
    assert rows[0][:4] == ["Tracking code", "Registration no.", "Title", "Stage"]
    row = _row(rows, receipt.tracking_code)
    assert row[:2] == [receipt.tracking_code, receipt.registration_no]
    # OPD and category names are the region's own data: the same in both languages.
    assert row[WORDS] == ["Forwarded to the agency", "running", "Dinas Kesehatan", "Kesehatan",
                          "Counter (walk-in)"]


def _task_titles(page: str) -> list[str]:
    return re.findall(r'<article class="task"[^>]*>\s*<header><strong>([^<]*)</strong>', page)


def test_open_tasks_are_named_in_the_readers_language(signed_in: Callable[[str], Pages],
                                                      walk: Walk) -> None:
    code = walk.file().tracking_code  # Monday 2 March: verification due Thursday 5 March
    walk.at(wib("2026-03-06 00:00:01"))  # overdue: Ketua gets a notice task
    url = f"{MONITOR}{walk.instance(code).id}"
    pages = signed_in("ketua")
    assert _task_titles(text_of(pages.get(url))) == [
        "Verifikasi laporan", "Pemberitahuan: verifikasi terlambat"]
    assert _task_titles(text_of(pages.get(url + "?lang=en"))) == [
        "Verify the report", "Notice: verification overdue"]
