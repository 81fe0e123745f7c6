"""Form editor: a task's JSON Schema and UI schema, previewed live, saved into a draft."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from markupsafe import Markup

import forms
from engine.errors import NotFoundError
from engine.modeler.drafts import save_draft
from engine.modeler.problems import Report
from engine.workflow.form_versions import FormJson
from webui.screen import form_fields, now, officer
from webui.texts import problem_text
from webui.wiring import services

from .common import check_form_json, form_checks, form_source, open_bundle
from .json_words import read_json

bp = Blueprint("form_editor", __name__, url_prefix="/formulir")
KEY = re.compile(r"[a-z0-9_]{1,100}")


@bp.url_value_preprocessor
def known_key(_endpoint: str | None, values: dict[str, Any] | None) -> None:
    """Form keys are plain names (they become file names when deployed)."""
    if values and "key" in values and not KEY.fullmatch(str(values["key"])):
        raise NotFoundError("Formulir tidak ditemukan")


@bp.get("/", endpoint="index")
def index() -> ResponseReturnValue:
    """Every form: those the working draft changed, and those of the forms folder."""
    with services().uow() as uow:
        bundle, draft_id, _problems = open_bundle(uow.session, request.args)
    keys = sorted(set(forms.form_keys(Path(services().settings.forms_dir))) | set(bundle.forms))
    return render_template("modeler/forms.html", keys=keys, edited=set(bundle.forms),
                           draft_id=draft_id)


@bp.get("/<key>", endpoint="edit")
def edit(key: str) -> ResponseReturnValue:
    """The editor of one form with its preview."""
    with services().uow() as uow:
        bundle, draft_id, _problems = open_bundle(uow.session, request.args)
    form = bundle.forms.get(key) or form_source(services().settings.forms_dir)(key)
    if form is None:
        raise NotFoundError("Formulir tidak ditemukan")
    return _editor(key, _pretty(form.schema), _pretty(form.ui), draft_id,
                   form_fields(forms.make_form(key, form.schema, form.ui)))


@bp.post("/<key>", endpoint="save")
def save(key: str) -> ResponseReturnValue:
    """Check the edited form, then keep it in a new draft with the working diagrams."""
    schema_text, ui_text = request.form.get("schema", ""), request.form.get("ui", "")
    draft_id = request.form.get("draft", type=int)
    schema, problem = read_json(schema_text, "JSON Schema")
    ui, ui_problem = read_json(ui_text, "UI schema")
    problem = problem or ui_problem or check_form_json(key, schema, ui)
    if problem:
        return _editor(key, schema_text, ui_text, draft_id, None, problem, 422)
    with services().uow() as uow:
        bundle, _draft, _problems = open_bundle(uow.session, request.form)
    saved = save_draft(services().uow(), bundle.with_form(key, FormJson(schema, ui)),
                       author=officer().username, note=_("Formulir %(key)s", key=key),
                       now=now(), checks=form_checks(services().settings.forms_dir))
    flash(_("Formulir %(key)s tersimpan di draf #%(id)s.", key=key, id=saved.draft_id),
          "info" if saved.report.ok else "error")
    _flash_problems(saved.report)
    return redirect(url_for(".edit", key=key, draft=saved.draft_id))


def _flash_problems(report: Report) -> None:
    """Say here what stops the draft (a field a diagram reads is gone), not only in the
    modeler: the analyst is looking at the form."""
    errors = [p for p in report.problems if p.severity == "error"]
    if errors:
        flash(_("%(n)s masalah harus diperbaiki sebelum deploy.", n=len(errors)) + " "
              + problem_text(errors[0].as_dict()), "error")


def _editor(key: str, schema: str, ui: str, draft_id: int | None, preview: Markup | None,
            error: str | None = None, status: int = 200) -> Any:
    return render_template("modeler/form_edit.html", key=key, schema=schema, ui=ui,
                           draft_id=draft_id, preview=preview, error=error), status


def _pretty(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
