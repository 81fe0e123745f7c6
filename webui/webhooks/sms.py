"""The SMS gateway's webhook: signed, replay-safe, each message once."""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue
from sqlalchemy.exc import IntegrityError

from engine.channels.signatures import ReplayError, SignatureError, remember, verify
from engine.channels.sms_intake import parse_inbound, receive_sms
from engine.errors import ConflictError, FormInvalidError
from webui.wiring import services

from .replies import error, json_body

bp = Blueprint("sms", __name__)
TIMESTAMP_HEADER = "X-Alur-Timestamp"
SIGNATURE_HEADER = "X-Alur-Signature"


@bp.post("/sms/masuk")
def inbound() -> ResponseReturnValue:
    """An SMS to 1708, signed by the gateway: a new complaint or a reply."""
    settings, now = services().settings, services().clock()
    raw = request.get_data(cache=True)
    signature = request.headers.get(SIGNATURE_HEADER, "")
    try:
        verify(settings.sms_webhook_secret, request.headers.get(TIMESTAMP_HEADER, ""),
               signature, raw, now, settings.webhook_window_seconds)
        sms = parse_inbound(json_body(raw))
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
        outcome = receive_sms(services().sessions, services().runtime, sms)
    except ConflictError:
        return error(503, "unavailable", "Sedang sibuk; kirim ulang sebentar lagi")
    return jsonify(outcome=outcome.outcome, tracking_code=outcome.tracking_code,
                   duplicate=outcome.duplicate)
