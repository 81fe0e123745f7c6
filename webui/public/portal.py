"""The citizen portal: landing page, the complaint form and its receipt (no sign-in)."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request
from flask.typing import ResponseReturnValue

import forms
from engine.complaints.attachments import Upload
from engine.complaints.identity import id_copy_required
from engine.complaints.intake import INTAKE_FORM, submit_complaint
from engine.complaints.published import published_reports
from engine.domain import REPORTER
from engine.errors import FormInvalidError
from engine.reference.options import form_options
from webui.intake import build_intake, id_copy_errors, posted_uploads
from webui.screen import check, form_fields, load_form, no_store, render_invalid
from webui.wiring import services

bp = Blueprint("portal", __name__)

LATEST_ON_HOME = 5


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    """Liveness probe for load balancers."""
    return jsonify(status="ok")


@bp.get("/")
def index() -> ResponseReturnValue:
    """Landing page: what LAPOR! is, how to report, track, and the latest public reports."""
    with services().uow() as uow:
        latest = published_reports(uow.session, 1, LATEST_ON_HOME)
    return render_template("public/home.html", latest=latest.reports)


@bp.route("/lapor", methods=["GET", "POST"])
def submit() -> ResponseReturnValue:
    """The complaint form; on success the receipt with the tracking code and secret, once."""
    form = load_form(INTAKE_FORM)
    with services().uow() as uow:
        options = form_options(uow.session)
    if request.method == "GET":
        return render_template("public/submit.html", id_required=_id_required(),
                               fields=form_fields(form, None, None, options))
    values = forms.coerce(form, request.form)
    files: list[Upload] = []
    try:
        files = posted_uploads()
        missing = id_copy_errors(values, files, "web", services().settings)
        try:
            check(form, values, options)
        except FormInvalidError as exc:
            raise FormInvalidError({**missing, **exc.errors}) from None
        if missing:
            raise FormInvalidError(missing)
        receipt = submit_complaint(services().uow(), services().runtime,
                                   build_intake(values, files, "web"), REPORTER)
    except FormInvalidError as exc:
        return render_invalid("public/submit.html", files_dropped=bool(files),
                              id_required=_id_required(),
                              fields=form_fields(form, values, exc.errors, options))
    return no_store(render_template("public/receipt.html", receipt=receipt))


def _id_required() -> bool:
    return id_copy_required("web", False, services().settings)
