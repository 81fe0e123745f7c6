"""WhatsApp's and Telegram's webhooks: verified as each platform documents, each message once."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request
from flask.typing import ResponseReturnValue

from engine.channels.chat_intake import receive_chat
from engine.channels.chat_payloads import (
    ChatMessage,
    telegram_messages,
    verify_telegram,
    verify_whatsapp,
    whatsapp_challenge,
    whatsapp_messages,
)
from engine.channels.signatures import SignatureError
from engine.errors import ConflictError
from webui.wiring import services

from .replies import error, json_body

bp = Blueprint("chat", __name__)
WHATSAPP_SIGNATURE = "X-Hub-Signature-256"
TELEGRAM_SECRET = "X-Telegram-Bot-Api-Secret-Token"


@bp.get("/whatsapp")
def whatsapp_verify() -> ResponseReturnValue:
    """Meta's subscription check: echo hub.challenge when hub.verify_token is ours."""
    try:
        challenge = whatsapp_challenge(request.args.to_dict(),
                                       services().settings.whatsapp_verify_token)
    except SignatureError as exc:
        return error(403, "forbidden", str(exc))
    return Response(challenge, mimetype="text/plain")


@bp.post("/whatsapp")
def whatsapp() -> ResponseReturnValue:
    """Messages from WhatsApp, signed with the app secret (X-Hub-Signature-256)."""
    raw = request.get_data(cache=True)
    try:
        verify_whatsapp(services().settings.whatsapp_app_secret,
                        request.headers.get(WHATSAPP_SIGNATURE, ""), raw)
    except SignatureError as exc:
        return error(401, "unauthorized", str(exc))
    return _receive(whatsapp_messages(json_body(raw)))


@bp.post("/telegram")
def telegram() -> ResponseReturnValue:
    """An update from Telegram, carrying the secret token given to setWebhook."""
    try:
        verify_telegram(services().settings.telegram_webhook_secret,
                        request.headers.get(TELEGRAM_SECRET, ""))
    except SignatureError as exc:
        return error(401, "unauthorized", str(exc))
    return _receive(telegram_messages(json_body(request.get_data(cache=True))))


def _receive(messages: list[ChatMessage]) -> ResponseReturnValue:
    # 200 with what became of each message; a busy database asks the platform to retry.
    outcomes = []
    try:
        for message in messages:
            done = receive_chat(services().sessions, services().runtime, message)
            outcomes.append({"message_id": message.message_id, "outcome": done.outcome,
                             "tracking_code": done.tracking_code, "duplicate": done.duplicate})
    except ConflictError:
        return error(503, "unavailable", "Sedang sibuk; kirim ulang sebentar lagi")
    return jsonify(messages=outcomes)
