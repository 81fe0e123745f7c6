"""Uploaded files: checked by content (not name), size-limited, stored outside any web folder."""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from engine.errors import FormInvalidError, NotFoundError
from engine.messages import N_, Message

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
MAX_FILES = 6


@dataclass(frozen=True)
class Upload:
    """A file as it arrived: which kind, the name the sender gave it, its bytes."""

    kind: str
    filename: str
    data: bytes


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
        raise FormInvalidError({field: "Berkas kosong."})
    if len(upload.data) > max_bytes:
        raise FormInvalidError(
            {field: Message(N_("Berkas terlalu besar (maksimal %(mb)s MB)."),
                            mb=max_bytes // (1024 * 1024))})
    content_type = sniff(upload.data)
    if content_type is None:
        raise FormInvalidError({field: "Hanya berkas PDF, JPG, PNG atau WEBP yang diterima."})
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
        raise NotFoundError("Berkas tidak ditemukan")
    return path.read_bytes()
