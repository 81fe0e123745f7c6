"""The JSON shapes of complaints and tasks, from what the engine let the caller see."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from engine.calendar.working_days import WorkingCalendar
from engine.complaints.read_models import ComplaintView, Identity, deadline_badge
from engine.complaints.tables import Complaint, HumanTask
from engine.complaints.view_rows import FollowUpLine, TimelineLine

from .common import day, iso

# What a status means to the reporter, for the tracking timeline.
STATUS_NOTES = {
    "diterima": "Laporan diterima dan menunggu verifikasi",
    "perlu_klarifikasi": "Petugas meminta klarifikasi dari pelapor",
    "didisposisikan": "Laporan diteruskan ke OPD untuk ditindaklanjuti",
    "ditindaklanjuti": "OPD telah memberikan tindak lanjut",
    "selesai": "Laporan selesai",
    "dikembalikan": "OPD menyatakan bukan kewenangannya; laporan akan dialihkan",
    "dialihkan": "Laporan dialihkan ke koordinator SP4N LAPOR! nasional",
    "diarsipkan": "Laporan diarsipkan",
}


def complaint_json(view: ComplaintView, *, private: bool, identity: bool) -> dict[str, Any]:
    """A complaint as its viewer may see it.

    ``private`` adds what only officers and the reporter read (registration number, flags,
    files); ``identity`` says the engine released the reporter's contact details.
    """
    c = view.complaint
    body: dict[str, Any] = {
        "tracking_code": c.tracking_code,
        "status": c.status,
        "title": c.title,
        "description": c.description,
        "category": _named(c.category_code, view.category_name),
        "opd": _named(c.opd_code, view.opd_name),
        "kecamatan": c.kecamatan_code,
        "place": place_json(view),
        "received_at": iso(c.received_at),
        "deadline": iso(c.stage_due_at),
        "closed_at": iso(c.closed_at),
        "timeline": [_timeline_entry(entry) for entry in view.timeline],
        "follow_ups": [_follow_up(f) for f in view.follow_ups],
        "reporter": identity_json(view.identity, full=identity),
    }
    if private:
        body.update(_private(view))
    return body


def _private(view: ComplaintView) -> dict[str, Any]:
    c = view.complaint
    return {
        "registration_no": c.registration_no,
        "channel": c.channel,
        "jenis": c.jenis,
        "anonim": c.anonim,
        "rahasia": c.rahasia,
        "incident_date": day(c.incident_date),
        "archive_reason": c.archive_reason,
        "attachments": [{"id": a.id, "filename": a.filename, "content_type": a.content_type,
                         "size": a.size} for a in view.attachments],
    }


def place_json(view: ComplaintView) -> dict[str, Any] | None:
    """Kecamatan, desa and the pinned point as this viewer may see them (None: no place)."""
    c = view.complaint
    if not (c.kecamatan_code or c.desa_code or view.position):
        return None
    point = view.position
    return {"kecamatan": _named(c.kecamatan_code, view.kecamatan_name),
            "desa": _named(c.desa_code, view.desa_name),
            "latitude": point[0] if point else None, "longitude": point[1] if point else None}


def identity_json(identity: Identity | None, *, full: bool) -> dict[str, Any] | None:
    """The reporter as released by the engine: everything, or only the name (no other key)."""
    if identity is None:
        return None
    if full:
        return asdict(identity)
    return {"name": identity.name} if identity.name else None


def _named(code: str | None, name: str | None) -> dict[str, str | None] | None:
    return {"code": code, "name": name} if code else None


def _timeline_entry(entry: TimelineLine) -> dict[str, Any]:
    status = entry.to_status or "diterima"
    return {"at": iso(entry.at), "status": status, "note": STATUS_NOTES.get(status, "")}


def _follow_up(item: FollowUpLine) -> dict[str, Any]:
    return {"at": iso(item.at), "kind": item.kind, "author": item.author, "text": item.text}


def task_json(task: HumanTask, complaint: Complaint, calendar: WorkingCalendar,
              now: datetime, names: dict[int, str]) -> dict[str, Any]:
    """A ready task as an inbox line, with its deadline in working days."""
    badge = deadline_badge(calendar, task.due_at, now)
    days = badge["days"]
    assignee = ({"id": task.assignee_id, "name": names.get(task.assignee_id, "")}
                if task.assignee_id is not None else None)
    return {
        "id": task.id,
        "name": task.title,
        "spec": task.spec_name,
        "lane": task.lane,
        "role": task.role,
        "opd": task.opd_code,
        "tracking_code": complaint.tracking_code,
        "complaint_title": complaint.title,
        "complaint_status": complaint.status,
        "created_at": iso(task.created_at),
        "due_at": iso(task.due_at),
        "overdue": badge["overdue"],
        # Negative: working days the task is late by.
        "working_days_left": None if days is None else (-days if badge["overdue"] else days),
        "assignee": assignee,
        "claimed_at": iso(task.claimed_at),
        "form": task.form_key,
    }
