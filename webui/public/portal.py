"""The citizen portal: landing page, the complaint form and its receipt (no sign-in)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

import forms
from engine.complaints.attachments import Upload, safe_filename
from engine.complaints.identity import id_copy_required
from engine.complaints.intake import INTAKE_FORM, AlreadySubmittedError, submit_complaint
from engine.complaints.published import published_reports
from engine.complaints.reporter import find_complaint
from engine.domain import REPORTER
from engine.errors import FormInvalidError
from engine.reference.options import form_options
from webui import receipts
from webui.intake import (
    build_intake,
    filed,
    id_copy_errors,
    keep_for_next_attempt,
    posted_uploads,
    posted_values,
)
from webui.screen import check, form_fields, load_form, no_store, render_invalid
from webui.wiring import services

from .problems import file_errors, joined

bp = Blueprint("portal", __name__)

LATEST_ON_HOME = 5


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    """Liveness probe for load balancers."""
    return jsonify(status="ok")


@bp.get("/favicon.ico")
def favicon() -> ResponseReturnValue:
    """The site's icon where browsers look for it without a page (feeds, bookmarks)."""
    return redirect(url_for("static", filename="favicon.svg"), 301)


@bp.get("/")
def index() -> ResponseReturnValue:
    """Landing page: what LAPOR! is, how to report, track, and the latest public reports."""
    with services().uow() as uow:
        latest = published_reports(uow.session, 1, LATEST_ON_HOME)
    return render_template("public/home.html", latest=latest.reports)


@bp.route("/lapor", methods=["GET", "POST"])
def submit() -> ResponseReturnValue:
    """The complaint form; on success a redirect to the receipt (a reload files nothing)."""
    form = load_form(INTAKE_FORM)
    with services().uow() as uow:
        options = form_options(uow.session)
    if request.method == "GET":
        return render_template("public/submit.html", id_required=_id_required(),
                               fields=form_fields(form, None, None, options),
                               submission=receipts.new_token())
    values = posted_values(form)
    again = receipts.filed_already(values.get("title"), values.get("description"))
    if again is not None:
        flash(_("Laporan yang sama sudah Anda kirim; ini tanda terimanya. Tidak ada laporan "
                "kedua."))
        return redirect(url_for(".receipt", code=again), 303)
    files: list[Upload] = []
    try:
        files = posted_uploads()
        _check_all(form, values, files, options)
        intake = build_intake(values, files, "web", receipts.posted_token())
        receipt = submit_complaint(services().uow(), services().runtime, intake, REPORTER)
    except AlreadySubmittedError as exc:  # the same form again: show what it filed
        return redirect(url_for(".receipt", code=exc.tracking_code), 303)
    except FormInvalidError as exc:
        kept = keep_for_next_attempt(files)
        return render_invalid("public/submit.html", kept=kept, dropped=len(files) > len(kept),
                              id_required=_id_required(), submission=receipts.form_token(),
                              fields=form_fields(form, values, exc.errors, options))
    receipts.keep(receipt, intake)
    filed()
    return redirect(url_for(".receipt", code=receipt.tracking_code), 303)


@bp.get("/lapor/terkirim/<code>")
def receipt(code: str) -> ResponseReturnValue:
    """The receipt: code, secret, private link and QR while this browser keeps it; afterwards
    only that the report was filed (the secret is never shown to anyone else)."""
    found = receipts.kept(code)
    if found is None:
        code = _filed_code(code)
    link = receipts.private_link(code, found["secret"]) if found else None
    return no_store(render_template("public/receipt.html", code=code, r=found, link=link,
                                    qr=receipts.qr_svg(link) if link else None,
                                    track_site=receipts.track_site()))


def _check_all(form: forms.FormDefinition, values: dict[str, Any], files: list[Upload],
               options: forms.Options) -> None:
    """FormInvalidError naming every problem at once: the fields, the missing ID copy and each
    refused file (the engine names a refused file only once the fields are right)."""
    problems = {**file_errors(files), **id_copy_errors(values, files, "web", services().settings)}
    # With the files' names, as the engine checks it: the form's own limit on attachments is
    # then said here, in the reader's language.
    evidence = [safe_filename(f.filename) for f in files if f.kind != "identitas"]
    try:
        check(form, {**values, "attachments": evidence} if evidence else values, options)
    except FormInvalidError as exc:
        problems = joined(exc.errors, problems)
    if problems:
        raise FormInvalidError(problems)


def _filed_code(code: str) -> str:
    """The tracking code of the complaint ``code`` names; NotFoundError (404) when none, so the
    receipt never confirms made-up text as a filed report. It shows no more than that code:
    whether a code exists is no more than the survey page already tells."""
    with services().uow() as uow:
        return find_complaint(uow.session, code).tracking_code


def _id_required() -> bool:
    return id_copy_required("web", False, services().settings)
