"""Security headers on every response, rate limits on the doors strangers knock on, and the
request class that checks a JSON body before any view sees it.

Limits are attached here by endpoint name, so the views stay as they are; their values and the
counters' store are settings (``ALUR_RATELIMIT_*``). docs/security.md lists what each protects.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, Request, Response, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.exceptions import BadRequest

from engine.settings import Settings

CSP = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    # bpmn-js/dmn-js and a few templates set style attributes; scripts stay 'self' only.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",  # the bpmn icon font is embedded as a data: URL
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
HSTS = "max-age=31536000; includeSubDomains"
SECRET_HEADER = "X-Complaint-Secret"


def _posts_only() -> bool:
    return request.method != "POST"


def _without_secret() -> bool:
    return SECRET_HEADER not in request.headers


# endpoint → (the setting holding its limit, when a request is exempt)
LIMITED: dict[str, tuple[str, Callable[[], bool]]] = {
    "public.portal.submit": ("ratelimit_submit", _posts_only),
    "api.submit_complaint": ("ratelimit_submit", _posts_only),
    "officer.signin.login": ("ratelimit_login", _posts_only),
    "api.issue_token": ("ratelimit_login", _posts_only),
    "public.tracking.track": ("ratelimit_secret", _posts_only),
    "api.complaint": ("ratelimit_secret", _without_secret),
    "api.reply": ("ratelimit_secret", _without_secret),
    "public.survey.answer": ("ratelimit_secret", _posts_only),  # it checks the secret too
    "webhooks.sms.inbound": ("ratelimit_sms", _posts_only),
}


def init_app(app: Flask, settings: Settings) -> None:
    """Add the headers to every response and the limits to the endpoints in ``LIMITED``."""
    app.after_request(_headers(bool(settings.secure_cookies)))
    app.config.setdefault("RATELIMIT_ENABLED", bool(settings.ratelimit_enabled))
    app.config.setdefault("RATELIMIT_STORAGE_URI", settings.ratelimit_storage)
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    limiter = Limiter(get_remote_address, app=app)
    app.extensions["alur_limiter"] = limiter  # the limits hold it only weakly
    for endpoint, (setting, exempt) in LIMITED.items():
        limit = str(app.config.get(setting.upper(), getattr(settings, setting)))
        view = app.view_functions[endpoint]
        app.view_functions[endpoint] = limiter.limit(
            limit, exempt_when=exempt, scope=setting)(view)


def _headers(always_hsts: bool) -> Callable[[Response], Response]:
    def add(response: Response) -> Response:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if always_hsts or request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        return response

    return add


# A body nested thousands deep made the JSON parser raise RecursionError, and a lone surrogate
# ("\ud800") parsed fine but failed later when written out as UTF-8: both were 500s. With this
# request class either is a 400 with the usual error body.
MAX_DEPTH = 32  # no API body is nested more than a few levels


class CheckedRequest(Request):
    """A Flask request whose ``get_json`` refuses deep nesting and text that is not Unicode."""

    def get_json(self, force: bool = False, silent: bool = False,  # noqa: FBT001, FBT002
                 cache: bool = True) -> Any:  # noqa: FBT001, FBT002 - Flask's signature
        try:
            value = super().get_json(force=force, silent=silent, cache=cache)
            problem = json_problem(value)
        except (RecursionError, UnicodeError):
            problem = "Isi JSON tidak dapat dibaca."
        if problem is None:
            return value
        if silent:
            return None
        raise BadRequest(problem)


def json_problem(value: Any) -> str | None:
    """Why parsed JSON ``value`` is refused, or None (walked without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return f"Isi JSON bersarang terlalu dalam (maksimal {MAX_DEPTH} tingkat)."
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return "Teks mengandung karakter Unicode yang tidak sah."
        elif isinstance(item, dict):
            stack.extend((k, depth + 1) for k in item)
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return None
