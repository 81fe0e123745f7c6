"""The evaluation dashboard of a period, and the periodic report's downloads.

Every figure comes from engine.evaluation (stats, gathered by summary) as tables; each chart
is drawn from its table (Chart.js), and the table sits under it, so each number is one click away.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask import Blueprint, Response, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from engine.calendar.periods import Period, month_of, parse_period
from engine.domain import SECRETARY_ROLE
from engine.errors import FormInvalidError
from engine.evaluation.improvements import OWNER_ROLES
from engine.evaluation.report_tables import Table, report_tables
from engine.evaluation.reports import file_name, fmt, render_pdf, render_xlsx
from engine.evaluation.summary import evaluate
from engine.evaluation.targets import INDICATORS
from engine.suggest.support import most_supported
from webui.auth import roles_required
from webui.screen import now, officer
from webui.wiring import services

from .targets import ADMINS
from .words import period_label, shown_table

bp = Blueprint("dashboard", __name__)

VIEWERS = ("pengarah", "penanggung_jawab", "sekretaris", "ketua", "anggota", "tim_admin")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The dashboard's sections, one tab each (without JavaScript: one after the other).
GROUPS = (
    ("sebaran", _l("Sebaran laporan"),
     ("saluran", "kategori", "opd", "kecamatan", "jenis", "status")),
    ("penanganan", _l("Penanganan"),
     ("tahapan", "tunggakan", "tren_mingguan", "tren_bulanan", "penyebab", "penyelesaian")),
    ("kepuasan", _l("Survei kepuasan"), ("skm_unsur", "skm_opd", "saran", "perbaikan")),
    ("target", _l("Indikator dan target"), ("indikator",)),
    ("dukungan-warga", _l("Dukungan warga"), ("dukungan",)),
)


def chart_spec(table: Table) -> dict[str, Any] | None:
    """What Chart.js needs to draw ``table``: labels and one dataset per plotted column."""
    if table.chart is None or not table.rows:
        return None
    return {
        "type": table.chart,
        "labels": [str(row[0]) for row in table.rows],
        "datasets": [{"label": str(table.columns[i]),
                      "data": [_number(row[i]) for row in table.rows]} for i in table.series],
    }


def _number(value: Any) -> float | int | None:
    if isinstance(value, Decimal):
        return float(value)
    return value if isinstance(value, int) else None


def _chosen_period() -> tuple[Period, str | None]:
    text = request.args.get("periode", "").strip()
    if not text:
        return month_of(now()), None
    try:
        return parse_period(text), None
    except FormInvalidError:
        return month_of(now()), _("Tulis periode sebagai 2026-03, 2026-Q1 atau 2026.")


def _shortcuts() -> list[tuple[str, str]]:
    this_month = month_of(now())
    quarter = Period("triwulan", this_month.year, (this_month.number - 1) // 3 + 1)
    year = Period("tahun", this_month.year)
    return [(p.code, period_label(p)) for p in (this_month, quarter, year)]


@bp.get("/")
@roles_required(*VIEWERS)
def index() -> ResponseReturnValue:
    """The dashboard of the chosen period (``?periode=2026-03``; this month by default)."""
    period, error = _chosen_period()
    with services().uow() as uow:
        evaluation = evaluate(uow.session, period, now())
        supported = most_supported(uow.session, period.start, period.end)
    tables = [shown_table(t) for t in report_tables(evaluation)]
    body = render_template(
        "evaluation/index.html", ev=evaluation, period=period, error=error,
        tables={t.key: t for t in tables}, charts={t.key: chart_spec(t) for t in tables},
        period_label=period_label(period), groups=GROUPS,
        shortcuts=_shortcuts(), indicators=INDICATORS, admins=ADMINS, fmt=fmt,
        improvement_owners=OWNER_ROLES, may_release=(
            officer().role == SECRETARY_ROLE and evaluation.release is None
            and now() >= period.end), supported=supported)
    return body, 422 if error else 200


def _report(code: str) -> tuple[Any, list[Table]]:
    period = parse_period(code)  # FormInvalidError: 422
    with services().uow() as uow:
        evaluation = evaluate(uow.session, period, now())
    return evaluation, report_tables(evaluation)


def download(body: bytes, mimetype: str, name: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/laporan/<code>.pdf")
@roles_required(*VIEWERS)
def report_pdf(code: str) -> ResponseReturnValue:
    """The periodic report as PDF."""
    evaluation, tables = _report(code)
    return download(render_pdf(evaluation, tables), "application/pdf",
                     file_name(evaluation, "pdf"))


@bp.get("/laporan/<code>.xlsx")
@roles_required(*VIEWERS)
def report_xlsx(code: str) -> ResponseReturnValue:
    """The periodic report as an XLSX workbook, one sheet per table."""
    evaluation, tables = _report(code)
    return download(render_xlsx(evaluation, tables), XLSX, file_name(evaluation, "xlsx"))
