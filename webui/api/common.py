"""What every API route shares: the blueprint, JSON bodies, WIB times, checked path values."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from flask import Blueprint, Response, abort, request

from engine.calendar.working_days import WIB
from engine.complaints.codes import ALPHABET, PREFIX, normalize_tracking_code
from engine.errors import FormInvalidError, NotFoundError

bp = Blueprint("api", __name__, url_prefix="/api/v1")

_TRACKING_CODE = re.compile(rf"{PREFIX}-[{ALPHABET}]{{8}}")
_TASK_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# The databases' integer keys; a larger number in a path names nothing.
MAX_ID = 2**31 - 1
# A body without files (JSON, or a url-encoded form) holds only text: a complaint or a task's
# form data is a few kilobytes (texts of at most 5,000 characters; 12 bytes each even when
# every one is an emoji escaped as \ud83d\ude00, so 60 KB). 1 MB leaves ample room, and refuses
# more before a byte is read or parsed; multipart bodies carry the files and keep the app's
# MAX_CONTENT_LENGTH (sized for uploads).
MAX_TEXT_BODY = 1024 * 1024
FILE_BODY = "multipart/form-data"


def iso(instant: datetime | None) -> str | None:
    """An instant as ISO 8601 in WIB (``2026-03-05T23:59:59+07:00``)."""
    return instant.astimezone(WIB).isoformat() if instant is not None else None


def day(value: date | None) -> str | None:
    """A calendar date as ``YYYY-MM-DD``."""
    return value.isoformat() if value is not None else None


def json_object() -> dict[str, Any]:
    """The request body as a JSON object; 400 for anything else."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400, description="Isi permintaan harus berupa objek JSON")
    refuse_nul(body)
    return body


def refuse_nul(data: Mapping[str, Any]) -> None:
    """FormInvalidError for text holding NUL characters (no database can store them)."""
    bad = {name: "Teks mengandung karakter yang tidak diizinkan."
           for name, value in data.items() if _has_nul(value) or "\x00" in name}
    if bad:
        raise FormInvalidError(bad)


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


def flag(raw: str) -> bool:
    """A boolean query parameter: ``true``/``false`` (or ``1``/``0``); ValueError otherwise."""
    words = {"true": True, "1": True, "false": False, "0": False}
    if raw.lower() not in words:
        raise ValueError(raw)
    return words[raw.lower()]


def reject_unknown(data: Mapping[str, Any], allowed: Iterable[str]) -> None:
    """FormInvalidError naming every field the route does not know."""
    known = set(allowed)
    unknown = {name: "Kolom tidak dikenal." for name in data if name not in known}
    if unknown:
        raise FormInvalidError(unknown)


def checked_code(raw: str) -> str:
    """The normalised tracking code; NotFoundError when it cannot be one."""
    code = normalize_tracking_code(raw)
    if not _TRACKING_CODE.fullmatch(code):
        raise NotFoundError("Laporan tidak ditemukan")
    return code


def checked_task_id(raw: str) -> str:
    """A task id as the inbox stores it; NotFoundError when it cannot be one."""
    if not _TASK_ID.fullmatch(raw):
        raise NotFoundError("Tugas tidak ditemukan atau sudah selesai")
    return raw


def checked_record_id(raw: int, what: str) -> int:
    """An integer key that fits the database; NotFoundError naming ``what`` otherwise."""
    if not 1 <= raw <= MAX_ID:
        raise NotFoundError(f"{what} tidak ditemukan")
    return raw


@bp.before_request
def _limit_text_bodies() -> None:
    if request.mimetype == FILE_BODY:
        return
    # A body sent without its length (chunked) is read one byte past the limit at most: enough
    # to tell that it is too large, without reading the rest.
    request.max_content_length = MAX_TEXT_BODY + 1
    if _body_size() > MAX_TEXT_BODY:
        abort(413, description="Isi permintaan terlalu besar: tanpa berkas paling banyak 1 MB; "
                               "berkas dikirim sebagai multipart/form-data")


def _body_size() -> int:
    declared = request.content_length
    return declared if declared is not None else len(request.get_data())  # kept for the view


@bp.after_request
def _api_headers(response: Response) -> Response:
    # Answers carry secrets, tokens and personal data: no shared cache may keep them.
    response.headers["Cache-Control"] = "no-store"
    if response.status_code == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="alur"'
    return response
