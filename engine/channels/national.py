"""The exchange with national LAPOR! (docs/channels.md): complaints forwarded to us, and the
return and status documents we send back through a connector."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.calendar.working_days import WIB
from engine.complaints.intake import Intake, submit_complaint
from engine.complaints.tables import Complaint, ReporterIdentity
from engine.db import UnitOfWork
from engine.domain import Actor
from engine.errors import ConflictError, FormInvalidError
from engine.reference.tables import Category
from engine.workflow.context import Runtime

from .base import Outgoing
from .http import post_json

PATHS = {"return": "/v1/pengaduan/pengalihan", "status": "/v1/pengaduan/status",
         "report": "/v1/pengaduan/daerah"}


class NationalConnector(Protocol):
    """Something that delivers a document to the national coordinator."""

    def deliver(self, kind: str, document: dict[str, Any], key: str) -> None:
        """Deliver ``document`` of ``kind`` (return|status); ``key`` makes repeats harmless."""


class HttpNationalConnector:
    """The documented JSON-over-HTTPS exchange with a bearer API key."""

    def __init__(self, base_url: str, api_key: str, timeout: float) -> None:
        self.base_url, self.api_key, self.timeout = base_url.rstrip("/"), api_key, timeout

    def deliver(self, kind: str, document: dict[str, Any], key: str) -> None:
        """POST the document to the endpoint of its kind."""
        url = self.base_url + PATHS[kind] if self.base_url else ""
        headers = {"Authorization": f"Bearer {self.api_key}", "Idempotency-Key": key}
        post_json(url, document, headers, self.timeout)


class NationalAdapter:
    """The outbox's channel ``nasional``: hands documents to a connector."""

    def __init__(self, connector: NationalConnector) -> None:
        self.connector = connector

    def send(self, message: Outgoing) -> None:
        """Deliver the message's document; ``to`` names its kind."""
        self.connector.deliver(message.to, message.document, message.key)


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
    reported = _instant(body.get("reported_at"), wrong)
    if wrong:
        raise FormInvalidError(wrong)
    return Intake(
        title=values["title"] or "", description=values["description"] or "",
        channel="nasional", category=values["category"], kecamatan=values["kecamatan"],
        incident_date=incident, anonim=body.get("anonim") is True,
        rahasia=body.get("rahasia") is True, name=_text(reporter.get("name")),
        phone=_text(reporter.get("phone")), email=_text(reporter.get("email")),
        external_id=external_id, reported_at=reported,
    )


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _instant(value: Any, wrong: dict[str, str]) -> datetime | None:
    """The original report's instant: ISO 8601 with its offset."""
    if value in (None, ""):
        return None
    try:
        found = datetime.fromisoformat(str(value))
    except ValueError:
        found = None
    if found is None or found.tzinfo is None:
        wrong["reported_at"] = "Waktu harus berbentuk ISO 8601 dengan zona waktu."
        return None
    return found.astimezone(UTC)


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


def status_document(complaint: Complaint, status: str, follow_up: str, due: str,
                    survey_url: str = "") -> dict[str, Any]:
    """A status update about a complaint national knows (forwarded to us, or sent up); at an
    outcome it carries the link national's reporter answers the SKM with."""
    return {
        "type": "status", "agency": AGENCY_CODE, "tracking_code": complaint.tracking_code,
        "external_id": complaint.external_id, "status": status,
        "follow_up": follow_up or None, "due": due or None, "survey_url": survey_url or None,
    }


def report_document(session: Session, complaint: Complaint) -> dict[str, Any]:
    """A complaint received here, sent up to national as the system of record."""
    document = return_document(session, complaint, "")
    document.update(type="report", status=complaint.status)
    for key in ("reason", "target_agency", "survey_url"):
        document.pop(key)
    return document


def return_document(session: Session, complaint: Complaint, reason: str,
                    target_agency: str = "", survey_url: str = "") -> dict[str, Any]:
    """A complaint that is not the regency's authority, handed to the national coordinator
    "untuk diteruskan kembali" (duty e.5): why, and to whom it belongs where known."""
    identity = session.get(ReporterIdentity, complaint.id)
    category = session.get(Category, complaint.category_code) if complaint.category_code else None
    reporter = None
    if identity is not None:
        reporter = {"name": identity.name, "phone": identity.phone, "email": identity.email}
    return {
        "type": "return", "agency": AGENCY_CODE, "tracking_code": complaint.tracking_code,
        "external_id": complaint.external_id, "status": "dialihkan", "reason": reason or None,
        "target_agency": target_agency or None, "survey_url": survey_url or None,
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
