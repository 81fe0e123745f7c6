"""The officer's inbox: open tasks of their role (and OPD), one task with its form, and the
commands claim, unclaim and complete."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import jsonify, request, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import Session

from engine.calendar.store import load_calendar
from engine.complaints.read_models import get_complaint, inbox_query, user_names, view_complaint
from engine.complaints.tables import HumanTask
from engine.complaints.tasks import claim_task, finish_task, get_task, unclaim_task
from engine.complaints.visibility import may_read_identity
from engine.domain import Actor
from engine.errors import FormInvalidError
from engine.reference.options import option_lookup
from forms.labels import options_source
from webui.page_work import one_unit_of_work, page_uow
from webui.task_forms import task_form_definition
from webui.wiring import services

from .caller import require_officer
from .common import bp, checked_task_id, flag, json_object, reject_unknown
from .shapes import complaint_json, task_json


@bp.get("/tasks", endpoint="tasks")
def inbox() -> ResponseReturnValue:
    """Open tasks of the caller's role (and OPD), soonest deadline first; ``mine=true``: only
    the ones the caller claimed."""
    actor = require_officer()
    mine, limit, offset = _list_args(request.args)
    now = services().clock()
    with services().uow() as uow:
        # One row more than asked tells whether a next page exists, without counting.
        rows = uow.session.execute(inbox_query(actor, mine_only=mine)
                                   .limit(limit + 1).offset(offset)).all()
        calendar = load_calendar(uow.session)
        names = user_names(uow.session, {t.assignee_id for t, _ in rows if t.assignee_id})
    response = jsonify([task_json(task, complaint, calendar, now, names)
                        for task, complaint in rows[:limit]])
    if len(rows) > limit:
        following = url_for(".tasks", **{**request.args, "offset": offset + limit,
                                         "limit": limit})
        response.headers["Link"] = f'<{following}>; rel="next"'
    return response


@bp.get("/tasks/<task_id>", endpoint="task")
def show(task_id: str) -> ResponseReturnValue:
    """One task with its form definition (JSON Schema, UI schema, choices) and its complaint."""
    actor = require_officer()
    now = services().clock()
    with services().uow() as uow:
        row = get_task(uow.session, checked_task_id(task_id), actor)
        complaint = get_complaint(uow.session, row.complaint_id or 0)
        view = view_complaint(uow.session, complaint, actor, now)
        body = _task_body(uow.session, row)
        # The API does not translate: both texts, the app shows the one its reader chose.
        body["instructions"] = row.instructions
        body["instructions_en"] = row.instructions_en or None
        body["form_definition"] = _form_json(uow.session, row)
        body["complaint"] = complaint_json(view, private=True,
                                           identity=may_read_identity(actor))
        uow.commit()  # keeps the audit entry of an identity read
    return jsonify(body)


@bp.post("/tasks/<task_id>/claim", endpoint="claim_task")
def claim(task_id: str) -> ResponseReturnValue:
    """Take the task so colleagues see it is being worked on."""
    actor = require_officer()
    claim_task(services().uow(), services().runtime, checked_task_id(task_id), actor)
    return _current(task_id, actor)


@bp.post("/tasks/<task_id>/unclaim", endpoint="unclaim_task")
def unclaim(task_id: str) -> ResponseReturnValue:
    """Give the task back to the shared inbox of its role."""
    actor = require_officer()
    unclaim_task(services().uow(), services().runtime, checked_task_id(task_id), actor)
    return _current(task_id, actor)


@bp.post("/tasks/<task_id>/complete", endpoint="complete_task")
@one_unit_of_work
def complete(task_id: str) -> ResponseReturnValue:
    """Submit the task's form data; the engine validates it against the task's form."""
    actor = require_officer()
    data = json_object()
    # The task is looked up (404 when missing or not the caller's) and the complaint's status
    # answered by the command itself, in the unit of work the token was read in: no other
    # before it or after it.
    done = finish_task(page_uow(), services().runtime, checked_task_id(task_id), data,
                       actor)
    return jsonify(id=task_id, completed=True, tracking_code=done.tracking_code,
                   status=done.status)


TASKS_LIMIT = 100  # tasks per answer unless ``limit`` says otherwise
TASKS_MAX_LIMIT = 500


def _list_args(args: Mapping[str, str]) -> tuple[bool, int, int]:
    """(mine, limit, offset) of a task list request; a clear error for a bad value."""
    reject_unknown(args, ["mine", "limit", "offset"])
    errors: dict[str, str] = {}
    try:
        mine = flag(args["mine"]) if "mine" in args else False
    except ValueError:
        mine, errors["mine"] = False, "Nilai tidak valid (true atau false)."
    limit = _whole(args, "limit", TASKS_LIMIT, 1, TASKS_MAX_LIMIT, errors)
    offset = _whole(args, "offset", 0, 0, 10**9, errors)
    if errors:
        raise FormInvalidError(errors)
    return mine, limit, offset


def _whole(args: Mapping[str, str], name: str, default: int, low: int, high: int,
           errors: dict[str, str]) -> int:
    raw = args.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        errors[name] = f"Harus bilangan bulat {low}–{high}."
        return default
    return int(raw)


def _current(task_id: str, actor: Actor) -> ResponseReturnValue:
    with services().uow() as uow:
        row = get_task(uow.session, task_id, actor)
        return jsonify(_task_body(uow.session, row))


def _task_body(session: Session, row: HumanTask) -> dict[str, Any]:
    complaint = get_complaint(session, row.complaint_id or 0)
    names = user_names(session, {row.assignee_id} if row.assignee_id else set())
    return task_json(row, complaint, load_calendar(session), services().clock(), names)


def _form_json(session: Session, row: HumanTask) -> dict[str, Any] | None:
    # The form as deployed with the instance's diagram version, else the forms folder's.
    if row.form_key is None:
        return None
    form = task_form_definition(session, row)
    available = option_lookup(session)
    sources = {options_source(form, name) for name in form.properties}
    options = {source: [{"value": v, "label": label} for v, label in available[source]]
               for source in sorted(sources) if source in available}
    return {"key": form.key, "title": form.schema.get("title", form.key),
            "schema": form.schema, "ui": form.ui, "options": options}
