"""Front Office: type in complaints from the box and the counter, with a scan of the paper."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

import forms
from engine.complaints.attachments import Upload, check_upload
from engine.complaints.intake import INTAKE_FORM, submit_complaint
from engine.errors import FormInvalidError
from engine.reference.options import form_options
from webui.auth import roles_required
from webui.intake import build_intake, id_copy_errors, posted_uploads
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
    values = forms.coerce(form, request.form)
    errors: dict[str, str] = {}
    files = _collect(errors, posted_uploads) or []
    scan = _collect(errors, lambda: _checked_scan(channel)) or []
    _collect(errors, lambda: check(form, values, options))
    if channel in PAPER_CHANNELS:
        errors.update(id_copy_errors(values, files, channel, services().settings))
    if not errors:
        intake = build_intake(values, [*scan, *files], channel)
        receipt = _collect(errors, lambda: submit_complaint(
            services().uow(), services().runtime, intake, officer()))
    if errors:
        return render_invalid("frontoffice/register.html", files_dropped=bool(files or scan),
                              **_context(form, values, errors, options, channel))
    return no_store(render_template("frontoffice/receipt.html", receipt=receipt,
                                    channel=channel))


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
            "scan_shows": list(SCAN_SHOWS.items()),
            "shows": request.form.get(SHOWS_FIELD) or "pindaian"}


def _form_page(form: forms.FormDefinition, values: dict[str, object] | None,
               errors: dict[str, str], options: forms.Options,
               channel: str) -> ResponseReturnValue:
    return render_template("frontoffice/register.html",
                           **_context(form, values, errors, options, channel))
