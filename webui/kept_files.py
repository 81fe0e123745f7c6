"""Files chosen on a complaint form that came back with errors, kept on the server for the next
attempt of the same form (its submission token), so nobody goes back to the gallery on a phone.

Only files the engine would accept are kept; they are dropped when the complaint is filed, and a
form abandoned for a day loses them at the next sweep.
"""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

from engine.complaints.attachments import Upload, check_upload
from engine.errors import FormInvalidError

from .wiring import services

PENDING = "_formulir"
KEPT_FOR = timedelta(days=1)
STAMP = "disimpan"


def _folder(token: str) -> Path:
    # The token's shape is checked by webui.receipts.posted_token: letters, digits, - and _.
    return Path(services().settings.uploads_dir) / PENDING / token


def load(token: str, field: str, kind: str) -> list[Upload]:
    """The files kept for ``field`` of the form ``token``, in the order they were chosen."""
    folder = _folder(token) / field
    if not folder.is_dir():
        return []
    return [Upload(kind=kind, filename=path.name.split("-", 1)[1], data=path.read_bytes())
            for path in sorted(folder.iterdir(), key=lambda p: int(p.name.split("-", 1)[0]))]


def keep(token: str, files: dict[str, list[Upload]]) -> list[str]:
    """Keep the acceptable ``files`` (field → uploads) of the form ``token``; their names."""
    sweep()
    limit = services().settings.max_upload_mb * 1024 * 1024
    kept: list[str] = []
    for field, uploads in files.items():
        folder = _folder(token) / field
        shutil.rmtree(folder, ignore_errors=True)
        for number, upload in enumerate(uploads):
            try:
                check_upload(upload, limit, field)
            except FormInvalidError:
                continue  # a refused file is chosen again, not kept
            folder.mkdir(parents=True, exist_ok=True)
            name = Path(upload.filename).name.replace("/", "_") or "berkas"
            (folder / f"{number}-{name}").write_bytes(upload.data)
            kept.append(upload.filename)
    if kept:
        (_folder(token) / STAMP).write_text(services().clock().isoformat())
    return kept


def drop(token: str | None) -> None:
    """Forget the form's kept files (its complaint is filed)."""
    if token:
        shutil.rmtree(_folder(token), ignore_errors=True)


def sweep() -> None:
    """Remove the files of forms abandoned for longer than KEPT_FOR."""
    root = Path(services().settings.uploads_dir) / PENDING
    if not root.is_dir():
        return
    for folder in root.iterdir():
        stamp = folder / STAMP
        try:
            stale = services().clock() - datetime.fromisoformat(stamp.read_text()) > KEPT_FOR
        except (OSError, ValueError):
            stale = True
        if stale:
            shutil.rmtree(folder, ignore_errors=True)
