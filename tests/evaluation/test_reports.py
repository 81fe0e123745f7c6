"""The periodic report: the same tables as a PDF with the agency's header and an XLSX."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from engine.calendar.periods import parse_period
from engine.evaluation.report_tables import report_tables
from engine.evaluation.reports import AGENCY, fmt, render_html, render_xlsx, write_report
from engine.evaluation.summary import Evaluation, evaluate
from tests.walk import wib
from webui.wiring import Services

from .data import KnownData

SHEETS = ["ringkasan", "saluran", "kategori", "opd", "kecamatan", "jenis", "status",
          "penyebab", "penyelesaian", "tindak_lanjut_opd", "tahapan", "tunggakan",
          "tren_mingguan", "tren_bulanan",
          "skm_unsur", "skm_opd", "indikator", "saran", "perbaikan"]


@pytest.fixture
def march(services: Services, known: KnownData) -> Evaluation:
    with services.uow() as uow:
        return evaluate(uow.session, parse_period("2026-03"), wib("2026-04-10 09:00"))


def _rows(sheet) -> list[tuple]:  # type: ignore[no-untyped-def,type-arg]
    return [tuple(r) for r in sheet.iter_rows(min_row=3, values_only=True)]


def test_files_are_written(march: Evaluation, tmp_path: Path) -> None:
    steps: list[str] = []
    files = write_report(march, tmp_path / "out", on_step=steps.append)
    assert files.pdf.name == "laporan-sp4n-lapor-2026-03.pdf"
    assert files.pdf.read_bytes().startswith(b"%PDF")
    assert files.xlsx.name == "laporan-sp4n-lapor-2026-03.xlsx"
    assert steps == ["PDF", "XLSX"]
    book = load_workbook(files.xlsx)
    assert book.sheetnames == SHEETS


def _book(ev: Evaluation):  # type: ignore[no-untyped-def]
    return load_workbook(BytesIO(render_xlsx(ev, report_tables(ev))))


def test_workbook_numbers(march: Evaluation) -> None:
    book = _book(march)
    assert book["ringkasan"]["A1"].value == "Ringkasan — Maret 2026"
    assert [c.value for c in book["ringkasan"][2]] == ["Ukuran", "Nilai", "Keterangan"]
    summary = {row[0]: row[1] for row in _rows(book["ringkasan"])}
    assert summary["Laporan diterima"] == 7
    assert summary["Diverifikasi dalam 3 hari kerja (%)"] == pytest.approx(66.67)
    assert summary["Ditindaklanjuti dalam 5 hari kerja (%)"] == 75
    assert summary["Indeks Kepuasan Masyarakat (IKM)"] == pytest.approx(78.70)
    assert _rows(book["saluran"]) == [
        ("Situs web", 3, pytest.approx(42.86)), ("SMS 1708", 2, pytest.approx(28.57)),
        ("Aplikasi seluler", 1, pytest.approx(14.29)),
        ("Loket (datang langsung)", 1, pytest.approx(14.29))]
    stages = _rows(book["tahapan"])
    assert [(r[1], r[2], r[3]) for r in stages] == [(6, 2.5, 5), (4, 4, 6), (3, 16, 20),
                                                    (4, 8, 8)]
    assert stages[3][0].startswith("Waktu pelayanan (standar 5 hari kerja")
    assert summary["Waktu pelayanan paling lama 5 hari kerja (%)"] == 25
    assert [r[1] for r in _rows(book["tunggakan"])] == [1, 1, 0, 2, 1]
    assert _rows(book["tren_bulanan"]) == [("Maret 2026", 7)]
    assert [r[1] for r in _rows(book["tren_mingguan"])] == [1, 3, 1, 0, 1, 1]
    opd = {r[0]: r[1:] for r in _rows(book["skm_opd"])}
    assert opd["Dinas Kesehatan"] == (2, 2, 2, "ya", 87.5, "B", "Baik")
    # Population: both outcomes (resolved and archived); one respondent of a minimum of two.
    assert opd["Dinas Pendidikan"] == (2, 1, 2, "belum", pytest.approx(61.11), "D", "Tidak Baik")
    assert _rows(book["skm_unsur"])[0][:3] == ("U1", "Persyaratan", pytest.approx(2.67))


def test_indicator_sheet_puts_laggards_first(march: Evaluation) -> None:
    book = _book(march)
    ikm_rows = [r for r in _rows(book["indikator"]) if r[0].startswith("Indeks")]
    assert [r[1] for r in ikm_rows] == ["Seluruh OPD", "Dinas Pendidikan", "Dinas Kesehatan"]
    assert ikm_rows[1][5] == "belum tercapai"


def test_pdf_html_has_the_agency_header_and_indonesian_numbers(march: Evaluation) -> None:
    html = render_html(march, report_tables(march))
    assert "Dinas Komunikasi, Informatika, Statistik dan Persandian" in html
    assert AGENCY in html
    assert "Maret 2026" in html
    assert "66,67" in html and "78,70" in html


def test_empty_period_still_makes_both_files(services: Services, tmp_path: Path) -> None:
    with services.uow() as uow:
        ev = evaluate(uow.session, parse_period("2025"), wib("2026-04-10 09:00"))
    files = write_report(ev, tmp_path)
    assert files.pdf.read_bytes().startswith(b"%PDF")
    book = load_workbook(BytesIO(files.xlsx.read_bytes()))
    assert _rows(book["saluran"]) == []
    assert len(_rows(book["tren_bulanan"])) == 12


@pytest.mark.parametrize(("value", "text"), [
    (None, "–"), (1234567, "1.234.567"), (Decimal("76.6"), "76,60"),
    (Decimal("1234.5"), "1.234,50"), (True, "ya"), ("teks", "teks")])
def test_fmt(value: object, text: str) -> None:
    assert fmt(value) == text
