"""The national LAPOR! exchange's inbound endpoint (API key)."""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue
from sqlalchemy.exc import IntegrityError

from engine.channels.national import receive_forwarded
from engine.channels.national_inbound import parse_event, receive_event
from engine.channels.signatures import (
    ReplayError,
    SignatureError,
    api_key_matches,
    remember,
    verify,
)
from engine.errors import ConflictError, FormInvalidError, NotFoundError
from webui.wiring import services

from .replies import error, json_body
from .sms import SIGNATURE_HEADER, TIMESTAMP_HEADER

bp = Blueprint("national", __name__)


def _presented_key() -> str:
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return header[7:]
    return request.headers.get("X-Api-Key", "")


@bp.post("/nasional/pengaduan")
def inbound() -> ResponseReturnValue:
    """A complaint forwarded by the national coordinator; the same external id twice is one."""
    if not api_key_matches(services().settings.national_inbound_key, _presented_key()):
        return error(401, "unauthorized", "Kunci API salah atau tidak ada")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return error(400, "bad_request", "Badan permintaan harus objek JSON")
    try:
        receipt = receive_forwarded(services().uow, services().runtime, body)
    except FormInvalidError as exc:
        return error(422, "invalid", "Data tidak valid", exc.errors)
    answer = {"tracking_code": receipt.tracking_code, "registration_no": receipt.registration_no,
              "status": receipt.status, "duplicate": receipt.duplicate}
    return jsonify(answer), 200 if receipt.duplicate else 201


@bp.post("/nasional/balasan")
def reply() -> ResponseReturnValue:
    """A reply written on national's follow-up page (signed; each event id once)."""
    return _event("reply")


@bp.post("/nasional/status")
def status() -> ResponseReturnValue:
    """A status change of a complaint at national (signed; each event id once)."""
    return _event("status")


def _event(kind: str) -> ResponseReturnValue:
    settings, now = services().settings, services().clock()
    raw = request.get_data(cache=True)
    signature = request.headers.get(SIGNATURE_HEADER, "")
    try:
        verify(settings.national_webhook_secret, request.headers.get(TIMESTAMP_HEADER, ""),
               signature, raw, now, settings.webhook_window_seconds)
        event = parse_event(kind, json_body(raw))
        with services().uow() as uow:
            remember(uow.session, signature.strip().lower(), now, settings.webhook_window_seconds)
            uow.commit()
    except SignatureError as exc:
        return error(401, "unauthorized", str(exc))
    except FormInvalidError as exc:
        return error(422, "invalid", "Data tidak valid", exc.errors)
    except (ReplayError, IntegrityError):
        return error(409, "replay", "Permintaan ini sudah pernah diterima")
    try:
        outcome = receive_event(services().sessions, services().runtime, event)
    except NotFoundError:
        return error(404, "not_found", "Laporan tidak ditemukan")
    except FormInvalidError as exc:
        return error(422, "invalid", "Data tidak valid", exc.errors)
    except ConflictError:
        return error(503, "unavailable", "Sedang sibuk; kirim ulang sebentar lagi")
    return jsonify(tracking_code=outcome.tracking_code, outcome=outcome.outcome,
                   duplicate=outcome.duplicate)
