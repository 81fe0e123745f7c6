"""Sending stored files: never from the static folder, never rendered as a page by mistake."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from flask import Response

from engine.complaints.files import OpenedFile

from .wiring import services


def uploads_folder() -> Path:
    """Where uploads are stored (outside any web folder)."""
    return Path(services().settings.uploads_dir)


def send_file(opened: OpenedFile) -> Response:
    """The file as a response: images inline, everything else as a download; no sniffing."""
    response = Response(opened.data, mimetype=opened.content_type)
    disposition = "inline" if opened.is_image else "attachment"
    ascii_name = opened.filename.encode("ascii", "replace").decode().replace('"', "")
    response.headers["Content-Disposition"] = (
        f'{disposition}; filename="{ascii_name}"; filename*=UTF-8\'\'{quote(opened.filename)}')
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    return response
