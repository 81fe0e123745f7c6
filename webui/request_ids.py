"""A request id for every request: the proxy's ``X-Request-ID`` when well-formed, else a new
one; returned in the response header, carried by every log line of the request and shown on
error pages so a citizen can quote it."""

from __future__ import annotations

import re
import uuid

from flask import Flask, Response, g, request

from engine.logs import bind, unbind

HEADER = "X-Request-ID"
# nginx's $request_id is 32 hex digits; a UUID or a load balancer's id also fits. Anything else
# (too long, spaces, control characters) could forge or break log lines: replaced.
WELL_FORMED = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,127}")


def request_id() -> str:
    """The current request's id (made now if the request began before the hook ran)."""
    if "request_id" not in g:
        given = request.headers.get(HEADER, "")
        g.request_id = given if WELL_FORMED.fullmatch(given) else uuid.uuid4().hex
    return str(g.request_id)


def init_app(app: Flask) -> None:
    """Register first, so that every other hook's log lines carry the id."""

    @app.before_request
    def begin() -> None:
        g.request_log = bind(request_id=request_id())

    @app.after_request
    def tell(response: Response) -> Response:
        response.headers[HEADER] = request_id()
        return response

    @app.teardown_request
    def end(_exc: BaseException | None) -> None:
        token = g.pop("request_log", None)
        if token is not None:
            try:
                unbind(token)
            except ValueError:  # bound in another context (a streamed response): let it go
                pass
