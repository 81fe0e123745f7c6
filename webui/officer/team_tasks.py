"""Tasks the Penanggung Jawab and the Ketua give an Anggota (duty d.5): give one (from a
complaint or free-standing), follow them, and the Anggota's page to record one done."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from engine.complaints.team_tasks import (
    ASSIGNEE_ROLE,
    anggota_choices,
    finish_task,
    get_team_task,
    give_task,
    recent_tasks,
)
from engine.domain import ASSIGNING_ROLES
from engine.errors import ConflictError, FormInvalidError
from webui.auth import roles_required
from webui.screen import now, officer
from webui.texts import engine_text
from webui.wiring import services

bp = Blueprint("team_tasks", __name__, url_prefix="/petugas/penugasan")
GIVERS = tuple(sorted(ASSIGNING_ROLES))


def _page(values: dict[str, Any], errors: dict[str, Any] | None = None,
          status: int = 200) -> ResponseReturnValue:
    with services().uow() as uow:
        choices = [(str(uid), name) for uid, name in anggota_choices(uow.session)]
        given = recent_tasks(uow.session)
    return render_template("officer/team_tasks.html", choices=choices, given=given,
                           values=values, errors=errors or {}), status


@bp.get("/", endpoint="index")
@roles_required(*GIVERS)
def index() -> ResponseReturnValue:
    """The form to give a task (``?laporan=`` fills in the complaint) and the tasks given."""
    return _page({"complaint": request.args.get("laporan", "")})


@bp.post("/", endpoint="give")
@roles_required(*GIVERS)
def give() -> ResponseReturnValue:
    """Give an Anggota a task; it waits in their inbox."""
    values = request.form.to_dict()
    try:
        with services().uow() as uow:
            task = give_task(uow.session, officer(), values, now())
            uow.commit()
            given = task.id
    except FormInvalidError as exc:
        return _page(values, exc.errors, status=422)
    flash(_("Tugas diberikan; Anggota melihatnya di kotak tugasnya."))
    return redirect(url_for(".show", team_task_id=given))


@bp.get("/<int:team_task_id>", endpoint="show")
@roles_required(ASSIGNEE_ROLE, *GIVERS)
def show(team_task_id: int) -> ResponseReturnValue:
    """One task: what to do, by when, and (for its Anggota) the form to record it done."""
    with services().uow() as uow:
        view = get_team_task(uow.session, officer(), team_task_id)
    return render_template("officer/team_task.html", view=view, errors={})


@bp.post("/<int:team_task_id>/selesai", endpoint="finish")
@roles_required(ASSIGNEE_ROLE)
def finish(team_task_id: int) -> ResponseReturnValue:
    """The Anggota records the task done with a reply."""
    actor = officer()
    try:
        with services().uow() as uow:
            finish_task(uow.session, actor, team_task_id, request.form.get("reply", ""), now())
            uow.commit()
    except FormInvalidError as exc:
        with services().uow() as uow:
            view = get_team_task(uow.session, actor, team_task_id)
        return render_template("officer/team_task.html", view=view, errors=exc.errors,
                               reply=request.form.get("reply", "")), 422
    except ConflictError as exc:
        flash(engine_text(exc), "error")
        return redirect(url_for(".show", team_task_id=team_task_id))
    flash(_("Tugas dicatat selesai."))
    return redirect(url_for("officer.inbox.index"))
