"""Every request has an id: the proxy's X-Request-ID when well-formed, else a new one; it comes
back in the response header, on every log line of the request and on the error page."""

from __future__ import annotations

import re

import pytest
from flask import Flask

from tests.logs.conftest import Captured
from webui import create_app
from webui.wiring import Services

NGINX_ID = "5f0c6b2a9d8e4c1b8a7f6e5d4c3b2a19"


def test_a_request_without_an_id_gets_a_new_one(client) -> None:  # type: ignore[no-untyped-def]
    first = client.get("/").headers["X-Request-ID"]
    second = client.get("/").headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first) and first != second


def test_the_proxys_id_is_kept(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/", headers={"X-Request-ID": NGINX_ID})
    assert response.headers["X-Request-ID"] == NGINX_ID


@pytest.mark.parametrize("given", ["short", "a" * 200, "abc def ghi jkl", "abcdefgh\"}{x",
                                   "-starts-with-a-dash", "ïd-ünicode-0123"])
def test_a_malformed_id_is_replaced(client, given: str) -> None:  # type: ignore[no-untyped-def]
    answered = client.get("/", headers={"X-Request-ID": given}).headers["X-Request-ID"]
    assert answered != given and re.fullmatch(r"[0-9a-f]{32}", answered)


def test_the_error_page_shows_the_id_to_quote(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/tidak-ada-halaman-ini", headers={"X-Request-ID": NGINX_ID})
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "Nomor rujukan" in page and NGINX_ID in page


@pytest.fixture
def failing_app(services: Services) -> Flask:
    """The app with one page that fails, as an unforeseen bug would."""
    app = create_app({"ALUR_SERVICES": services, "PROPAGATE_EXCEPTIONS": False})

    @app.get("/uji-galat")
    def broken() -> str:
        raise RuntimeError("a bug nobody foresaw")

    return app


def test_every_line_of_a_failing_request_carries_its_id(failing_app: Flask,
                                                        json_lines: Captured) -> None:
    response = failing_app.test_client().get("/uji-galat", headers={"X-Request-ID": NGINX_ID})
    assert response.status_code == 500
    assert NGINX_ID in response.get_data(as_text=True)
    [line] = [r for r in json_lines.records() if r["level"] == "ERROR"]
    assert line["request_id"] == NGINX_ID and "/uji-galat" in line["message"]
    assert {"time", "logger", "exc_info"} <= set(line)
    assert "a bug nobody foresaw" in line["exc_info"]


def test_lines_after_the_request_carry_no_stale_id(failing_app: Flask,
                                                   json_lines: Captured) -> None:
    import logging

    failing_app.test_client().get("/", headers={"X-Request-ID": NGINX_ID})
    logging.getLogger("alur.test").info("between requests")
    [line] = json_lines.records()
    assert "request_id" not in line


def test_an_api_error_body_carries_the_id_to_quote(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/complaints/TIDAK-ADA", headers={"X-Request-ID": NGINX_ID})
    assert response.status_code in (401, 404)
    assert response.get_json()["error"]["request_id"] == NGINX_ID
    mine = client.post("/api/v1/complaints", data="bukan json", content_type="application/json")
    assert mine.status_code == 400
    assert mine.get_json()["error"]["request_id"] == mine.headers["X-Request-ID"]


def test_an_api_request_that_fails_unforeseen_answers_json_with_its_id(
        failing_app: Flask) -> None:
    @failing_app.get("/api/v1/uji-galat")
    def broken_api() -> str:
        raise RuntimeError("a bug nobody foresaw")

    response = failing_app.test_client().get("/api/v1/uji-galat",
                                             headers={"X-Request-ID": NGINX_ID})
    assert response.status_code == 500
    assert response.get_json()["error"] == {"code": "server_error",
                                            "message": "Terjadi kesalahan pada server",
                                            "request_id": NGINX_ID}
