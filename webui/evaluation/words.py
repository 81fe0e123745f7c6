"""The dashboard's tables and period names in the reader's language.

engine.evaluation writes its tables in Indonesian (the PDF and XLSX stay so); every text of a
table (title, headings, notes and text cells) is looked up in the catalogue here, so a page in
English reads English. Names from the data (an OPD, a category) pass through unchanged.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from engine.calendar.periods import ROMAN, Period
from engine.evaluation.report_tables import Table
from engine.messages import Message
from webui.dates import month_name
from webui.texts import translated
from webui.translate import current_lang, gettext


def period_label(period: Period) -> str:
    """``Maret 2026``, ``Triwulan I 2026``, ``Tahun 2026`` (``March 2026``, ``Quarter I 2026``,
    ``Year 2026`` in English)."""
    if period.kind == "bulan":
        return f"{month_name(period.number, current_lang())} {period.year}"
    if period.kind == "triwulan":
        return gettext("Triwulan %(roman)s %(year)s", roman=ROMAN[period.number - 1],
                       year=period.year)
    return gettext("Tahun %(year)s", year=period.year)


def shown_table(table: Table) -> Table:
    """``table`` with every text in the reader's language (numbers and dates untouched)."""
    return replace(table, title=_text(table.title), note=_text(table.note),
                   columns=tuple(_text(c) for c in table.columns),
                   rows=[tuple(_cell(v) for v in row) for row in table.rows])


def _text(value: str) -> str:
    if isinstance(value, Message):
        return translated(value)
    return gettext(value) if value else value  # a name from the data comes back as it is


def _cell(value: Any) -> Any:
    return _text(value) if isinstance(value, str) else value
