"""WhatsApp (Cloud API webhook) and Telegram (Bot API webhook) as the providers deliver them:
checking that a request really comes from them, and the messages it carries."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, replace
from typing import Any

from .signatures import SignatureError

WHATSAPP = "whatsapp"
TELEGRAM = "telegram"


@dataclass(frozen=True)
class ChatMessage:
    """One message a person wrote to us in a chat (text, a shared location, or a file)."""

    provider: str  # whatsapp|telegram
    message_id: str
    chat_id: str  # WhatsApp: the sender's number (wa_id); Telegram: the chat id
    text: str = ""
    latitude: float | None = None
    longitude: float | None = None
    media_id: str = ""  # a photo or document came (its caption is the text)
    media_name: str = ""
    sender_name: str = ""


def whatsapp_challenge(params: dict[str, str], verify_token: str) -> str:
    """The hub.challenge to echo when Meta registers the webhook with our verify token."""
    if not verify_token or params.get("hub.mode") != "subscribe" or not hmac.compare_digest(
            params.get("hub.verify_token", "").encode(), verify_token.encode()):
        raise SignatureError("verify token salah")
    return params.get("hub.challenge", "")


def verify_whatsapp(app_secret: str, signature: str, body: bytes) -> None:
    """X-Hub-Signature-256 is ``sha256=`` and the HMAC-SHA256 of the raw body under the app
    secret; SignatureError otherwise."""
    if not app_secret:
        raise SignatureError("webhook belum dikonfigurasi")
    expected = "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature.strip().lower()):
        raise SignatureError("tanda tangan salah")


def verify_telegram(secret: str, presented: str) -> None:
    """X-Telegram-Bot-Api-Secret-Token must equal the secret given to setWebhook."""
    if not secret:
        raise SignatureError("webhook belum dikonfigurasi")
    if not hmac.compare_digest(secret.encode(), presented.strip().encode()):
        raise SignatureError("token rahasia salah")


def whatsapp_messages(body: Any) -> list[ChatMessage]:
    """Every message in a WhatsApp webhook (delivery statuses carry none)."""
    found = []
    for entry in _list(_dict(body).get("entry")):
        for change in _list(_dict(entry).get("changes")):
            value = _dict(_dict(change).get("value"))
            names = {str(_dict(c).get("wa_id", "")): str(_dict(_dict(c).get("profile"))
                                                        .get("name", ""))
                     for c in _list(value.get("contacts"))}
            for raw in _list(value.get("messages")):
                message = _whatsapp_message(_dict(raw), names)
                if message is not None:
                    found.append(message)
    return found


def _whatsapp_message(raw: dict[str, Any], names: dict[str, str]) -> ChatMessage | None:
    sender, message_id, kind = str(raw.get("from", "")), str(raw.get("id", "")), raw.get("type")
    if not sender.isdigit() or not message_id or len(message_id) > 128:
        return None
    base = ChatMessage(WHATSAPP, message_id, sender, sender_name=names.get(sender, ""))
    if kind == "text":
        return replace(base, text=str(_dict(raw.get("text")).get("body", "")))
    if kind == "location":
        place = _dict(raw.get("location"))
        return replace(base, latitude=_number(place.get("latitude")),
                       longitude=_number(place.get("longitude")))
    if kind in ("image", "document"):
        media = _dict(raw.get(kind))
        extension = ".jpg" if kind == "image" else ""
        return replace(base, text=str(media.get("caption", "")), media_id=str(media.get("id", "")),
                       media_name=str(media.get("filename") or f"{kind}-{message_id[-8:]}"
                                      f"{extension}"))
    if kind == "button":
        return replace(base, text=str(_dict(raw.get("button")).get("text", "")))
    return base  # stickers, audio...: answered with what we understand


def telegram_messages(body: Any) -> list[ChatMessage]:
    """The message of a Telegram update (an edited message or anything else carries none)."""
    raw = _dict(_dict(body).get("message"))
    chat = _dict(raw.get("chat"))
    if not raw or chat.get("type", "private") != "private" or "id" not in chat:
        return []
    chat_id = str(chat["id"])
    base = ChatMessage(TELEGRAM, f"{chat_id}:{raw.get('message_id', '')}", chat_id,
                       sender_name=str(_dict(raw.get("from")).get("first_name", "")))
    if "location" in raw:
        place = _dict(raw.get("location"))
        return [replace(base, latitude=_number(place.get("latitude")),
                        longitude=_number(place.get("longitude")))]
    if "photo" in raw or "document" in raw:
        # Telegram sends a photo in several sizes, the largest last.
        photo = _list(raw.get("photo"))
        media = _dict(photo[-1]) if photo else _dict(raw.get("document"))
        name = str(media.get("file_name") or f"foto-{raw.get('message_id', '')}.jpg")
        return [replace(base, text=str(raw.get("caption", "")),
                        media_id=str(media.get("file_id", "")), media_name=name)]
    return [replace(base, text=str(raw.get("text", "")))]


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) \
        else None
