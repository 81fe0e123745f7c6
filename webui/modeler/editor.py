"""The analysts' start page, the editor, and uploading a diagram bundle into a draft."""

from __future__ import annotations

from flask import (
    Blueprint,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from engine.modeler.drafts import get_draft, recent_drafts, save_draft, working_bundle
from engine.modeler.validation import FILE_NAME
from engine.workflow.definitions import MAX_FILE_BYTES
from engine.workflow.versions import list_versions
from webui.screen import now, officer
from webui.wiring import services

from .common import form_checks, open_bundle

bp = Blueprint("editor", __name__)


@bp.get("/", endpoint="index")
def index() -> ResponseReturnValue:
    """The analyst's start page: versions with their instances, recent drafts."""
    with services().uow() as uow:
        versions = list_versions(uow.session)
        drafts = recent_drafts(uow.session, limit=10)
        _bundle, draft_id = working_bundle(uow.session)
    return render_template("modeler/index.html", versions=versions, drafts=drafts,
                           working_draft=draft_id)


@bp.get("/pemodel", endpoint="editor")
def editor() -> ResponseReturnValue:
    """The modeler page for a draft (?draft=), a version (?version=) or the working bundle."""
    with services().uow() as uow:
        bundle, draft_id, problems = open_bundle(uow.session, request.args)
        draft = get_draft(uow.session, draft_id) if draft_id else None
    deployable = draft is not None and draft.valid and draft.deployed_definition_id is None
    approved_by = draft.approved_by if draft is not None else None
    source = {"draft": draft_id} if draft_id else {"version": bundle.base_definition_id}
    return render_template("modeler/editor.html", files=sorted(bundle.files), source=source,
                           draft_id=draft_id, problems=problems, deployable=deployable,
                           base_id=bundle.base_definition_id, approved_by=approved_by)


@bp.post("/unggah", endpoint="upload")
def upload() -> ResponseReturnValue:
    """Upload a .bpmn/.dmn file into a new draft (parsed safely and validated on save)."""
    sent = request.files.get("berkas")
    name = (request.form.get("target") or (sent.filename if sent else "") or "").strip()
    if sent is None or not FILE_NAME.fullmatch(name):
        flash(_("Pilih berkas .bpmn atau .dmn."), "error")
        return redirect(url_for(".editor"))
    try:
        data = sent.stream.read(MAX_FILE_BYTES + 1)
    finally:
        sent.close()  # a large upload is spooled to a temporary file
    if len(data) > MAX_FILE_BYTES:
        flash(_("Berkas terlalu besar."), "error")
        return redirect(url_for(".editor"))
    with services().uow() as uow:
        bundle, _draft, _problems = open_bundle(uow.session, request.form)
    text = data.decode("utf-8", errors="replace")
    saved = save_draft(services().uow(), bundle.with_file(name, text), author=officer().username,
                       note=_("Unggahan %(name)s", name=name), now=now(),
                       checks=form_checks(services().settings.forms_dir))
    flash(_("Berkas %(name)s tersimpan sebagai draf #%(id)s.", name=name, id=saved.draft_id),
          "info" if saved.report.ok else "error")
    return redirect(url_for(".editor", draft=saved.draft_id))
