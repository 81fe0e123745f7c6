"""The audit log as an XLSX workbook: one sheet, a bold header, times as real date cells in
WIB, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from engine.calendar.working_days import WIB
from engine.messages import looks_like_formula
from engine.monitor.audit_log import AuditRow

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TIME_FORMAT = "yyyy-mm-dd hh:mm"
WIDTHS = (8, 17, 18, 18, 30, 24, 16, 24, 16, 16, 60)


def workbook(header: list[str], rows: Iterable[AuditRow],
             labels: Callable[[AuditRow], tuple[str, str]]) -> bytes:
    """The rows under ``header``; ``labels`` gives a row's role and action in words."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Log audit")
    for n, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + n)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_cell(sheet, title, bold=True) for title in header])
    for row in rows:
        role, action = labels(row)
        values: list[Any] = [row.id, _local(row.at), row.actor, role, action, row.action,
                             row.tracking_code, row.task_spec, row.from_status, row.to_status,
                             row.detail]
        sheet.append([_cell(sheet, value) for value in values])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _local(instant: datetime) -> datetime:
    # Excel has no time zones: the cell holds the wall-clock time in WIB, as the screen shows.
    return instant.astimezone(WIB).replace(tzinfo=None)


def _cell(sheet: WriteOnlyWorksheet, value: Any, *, bold: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if bold:
        cell.font = Font(bold=True)
    if isinstance(value, datetime):
        cell.number_format = TIME_FORMAT
    elif isinstance(value, str) and looks_like_formula(value):
        cell.data_type = "s"  # openpyxl would otherwise store it as a live formula
        cell.quotePrefix = True
    return cell
