"""The exchange with national LAPOR!: complaints forwarded to us, returns and status updates.

Inbound complaints are idempotent on the coordinator's ``external_id``: the same complaint
sent twice is one complaint. Outbound documents are built here and sent through the outbox.
The JSON contract is in docs/channels.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .calendar import WIB
from .complaint_models import Complaint, ReporterIdentity
from .complaints import Intake, submit_complaint
from .context import Runtime
from .db import UnitOfWork
from .domain import Actor
from .errors import ConflictError, FormInvalidError
from .models import Category

NATIONAL_ACTOR = Actor("lapor-nasional", "sistem")
AGENCY_CODE = "kab-empat-lawang"
TEXT_FIELDS = ("title", "description", "category", "kecamatan")


@dataclass(frozen=True)
class NationalReceipt:
    """Our answer to a forwarded complaint: its tracking code here; duplicate when known."""

    tracking_code: str
    registration_no: str
    status: str
    duplicate: bool


def intake_from_document(body: dict[str, Any]) -> Intake:
    """The intake of a forwarded complaint; FormInvalidError names the fields that are wrong."""
    external_id = str(body.get("external_id") or "").strip()
    values = {name: body.get(name) for name in TEXT_FIELDS}
    wrong = {n: "Harus berupa teks." for n, v in values.items() if v is not None
             and not isinstance(v, str)}
    if not external_id or len(external_id) > 80:
        wrong["external_id"] = "Wajib diisi (paling panjang 80 karakter)."
    reporter = body.get("reporter") or {}
    if not isinstance(reporter, dict):
        wrong["reporter"] = "Harus berupa objek."
        reporter = {}
    incident = _date(body.get("incident_date"), wrong)
    if wrong:
        raise FormInvalidError(wrong)
    return Intake(
        title=values["title"] or "", description=values["description"] or "",
        channel="nasional", category=values["category"], kecamatan=values["kecamatan"],
        incident_date=incident, anonim=body.get("anonim") is True,
        rahasia=body.get("rahasia") is True, name=_text(reporter.get("name")),
        phone=_text(reporter.get("phone")), email=_text(reporter.get("email")),
        external_id=external_id,
    )


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _date(value: Any, wrong: dict[str, str]) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        wrong["incident_date"] = "Tanggal harus berbentuk YYYY-MM-DD."
        return None


def receive_forwarded(
    new_uow: Callable[[], UnitOfWork], rt: Runtime, body: dict[str, Any]
) -> NationalReceipt:
    """Register a complaint forwarded by the national coordinator, once per external id."""
    intake = intake_from_document(body)
    known = _known(new_uow, intake.external_id or "")
    if known is not None:
        return known
    try:
        receipt = submit_complaint(new_uow(), rt, intake, NATIONAL_ACTOR)
    except ConflictError:
        known = _known(new_uow, intake.external_id or "")  # a twin request won the race
        if known is None:
            raise
        return known
    return NationalReceipt(receipt.tracking_code, receipt.registration_no, receipt.status,
                           duplicate=False)


def _known(new_uow: Callable[[], UnitOfWork], external_id: str) -> NationalReceipt | None:
    with new_uow() as uow:
        found = uow.session.scalars(
            select(Complaint).where(Complaint.external_id == external_id)).first()
        if found is None:
            return None
        return NationalReceipt(found.tracking_code, found.registration_no, found.status,
                               duplicate=True)


def status_document(complaint: Complaint, status: str, follow_up: str, due: str
                    ) -> dict[str, Any]:
    """A status update about a complaint the coordinator forwarded to us."""
    return {
        "type": "status", "agency": AGENCY_CODE, "tracking_code": complaint.tracking_code,
        "external_id": complaint.external_id, "status": status,
        "follow_up": follow_up or None, "due": due or None,
    }


def return_document(session: Session, complaint: Complaint, reason: str) -> dict[str, Any]:
    """A complaint that is not the regency's authority, handed to the national coordinator."""
    identity = session.get(ReporterIdentity, complaint.id)
    category = session.get(Category, complaint.category_code) if complaint.category_code else None
    reporter = None
    if identity is not None:
        reporter = {"name": identity.name, "phone": identity.phone, "email": identity.email}
    return {
        "type": "return", "agency": AGENCY_CODE, "tracking_code": complaint.tracking_code,
        "external_id": complaint.external_id, "status": "dialihkan", "reason": reason or None,
        "complaint": {
            "title": complaint.title, "description": complaint.description,
            "category": {"code": category.code, "name": category.name} if category else None,
            "kecamatan": complaint.kecamatan_code,
            "incident_date": complaint.incident_date.isoformat()
            if complaint.incident_date else None,
            "received_at": complaint.received_at.astimezone(WIB).isoformat(),
            "channel": complaint.channel, "anonim": complaint.anonim,
            "rahasia": complaint.rahasia, "reporter": reporter,
        },
    }
