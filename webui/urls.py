"""Addresses: for every row of a list, built once per page instead of once per row; and a path
that may be sent back to (``safe_next``).

``url_for`` matches the endpoint's rule and builds the address anew on each call; a page of
50 cards with three links each spent 5% of its time there. ``url_pattern`` builds one address
with a marker in place of the varying argument and fills the marker in for each row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote, urlsplit

from flask import url_for

MARKER = "ALURxROWx0"


def url_pattern(endpoint: str, argument: str, **values: Any) -> Callable[[Any], str]:
    """A function of one value giving ``url_for(endpoint, **{argument: value}, **values)``."""
    built = url_for(endpoint, **{argument: MARKER}, **values)
    if built.count(MARKER) != 1:
        raise ValueError(f"{endpoint}: {argument} must appear once in the address")
    before, after = built.split(MARKER)
    return lambda value: before + quote(str(value), safe="") + after


def safe_next(target: str | None, fallback: str) -> str:
    """``target`` when it is a path on this site, else ``fallback`` (no open redirects)."""
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    if "\\" in target or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return fallback  # CR/LF would split the header; browsers drop tabs and newlines
    return target
