"""Signed webhooks: HMAC-SHA256 over timestamp and body, a replay window, nonces seen once."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from engine.errors import AlurError

from .tables import WebhookNonce


class SignatureError(AlurError):
    """The request is unsigned, wrongly signed, or outside the replay window."""


class ReplayError(AlurError):
    """This exact signed request was accepted before."""


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The hex HMAC-SHA256 of ``<timestamp>.<body>`` under ``secret``."""
    return hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def verify(secret: str, timestamp: str, signature: str, body: bytes, now: datetime,
           window_seconds: int) -> None:
    """Accept a request signed with ``secret`` within the window; SignatureError otherwise."""
    if not secret:
        raise SignatureError("webhook belum dikonfigurasi")
    if not timestamp.isdigit() or not signature:
        raise SignatureError("tanda tangan tidak ada")
    if abs(now.timestamp() - int(timestamp)) > window_seconds:
        raise SignatureError("stempel waktu di luar jendela")
    if not hmac.compare_digest(sign(secret, timestamp, body), signature.strip().lower()):
        raise SignatureError("tanda tangan salah")


def remember(session: Session, nonce: str, now: datetime, window_seconds: int) -> None:
    """Note a nonce as used (ReplayError when it was); forgets nonces past the window."""
    horizon = now - timedelta(seconds=2 * window_seconds)
    session.execute(delete(WebhookNonce).where(WebhookNonce.seen_at < horizon))
    if session.get(WebhookNonce, nonce) is not None:
        raise ReplayError("permintaan ini sudah pernah diterima")
    session.add(WebhookNonce(nonce=nonce, seen_at=now))


def api_key_matches(expected: str, presented: str) -> bool:
    """Constant-time check of an API key; an unset key matches nothing."""
    return bool(expected) and hmac.compare_digest(expected.encode(), presented.strip().encode())
