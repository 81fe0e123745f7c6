"""The audit log as XLSX beside the CSV: read back, its times real date cells in WIB, formulas
inert, the roles limited, and the export itself logged with its format."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime

import pytest
from openpyxl import load_workbook

from engine import audit
from engine.domain import Actor
from tests.monitor.test_audit_log import PAYLOAD, entries, seed
from tests.walk import Walk, wib
from tests.webui.pages import Pages
from webui.wiring import Services

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_the_xlsx_export_reads_back_with_date_cells(services: Services, walk: Walk,
                                                    signed_in: Callable[[str], Pages]) -> None:
    code = seed(services, walk)
    response = signed_in("ketua").get("/admin/log-audit/ekspor.xlsx",
                                      query_string={"kode": code, "jenis": "id_document"})
    assert response.mimetype == XLSX and response.headers["Cache-Control"] == "no-store"
    assert "log-audit.xlsx" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    assert sheet is not None
    header, *lines = list(sheet.iter_rows(values_only=True))
    assert header[1] == "Waktu" and header[5] == "Kode tindakan"
    [line] = lines
    assert line[5] == "identity_document_viewed" and line[4] == "Dokumen identitas dibuka"
    assert line[1] == datetime(2026, 3, 5, 10, 0)  # 10.00 WIB, a real date cell
    assert sheet.cell(2, 2).is_date and sheet.cell(2, 2).number_format == "yyyy-mm-dd hh:mm"
    assert line[6] == code and isinstance(line[0], int)


def test_the_xlsx_export_keeps_formulas_as_text(services: Services, walk: Walk,
                                                signed_in: Callable[[str], Pages]) -> None:
    with services.uow() as uow:  # a name a spreadsheet would run, e.g. from a directory import
        audit.record(uow.session, Actor(PAYLOAD, "sysadmin"), "user_created",
                     wib("2026-03-05 11:00"), username="baru")
        uow.commit()
    body = signed_in("sysadmin").get("/admin/log-audit/ekspor.xlsx").get_data()
    sheet = load_workbook(io.BytesIO(body)).active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    [hostile] = [c for c in cells if c.value == PAYLOAD]
    assert hostile.data_type == "s" and hostile.quotePrefix
    assert all(c.data_type == "s" for c in cells)


def test_the_xlsx_export_is_logged_with_its_format(services: Services, walk: Walk,
                                                   signed_in: Callable[[str], Pages]) -> None:
    code = seed(services, walk)
    signed_in("penanggung_jawab").get("/admin/log-audit/ekspor.xlsx",
                                      query_string={"kode": code})
    [exported] = entries(services, "audit_log_exported")
    assert exported.actor == "penanggung_jawab"
    assert code in exported.detail and '"format": "xlsx"' in exported.detail


@pytest.mark.parametrize("role", ["tim_admin", "anggota", "front_office"])
def test_other_roles_get_no_xlsx(signed_in: Callable[[str], Pages], role: str) -> None:
    signed_in(role).get("/admin/log-audit/ekspor.xlsx", status=403)
