"""Languages: Indonesian first, English available (flask-babel)."""

from __future__ import annotations

from flask import Flask, request, session
from flask_babel import Babel

LANGUAGES = ("id", "en")


def select_locale() -> str:
    """The reader's choice (?lang= or the session), else Indonesian."""
    chosen = request.args.get("lang") or session.get("lang")
    return chosen if chosen in LANGUAGES else "id"


def init_app(app: Flask) -> None:
    """Register flask-babel with Indonesian as the default."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "id")
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "Asia/Jakarta")
    Babel(app, locale_selector=select_locale)
