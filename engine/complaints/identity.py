"""The standard's first requirement: a complaint form with a copy of the reporter's KTP/SIM/KTM.

A named report carries the copy where the channel can carry a file and someone can be asked on
the spot: the portal, the API (mobile app) and the counter. An anonymous report never needs it.
Channels that cannot carry a file (SMS 1708) or cannot ask back (a letter in the complaint box)
create the complaint anyway — nothing a citizen sends is lost — and it shows "identitas belum
dilengkapi" to Tim Admin, who asks for the copy through clarification; the reporter then adds it
from their tracking page. Complaints forwarded by national LAPOR! were registered there.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import audit
from engine.db import UnitOfWork
from engine.domain import FINAL_STATUSES, Actor
from engine.errors import ConflictError, FormInvalidError
from engine.messages import N_, Message
from engine.settings import Settings
from engine.workflow.context import Runtime

from .attachments import Upload, check_upload, store_upload
from .reporter import find_complaint
from .tables import Attachment, Complaint

ID_KIND = "identitas"
ID_FIELD = "id_document"
# Channels where a named report must come with the copy (the setting may relax ONLINE ones).
ID_AT_INTAKE = frozenset({"web", "mobile", "loket"})
ONLINE = frozenset({"web", "mobile"})
# Registered by national LAPOR!, whose own identity check came first.
ID_CHECKED_ELSEWHERE = frozenset({"nasional"})
ID_REQUIRED = N_("Lampirkan salinan KTP, SIM atau KTM untuk laporan dengan nama, atau pilih "
                 "anonim.")


def id_copy_required(channel: str, anonim: bool, settings: Settings) -> bool:
    """True when a named report on ``channel`` may not be filed without the ID copy."""
    if anonim or channel not in ID_AT_INTAKE:
        return False
    return not (channel in ONLINE and settings.id_document_optional_online)


def check_id_copy(channel: str, anonim: bool, uploads: list[Upload], settings: Settings) -> None:
    """FormInvalidError on ``id_document`` when the intake lacks a required ID copy."""
    if id_copy_required(channel, anonim, settings) and not any(
            u.kind == ID_KIND for u in uploads):
        raise FormInvalidError({ID_FIELD: Message(ID_REQUIRED)})


def id_copy_missing(complaint: Complaint, has_copy: bool) -> bool:
    """True when a named report still lacks the ID copy ("identitas belum dilengkapi")."""
    return not (complaint.anonim or has_copy or complaint.channel in ID_CHECKED_ELSEWHERE)


def has_id_copy(session: Session, complaint_id: int) -> bool:
    """True when the complaint has an ID copy on file."""
    return session.scalar(select(Attachment.id).where(
        Attachment.complaint_id == complaint_id, Attachment.kind == ID_KIND).limit(1)) is not None


def add_id_copy(uow: UnitOfWork, rt: Runtime, tracking_code: str, upload: Upload,
                actor: Actor) -> None:
    """The reporter (already proven by the caller) adds the ID copy Tim Admin asked for."""
    with uow:
        session = uow.session
        complaint = find_complaint(session, tracking_code)
        if complaint.status in FINAL_STATUSES:
            raise ConflictError(N_("Laporan ini sudah ditutup."))
        if not id_copy_missing(complaint, has_id_copy(session, complaint.id)):
            raise ConflictError(N_("Laporan ini tidak memerlukan salinan identitas lagi."))
        upload = Upload(ID_KIND, upload.filename, upload.data)
        content_type = check_upload(upload, rt.settings.max_upload_mb * 1024 * 1024, ID_FIELD)
        now = rt.clock()
        stored = store_upload(session, Path(rt.settings.uploads_dir), complaint.id, upload,
                              content_type, now)
        session.flush()
        audit.record(session, actor, "identity_completed", now, complaint_id=complaint.id,
                     instance_id=complaint.instance_id, attachment_id=stored.id)
        uow.commit()
