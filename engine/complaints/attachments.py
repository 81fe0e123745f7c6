"""Uploaded files: checked by content (not name), size-limited, stored outside any web folder.

A file is written before its row is committed (the row must name a file that exists); if the
transaction then ends without a commit — a failed submission, a register-number clash and its
retry, the database gone mid-request or at the commit — the files it wrote are removed, so no
upload is left that no row points to. A process killed in between leaves at most a file that
``alur files check`` finds (engine.complaints.file_check).
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from engine.errors import FormInvalidError, NotFoundError
from engine.messages import N_, Message

from .photos import heif_to_jpeg, jpeg_name
from .tables import Attachment
from .visibility import FILE_KINDS

KINDS = tuple(FILE_KINDS)
# Magic numbers of the only types we accept; nothing that a browser would run or render.
SIGNATURES: list[tuple[bytes, int, str]] = [
    (b"%PDF-", 0, "application/pdf"),
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"WEBP", 8, "image/webp"),
]
# What a file picker offers (``<input type=file accept=...>``): exactly the types above, and
# HEIC/HEIF photos, which arrive as JPEG (engine.complaints.photos). One definition for the
# portal, Front Office and the status page.
PICKER_TYPES = {
    "application/pdf": (".pdf",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
    "image/webp": (".webp",),
    "image/heic": (".heic",),
    "image/heif": (".heif",),
}
UPLOAD_ACCEPT = ",".join(f"{kind},{','.join(ends)}" for kind, ends in PICKER_TYPES.items())
MAX_FILES = 6
_WRITTEN = "alur_uncommitted_files"  # key in Session.info: files this transaction wrote


@dataclass(frozen=True)
class Upload:
    """A file as it arrived: which kind, the name the sender gave it, its bytes."""

    kind: str
    filename: str
    data: bytes

    def __post_init__(self) -> None:
        # Every way a file comes in (portal, Front Office, chat, status page) builds an Upload:
        # an iPhone photo becomes a JPEG here, once, before any check sees it.
        jpeg = heif_to_jpeg(self.data)
        if jpeg is not None:
            object.__setattr__(self, "data", jpeg)
            object.__setattr__(self, "filename", jpeg_name(self.filename))


def sniff(data: bytes) -> str | None:
    """The content type told by the file's first bytes, or None when not an accepted type."""
    for magic, offset, content_type in SIGNATURES:
        if data[offset:offset + len(magic)] == magic:
            if content_type == "image/webp" and not data.startswith(b"RIFF"):
                continue
            return content_type
    return None


def check_upload(upload: Upload, max_bytes: int, field: str) -> str:
    """The upload's real content type; FormInvalidError (naming ``field``) when refused."""
    if upload.kind not in KINDS:
        raise FormInvalidError({field: Message(N_("Jenis berkas tidak dikenal: %(kind)s"),
                                               kind=upload.kind)})
    if not upload.data:
        raise FormInvalidError({field: Message(N_("Berkas kosong."))})
    if len(upload.data) > max_bytes:
        raise FormInvalidError(
            {field: Message(N_("Berkas terlalu besar (maksimal %(mb)s MB)."),
                            mb=max_bytes // (1024 * 1024))})
    content_type = sniff(upload.data)
    if content_type is None:
        raise FormInvalidError({field: Message(
            N_("Hanya berkas PDF, JPG, PNG, WEBP atau foto HEIC yang diterima."))})
    return content_type


def safe_filename(name: str) -> str:
    """A display name with no path and no control characters."""
    base = os.path.basename(name.replace("\\", "/")).strip() or "berkas"
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"|?*')
    return cleaned[:200] or "berkas"


def store_upload(
    session: Session, folder: Path, complaint_id: int, upload: Upload, content_type: str,
    now: datetime,
) -> Attachment:
    """Write the bytes under a random key in ``folder`` and record them."""
    folder.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(16)
    temporary = folder / f".{key}.part"
    written: list[Path] = session.info.setdefault(_WRITTEN, [])
    written += [temporary, folder / key]  # removed unless the transaction commits
    temporary.write_bytes(upload.data)
    os.replace(temporary, folder / key)  # never a half-written file under the real name
    row = Attachment(
        complaint_id=complaint_id, kind=upload.kind, filename=safe_filename(upload.filename),
        content_type=content_type, size=len(upload.data),
        sha256=hashlib.sha256(upload.data).hexdigest(), storage_key=key, uploaded_at=now,
    )
    session.add(row)
    return row


def read_attachment(folder: Path, attachment: Attachment) -> bytes:
    """The stored bytes of an attachment."""
    path = folder / attachment.storage_key
    if not path.is_file():
        raise NotFoundError(Message(N_("Berkas tidak ditemukan")))
    return path.read_bytes()


@event.listens_for(Session, "after_commit")
def _keep_written_files(session: Session) -> None:
    """The rows naming them are durable: the files stay."""
    session.info.pop(_WRITTEN, None)


@event.listens_for(Session, "after_transaction_end")
def _remove_uncommitted_files(session: Session, transaction: SessionTransaction) -> None:
    """The transaction ended without a commit (rollback, close, failed commit): its files go."""
    if transaction.parent is not None:
        return
    for path in session.info.pop(_WRITTEN, []):
        path.unlink(missing_ok=True)
