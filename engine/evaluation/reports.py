"""The periodic report (monthly, quarterly, yearly) as a printable PDF and an XLSX workbook.

Both are made from the same tables (engine.evaluation.report_tables), so they say what the dashboard
says. The PDF is HTML rendered with jinja2 from ``templates/`` and printed by
weasyprint; the workbook has one sheet per table (openpyxl).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from engine.calendar.working_days import WIB
from engine.labels import MONTHS
from engine.messages import looks_like_formula

from .report_tables import Table, release_text, report_tables
from .summary import Evaluation

AGENCY = "Dinas Komunikasi, Informatika, Statistik dan Persandian Kabupaten Empat Lawang"
GOVERNMENT = "Pemerintah Kabupaten Empat Lawang"
TITLE = "Laporan Pengelolaan Pengaduan SP4N LAPOR!"
TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class ReportFiles:
    """Where the report's two files were written."""

    pdf: Path
    xlsx: Path


def file_name(ev: Evaluation, extension: str) -> str:
    """``laporan-sp4n-lapor-2026-03.pdf`` and the like."""
    return f"laporan-sp4n-lapor-{ev.period.code}.{extension}"


def fmt(value: Any) -> str:
    """A cell as Indonesian text: 1.234 and 76,61; a dash for no value."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, Decimal):
        whole, _, cents = f"{value:,.2f}".partition(".")
        return f"{whole.replace(',', '.')},{cents}"
    return str(value)


def long_date(instant: datetime) -> str:
    """``31 Maret 2026 pukul 17.00 WIB``."""
    local = instant.astimezone(WIB)
    return (f"{local.day} {MONTHS[local.month - 1]} {local.year} "
            f"pukul {local.hour:02d}.{local.minute:02d} WIB")


def render_html(ev: Evaluation, tables: list[Table]) -> str:
    """The report as one HTML document (the PDF's source)."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape())
    env.filters["fmt"] = fmt
    state, detail = release_text(ev)
    return env.get_template("laporan.html").render(
        ev=ev, tables=tables, agency=AGENCY, government=GOVERNMENT, title=TITLE,
        generated=long_date(ev.generated_at), draft=ev.release is None,
        release=f"{state.upper()}: {detail}")


def render_pdf(ev: Evaluation, tables: list[Table]) -> bytes:
    """The report as a PDF with the agency's header."""
    import weasyprint  # heavy; only the report needs it

    document = weasyprint.HTML(string=render_html(ev, tables), base_url=str(TEMPLATES))
    pdf: bytes = document.write_pdf()
    return pdf


def render_xlsx(ev: Evaluation, tables: list[Table]) -> bytes:
    """The report as a workbook, one sheet per table (title row, header row, data)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    for sheet in book.worksheets:  # the empty default sheet
        book.remove(sheet)
    book.properties.title = f"{TITLE} — {ev.period.label}" + (
        " (DRAF)" if ev.release is None else "")
    book.properties.creator = AGENCY
    for table in tables:
        sheet = book.create_sheet(table.key[:31])
        sheet.append([f"{table.title} — {ev.period.label}"])
        sheet["A1"].font = Font(bold=True)
        sheet.append(list(table.columns))
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_xlsx_value(v) for v in row])
        _inert_text(sheet)
        _decimal_format(sheet)
        sheet.freeze_panes = "A3"
        for n, heading in enumerate(table.columns):
            width = max([len(str(heading)), *(len(fmt(r[n])) for r in table.rows)])
            sheet.column_dimensions[sheet.cell(2, n + 1).column_letter].width = min(
                max(width + 2, 10), 60)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_value(value: Any) -> Any:
    return value if value is None or isinstance(value, int | Decimal) else str(value)


def _inert_text(sheet: Any) -> None:
    """Text a spreadsheet would run (a survey suggestion ``=HYPERLINK(...)``) is stored as text
    with Excel's quote prefix; openpyxl would otherwise write it as a live formula."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and looks_like_formula(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True


def _decimal_format(sheet: Any) -> None:
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            if isinstance(cell.value, Decimal):
                cell.number_format = "0.00"


def write_report(ev: Evaluation, out_dir: Path,
                 on_step: Callable[[str], None] | None = None) -> ReportFiles:
    """Write the PDF and the XLSX of ``ev`` into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    tables = report_tables(ev)
    pdf = out_dir / file_name(ev, "pdf")
    pdf.write_bytes(render_pdf(ev, tables))
    if on_step is not None:
        on_step("PDF")
    xlsx = out_dir / file_name(ev, "xlsx")
    xlsx.write_bytes(render_xlsx(ev, tables))
    if on_step is not None:
        on_step("XLSX")
    return ReportFiles(pdf, xlsx)
