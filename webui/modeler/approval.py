"""The team's Sekretaris reviews an analyst's draft against the newest version and approves it
(four eyes, duty c.1): only an approved draft deploys."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from engine.domain import SECRETARY_ROLE
from engine.errors import ConflictError, ForbiddenError
from engine.modeler.diff import diff_draft
from engine.modeler.drafts import (
    approve_draft,
    awaiting_approval,
    bundle_of_draft,
    get_draft,
    recent_drafts,
)
from engine.workflow.definitions import definition_files, latest_definition
from engine.workflow.versions import list_versions
from webui.auth import restrict
from webui.screen import now, officer
from webui.texts import engine_text
from webui.wiring import services

from .common import form_source

bp = Blueprint("approval", __name__, url_prefix="/persetujuan-proses",
               template_folder="templates")
restrict(bp, SECRETARY_ROLE)


@bp.get("/", endpoint="index")
def index() -> ResponseReturnValue:
    """Drafts waiting for approval, the latest drafts with their state, and the versions."""
    with services().uow() as uow:
        waiting = awaiting_approval(uow.session)
        drafts = recent_drafts(uow.session)
        versions = list_versions(uow.session)
    return render_template("modeler/approval.html", waiting=waiting, drafts=drafts,
                           versions=versions)


@bp.get("/draf/<int:draft_id>", endpoint="review")
def review(draft_id: int) -> ResponseReturnValue:
    """What the draft changes against the newest version, with the approve button."""
    with services().uow() as uow:
        draft = get_draft(uow.session, draft_id)
        found = diff_draft(uow.session, draft, form_source(services().settings.forms_dir))
        old_files = definition_files(latest_definition(uow.session, draft.process_id))
        new_files = bundle_of_draft(draft).files
    markers = [{"file": c.file, "id": c.element_id, "kind": c.kind} for c in found.elements]
    return render_template("modeler/diff.html", diff=found, old_files=old_files,
                           new_files=new_files, markers=markers, review=draft,
                           files=sorted(set(old_files) | set(new_files)))


@bp.post("/draf/<int:draft_id>/setujui", endpoint="approve")
def approve(draft_id: int) -> ResponseReturnValue:
    """Approve the draft; the analyst may then deploy it."""
    note = request.form.get("note", "").strip()[:500]
    try:
        approve_draft(services().uow(), draft_id, actor=officer(), note=note, now=now())
    except (ConflictError, ForbiddenError) as exc:
        flash(engine_text(exc), "error")
        return redirect(url_for(".review", draft_id=draft_id))
    flash(_("Draf #%(id)s disetujui. Analis sekarang dapat men-deploy-nya.", id=draft_id))
    return redirect(url_for(".index"))
