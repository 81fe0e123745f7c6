"""Opening a stored file for a viewer: who may, and a trace of every ID-document read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from engine import audit
from engine.domain import REPORTER, Actor
from engine.errors import NotFoundError

from .attachments import read_attachment
from .tables import Attachment, Complaint
from .visibility import file_read_is_audited, may_open_file

IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/webp"})


@dataclass(frozen=True)
class OpenedFile:
    """A file's bytes with what a response needs to send it safely."""

    filename: str
    content_type: str
    data: bytes

    @property
    def is_image(self) -> bool:
        """Images may be shown inline; everything else is downloaded."""
        return self.content_type in IMAGE_TYPES


def open_attachment(
    session: Session, folder: Path, attachment_id: int, viewer: Actor | None, now: datetime,
    *, reporter_of: int | None = None,
) -> OpenedFile:
    """The file when ``viewer`` may read it; one NotFoundError for missing and not theirs.

    ``reporter_of`` is the complaint whose secret the reporter proved. Reads of an ID document
    and of a scan that shows the reporter are written to the audit log.
    """
    row = session.get(Attachment, attachment_id)
    complaint = session.get(Complaint, row.complaint_id) if row is not None else None
    if row is None or complaint is None:
        raise NotFoundError("Berkas tidak ditemukan")
    own = reporter_of is not None and reporter_of == complaint.id
    if not own and not may_open_file(viewer, complaint, row.kind):
        raise NotFoundError("Berkas tidak ditemukan")
    data = read_attachment(folder, row)
    if file_read_is_audited(row.kind):
        audit.record(session, viewer if viewer is not None and not own else REPORTER,
                     "identity_document_viewed", now, complaint_id=complaint.id,
                     instance_id=complaint.instance_id, attachment_id=row.id, kind=row.kind)
    return OpenedFile(row.filename, row.content_type, data)
