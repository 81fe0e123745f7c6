"""Indonesian mobile numbers in one shape: +62 followed by the subscriber number."""

from __future__ import annotations

import re

_MOBILE = re.compile(r"^8[0-9]{7,13}$")


def to_msisdn(raw: str | None) -> str | None:
    """``0812…``, ``62812…`` or ``+62 812-…`` as ``+62812…``; None when it is not a mobile."""
    digits = re.sub(r"[\s\-().]", "", raw or "")
    if digits.startswith("+"):
        digits = digits[1:]
    if digits.startswith("62"):
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = digits[1:]
    return "+62" + digits if _MOBILE.match(digits) else None


def to_local(msisdn: str) -> str:
    """``+62812…`` as ``0812…`` (the form the intake form and people use)."""
    return "0" + msisdn[3:] if msisdn.startswith("+62") else msisdn
