"""JSON endpoints the modeler page calls: open a bundle, save a draft, preview a form."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, jsonify, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

import forms
from engine.domain import ROLES, STAGE_DEADLINE
from engine.modeler.drafts import Bundle, save_draft
from engine.modeler.validation import MAX_FILES
from webui.screen import form_fields, now, officer
from webui.texts import with_problem_texts
from webui.wiring import services

from .common import check_form_json, form_checks, open_bundle
from .json_words import read_json

bp = Blueprint("bundle", __name__, url_prefix="/api")
DATE_VARIABLES = sorted({"received_at", "coordination_due", *STAGE_DEADLINE.values()})


def date_labels() -> dict[str, str]:
    """How the side form names the reference dates a deadline counts from."""
    return {
        "received_at": _("Tanggal laporan diterima"),
        "verification_due": _("Batas verifikasi"),
        "clarification_due": _("Batas klarifikasi pelapor"),
        "followup_due": _("Batas tindak lanjut OPD"),
        "coordination_due": _("Batas koordinasi (laporan dari nasional)"),
        "closure_due": _("Batas penutupan otomatis"),
        "now()": _("Saat ini"),
    }


@bp.get("/bundle")
def bundle() -> ResponseReturnValue:
    """The files of a draft or version, with what the side form offers (forms, lanes, dates)."""
    with services().uow() as uow:
        found, draft_id, problems = open_bundle(uow.session, request.args)
    keys = set(forms.form_keys(Path(services().settings.forms_dir))) | set(found.forms)
    return jsonify(files=found.files, draft_id=draft_id, problems=with_problem_texts(problems),
                   base_definition_id=found.base_definition_id, form_keys=sorted(keys),
                   roles=[*ROLES, "pelapor"], date_variables=DATE_VARIABLES,
                   date_labels=date_labels())


@bp.post("/draf")
def save() -> ResponseReturnValue:
    """Validate the sent files and keep them as a new draft; the problems come back."""
    body = request.get_json(silent=True) or {}
    files = body.get("files")
    if not _valid_files(files):
        return jsonify(error="files harus berupa {nama berkas: teks XML}"), 400
    source = body.get("source") if isinstance(body.get("source"), dict) else {}
    with services().uow() as uow:
        base, _draft, _problems = open_bundle(uow.session, source)
    draft = Bundle(base.process_id, dict(files), base.forms, base.base_definition_id)
    saved = save_draft(services().uow(), draft, author=officer().username,
                       note=str(body.get("note") or "")[:500], now=now(),
                       checks=form_checks(services().settings.forms_dir))
    return jsonify(draft_id=saved.draft_id, ok=saved.report.ok,
                   problems=with_problem_texts(saved.report.as_list()),
                   editor_url=url_for("modeler.editor.editor", draft=saved.draft_id),
                   deploy_url=url_for("modeler.deploy.deploy", draft_id=saved.draft_id))


def _valid_files(files: Any) -> bool:
    return (isinstance(files, dict) and 0 < len(files) <= MAX_FILES
            and all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()))


@bp.post("/pratinjau-formulir")
def preview_form() -> ResponseReturnValue:
    """The form as officers would see it, rendered by the same renderer; or why it is invalid."""
    body = request.get_json(silent=True) or {}
    key = str(body.get("key") or "pratinjau")
    schema, ui = body.get("schema"), body.get("ui") or {}
    problem = None
    if "schema_text" in body:  # the editor's boxes as typed: read here, wrong JSON in words
        schema, problem = read_json(str(body["schema_text"]), "JSON Schema")
        ui, ui_problem = read_json(str(body.get("ui_text") or ""), "UI schema")
        problem = problem or ui_problem
    problem = problem or check_form_json(key, schema, ui)
    if problem:
        return jsonify(ok=False, error=problem)
    html = form_fields(forms.make_form(key, schema, ui))
    return jsonify(ok=True, html=str(html))
