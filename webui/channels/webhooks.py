"""Doors for machines: the SMS gateway's webhook and the national LAPOR! inbound endpoint.

They authenticate by signature or API key (no cookies, so no CSRF) and always answer JSON.
The contracts are in docs/channels.md.
"""

from __future__ import annotations

import json
from typing import Any

from flask import jsonify, request
from flask.typing import ResponseReturnValue
from sqlalchemy.exc import IntegrityError

from engine.channels.national import receive_forwarded
from engine.channels.signatures import (
    ReplayError,
    SignatureError,
    api_key_matches,
    remember,
    verify,
)
from engine.channels.sms_intake import parse_inbound, receive_sms
from engine.errors import ConflictError, FormInvalidError
from webui.auth import services
from webui.errors import error_body

TIMESTAMP_HEADER = "X-Alur-Timestamp"
SIGNATURE_HEADER = "X-Alur-Signature"


def _error(status: int, code: str, message: str,
           fields: dict[str, str] | None = None) -> ResponseReturnValue:
    return jsonify(error_body(code, message, fields)), status


def _json(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return None


def sms_inbound() -> ResponseReturnValue:
    """An SMS to 1708, signed by the gateway: a new complaint or a reply."""
    settings, now = services().settings, services().clock()
    raw = request.get_data(cache=True)
    signature = request.headers.get(SIGNATURE_HEADER, "")
    try:
        verify(settings.sms_webhook_secret, request.headers.get(TIMESTAMP_HEADER, ""),
               signature, raw, now, settings.webhook_window_seconds)
        sms = parse_inbound(_json(raw))
        with services().uow() as uow:
            remember(uow.session, signature.strip().lower(), now, settings.webhook_window_seconds)
            uow.commit()
    except SignatureError as exc:
        return _error(401, "unauthorized", str(exc))
    except FormInvalidError as exc:
        return _error(422, "invalid", "Data tidak valid", exc.errors)
    except (ReplayError, IntegrityError):
        return _error(409, "replay", "Permintaan ini sudah pernah diterima")
    try:
        outcome = receive_sms(services().sessions, services().runtime, sms)
    except ConflictError:
        return _error(503, "unavailable", "Sedang sibuk; kirim ulang sebentar lagi")
    return jsonify(outcome=outcome.outcome, tracking_code=outcome.tracking_code,
                   duplicate=outcome.duplicate)


def _presented_key() -> str:
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return header[7:]
    return request.headers.get("X-Api-Key", "")


def national_inbound() -> ResponseReturnValue:
    """A complaint forwarded by the national coordinator; the same external id twice is one."""
    if not api_key_matches(services().settings.national_inbound_key, _presented_key()):
        return _error(401, "unauthorized", "Kunci API salah atau tidak ada")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return _error(400, "bad_request", "Badan permintaan harus objek JSON")
    try:
        receipt = receive_forwarded(services().uow, services().runtime, body)
    except FormInvalidError as exc:
        return _error(422, "invalid", "Data tidak valid", exc.errors)
    answer = {"tracking_code": receipt.tracking_code, "registration_no": receipt.registration_no,
              "status": receipt.status, "duplicate": receipt.duplicate}
    return jsonify(answer), 200 if receipt.duplicate else 201
