"""The registration book (Buku registrasi): list by period, print, download as CSV."""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from engine.calendar.periods import month_of
from engine.complaints.registration_book import BookEntry, BookRange, registration_book
from engine.domain import CHANNELS
from engine.errors import FormInvalidError
from engine.messages import inert_cell
from webui.auth import roles_required
from webui.dates import format_wib
from webui.i18n import current_lang
from webui.labels import CHANNEL, STATUS
from webui.screen import now, officer, parse_day
from webui.wiring import services

bp = Blueprint("book", __name__, url_prefix="/buku-registrasi")

BOOK_ROLES = ("front_office", "tim_admin")


def _period() -> tuple[BookRange, dict[str, str]]:
    """The period asked for, or this month with the reasons the request was not usable."""
    default = BookRange.of(month_of(now()))
    start, end = parse_day(request.args.get("start")), parse_day(request.args.get("end"))
    errors: dict[str, str] = {}
    if request.args.get("start") and start is None:
        errors["start"] = _("Tanggal tidak valid (gunakan format TTTT-BB-HH).")
    if request.args.get("end") and end is None:
        errors["end"] = _("Tanggal tidak valid (gunakan format TTTT-BB-HH).")
    period = BookRange(start or default.start, end or default.end,
                    request.args.get("channel", ""))
    try:
        period.check()
    except FormInvalidError as exc:
        errors.update(exc.errors)
        period = default
    return period, errors


@bp.get("/")
@roles_required(*BOOK_ROLES)
def index() -> ResponseReturnValue:
    """The book for a period (this month unless asked), ready to print."""
    period, errors = _period()
    with services().uow() as uow:
        entries = registration_book(uow.session, officer(), period, now())
        uow.commit()
    channels = [(c, CHANNEL[c]) for c in CHANNELS]
    return render_template("frontoffice/book.html", entries=entries, period=period,
                           errors=errors, channels=channels), 422 if errors else 200


@bp.get("/csv")
@roles_required(*BOOK_ROLES)
def download() -> ResponseReturnValue:
    """The same listing as a CSV file (UTF-8 with BOM, so spreadsheets read it right)."""
    period, _errors = _period()
    with services().uow() as uow:
        entries = registration_book(uow.session, officer(), period, now())
        uow.commit()
    name = f"buku-registrasi-{period.start.isoformat()}-{period.end.isoformat()}.csv"
    response = Response("\ufeff" + book_csv(entries), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def book_csv(entries: list[BookEntry]) -> str:
    """The book as CSV text, one row per intake."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("No. registrasi"), _("Diterima"), _("Saluran"), _("Kode pelacakan"),
                     _("Judul"), _("Kategori"), _("Status"), _("Nama pelapor")])
    for e in entries:
        writer.writerow([_cell(v) for v in (
            e.registration_no, format_wib(e.received_at, current_lang()),
            str(CHANNEL.get(e.channel, e.channel)), e.tracking_code, e.title,
            e.category_name or "", str(STATUS.get(e.status, e.status)), e.reporter_name or "")])
    return out.getvalue()


def _cell(value: str) -> str:
    return inert_cell(value)  # a leading formula character is quoted: the cell stays text
