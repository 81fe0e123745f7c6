"""What two API answers must share when they may not tell callers apart."""

from __future__ import annotations

from typing import Any

from werkzeug.test import TestResponse


def error_without_id(response: TestResponse) -> dict[str, Any]:
    """The error body less its request id (each request has its own, of one fixed length)."""
    body = response.get_json()
    request_id = body["error"].pop("request_id")
    assert request_id == response.headers["X-Request-ID"]
    return dict(body)
