"""The one place engine errors become HTTP statuses; JSON for the API, pages elsewhere."""

from __future__ import annotations

import logging
import time
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, current_app, g, jsonify, make_response, render_template, request
from flask.typing import ResponseReturnValue
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, TooManyRequests

from engine.accounts.signin import LoginError
from engine.errors import (
    AlurError,
    ConflictError,
    DefinitionError,
    ForbiddenError,
    FormInvalidError,
    NotFoundError,
    ScriptError,
)

from .request_ids import request_id
from .texts import engine_text, message_of, too_many_text
from .urls import safe_next

log = logging.getLogger("alur.web")

STATUS_BY_ERROR: list[tuple[type[Exception], int, str]] = [
    (FormInvalidError, 422, "invalid"),
    (NotFoundError, 404, "not_found"),
    (ForbiddenError, 403, "forbidden"),
    (ConflictError, 409, "conflict"),
    (DefinitionError, 422, "invalid_definition"),
    (ScriptError, 422, "invalid_script"),
    (LoginError, 401, "login_failed"),
]
HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
              405: "method_not_allowed", 409: "conflict", 413: "too_large",
              415: "unsupported_media_type", 422: "invalid", 429: "too_many_requests",
              500: "server_error", 503: "unavailable"}
# The API's words where Werkzeug would answer in its own English (pages: texts.STATUS_TEXT).
API_STATUS_TEXT = {
    400: "Permintaan tidak dapat dibaca",
    404: "Alamat ini tidak ada di API; daftarnya ada di /api/v1/openapi.json",
    405: "Metode ini tidak dapat dipakai di alamat ini; yang dapat dipakai ada di header Allow",
    413: "Isi permintaan terlalu besar",
    415: "Jenis isi permintaan tidak didukung",
}


def wants_json() -> bool:
    """API routes answer in JSON."""
    return request.path.startswith("/api/")


def error_body(code: str, message: str, fields: dict[str, str] | None = None) -> dict[str, Any]:
    """The API's error shape: ``{"error": {"code", "message", "request_id", "fields"?}}``; the
    request id is the one in the ``X-Request-ID`` header and the logs, so a caller who quotes
    the body quotes what the operator searches for."""
    body: dict[str, Any] = {"code": code, "message": message, "request_id": request_id()}
    if fields:
        body["fields"] = fields
    return {"error": body}


def _respond(status: int, code: str, message: str,
             fields: dict[str, str] | None = None, **page: Any) -> ResponseReturnValue:
    """The API's JSON error, or the error page (``page``: more for its template)."""
    if wants_json():  # the API answers in Indonesian (no language choice of its own)
        return jsonify(error_body(code, str(message), fields)), status
    return render_template("error.html", status=status, message=message,
                           request_id=request_id(), **page), status


def _too_many(exc: TooManyRequests) -> ResponseReturnValue:
    """A request over a rate limit: what happened and when to try again in words (never the
    limit's own English, "30 per 1 minute"), and on a page a way back."""
    wait = _wait_seconds(exc)
    if wants_json():
        return _respond(429, "too_many_requests", too_many_text(wait, reader=False))
    return _respond(429, "too_many_requests", "", said=too_many_text(wait),
                    back=_way_back(), sent=request.method == "POST")


def _wait_seconds(exc: TooManyRequests) -> int | None:
    """Seconds until the limit lets this address in again: what Retry-After will say (the
    limiter's window of this request), else the limit's whole window; None when unknown."""
    limiter = current_app.extensions.get("alur_limiter")
    current = limiter.current_limit if limiter is not None else None
    if current is not None:
        try:
            return max(1, int(current.reset_at - time.time()))
        except Exception:  # noqa: BLE001 - the limit store is down: the window below will do
            log.warning("rate limit store unreachable for the wait of a 429")
    limit = getattr(exc, "limit", None)  # flask_limiter's RateLimitExceeded
    if limit is not None:
        return int(limit.limit.get_expiry())
    retry = exc.retry_after
    return int(retry) if isinstance(retry, int | float) else None


def _way_back() -> str | None:
    """Where the refused request came from on this site (its Referer), else its own address
    when that opens as a page; None when neither."""
    came = urlsplit(request.referrer or "")
    if came.netloc == request.host:
        path = safe_next(came.path + (f"?{came.query}" if came.query else ""), "")
        if path:
            return path
    adapter = current_app.create_url_adapter(request)
    try:
        if adapter is not None:
            adapter.match(request.path, method="GET")
            return request.path
    except HTTPException:
        pass
    return None


def engine_error(exc: Exception) -> ResponseReturnValue:
    """An engine error as its page (or the API's JSON body) with its status."""
    for kind, status, code in STATUS_BY_ERROR:
        if isinstance(exc, kind):
            fields = exc.errors if isinstance(exc, FormInvalidError) else None
            if fields and not wants_json():  # a page: the reasons in words, no field keys
                return _respond(status, code, engine_text(exc))
            return _respond(status, code, message_of(exc) if not fields else
                            "Data tidak valid", fields)
    return _respond(500, "server_error", "Terjadi kesalahan")


def _described(exc: HTTPException) -> str:
    """What the exception says; to an API caller in Indonesian when it is Werkzeug's default
    English (a page replaces those itself, in the reader's language)."""
    if wants_json() and exc.description == type(exc).description:
        return API_STATUS_TEXT.get(exc.code or 500, "Permintaan tidak dapat dilayani")
    return exc.description or exc.name


def init_app(app: Flask) -> None:
    """Register the handlers."""

    app.register_error_handler(AlurError, engine_error)
    app.register_error_handler(LoginError, engine_error)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> ResponseReturnValue:
        status = exc.code or 500
        response = make_response(
            _too_many(exc) if isinstance(exc, TooManyRequests) else
            _respond(status, HTTP_CODES.get(status, "error"), _described(exc)))
        # Keep what the exception says of itself: Allow on a 405 (RFC 9110), Retry-After, ...
        for name, value in exc.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    @app.errorhandler(OperationalError)
    def database_down(exc: OperationalError) -> ResponseReturnValue:
        log.error("database unavailable: %s", exc)
        if "_login_user" not in g:  # the page's menu must not ask the database who signed in
            g._login_user = current_app.login_manager.anonymous_user()  # type: ignore[attr-defined]
        return _respond(503, "unavailable",
                        "Basis data sedang tidak dapat dihubungi; tidak ada yang tersimpan. "
                        "Silakan coba lagi sebentar lagi.")

    @app.errorhandler(500)
    def server_error(exc: Exception) -> ResponseReturnValue:
        return _respond(500, "server_error", "Terjadi kesalahan pada server")
