"""Front Office: type in complaints from the box and the counter, with a scan of the paper."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
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
from webui.labels import CHANNEL, SCAN
from webui.screen import check, form_fields, load_form, no_store, officer, render_invalid
from webui.wiring import services

bp = Blueprint("intake", __name__)

PAPER_CHANNELS = ("kotak", "loket")
SCAN_FIELD = "scan"
SHOWS_FIELD = "scan_shows"
SCAN_SHOWS = SCAN  # what Front Office says the scan shows -> the kind it is stored as
T = TypeVar("T")
# The citizen's form speaks to the citizen ("Identitas Anda"); at the counter it speaks to the
# officer who types in what the reporter says.
COUNTER_WORDS: dict[str, dict[str, str]] = {
    "title": {"ui:help": "Ringkasan singkat masalah yang dilaporkan.",
              "ui:help_en": "A short summary of the reported problem."},
    "description": {
        "ui:help": "Apa yang terjadi, di mana, dan sejak kapan menurut pelapor. Minimal 20 "
                   "karakter.",
        "ui:help_en": "What happened, where and since when, as the reporter tells it. At "
                      "least 20 characters."},
    "anonim": {
        "ui:title": "Pelapor meminta anonim", "ui:title_en": "The reporter asks to stay anonymous",
        "ui:help": "Identitas pelapor tidak ditampilkan kepada OPD dan publik. Bila anonim, nama "
                   "dan nomor telepon tidak wajib.",
        "ui:help_en": "The reporter's identity is not shown to the agency (OPD) or the public. "
                      "If anonymous, name and phone number are not required."},
    "rahasia": {"ui:title": "Pelapor meminta laporan dirahasiakan",
                "ui:title_en": "The reporter asks to keep the report confidential"},
    "name": {"ui:title": "Nama pelapor", "ui:title_en": "Reporter's name",
             "ui:help": "Wajib, kecuali pelapor meminta anonim.",
             "ui:help_en": "Required unless the reporter asks to stay anonymous."},
    "phone": {"ui:title": "Nomor telepon/HP pelapor", "ui:title_en": "Reporter's phone number",
              "ui:help": "Diawali 08 atau +628; spasi, titik dan tanda hubung boleh. Wajib, "
                         "kecuali pelapor meminta anonim.",
              "ui:help_en": "Starting with 08 or +628; spaces, dots and dashes are fine. "
                            "Required unless the reporter asks to stay anonymous."},
    "email": {"ui:title": "Email pelapor", "ui:title_en": "Reporter's email",
              "ui:help": "Tidak wajib. Kabar perkembangan laporan dikirim ke alamat ini.",
              "ui:help_en": "Optional. News of the report is sent to this address."},
    "id_document": {
        "ui:help": "Wajib untuk laporan dengan nama dari loket: pindai atau foto kartu identitas "
                   "pelapor. Hanya dilihat Tim Admin dan Front Office.",
        "ui:help_en": "Required for a named walk-in report: scan or photograph the reporter's "
                      "ID card. Seen only by Tim Admin and Front Office."},
}


def counter_form(form: forms.FormDefinition) -> forms.FormDefinition:
    """The intake form in the officer's words (same fields, same checks)."""
    ui = {name: ({**value, **COUNTER_WORDS.get(name, {})} if isinstance(value, dict) else value)
          for name, value in form.ui.items()}
    return forms.FormDefinition(form.key, form.schema, ui)


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
    return {"fields": form_fields(counter_form(form), values, errors, options), "errors": errors,
            "channel": channel, "channels": [(c, CHANNEL[c]) for c in PAPER_CHANNELS],
            "submission": receipts.form_token(), "scan_shows": list(SCAN_SHOWS.items()),
            "shows": request.form.get(SHOWS_FIELD) or "pindaian"}


def _form_page(form: forms.FormDefinition, values: dict[str, object] | None,
               errors: dict[str, str], options: forms.Options,
               channel: str) -> ResponseReturnValue:
    return render_template("frontoffice/register.html",
                           **_context(form, values, errors, options, channel))
