"""Process instances for managers: a filtered, paginated list and one instance in full."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from flask import jsonify, request
from flask.typing import ResponseReturnValue

from engine.audit import AuditEntry
from engine.calendar.store import load_calendar
from engine.calendar.working_days import WorkingCalendar
from engine.complaints.read_models import deadline_badge, user_names, view_complaint
from engine.complaints.visibility import may_read_identity
from engine.errors import FormInvalidError
from engine.monitor.instance_detail import InstanceDetail, instance_detail
from engine.monitor.instance_list import InstanceFilter, InstanceRow, list_instances
from forms.validation import plausible_day
from webui.wiring import services

from .caller import require_officer
from .common import MAX_ID, bp, checked_record_id, flag, iso, refuse_nul
from .shapes import complaint_json, task_json

TEXT_FILTERS = ("status", "instance_status", "opd", "category", "channel", "q", "sort", "step")
DATE_FILTERS = ("received_from", "received_to")
NUMBER_FILTERS = ("page", "per_page")
FILTERS = (*TEXT_FILTERS, *DATE_FILTERS, *NUMBER_FILTERS, "overdue", "definition")
ANY_WHEN_BLANK = ("opd", "category", "q", "step")


@bp.get("/instances", endpoint="instances")
def index() -> ResponseReturnValue:
    """Instances matching the query's filters, one page at a time, with the total."""
    actor = require_officer()
    flt = filter_from(request.args)
    now = services().clock()
    with services().uow() as uow:
        page = list_instances(uow.session, flt, actor, now)
        calendar = load_calendar(uow.session)
    return jsonify(items=[_row_json(row, calendar, now) for row in page.rows],
                   total=page.total, total_exact=page.exact, page=page.page,
                   per_page=page.per_page,
                   pages=page.pages, next_page=page.next_page)


@bp.get("/instances/<int:instance_id>", endpoint="instance")
def show(instance_id: int) -> ResponseReturnValue:
    """One instance: its state, diagram version, complaint, open tasks and audit trail."""
    actor = require_officer()
    now = services().clock()
    with services().uow() as uow:
        detail = instance_detail(uow.session, checked_record_id(instance_id, "Proses"), actor)
        view = view_complaint(uow.session, detail.complaint, actor, now)
        calendar = load_calendar(uow.session)
        names = user_names(uow.session, {t.assignee_id for t in detail.tasks if t.assignee_id})
        body = _detail_json(detail, calendar, now, names)
        body["complaint"] = complaint_json(view, private=True, identity=may_read_identity(actor))
        uow.commit()  # keeps the audit entry of an identity read
    return jsonify(body)


def filter_from(args: Mapping[str, str]) -> InstanceFilter:
    """The list filter named by query parameters; FormInvalidError for values of a wrong type."""
    refuse_nul(args)
    problems = {name: "Parameter tidak dikenal." for name in args if name not in FILTERS}
    # A blank code or search means "any"; every other parameter given must hold a value.
    values: dict[str, Any] = {name: args[name] for name in TEXT_FILTERS
                              if name in args and (args[name] or name not in ANY_WHEN_BLANK)}
    parsers = {**dict.fromkeys(DATE_FILTERS, plausible_day),
               **dict.fromkeys(NUMBER_FILTERS, int), "overdue": flag,
               "definition": _record_id}
    for name, parse in parsers.items():
        if name in args:
            values[name] = _parsed(name, args[name], parse, problems)
    if problems:
        raise FormInvalidError(problems)
    return InstanceFilter(**values)


def _record_id(raw: str) -> int:
    number = int(raw)
    if not 1 <= number <= MAX_ID:  # as checked_record_id, but a filter's value is invalid
        raise ValueError(raw)
    return number


def _parsed(name: str, raw: str, parse: Any, problems: dict[str, str]) -> Any:
    try:
        return parse(raw.strip())
    except ValueError:
        problems[name] = "Nilai tidak valid."
        return None


def _row_json(row: InstanceRow, calendar: WorkingCalendar, now: datetime) -> dict[str, Any]:
    badge = deadline_badge(calendar, row.stage_due_at, now)
    days = badge["days"]
    return {
        "id": row.instance_id, "instance_status": row.instance_status,
        "tracking_code": row.tracking_code, "registration_no": row.registration_no,
        "status": row.status, "title": row.title, "channel": row.channel,
        "category": row.category_code, "opd": row.opd_code,
        "received_at": iso(row.received_at), "updated_at": iso(row.updated_at),
        "deadline": iso(row.stage_due_at), "overdue": badge["overdue"],
        "working_days_left": None if days is None else (-days if badge["overdue"] else days),
        "open_tasks": row.open_tasks,
    }


def _detail_json(detail: InstanceDetail, calendar: WorkingCalendar, now: datetime,
                 names: dict[int, str]) -> dict[str, Any]:
    info = detail.info
    return {
        "id": info.id, "status": info.status, "error_message": info.error_message,
        "process_id": info.process_id, "definition_version": info.definition_version,
        "created_at": iso(info.created_at), "updated_at": iso(info.updated_at),
        "next_timer_at": iso(info.next_timer_at),
        "tasks": [task_json(t, detail.complaint, calendar, now, names) for t in detail.tasks],
        "history": [_audit_json(entry) for entry in detail.history],
    }


def _audit_json(entry: AuditEntry) -> dict[str, Any]:
    return {"at": iso(entry.at), "actor": entry.actor, "actor_role": entry.actor_role,
            "action": entry.action, "task_spec": entry.task_spec,
            "from_status": entry.from_status, "to_status": entry.to_status,
            "detail": json.loads(entry.detail or "{}")}
