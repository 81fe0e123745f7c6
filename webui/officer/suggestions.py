"""Suggestions on Tim Admin's verification screen: the likely categories and OPDs, picked into
the form in one click, and the likely duplicates, merged after a confirmation."""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from engine.complaints.tables import Complaint, HumanTask
from engine.domain import Actor
from engine.errors import ConflictError
from engine.suggest.duplicates import VERIFY_TASK, duplicate_pair, merge_as_duplicate
from engine.suggest.service import Suggestions, audience_of, suggest
from forms.options import Options, option_values
from webui.auth import roles_required
from webui.screen import officer
from webui.texts import engine_text
from webui.wiring import services

bp = Blueprint("duplicates", __name__, url_prefix="/petugas/tugas")
log = logging.getLogger("alur.suggest")
SHOWN = 3  # categories and OPDs offered on the screen
PICKED = ("category", "opd")


def for_verification(session: Session, task: HumanTask, complaint: Complaint, actor: Actor,
                     may_work: bool) -> Suggestions | None:
    """What the verification screen proposes; None on another task, or if suggesting fails
    (the screen works without suggestions)."""
    if task.spec_name != VERIFY_TASK or not may_work:
        return None
    try:
        with session.begin_nested():  # a failure here leaves the page's transaction usable
            found = suggest(session, complaint.title, complaint.description,
                            complaint.kecamatan_code, audience_of(actor), services().clock(),
                            exclude_id=complaint.id)
    except Exception:  # suggestions help; they never stand between Tim Admin and the form
        log.exception("suggestions for %s failed", complaint.tracking_code)
        return None
    return Suggestions(found.categories[:SHOWN], found.opds[:SHOWN], found.similar,
                       found.source)


def picked(options: Options) -> dict[str, str]:
    """A category or OPD chosen from the suggestions (``?category=8&opd=PUPR``), if known."""
    sources = {"category": "categories", "opd": "opds"}
    chosen = {}
    for name in PICKED:
        value = request.args.get(name, "")
        if value and value in option_values(options.get(sources[name], [])):
            chosen[name] = value
    return chosen


@bp.get("/<task_id>/duplikat/<code>")
@roles_required("tim_admin")
def confirm(task_id: str, code: str) -> ResponseReturnValue:
    """Ask before merging: both reports side by side."""
    pair = duplicate_pair(services().uow, task_id, code, officer())
    return render_template("officer/duplicate.html", pair=pair, task_id=task_id)


@bp.post("/<task_id>/duplikat/<code>")
@roles_required("tim_admin")
def merge(task_id: str, code: str) -> ResponseReturnValue:
    """Close the new report as a duplicate of ``code``."""
    try:
        pair = merge_as_duplicate(services().uow, services().runtime, task_id, code, officer())
    except ConflictError as exc:
        flash(engine_text(exc), "error")
        return redirect(url_for("officer.inbox.index"))
    flash(_("Laporan %(new)s digabungkan sebagai duplikat dari %(old)s.",
            new=pair.new.tracking_code, old=pair.original.tracking_code))
    return redirect(url_for("officer.inbox.index"))


def link_args(current: dict[str, Any], **change: str) -> dict[str, str]:
    """The query of a "Pilih" link: what is picked so far, with one choice changed."""
    return {**{k: v for k, v in current.items() if k in PICKED}, **change}
