"""The filtered instance list as CSV, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import replace

from flask import Blueprint, Response, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from engine.calendar.store import load_calendar
from engine.complaints.read_models import deadline_badge
from engine.domain import MANAGER_ROLES
from engine.messages import inert_cell
from engine.monitor.audit_log import record_instances_export
from engine.monitor.instance_list import MAX_PER_PAGE, InstanceFilter, InstanceRow, list_instances
from webui.auth import roles_required
from webui.dates import CSV_SEPARATOR, spreadsheet_time
from webui.labels import CHANNEL, INSTANCE_STATUS, STATUS, label
from webui.screen import now, officer
from webui.wiring import services

from .filters import current_filters as _filters
from .filters import filter_from
from .instances import list_names

bp = Blueprint("export", __name__)
MAX_ROWS = 50_000
cell = inert_cell  # a leading formula character is neutralised with a quote


def _header() -> list[str]:
    return [_("Kode lacak"), _("No. registrasi"), _("Judul"), _("Tahap"), _("Status proses"),
            _("OPD"), _("Kategori"), _("Kanal"), _("Diterima"), _("Batas waktu"),
            _("Hari kerja tersisa"), _("Terlambat")]


def _line(row: InstanceRow, badge: dict[str, object],
          names: dict[str, dict[str, str]]) -> list[str]:
    """One instance in the words of the list screen; the codes a spreadsheet matches records
    by (tracking code, registration number) stay as they are."""
    due = spreadsheet_time(row.stage_due_at)
    values = [row.tracking_code, row.registration_no, row.title, label(STATUS, row.status),
              label(INSTANCE_STATUS, row.instance_status),
              _name(names["opds"], row.opd_code), _name(names["categories"], row.category_code),
              label(CHANNEL, row.channel), spreadsheet_time(row.received_at), due,
              badge["days"], _("ya") if badge["overdue"] else _("tidak")]
    return [cell(v) for v in values]


def _name(names: dict[str, str], code: str | None) -> str:
    """The name of an OPD or category; a retired one (not in the list) by its code."""
    return names.get(code, code) if code else ""


def _rows() -> Iterator[list[str]]:
    flt = filter_from(request.args, per_page=MAX_PER_PAGE)
    with services().uow() as uow:
        calendar = load_calendar(uow.session)
        names = list_names(uow.session)
        for number in range(1, MAX_ROWS // MAX_PER_PAGE + 1):
            page = list_instances(uow.session, _page(flt, number), officer(), now())
            for row in page.rows:
                yield _line(row, deadline_badge(calendar, row.stage_due_at, now()), names)
            if page.next_page is None:
                return


def _page(flt: InstanceFilter, number: int) -> InstanceFilter:
    return replace(flt, page=number)


@bp.get("/ekspor.csv")
@roles_required(*sorted(MANAGER_ROLES))
def export() -> ResponseReturnValue:
    """Every instance matching the list's filters, as CSV (UTF-8 with BOM for spreadsheets)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=CSV_SEPARATOR)
    writer.writerow(_header())
    writer.writerows(_rows())
    with services().uow() as uow:  # exports are logged (docs/security.md)
        record_instances_export(uow.session, officer(), now(), _filters())
        uow.commit()
    return Response(out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=proses-pengaduan.csv",
        "Cache-Control": "no-store"})
