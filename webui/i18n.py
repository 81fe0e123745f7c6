"""Languages: Indonesian first, English available (flask-babel); dates in WIB for templates."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from flask import Flask, request, session
from flask_babel import Babel

from . import dates, labels, texts, translate, urls

LANGUAGES = ("id", "en")
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


def select_locale() -> str:
    """The reader's choice (?lang= or the session), else Indonesian."""
    chosen = request.args.get("lang") or session.get("lang")
    return chosen if chosen in LANGUAGES else "id"


current_lang = translate.current_lang


def remember_choice() -> None:
    """Keep a ?lang= choice in the session so every following page uses it."""
    chosen = request.args.get("lang")
    if chosen in LANGUAGES and not request.path.startswith("/api/"):
        session["lang"] = chosen


def lang_url(code: str) -> str:
    """This page's address in language ``code`` (other query arguments kept)."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"]
    return request.path + "?" + urlencode([*args, ("lang", code)])


def _template_globals() -> dict[str, Any]:
    """Helpers every template and macro sees (macros imported without context included)."""
    return {"current_lang": current_lang, "lang_url": lang_url, "LANGUAGES": LANGUAGES,
            "LANGUAGE_NAMES": LANGUAGE_NAMES, "engine_text": texts.engine_text,
            "problem_text": texts.problem_text, "delivery_text": texts.delivery_text,
            "task_title": labels.task_title,
            "task_instructions": labels.task_instructions, "url_pattern": urls.url_pattern}


def _wib(instant: datetime | None, with_time: bool = True, short: bool = False) -> str:
    return dates.format_wib(instant, current_lang(), with_time, short)


def _day(day: date | None, short: bool = False) -> str:
    return dates.format_day(day, current_lang(), short)


def init_app(app: Flask) -> None:
    """Register flask-babel with Indonesian as the default, and the date filters."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "id")
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "Asia/Jakarta")
    Babel(app, locale_selector=select_locale)
    translate.install(app.jinja_env)  # the same catalogues, found once per request
    app.before_request(remember_choice)
    app.jinja_env.globals.update(_template_globals())
    app.jinja_env.filters["wib"] = _wib
    app.jinja_env.filters["day"] = _day
    app.jinja_env.filters.update(labels.template_filters())
