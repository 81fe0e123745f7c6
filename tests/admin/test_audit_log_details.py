"""The audit log screen reads an entry's detail to a manager: the stored JSON object as one
labelled line per key, in Indonesian or English, the stored text still on the page; what is
not a JSON object stays as it was stored, and the exports keep the stored text."""

from __future__ import annotations

import csv
import html
import io
import re
from typing import Any

import pytest
from flask import Flask
from markupsafe import escape
from openpyxl import load_workbook
from sqlalchemy import select

from engine import audit
from engine.audit import AuditEntry
from engine.domain import Actor
from tests.walk import Walk, wib
from tests.webui.pages import Pages, text_of
from webui.admin.audit_details import detail_lines
from webui.wiring import Services

LOG = "/admin/log-audit"
PAIR = re.compile(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", re.S)


@pytest.fixture
def ketua(pages: Pages, walk: Walk) -> Pages:
    """Signed in as the Ketua, who reads the audit log."""
    walk.user("ketua")
    pages.login("ketua")
    return pages


def add(services: Services, actor: str, action: str, **detail: Any) -> AuditEntry:
    """One entry by ``actor`` (each test's entries found by that name), as the engine writes."""
    with services.uow() as uow:
        entry = audit.record(uow.session, Actor(actor, "tim_admin"), action,
                             wib("2026-03-05 10:00"), **detail)
        uow.commit()
        return entry


def add_stored(services: Services, actor: str, detail: str) -> int:
    """One entry whose detail is stored as ``detail`` exactly (rows older than JSON details)."""
    with services.uow() as uow:
        entry = AuditEntry(at=wib("2026-03-05 10:00"), actor=actor, actor_role="tim_admin",
                           action="identity_viewed", detail=detail)
        uow.session.add(entry)
        uow.commit()
        return entry.id


def stored(services: Services, actor: str) -> str:
    with services.uow() as uow:
        return uow.session.scalars(select(AuditEntry.detail)
                                   .where(AuditEntry.actor == actor)).one()


def lines_on(pages: Pages, actor: str, lang: str = "id") -> list[tuple[str, str]]:
    """The (label, value) lines the screen shows for ``actor``'s entries, as a reader sees them."""
    page = pages.get(LOG, query_string={"pengguna": actor, "lang": lang}).get_data(as_text=True)
    return [(html.unescape(re.sub(r"<[^>]+>", "", k)), html.unescape(v))
            for k, v in PAIR.findall(page)]


def row_of(pages: Pages, entry_id: int) -> str:
    """The HTML of one entry's row of the table."""
    page = pages.get(LOG).get_data(as_text=True)
    found = re.search(rf"<tr>\s*<td>{entry_id}</td>(.*?)</tr>", page, re.S)
    assert found, entry_id
    return found.group(1)


def test_a_json_detail_reads_as_labelled_lines(services: Services, ketua: Pages) -> None:
    add(services, "petugas-a", "task_completed", form="tindak_lanjut",
        fields=["note", "outcome"], title="Tindak lanjuti laporan")
    assert lines_on(ketua, "petugas-a") == [("Formulir", "tindak_lanjut"),
                                            ("Isian formulir", "note, outcome"),
                                            ("Judul", "Tindak lanjuti laporan")]
    page = text_of(ketua.get(LOG, query_string={"pengguna": "petugas-a"}))
    assert stored(services, "petugas-a") in page  # the stored JSON, for the record


def test_the_lines_in_english(services: Services, ketua: Pages) -> None:
    add(services, "petugas-a", "instance_cancelled", form="verifikasi", title="Verifikasi",
        reason="Laporan ganda", closed=True, role="tim_admin", channel="web")
    english = dict(lines_on(ketua, "petugas-a", lang="en"))
    assert english["Form"] == "verifikasi" and english["Title"] == "Verifikasi"
    assert english["Reason"] == "Laporan ganda" and english["Closed"] == "Yes"
    assert english["Role"] == "Admin team" and english["Channel"] == "Website"
    indonesian = dict(lines_on(ketua, "petugas-a", lang="id"))
    assert indonesian["Ditutup"] == "Ya" and indonesian["Kanal"] == "Situs web"


def test_an_unknown_key_is_shown_as_itself(services: Services, ketua: Pages) -> None:
    add(services, "petugas-a", "incident", kunci_baru="nilai", bersarang={"a": 1, "b": [1, 2]},
        kosong=None, note="", daftar=[])
    page = ketua.get(LOG, query_string={"pengguna": "petugas-a"}).get_data(as_text=True)
    assert "<dt><code>kunci_baru</code></dt>" in page
    assert lines_on(ketua, "petugas-a") == [
        ("kunci_baru", "nilai"), ("bersarang", "a=1, b=[1,2]"), ("kosong", "—"),
        ("Catatan", "—"), ("daftar", "—")]


@pytest.mark.parametrize("detail", ["catatan lama, bukan JSON", '["a", "b"]', '"teks"', "{rusak",
                                    "{ }"])
def test_a_detail_that_is_no_json_object_is_shown_as_stored(services: Services, ketua: Pages,
                                                             detail: str) -> None:
    add(services, "petugas-b", "task_completed", form="verifikasi")  # labelled, on the same page
    entry_id = add_stored(services, "petugas-a", detail)
    row = row_of(ketua, entry_id)
    assert f'<small class="prewrap">{escape(detail)}</small>' in row
    assert "<dt>" not in row and "<details" not in row
    assert lines_on(ketua, "petugas-b") == [("Formulir", "verifikasi")]


def test_an_empty_detail_shows_nothing(services: Services, ketua: Pages) -> None:
    add(services, "petugas-b", "task_completed", form="verifikasi")  # labelled, on the same page
    entry = add(services, "petugas-a", "identity_viewed")
    assert stored(services, "petugas-a") == "{}"
    cells = re.findall(r"<td>(.*?)</td>", row_of(ketua, entry.id), re.S)
    assert cells[-1].strip() == ""
    assert lines_on(ketua, "petugas-b") == [("Formulir", "verifikasi")]


def test_the_exports_keep_the_stored_text(services: Services, ketua: Pages) -> None:
    add(services, "petugas-a", "task_completed", form="tindak_lanjut", fields=["note"],
        closed=False)
    detail = stored(services, "petugas-a")
    body = ketua.get(f"{LOG}/ekspor.csv", query_string={"pengguna": "petugas-a"})
    [_header, line] = list(csv.reader(io.StringIO(body.get_data(as_text=True).lstrip("\ufeff")),
                                      delimiter=";"))
    assert line[-1] == detail
    body = ketua.get(f"{LOG}/ekspor.xlsx", query_string={"pengguna": "petugas-a"})
    sheet = load_workbook(io.BytesIO(body.get_data())).active
    assert sheet is not None
    assert sheet.cell(2, sheet.max_column).value == detail


def test_detail_lines_never_fail(app: Flask) -> None:
    with app.test_request_context("/?lang=id"):
        for text in (None, "", "{}", "null", "[]", "12", "{rusak", "[" * 100_000):
            assert detail_lines(text) == []
        [line] = detail_lines('{"closed": false}')
        assert (line.key, str(line.label), line.value) == ("closed", "Ditutup", "Tidak")
        [line] = detail_lines('{"x": [true, null, {"y": 1}]}')
        assert (line.key, line.label, line.value) == ("x", None, 'Ya, —, {"y":1}')
