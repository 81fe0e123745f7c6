"""The uploads folder against the attachment rows: files no row points to, rows whose file is
gone (``alur files check``).

A submission writes its files just before it commits, so a file younger than the grace period
may belong to one still in progress: it is listed, never removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from .tables import Attachment, Complaint

GRACE = timedelta(hours=1)


@dataclass(frozen=True)
class StrayFile:
    """A file in the uploads folder that no attachment row names."""

    name: str
    size: int
    modified: datetime

    def removable(self, now: datetime, grace: timedelta = GRACE) -> bool:
        """Old enough that no submission in progress can still commit a row for it."""
        return now - self.modified >= grace


@dataclass(frozen=True)
class MissingFile:
    """An attachment row whose file is not in the uploads folder."""

    attachment_id: int
    tracking_code: str
    kind: str
    filename: str


@dataclass(frozen=True)
class FileCheck:
    """What ``check_files`` found."""

    stray: list[StrayFile]
    missing: list[MissingFile]
    checked: int  # attachment rows

    @property
    def clean(self) -> bool:
        """Nothing stray and nothing missing."""
        return not self.stray and not self.missing


def check_files(session: Session, folder: Path) -> FileCheck:
    """Compare ``folder`` with the attachment rows (a missing folder holds no file)."""
    rows = session.execute(
        select(Attachment.id, Attachment.storage_key, Attachment.kind, Attachment.filename,
               Complaint.tracking_code)
        .join(Complaint, Complaint.id == Attachment.complaint_id).order_by(Attachment.id)).all()
    on_disk = {p.name: p for p in folder.iterdir() if p.is_file()} if folder.is_dir() else {}
    keys = {row.storage_key for row in rows}
    stray = []
    for name in sorted(set(on_disk) - keys):
        info = on_disk[name].stat()
        modified = datetime.fromtimestamp(info.st_mtime).astimezone()
        stray.append(StrayFile(name, info.st_size, modified))
    missing = [MissingFile(row.id, row.tracking_code, row.kind, row.filename)
               for row in rows if row.storage_key not in on_disk]
    return FileCheck(stray, missing, len(rows))


def remove_stray(folder: Path, found: FileCheck, now: datetime,
                 grace: timedelta = GRACE) -> list[StrayFile]:
    """Delete the stray files older than ``grace``; the ones removed."""
    removed = []
    for stray in found.stray:
        if stray.removable(now, grace):
            (folder / stray.name).unlink(missing_ok=True)
            removed.append(stray)
    return removed
