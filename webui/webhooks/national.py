"""The national LAPOR! exchange's inbound endpoint (API key)."""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue

from engine.channels.national import receive_forwarded
from engine.channels.signatures import api_key_matches
from engine.errors import FormInvalidError
from webui.wiring import services

from .replies import error

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
