"""The Sekretaris releases a period's report (duty c.2); the Kepala OPD downloads the OPD's
sheet of a released report."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from engine.calendar.periods import parse_period
from engine.errors import ConflictError, NotFoundError
from engine.evaluation.release import release_report
from engine.evaluation.report_tables import Table, opd_report_tables
from engine.evaluation.reports import file_name, render_pdf, render_xlsx
from engine.evaluation.summary import Evaluation, evaluate
from webui.auth import roles_required
from webui.screen import now, officer
from webui.texts import engine_text
from webui.wiring import services

from .dashboard import XLSX, download

bp = Blueprint("release", __name__)

RELEASERS = ("sekretaris",)
OPD_HEADS = ("kepala_opd",)


@bp.post("/laporan/<code>/rilis")
@roles_required(*RELEASERS)
def release(code: str) -> ResponseReturnValue:
    """Release the period's report: it stops being a draft, and the OPD heads receive it."""
    period = parse_period(code)  # FormInvalidError: 422
    try:
        with services().uow() as uow:
            release_report(uow.session, period, officer(), now(),
                           request.form.get("note", ""))
            uow.commit()
    except ConflictError as exc:
        flash(engine_text(exc), "error")
    else:
        flash(_("Laporan %(period)s dirilis.", period=period.label))
    return redirect(url_for("evaluation.dashboard.index", periode=period.code))


def _opd_report(code: str) -> tuple[Evaluation, list[Table]]:
    actor = officer()
    period = parse_period(code)
    with services().uow() as uow:
        evaluation = evaluate(uow.session, period, now())
    if evaluation.release is None:
        raise NotFoundError("Laporan periode ini belum dirilis")
    return evaluation, opd_report_tables(evaluation, actor.opd_code or "")


def _opd_file(name: str) -> str:
    """``laporan-sp4n-lapor-2026-03-dinkes.xlsx``: the report's name with the OPD's code."""
    stem, _dot, extension = name.rpartition(".")
    return f"{stem}-{(officer().opd_code or '').lower()}.{extension}"


@bp.get("/laporan/<code>/opd.xlsx")
@roles_required(*OPD_HEADS)
def opd_xlsx(code: str) -> ResponseReturnValue:
    """The OPD's sheet of a released report, as a workbook."""
    evaluation, tables = _opd_report(code)
    name = _opd_file(file_name(evaluation, "xlsx"))
    return download(render_xlsx(evaluation, tables), XLSX, name)


@bp.get("/laporan/<code>/opd.pdf")
@roles_required(*OPD_HEADS)
def opd_pdf(code: str) -> ResponseReturnValue:
    """The OPD's sheet of a released report, printed."""
    evaluation, tables = _opd_report(code)
    name = _opd_file(file_name(evaluation, "pdf"))
    return download(render_pdf(evaluation, tables), "application/pdf", name)
