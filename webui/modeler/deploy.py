"""Deploying a draft, the versions list, downloads and the diff between two versions."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from engine.errors import ConflictError, DefinitionError, ForbiddenError, NotFoundError
from engine.modeler.diff import diff_versions
from engine.modeler.drafts import bundle_of_draft, deploy_draft, get_draft
from engine.workflow.definitions import definition_files
from engine.workflow.versions import get_version, list_versions
from webui.screen import now, officer
from webui.texts import engine_text
from webui.wiring import services

from .common import form_checks, form_source

bp = Blueprint("deploy", __name__)


@bp.post("/draf/<int:draft_id>/deploy", endpoint="deploy")
def deploy(draft_id: int) -> ResponseReturnValue:
    """Deploy a valid draft as the next version; who deployed it is recorded."""
    settings = services().settings
    note = request.form.get("note", "").strip()[:500]
    try:
        definition = deploy_draft(services().uow(), draft_id, actor=officer(), note=note,
                                  now=now(), checks=form_checks(settings.forms_dir),
                                  form_source=form_source(settings.forms_dir))
    except (DefinitionError, ConflictError, ForbiddenError) as exc:
        flash(engine_text(exc), "error")
        return redirect(url_for("modeler.editor.editor", draft=draft_id))
    flash(_("Versi %(n)s sudah di-deploy. Laporan baru memakai versi ini.",
            n=definition.version))
    return redirect(url_for(".versions"))


@bp.get("/versi", endpoint="versions")
def versions() -> ResponseReturnValue:
    """Every version with its instance counts; pick two to compare."""
    with services().uow() as uow:
        found = list_versions(uow.session)
    return render_template("modeler/versions.html", versions=found)


@bp.get("/versi/beda", endpoint="diff")
def diff() -> ResponseReturnValue:
    """Added, removed and changed elements between two versions, listed and on the diagram."""
    old_id, new_id = request.args.get("dari", type=int), request.args.get("ke", type=int)
    if not old_id or not new_id:
        flash(_("Pilih dua versi untuk dibandingkan."), "error")
        return redirect(url_for(".versions"))
    with services().uow() as uow:
        found = diff_versions(uow.session, old_id, new_id,
                              form_source(services().settings.forms_dir))
        old_files = definition_files(get_version(uow.session, old_id))
        new_files = definition_files(get_version(uow.session, new_id))
    markers = [{"file": c.file, "id": c.element_id, "kind": c.kind} for c in found.elements]
    return render_template("modeler/diff.html", diff=found, old_files=old_files,
                           new_files=new_files, markers=markers,
                           files=sorted(set(old_files) | set(new_files)))


@bp.get("/versi/<int:definition_id>/berkas/<name>", endpoint="version_file")
def version_file(definition_id: int, name: str) -> ResponseReturnValue:
    """Download one file of a deployed version."""
    with services().uow() as uow:
        files = definition_files(get_version(uow.session, definition_id))
    return _download(files, name)


@bp.get("/draf/<int:draft_id>/berkas/<name>", endpoint="draft_file")
def draft_file(draft_id: int, name: str) -> ResponseReturnValue:
    """Download one file of a saved draft."""
    with services().uow() as uow:
        files = bundle_of_draft(get_draft(uow.session, draft_id)).files
    return _download(files, name)


def _download(files: dict[str, str], name: str) -> Response:
    if name not in files:
        raise NotFoundError("Berkas tidak ditemukan")
    response = Response(files[name], mimetype="application/xml")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
