"""One instance on its diagram, and each version's diagram with counts and durations per node."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta

from flask import Blueprint, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from sqlalchemy import select

from engine.accounts.tables import User
from engine.calendar.store import load_calendar
from engine.calendar.working_days import WIB
from engine.complaints.read_models import deadline_badge, user_names, view_complaint
from engine.domain import MANAGER_ROLES
from engine.monitor.diagram import instance_diagram, process_variables
from engine.monitor.instance_detail import instance_detail
from engine.monitor.node_stats import node_stats
from engine.monitor.operations import (
    CANCEL_ROLES,
    DEADLINE_ROLES,
    REASSIGN_ROLES,
    RETRY_ROLES,
    may_take,
)
from engine.workflow.definitions import definition_files
from engine.workflow.tables import ProcessInstance
from engine.workflow.versions import get_version
from webui.auth import roles_required
from webui.screen import now, officer, parse_day, today
from webui.wiring import services

bp = Blueprint("detail", __name__)
MANAGERS = tuple(sorted(MANAGER_ROLES))
DEFAULT_PERIOD_DAYS = 90


@bp.get("/<int:instance_id>")
@roles_required(*MANAGERS)
def instance(instance_id: int) -> ResponseReturnValue:
    """The instance: diagram, complaint as the role may see it, tasks, audit trail."""
    actor = officer()
    rt = services().runtime
    with services().uow() as uow:
        session = uow.session
        detail = instance_detail(session, instance_id, actor)
        view = view_complaint(session, detail.complaint, actor, now())
        calendar = load_calendar(session)
        badges = {t.id: deadline_badge(calendar, t.due_at, now()) for t in detail.tasks}
        names = user_names(session, {t.assignee_id for t in detail.tasks if t.assignee_id})
        users = list(session.scalars(select(User).where(User.active).order_by(User.full_name)))
        candidates = {t.id: [(u.id, u.full_name) for u in users if may_take(u, t)]
                      for t in detail.tasks}
        details = {e.id: json.loads(e.detail or "{}") for e in detail.history}
        variables = process_variables(session, rt, instance_id, actor)
        version = session.get_one(ProcessInstance, instance_id).version
        uow.commit()  # identity reads are audited
    return render_template(
        "monitor/detail.html", detail=detail, view=view, badges=badges, names=names,
        candidates=candidates, variables=variables, details=details, row_version=version,
        may={"retry": actor.role in RETRY_ROLES, "cancel": actor.role in CANCEL_ROLES,
             "reassign": actor.role in REASSIGN_ROLES, "deadline": actor.role in DEADLINE_ROLES})


@bp.get("/<int:instance_id>/diagram.json")
@roles_required(*MANAGERS)
def instance_json(instance_id: int) -> ResponseReturnValue:
    """The version's diagrams with the instance's markers, for monitor.js."""
    with services().uow() as uow:
        found = instance_diagram(uow.session, services().runtime, instance_id, officer(), now())
    return jsonify(found)


def _period() -> tuple[datetime, datetime]:
    end_day = parse_day(request.args.get("to")) or today()
    start_day = parse_day(request.args.get("from")) or end_day - timedelta(DEFAULT_PERIOD_DAYS)
    return (datetime.combine(start_day, time.min, WIB),
            datetime.combine(end_day + timedelta(days=1), time.min, WIB))


@bp.get("/versi/<int:definition_id>")
@roles_required(*MANAGERS)
def overview(definition_id: int) -> ResponseReturnValue:
    """A version's diagram with waiting counts and median durations per node."""
    start, end = _period()
    with services().uow() as uow:
        definition = get_version(uow.session, definition_id)
        label = (definition.process_id, definition.version)
    return render_template("monitor/overview.html", definition_id=definition_id, label=label,
                           start=start.date(), end=(end - timedelta(days=1)).date())


@bp.get("/versi/<int:definition_id>/statistik.json")
@roles_required(*MANAGERS)
def overview_json(definition_id: int) -> ResponseReturnValue:
    """Files of the version and its per-node numbers for the chosen period."""
    start, end = _period()
    with services().uow() as uow:
        session = uow.session
        files = {n: x for n, x in definition_files(get_version(session, definition_id)).items()
                 if n.endswith(".bpmn")}
        stats = node_stats(session, load_calendar(session), definition_id, officer(),
                           start, end)
    return jsonify({"files": files, **stats})
