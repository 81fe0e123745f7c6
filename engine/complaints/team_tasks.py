"""Tasks the heads of the team give an Anggota (duty d.5 of the decree): the Penanggung Jawab or
the Ketua assigns one, about a complaint or free-standing; it waits in the Anggota's inbox until
they record it done with a reply. Giving and finishing are audited (on the complaint's trail
when there is one)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import audit
from engine.accounts.tables import User
from engine.calendar.working_days import WIB
from engine.domain import ASSIGNING_ROLES, Actor
from engine.errors import ConflictError, ForbiddenError, FormInvalidError, NotFoundError
from engine.messages import N_, Message

from .tables import Complaint, TeamTask
from .visibility import may_read_complaint

ASSIGNEE_ROLE = "anggota"
TITLE_MAX, TEXT_MAX = 150, 4000
REQUIRED = N_("Wajib diisi.")
TOO_LONG = N_("Paling banyak %(n)s karakter.")
BAD_DATE = N_("Tulis tanggal sebagai TTTT-BB-HH.")
PAST_DATE = N_("Batas waktu tidak boleh sebelum hari ini.")
NO_ANGGOTA = N_("Pilih Anggota tim yang aktif.")
NO_COMPLAINT = N_("Kode lacak tidak ditemukan.")


@dataclass(frozen=True)
class TeamTaskView:
    """A team task with the names and the complaint a screen shows."""

    task: TeamTask
    assignee: str
    tracking_code: str | None
    complaint_title: str | None


def anggota_choices(session: Session) -> list[tuple[int, str]]:
    """(user id, name) of every active Anggota, to give a task to."""
    rows = session.execute(select(User.id, User.full_name).where(
        User.role == ASSIGNEE_ROLE, User.active.is_(True)).order_by(User.full_name))
    return [(uid, name) for uid, name in rows]


def give_task(session: Session, actor: Actor, values: Mapping[str, str],
              now: datetime) -> TeamTask:
    """The Penanggung Jawab or the Ketua gives an Anggota a task; FormInvalidError names bad
    fields."""
    if actor.role not in ASSIGNING_ROLES:
        raise ForbiddenError("Hanya Penanggung Jawab dan Ketua yang memberi tugas kepada Anggota")
    errors: dict[str, str] = {}
    assignee = _assignee(session, values.get("assignee", ""), errors)
    complaint = _complaint(session, actor, values.get("complaint", ""), errors)
    title = _text(values, "title", TITLE_MAX, errors)
    instruction = _text(values, "instruction", TEXT_MAX, errors)
    due = _due(values.get("due_on", ""), now, errors)
    if errors:
        raise FormInvalidError(errors)
    assert assignee is not None
    task = TeamTask(complaint_id=complaint.id if complaint else None, assignee_id=assignee.id,
                    title=title, instruction=instruction, given_by=actor.username,
                    given_by_role=actor.role, given_at=now, due_on=due, done_at=None, reply="")
    session.add(task)
    session.flush()
    audit.record(session, actor, "team_task_given", now, complaint_id=task.complaint_id,
                 team_task_id=task.id, assignee=assignee.username, title=title,
                 due_on=due.isoformat() if due else None)
    return task


def finish_task(session: Session, actor: Actor, task_id: int, reply: str,
                now: datetime) -> TeamTask:
    """The Anggota records the task done, with what was done or found."""
    task = session.get(TeamTask, task_id)
    if task is None or task.assignee_id != actor.user_id:
        raise NotFoundError("Penugasan tidak ditemukan")
    if task.done_at is not None:
        raise ConflictError("Penugasan ini sudah diselesaikan")
    errors: dict[str, str] = {}
    text = _text({"reply": reply}, "reply", TEXT_MAX, errors)
    if errors:
        raise FormInvalidError(errors)
    task.done_at, task.reply = now, text
    audit.record(session, actor, "team_task_done", now, complaint_id=task.complaint_id,
                 team_task_id=task.id, reply=text)
    return task


def get_team_task(session: Session, actor: Actor, task_id: int) -> TeamTaskView:
    """One task, for its Anggota or the heads of the team (others: NotFoundError)."""
    task = session.get(TeamTask, task_id)
    if task is None or not (task.assignee_id == actor.user_id or actor.role in ASSIGNING_ROLES):
        raise NotFoundError("Penugasan tidak ditemukan")
    return _views(session, [task])[0]


def open_tasks_for(session: Session, actor: Actor) -> list[TeamTaskView]:
    """The actor's tasks not yet done, soonest due first (the Anggota's inbox)."""
    tasks = session.scalars(select(TeamTask).where(
        TeamTask.assignee_id == actor.user_id, TeamTask.done_at.is_(None))
        .order_by(TeamTask.due_on.asc().nulls_last(), TeamTask.given_at, TeamTask.id))
    return _views(session, list(tasks))


def recent_tasks(session: Session, limit: int = 50) -> list[TeamTaskView]:
    """The latest tasks given, open ones first (what the heads of the team follow)."""
    tasks = session.scalars(select(TeamTask).order_by(
        TeamTask.done_at.is_not(None), TeamTask.given_at.desc(), TeamTask.id.desc())
        .limit(limit))
    return _views(session, list(tasks))


def _views(session: Session, tasks: list[TeamTask]) -> list[TeamTaskView]:
    names = {uid: name for uid, name in session.execute(select(User.id, User.full_name).where(
        User.id.in_({t.assignee_id for t in tasks})))}
    complaint_ids = {t.complaint_id for t in tasks if t.complaint_id}
    complaints = {c.id: c for c in session.scalars(select(Complaint).where(
        Complaint.id.in_(complaint_ids)))} if complaint_ids else {}
    views = []
    for task in tasks:
        complaint = complaints.get(task.complaint_id or 0)
        views.append(TeamTaskView(task, names.get(task.assignee_id, "?"),
                                  complaint.tracking_code if complaint else None,
                                  complaint.title if complaint else None))
    return views


def _assignee(session: Session, text: str, errors: dict[str, str]) -> User | None:
    user = session.get(User, int(text)) if text.strip().isdigit() else None
    if user is None or user.role != ASSIGNEE_ROLE or not user.active:
        errors["assignee"] = Message(NO_ANGGOTA)
        return None
    return user


def _complaint(session: Session, actor: Actor, code: str,
               errors: dict[str, str]) -> Complaint | None:
    code = code.strip().upper()
    if not code:
        return None
    found = session.scalar(select(Complaint).where(Complaint.tracking_code == code))
    if found is None or not may_read_complaint(actor, found):
        errors["complaint"] = Message(NO_COMPLAINT)
        return None
    return found


def _text(values: Mapping[str, str], name: str, limit: int, errors: dict[str, str]) -> str:
    text = (values.get(name) or "").strip()
    if not text:
        errors[name] = Message(REQUIRED)
    elif len(text) > limit:
        errors[name] = Message(TOO_LONG, n=limit)
    return text


def _due(text: str, now: datetime, errors: dict[str, str]) -> date | None:
    if not text.strip():
        return None
    try:
        due = date.fromisoformat(text.strip())
    except ValueError:
        errors["due_on"] = Message(BAD_DATE)
        return None
    if due < now.astimezone(WIB).date():
        errors["due_on"] = Message(PAST_DATE)
    return due
