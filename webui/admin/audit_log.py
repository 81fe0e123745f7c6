"""The audit log for the roles that answer for confidentiality (Ketua, Penanggung Jawab,
sysadmin): filtered, a page at a time, or whole as CSV or XLSX. Each reading is itself logged."""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from engine.messages import inert_cell
from engine.monitor.audit_log import (
    ACTION_GROUPS,
    AUDIT_READERS,
    AuditFilter,
    AuditRow,
    export_rows,
    read_page,
)
from webui.auth import roles_required
from webui.dates import CSV_SEPARATOR, spreadsheet_time
from webui.labels import ACTION, ACTION_GROUP, ROLE, label
from webui.screen import no_store, now, officer, parse_day
from webui.wiring import services

from .audit_details import detail_lines
from .audit_log_xlsx import XLSX, workbook

bp = Blueprint("audit_log", __name__, url_prefix="/admin")
READERS = tuple(sorted(AUDIT_READERS))
FILTER_KEYS = ("kode", "pengguna", "jenis", "dari", "sampai")


def _filter(page: int = 1) -> AuditFilter:
    def text(name: str) -> str | None:
        return (request.args.get(name) or "").strip()[:80] or None

    group = text("jenis")
    return AuditFilter(tracking_code=text("kode"), actor=text("pengguna"),
                       group=group if group in ACTION_GROUPS else None,
                       day_from=parse_day(request.args.get("dari")),
                       day_to=parse_day(request.args.get("sampai")), page=page)


def _filters() -> dict[str, str]:
    return {k: request.args[k] for k in FILTER_KEYS if request.args.get(k)}


@bp.get("/log-audit")
@roles_required(*READERS)
def index() -> ResponseReturnValue:
    """The filtered log, newest first, a page at a time."""
    number = request.args.get("page", "")
    page_no = int(number) if number.isdigit() and int(number) > 0 else 1
    with services().uow() as uow:
        page = read_page(uow.session, _filter(page_no), officer(), now())
        uow.commit()  # the reading itself is logged
    return no_store(render_template("admin/audit_log.html", page=page, filters=_filters(),
                                    groups=ACTION_GROUP, detail_lines=detail_lines))


def _header() -> list[str]:
    return ["#", _("Waktu"), _("Pengguna"), _("Peran"), _("Tindakan"), _("Kode tindakan"),
            _("Kode lacak"), _("Langkah"), _("Dari status"), _("Ke status"), _("Rincian")]


def _line(row: AuditRow) -> list[str]:
    values = [row.id, spreadsheet_time(row.at), row.actor, label(ROLE, row.actor_role),
              label(ACTION, row.action), row.action, row.tracking_code, row.task_spec,
              row.from_status, row.to_status, row.detail]
    return [inert_cell(v) for v in values]


@bp.get("/log-audit/ekspor.csv")
@roles_required(*READERS)
def export() -> ResponseReturnValue:
    """The filtered log as CSV (UTF-8 with BOM); formulas are neutralised, the export logged."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=CSV_SEPARATOR)
    writer.writerow(_header())
    with services().uow() as uow:
        writer.writerows(_line(row) for row in export_rows(uow.session, _filter(), officer(),
                                                             now(), file_format="csv"))
        uow.commit()
    return Response(out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=log-audit.csv",
        "Cache-Control": "no-store"})


@bp.get("/log-audit/ekspor.xlsx")
@roles_required(*READERS)
def export_xlsx() -> ResponseReturnValue:
    """The filtered log as a workbook with real date cells (WIB); the export logged."""
    with services().uow() as uow:
        rows = export_rows(uow.session, _filter(), officer(), now(), file_format="xlsx")
        body = workbook(_header(), rows, labels=_labels)
        uow.commit()
    return Response(body, mimetype=XLSX, headers={
        "Content-Disposition": "attachment; filename=log-audit.xlsx",
        "Cache-Control": "no-store"})


def _labels(row: AuditRow) -> tuple[str, str]:
    return str(label(ROLE, row.actor_role)), str(label(ACTION, row.action))
