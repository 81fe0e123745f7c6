"""What a message about a complaint may say: the values its templates are rendered with."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote, urlsplit

from SpiffWorkflow.util.task import TaskState
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.complaints.codes import survey_token
from engine.complaints.tables import Complaint, FollowUp, OutboxMessage
from engine.reference.tables import Opd
from engine.settings import Settings
from engine.workflow.context import Runtime
from engine.workflow.runtime import load_state
from engine.workflow.scripting import make_script_engine
from engine.workflow.tables import ProcessInstance

from .render import format_day

AGENCY = "Pemerintah Kabupaten Empat Lawang"
REASON_TEXT = {"tidak_dilengkapi": "klarifikasi tidak dijawab sampai batas waktu"}
# Templates whose message quotes the reason Tim Admin wrote in the verification form.
WITH_REASON = frozenset({"klarifikasi", "dialihkan", "diarsipkan"})


def links(settings: Settings, tracking_code: str = "") -> dict[str, str]:
    """Addresses messages point to: the portal, tracking, the officer's page, the survey."""
    base = settings.message_url
    code = quote(tracking_code)
    return {
        "site": urlsplit(base).netloc or base,
        "track_url": f"{base}/lacak?kode={code}",
        "officer_url": f"{base}/petugas/laporan/{code}" if code else f"{base}/petugas/",
        "survey_url": f"{base}/survei/?kode={code}",
        "digest_url": f"{base}/saluran/ringkasan",
    }


def survey_link(settings: Settings, tracking_code: str) -> str:
    """The survey address with the token that stands in for the secret (national reporters)."""
    token = survey_token(settings.secret_key, tracking_code)
    return f"{links(settings, tracking_code)['survey_url']}&token={token}"


def complaint_context(
    session: Session, rt: Runtime, complaint: Complaint, message: OutboxMessage
) -> dict[str, Any]:
    """The values of a notification about ``complaint`` queued as ``message``."""
    payload = json.loads(message.payload or "{}")
    # The OPD when the message was queued: a complaint that left its OPD is told about by name.
    opd_code = payload.get("opd_code") or complaint.opd_code
    opd = session.get(Opd, opd_code) if opd_code else None
    reason = reason_of(session, rt, complaint) if message.template in WITH_REASON else ""
    return {
        "agency": AGENCY,
        "tracking_code": complaint.tracking_code,
        "registration_no": complaint.registration_no,
        "title": complaint.title,
        "status": payload.get("status") or complaint.status,
        "opd_name": opd.name if opd else "",
        "due": format_day(complaint.stage_due_at),
        "follow_up": latest_follow_up(session, complaint, message) or "",
        "reason": reason,
        "name": "",
        **links(rt.settings, complaint.tracking_code),
    }


def latest_follow_up(session: Session, complaint: Complaint, message: OutboxMessage
                     ) -> str | None:
    """The OPD's newest answer at the time ``message`` was queued."""
    return session.scalar(
        select(FollowUp.text)
        .where(FollowUp.complaint_id == complaint.id, FollowUp.kind == "tindak_lanjut",
               FollowUp.at <= message.created_at)
        .order_by(FollowUp.at.desc(), FollowUp.id.desc()).limit(1))


def reason_of(session: Session, rt: Runtime, complaint: Complaint) -> str:
    """The reason or question from the verification form, in words a reporter understands."""
    if complaint.status == "diarsipkan" and complaint.archive_reason:
        return REASON_TEXT.get(complaint.archive_reason, complaint.archive_reason)
    value = _workflow_value(session, rt, complaint, "reason")
    return str(value).strip() if value else ""


def target_agency_of(session: Session, rt: Runtime, complaint: Complaint) -> str:
    """The agency Tim Admin named as having authority over a redirected complaint, or ""."""
    value = _workflow_value(session, rt, complaint, "instansi_tujuan")
    return str(value).strip() if value else ""


def _workflow_value(session: Session, rt: Runtime, complaint: Complaint, name: str) -> Any:
    instance = session.get(ProcessInstance, complaint.instance_id)
    if instance is None or not instance.state:
        return None
    wf = load_state(instance.state, instance.serializer_version,
                    rt.specs.of_definition(session, instance.definition_id),
                    make_script_engine({}))
    for task in wf.get_tasks(state=TaskState.WAITING | TaskState.READY):
        if task.data.get(name):
            return task.data[name]
    return wf.last_task.data.get(name) if wf.last_task is not None else None
