"""Front Office: type in complaints from the box and the counter, with a scan of the paper."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

import forms
from engine.complaints.attachments import Upload, check_upload
from engine.complaints.intake import INTAKE_FORM, AlreadySubmittedError, submit_complaint
from engine.errors import FormInvalidError
from engine.reference.options import form_options
from webui import receipts
from webui.auth import roles_required
from webui.intake import (
    build_intake,
    filed,
    id_copy_errors,
    keep_for_next_attempt,
    posted_uploads,
    posted_values,
)
from webui.labels import CHANNEL
from webui.screen import check, form_fields, load_form, no_store, officer, render_invalid
from webui.wiring import services

bp = Blueprint("intake", __name__)

PAPER_CHANNELS = ("kotak", "loket")
SCAN_FIELD = "scan"
SHOWS_FIELD = "scan_shows"
# What Front Office says the scan shows -> the kind it is stored as (engine visibility rules).
SCAN_SHOWS = {"pindaian": _l("Nama dan kontak pelapor (hanya Tim Admin dan Front Office)"),
              "pindaian_nama": _l("Hanya nama pelapor (tidak untuk OPD bila anonim)"),
              "pindaian_isi": _l("Tanpa identitas pelapor (mengikuti laporan)")}
T = TypeVar("T")


@bp.route("/registrasi", methods=["GET", "POST"])
@roles_required("front_office")
def register() -> ResponseReturnValue:
    """Register a complaint from the box (scan required) or a walk-in (scan optional)."""
    form = load_form(INTAKE_FORM)
    with services().uow() as uow:
        options = form_options(uow.session)
    if request.method == "GET":
        return _form_page(form, None, {}, options, "loket")
    channel = request.form.get("channel", "")
    values = posted_values(form)
    errors: dict[str, str] = {}
    files = _collect(errors, posted_uploads) or []
    scan = _collect(errors, lambda: _checked_scan(channel)) or []
    _collect(errors, lambda: check(form, values, options))
    if channel in PAPER_CHANNELS:
        errors.update(id_copy_errors(values, files, channel, services().settings))
    if errors:
        return _invalid(form, values, errors, options, channel, [*scan, *files])
    intake = build_intake(values, [*scan, *files], channel, receipts.posted_token())
    try:
        receipt = submit_complaint(services().uow(), services().runtime, intake, officer())
    except AlreadySubmittedError as exc:  # the same form again: show what it filed
        return redirect(url_for(".receipt", code=exc.tracking_code), 303)
    except FormInvalidError as exc:
        return _invalid(form, values, exc.errors, options, channel, [*scan, *files])
    receipts.keep(receipt, intake, officer=current_user.full_name)
    filed()
    return redirect(url_for(".receipt", code=receipt.tracking_code), 303)


@bp.get("/registrasi/terkirim/<code>")
@roles_required("front_office")
def receipt(code: str) -> ResponseReturnValue:
    """The receipt to print and hand over, while this browser keeps it."""
    found = receipts.kept(code)
    link = receipts.private_link(code, found["secret"]) if found else None
    return no_store(render_template("frontoffice/receipt.html", code=code, r=found, link=link,
                                    qr=receipts.qr_svg(link) if link else None,
                                    track_site=receipts.track_site()))


def _invalid(form: forms.FormDefinition, values: dict[str, object], errors: dict[str, str],
             options: forms.Options, channel: str, files: list[Upload]) -> ResponseReturnValue:
    """The form back with its errors; the acceptable files kept for the next attempt."""
    kept = keep_for_next_attempt(files)
    return render_invalid("frontoffice/register.html", kept=kept,
                          dropped=len(files) > len(kept),
                          **_context(form, values, errors, options, channel))


def _collect(errors: dict[str, str], step: Callable[[], T]) -> T | None:
    """Run ``step``; its field errors are added to ``errors`` instead of stopping the page."""
    try:
        return step()
    except FormInvalidError as exc:
        errors.update(exc.errors)
        return None


def _checked_scan(channel: str) -> list[Upload]:
    """The scan as an upload, checked here so its error sits by its own field."""
    if channel not in PAPER_CHANNELS:
        raise FormInvalidError({"channel": _("Pilih asal laporan: kotak pengaduan atau loket.")})
    scans = posted_uploads((SCAN_FIELD,))
    if not scans:
        if channel == "kotak":
            raise FormInvalidError({SCAN_FIELD: _("Unggah pindaian formulir dari kotak.")})
        return []
    shows = request.form.get(SHOWS_FIELD) or "pindaian"  # unmarked: guarded as identity
    if shows not in SCAN_SHOWS:
        raise FormInvalidError({SHOWS_FIELD: _("Pilih apa yang terlihat pada pindaian.")})
    scan = Upload(shows, scans[0].filename, scans[0].data)
    limit = services().settings.max_upload_mb * 1024 * 1024
    check_upload(scan, limit, SCAN_FIELD)
    return [scan]


def _context(form: forms.FormDefinition, values: dict[str, object] | None,
             errors: dict[str, str], options: forms.Options, channel: str) -> dict[str, object]:
    return {"fields": form_fields(form, values, errors, options), "errors": errors,
            "channel": channel, "channels": [(c, CHANNEL[c]) for c in PAPER_CHANNELS],
            "submission": receipts.form_token(), "scan_shows": list(SCAN_SHOWS.items()),
            "shows": request.form.get(SHOWS_FIELD) or "pindaian"}


def _form_page(form: forms.FormDefinition, values: dict[str, object] | None,
               errors: dict[str, str], options: forms.Options,
               channel: str) -> ResponseReturnValue:
    return render_template("frontoffice/register.html",
                           **_context(form, values, errors, options, channel))
