"""A task: the complaint as my role may see it, its history, and the task's form."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext

import forms
from engine.calendar.store import load_calendar
from engine.complaints.read_models import (
    deadline_badge,
    get_complaint,
    history,
    user_names,
    view_complaint,
)
from engine.complaints.task_data import task_start
from engine.complaints.tasks import claim_task, complete_task, get_task, may_work_on, unclaim_task
from engine.errors import ConflictError, ForbiddenError, FormInvalidError, NotFoundError
from engine.reference.options import form_options
from webui.auth import roles_required
from webui.labels import task_title
from webui.page_work import one_unit_of_work, page_uow
from webui.screen import check, form_fields, now, officer
from webui.task_forms import task_form_definition
from webui.texts import engine_text
from webui.wiring import services

from .opd_names import opd_name
from .suggestions import for_verification, picked
from .too_late import too_late

bp = Blueprint("tasks", __name__, url_prefix="/petugas/tugas")


@bp.get("/<task_id>")
@one_unit_of_work
@roles_required()
def show(task_id: str) -> ResponseReturnValue:
    """The task page."""
    return _page(task_id)


@bp.post("/<task_id>")
@roles_required()
def complete(task_id: str) -> ResponseReturnValue:
    """Submit the task's form; invalid input comes back with every error by its field."""
    actor = officer()
    try:
        with services().uow() as uow:
            task = get_task(uow.session, task_id, actor)
            code = get_complaint(uow.session, task.complaint_id or 0).tracking_code
            options = form_options(uow.session)
            form = task_form_definition(uow.session, task) if task.form_key else None
    except NotFoundError:
        return too_late()
    values = forms.coerce(form, request.form) if form else {}
    try:
        if form is not None:
            check(form, values, options)
        claimed = complete_task(services().uow(), services().runtime, task_id, values, actor)
    except FormInvalidError as exc:
        return _page(task_id, values, exc.errors, 422)
    except NotFoundError:
        return too_late()  # finished by a colleague between the read above and this
    except ConflictError as exc:
        flash(engine_text(exc), "error")
        return redirect(url_for("officer.inbox.index"))
    flash(_("Tugas selesai: %(title)s — %(code)s",
            title=task_title(task.spec_name, task.title), code=code))
    if claimed:
        flash(_("Tugas ini belum diambil siapa pun, jadi tercatat diambil dan diselesaikan "
                "oleh Anda."))
    return redirect(url_for("officer.inbox.index"))


NOTICE_FORM = "pemberitahuan"
MAX_AT_ONCE = 100


@bp.post("/pemberitahuan/dibaca")
@roles_required()
def acknowledge_notices() -> ResponseReturnValue:
    """Acknowledge several late-deadline notices at once (each as its own form would)."""
    actor = officer()
    done, skipped = 0, 0
    for task_id in request.form.getlist("task")[:MAX_AT_ONCE]:
        try:
            with services().uow() as uow:
                is_notice = get_task(uow.session, task_id, actor).form_key == NOTICE_FORM
            if not is_notice:
                skipped += 1
                continue
            complete_task(services().uow(), services().runtime, task_id,
                          {"acknowledged": True}, actor)
            done += 1
        except (ConflictError, FormInvalidError, NotFoundError, ForbiddenError):
            skipped += 1  # done by a colleague meanwhile, or not this officer's
    if done:
        flash(ngettext("%(num)d pemberitahuan ditandai sudah dibaca.",
                       "%(num)d pemberitahuan ditandai sudah dibaca.", done))
    if skipped or not done:
        flash(_("%(n)d pilihan dilewati: bukan pemberitahuan untuk Anda atau sudah dibaca "
                "petugas lain.", n=skipped), "error")
    return redirect(url_for("officer.inbox.index"))


@bp.post("/<task_id>/ambil")
@roles_required()
def claim(task_id: str) -> ResponseReturnValue:
    """Take the task so colleagues see it is being worked on."""
    return _change_claim(task_id, claim_task, _("Tugas sudah Anda ambil."))


@bp.post("/<task_id>/lepas")
@roles_required()
def unclaim(task_id: str) -> ResponseReturnValue:
    """Give the task back to the role's shared inbox."""
    return _change_claim(task_id, unclaim_task, _("Tugas dikembalikan ke kotak tugas bersama."))


def _change_claim(task_id: str, command: Any, done: str) -> ResponseReturnValue:
    try:
        command(services().uow(), services().runtime, task_id, officer())
    except ConflictError as exc:
        flash(engine_text(exc), "error")
    else:
        flash(done)
    return redirect(_back(task_id))


def _back(task_id: str) -> str:
    """Back to the inbox when the form asked for it, else to the task."""
    # Back where the officer was, not to the top of the page.
    if request.form.get("back") == "inbox":
        return url_for("officer.inbox.index", _anchor=f"t-{task_id}")
    return url_for(".show", task_id=task_id, _anchor="formulir")


def _page(task_id: str, values: dict[str, Any] | None = None,
          errors: dict[str, str] | None = None, status: int = 200) -> ResponseReturnValue:
    actor = officer()
    with page_uow() as uow:  # the page's own when the sign-in check read in it
        s = uow.session
        task = get_task(s, task_id, actor)
        found = get_complaint(s, task.complaint_id or 0)
        view = view_complaint(s, found, actor, now())
        context: dict[str, Any] = {
            "task": task, "view": view, "trail": history(s, found),
            "badge": deadline_badge(load_calendar(s), task.due_at, now()),
            "holder": user_names(s, {task.assignee_id}).get(task.assignee_id or 0),
            "start": task_start(s, services().runtime, task), "options": form_options(s),
            "may_work": may_work_on(actor, task), "mine": task.assignee_id == actor.user_id,
        }
        context["returned_by"] = opd_name(s, context["start"].returned_by)
        context["suggestions"] = for_verification(s, task, found, actor, context["may_work"])
        context["picked"] = picked(context["options"]) if context["suggestions"] else {}
        form = task_form_definition(s, task) if task.form_key else None
        uow.commit()
    context["fields"] = _fields(form, context, values, errors)
    return render_template("officer/task.html", **context), status


def _fields(form: forms.FormDefinition | None, context: dict[str, Any],
            values: dict[str, Any] | None, errors: dict[str, str] | None) -> Any:
    if form is None:
        return None
    if values is None:
        values = {**forms.default_values(form), **context["start"].prefill, **context["picked"]}
        returned_by = context["start"].returned_by
        if returned_by is not None and values.get("opd") == returned_by:
            values.pop("opd")  # nor may a suggestion send it back to the OPD that returned it
    return form_fields(form, values, errors, context["options"])
