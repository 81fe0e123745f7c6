"""Tracking codes and reporter secrets."""

from __future__ import annotations

import hashlib
import hmac
import secrets

# No 0/O, 1/I/L: codes are read aloud on the phone and typed on feature phones.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
PREFIX = "EL"


def new_tracking_code() -> str:
    """A code like ``EL-7KQ39XPA`` (40 bits of randomness)."""
    return PREFIX + "-" + "".join(secrets.choice(ALPHABET) for _ in range(8))


def normalize_tracking_code(raw: str) -> str:
    """Accept lower case, spaces and a missing dash."""
    text = "".join(raw.split()).upper()
    if text.startswith(PREFIX) and not text.startswith(PREFIX + "-"):
        text = PREFIX + "-" + text[len(PREFIX):]
    return text


def new_secret() -> str:
    """The reporter's secret (80 bits), shown once."""
    return "".join(secrets.choice(ALPHABET) for _ in range(16))


def hash_secret(secret: str) -> str:
    """Stored form of a secret; secrets are random, so a plain SHA-256 is enough."""
    return hashlib.sha256(secret.strip().upper().encode()).hexdigest()


def secret_matches(secret: str, stored: str) -> bool:
    """Constant-time check of a presented secret."""
    return hmac.compare_digest(hash_secret(secret), stored)


def survey_token(key: str, tracking_code: str) -> str:
    """A link token that opens the survey of one complaint without its secret (for reporters
    who never received the secret, such as national LAPOR!'s)."""
    return hmac.new(key.encode(), b"skm:" + tracking_code.encode(), hashlib.sha256).hexdigest()[:32]


def survey_token_matches(key: str, tracking_code: str, token: str) -> bool:
    """True when ``token`` is the survey token of ``tracking_code`` under ``key``."""
    return bool(key and token) and hmac.compare_digest(survey_token(key, tracking_code),
                                                       token.strip().lower())
