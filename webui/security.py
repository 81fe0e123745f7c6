"""Security headers on every response, rate limits on the doors strangers knock on, and the
request class that checks a JSON body before any view sees it.

A response for a signed-in officer, an API caller or a reporter proving their secret may carry
identity (NIK, phone numbers, names): it is sent ``Cache-Control: private, no-store`` so no
browser or proxy keeps a copy.

Limits are attached here by endpoint name, so the views stay as they are; their values and the
counters' store are settings (``ALUR_RATELIMIT_*``). docs/security.md lists what each protects.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Request, Response, g, request, session
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.exceptions import BadRequest

from engine.settings import Settings

from .auth import browser_token

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
    # The portal's "Gunakan lokasi saya" asks for the position on our own pages only.
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(self), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
HSTS = "max-age=31536000; includeSubDomains"
SECRET_HEADER = "X-Complaint-Secret"
NO_STORE = "private, no-store"


def _posts_only() -> bool:
    return request.method != "POST"


def _without_secret() -> bool:
    return SECRET_HEADER not in request.headers


# Seconds a web process waits for the shared limit store (Redis) before counting alone.
STORE_TIMEOUTS = {"socket_connect_timeout": 1.0, "socket_timeout": 1.0}

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
    "public.support.agree": ("ratelimit_secret", _posts_only),
    "webhooks.sms.inbound": ("ratelimit_sms", _posts_only),
    "webhooks.chat.whatsapp": ("ratelimit_chat", _posts_only),
    "webhooks.chat.telegram": ("ratelimit_chat", _posts_only),
}


def content_security_policy(settings: Settings) -> str:
    """CSP with the map tile server (``map_tiles_url``) allowed as an image source."""
    parts = urlsplit(settings.map_tiles_url.replace("{s}", "a"))
    if not (parts.scheme in ("http", "https") and parts.netloc):
        return CSP
    host = parts.netloc.replace("a.", "*.", 1) if "{s}" in settings.map_tiles_url else parts.netloc
    return CSP.replace("img-src 'self' data: blob:",
                       f"img-src 'self' data: blob: {parts.scheme}://{host}")


def init_app(app: Flask, settings: Settings) -> None:
    """Add the headers to every response and the limits to the endpoints in ``LIMITED``."""
    app.after_request(_headers(bool(settings.secure_cookies), content_security_policy(settings)))
    app.config.setdefault("RATELIMIT_ENABLED", bool(settings.ratelimit_enabled))
    app.config.setdefault("RATELIMIT_STORAGE_URI", settings.ratelimit_storage)
    # A shared store that is down must not stop sign-ins and complaints: each process counts
    # alone until it answers again, and gives up on it within a second, not a TCP timeout.
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    if not settings.ratelimit_storage.startswith("memory:"):
        app.config.setdefault("RATELIMIT_STORAGE_OPTIONS", STORE_TIMEOUTS)
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    limiter = Limiter(get_remote_address, app=app)
    app.extensions["alur_limiter"] = limiter  # the limits hold it only weakly
    for endpoint, (setting, exempt) in LIMITED.items():
        limit = str(app.config.get(setting.upper(), getattr(settings, setting)))
        view = app.view_functions[endpoint]
        app.view_functions[endpoint] = limiter.limit(
            limit, exempt_when=exempt, scope=setting)(view)


def _headers(always_hsts: bool, csp: str) -> Callable[[Response], Response]:
    headers = {**HEADERS, "Content-Security-Policy": csp}

    def add(response: Response) -> Response:
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        if always_hsts or request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        if _may_carry_identity():
            response.headers.setdefault("Cache-Control", NO_STORE)
        return response

    return add


def _may_carry_identity() -> bool:
    """True for a response to someone who may be shown identity: never to be cached."""
    if request.endpoint == "static":
        return False
    if "Authorization" in request.headers or SECRET_HEADER in request.headers:
        return True
    # Never loads the user here: a response for a failing database must not query it again.
    # A server-side session is an officer signed in or a reporter who proved their secret.
    user = g.get("_login_user")
    signed_in = bool(user is not None and user.is_authenticated) or "_user_id" in session
    return signed_in or browser_token() is not None


# A body nested thousands deep made the JSON parser raise RecursionError, and a lone surrogate
# ("\ud800") parsed fine but failed later when written out as UTF-8: both were 500s. With this
# request class either is a 400 with the usual error body, and so is NaN or Infinity.
MAX_DEPTH = 32  # no API body is nested more than a few levels


class CheckedRequest(Request):
    """A Flask request whose ``get_json`` refuses deep nesting, text that is not Unicode and
    numbers that are not finite."""

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
        elif isinstance(item, float) and not math.isfinite(item):
            # Python's reader takes NaN and Infinity, which are not JSON: nothing saved or
            # answered may carry them (engine.json_text writes them as null).
            return "Angka NaN atau tak hingga bukan JSON yang sah."
        elif isinstance(item, dict):
            stack.extend((k, depth + 1) for k in item)
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return None
