"""An OPD's own complaints for its officers and head, to keep sight of them after they leave an
inbox: open, at the liaison, with the unit teknis, answered, late.

Only complaints routed to the reader's OPD are ever read (a complaint redisposed to another
OPD leaves the list); lines carry no reporter, so the anonymous and secret rules are not at
stake here: opening a complaint goes through engine.complaints.read_models.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from engine.calendar.store import load_calendar
from engine.domain import OPD_ROLES, Actor
from engine.errors import ForbiddenError

from .read_models import deadline_badge
from .tables import Complaint, HumanTask

OPD_PAGE = 50
# The groups the list is filtered by, in the order the screen offers them ("" is all).
GROUPS = ("", "terbuka", "penghubung", "unit_teknis", "dijawab", "terlambat")
# Where an open complaint sits in the OPD: whose task holds it.
HOLDERS = {"unit_teknis": "unit_teknis", "pejabat_penghubung": "penghubung"}


@dataclass(frozen=True)
class OpdComplaintLine:
    """What the OPD's list shows of one of its complaints (never the reporter).

    ``place`` says where the complaint is: "penghubung" or "unit_teknis" (an OPD task holds
    it), "dijawab" (answered, waiting for the reporter or closure), "selesai" (closed) or
    "lain" (back with Tim Admin)."""

    tracking_code: str
    title: str
    status: str
    received_at: datetime
    closed_at: datetime | None
    badge: dict[str, Any]
    place: str


def _require_opd_officer(actor: Actor) -> str:
    if actor.role not in OPD_ROLES or not actor.opd_code:
        raise ForbiddenError("Hanya petugas OPD yang melihat laporan OPD-nya")
    return actor.opd_code


def _task_of_opd(opd_code: str, *conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    """The complaint has an open task of the OPD meeting ``conditions``."""
    return select(HumanTask.id).where(
        HumanTask.instance_id == Complaint.instance_id, HumanTask.opd_code == opd_code,
        *conditions).exists()


def _group_condition(group: str, opd_code: str, now: datetime) -> ColumnElement[bool] | None:
    conditions: dict[str, ColumnElement[bool]] = {
        "terbuka": Complaint.closed_at.is_(None),
        "penghubung": _task_of_opd(opd_code, HumanTask.role == "pejabat_penghubung"),
        "unit_teknis": _task_of_opd(opd_code, HumanTask.role == "unit_teknis"),
        "dijawab": Complaint.first_follow_up_at.is_not(None),
        "terlambat": _task_of_opd(opd_code, HumanTask.due_at < now),
    }
    return conditions.get(group)


def opd_group_counts(session: Session, actor: Actor, now: datetime) -> dict[str, int]:
    """How many of the OPD's complaints each group holds ("" is all of them)."""
    opd_code = _require_opd_officer(actor)
    found = {}
    for group in GROUPS:
        query = select(func.count(Complaint.id)).where(Complaint.opd_code == opd_code)
        condition = _group_condition(group, opd_code, now)
        if condition is not None:
            query = query.where(condition)
        found[group] = session.scalar(query) or 0
    return found


def opd_complaints(
    session: Session, actor: Actor, now: datetime, *, group: str = "",
    limit: int = OPD_PAGE, offset: int = 0,
) -> list[OpdComplaintLine]:
    """The complaints routed to the actor's OPD in ``group`` (one of GROUPS), open ones first
    by deadline, to read (the Kepala OPD acts on none of them)."""
    opd_code = _require_opd_officer(actor)
    if group not in GROUPS:
        raise ForbiddenError("Kelompok laporan tidak dikenal")
    query = select(Complaint.tracking_code, Complaint.title, Complaint.status,
                   Complaint.received_at, Complaint.closed_at, Complaint.stage_due_at,
                   Complaint.first_follow_up_at, Complaint.instance_id
                   ).where(Complaint.opd_code == opd_code)
    condition = _group_condition(group, opd_code, now)
    if condition is not None:
        query = query.where(condition)
    query = query.order_by(Complaint.closed_at.is_not(None),
                           Complaint.stage_due_at.asc().nulls_last(),
                           Complaint.received_at.desc(), Complaint.id.desc())
    rows = list(session.execute(query.limit(limit).offset(offset)))
    holders = _holders(session, opd_code, [row.instance_id for row in rows])
    calendar = load_calendar(session)
    return [OpdComplaintLine(
        row.tracking_code, row.title, row.status, row.received_at, row.closed_at,
        deadline_badge(calendar, None if row.closed_at else row.stage_due_at, now),
        _place(row, holders.get(row.instance_id))) for row in rows]


def _holders(session: Session, opd_code: str, instance_ids: list[int | None]) -> dict[int, str]:
    """Per instance of the page: who in the OPD holds it (the unit teknis before the liaison,
    whose open notice does not take the draft out of the unit's hands)."""
    found: dict[int, str] = {}
    rows = session.execute(select(HumanTask.instance_id, HumanTask.role).where(
        HumanTask.instance_id.in_([i for i in instance_ids if i is not None]),
        HumanTask.opd_code == opd_code))
    for instance_id, role in rows:
        place = HOLDERS.get(role)
        if place and found.get(instance_id) != "unit_teknis":
            found[instance_id] = place
    return found


def _place(row: Any, holder: str | None) -> str:
    if holder:
        return holder
    if row.closed_at is not None:
        return "selesai"
    return "dijawab" if row.first_follow_up_at is not None else "lain"
