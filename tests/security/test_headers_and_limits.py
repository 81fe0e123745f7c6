"""Security headers on every response; rate limits on submission, sign-in, the secret check
and the SMS webhook (429: JSON on the API, a page on the web)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from webui.security import CSP, LIMITED, content_security_policy

LOW = "2 per minute"
REPORT = {"title": "Lampu jalan mati", "description": "Lampu jalan di depan pasar mati seminggu.",
          "anonim": True}


@pytest.mark.parametrize("url", ["/", "/lapor", "/petugas/masuk", "/api/v1/opds", "/tidak-ada",
                                 "/static/vendor/bpmn-js.css"])
def test_every_response_carries_the_security_headers(client, url: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(url)
    response.close()
    assert response.headers["Content-Security-Policy"] == CSP.replace(
        "img-src 'self' data: blob:", "img-src 'self' data: blob: https://tile.openstreetmap.org")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP, secure_cookies off


def test_pages_that_may_show_identity_are_never_cached(client, walk) -> None:  # type: ignore[no-untyped-def]
    from tests.webui.pages import Pages

    code = walk.file(nik="1234567890123456").tracking_code
    public = client.get("/laporan")
    assert "no-store" not in public.headers.get("Cache-Control", "")  # nothing private there
    walk.user("tim_admin")
    pages = Pages(client)
    pages.login("tim_admin")
    page = pages.get(f"/petugas/laporan/{code}")
    assert "1234567890123456" in page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "private, no-store"
    style = client.get("/static/css/alur.css")
    assert style.status_code == 200 and "no-store" not in style.headers.get("Cache-Control", "")
    style.close()


def test_csp_keeps_scripts_to_our_own_files_and_forbids_framing() -> None:
    parts = dict(p.split(" ", 1) for p in CSP.split("; "))
    assert parts["script-src"] == "'self'"
    assert parts["frame-ancestors"] == "'none'"
    assert parts["object-src"] == "'none'"
    assert "unsafe-eval" not in CSP


@pytest.mark.parametrize(("tiles", "img_src"), [
    ("https://tile.openstreetmap.org/{z}/{x}/{y}.png",
     "'self' data: blob: https://tile.openstreetmap.org"),
    ("https://{s}.tiles.example.go.id/peta/{z}/{x}/{y}.png",
     "'self' data: blob: https://*.tiles.example.go.id"),
    ("", "'self' data: blob:"),  # no tiles: nothing outside is allowed
])
def test_the_tile_server_is_the_only_outside_image_source(tiles: str, img_src: str) -> None:
    from engine.settings import Settings
    policy = content_security_policy(Settings(map_tiles_url=tiles))
    assert dict(p.split(" ", 1) for p in policy.split("; "))["img-src"] == img_src


def test_hsts_when_the_request_came_over_tls(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/", base_url="https://lapor.example")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_hsts_always_when_secure_cookies_is_set(services, make_app) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    services.settings = replace(services.settings, secure_cookies=1)
    assert "Strict-Transport-Security" in make_app().test_client().get("/").headers


def test_modeler_pages_load_no_inline_script(pages, walk) -> None:  # type: ignore[no-untyped-def]
    """script-src 'self' holds: the modeler and dashboard pages use only script files."""
    walk.user("analis")
    walk.user("pengarah")
    for user, url in (("analis", "/analis/pemodel"), ("analis", "/analis/"),
                      ("pengarah", "/evaluasi/")):
        pages.login(user)
        html = pages.get(url).get_data(as_text=True)
        for chunk in html.split("<script")[1:]:
            head = chunk.split(">", 1)[0]
            assert "src=" in head or 'type="application/json"' in head, (url, head)
        assert " on" + "click=" not in html
        pages.logout()


def _limited(make_app: Callable[..., Flask], setting: str) -> Any:
    return make_app(**{setting.upper(): LOW}).test_client()


def test_every_limit_names_an_existing_endpoint(app) -> None:  # type: ignore[no-untyped-def]
    assert set(LIMITED) <= set(app.view_functions)


def test_api_submission_is_limited_with_the_json_error(make_app) -> None:  # type: ignore[no-untyped-def]
    client = _limited(make_app, "ratelimit_submit")
    statuses = [client.post("/api/v1/complaints", json=REPORT).status_code for _ in range(3)]
    assert statuses == [201, 201, 429]
    response = client.post("/api/v1/complaints", json=REPORT)
    assert response.status_code == 429
    assert response.json["error"]["code"] == "too_many_requests"
    assert int(response.headers["Retry-After"]) > 0


def test_portal_submission_is_limited_with_a_page(make_app) -> None:  # type: ignore[no-untyped-def]
    from tests.webui.pages import Pages

    pages = Pages(_limited(make_app, "ratelimit_submit"))
    for _ in range(2):
        assert pages.post("/lapor", {"title": "x"}).status_code != 429  # counted, even invalid
    response = pages.post("/lapor", {"title": "x"})
    assert response.status_code == 429
    assert response.mimetype == "text/html"
    assert pages.client.get("/lapor").status_code == 200  # reading the form is not limited


def test_web_sign_in_is_limited(make_app, walk) -> None:  # type: ignore[no-untyped-def]
    from tests.webui.pages import Pages

    walk.user("tim_admin")
    pages = Pages(_limited(make_app, "ratelimit_login"))
    codes = [pages.post("/petugas/masuk", {"username": "tim_admin", "password": "salah"})
             .status_code for _ in range(3)]
    assert codes[-1] == 429 and 429 not in codes[:2]


def test_api_token_is_limited(make_app, walk) -> None:  # type: ignore[no-untyped-def]
    walk.user("tim_admin")
    client = _limited(make_app, "ratelimit_login")
    body = {"username": "tim_admin", "password": "salah"}
    codes = [client.post("/api/v1/auth/token", json=body).status_code for _ in range(3)]
    assert codes == [401, 401, 429]


def test_secret_checks_are_limited_on_the_web_and_the_api(make_app, walk) -> None:  # type: ignore[no-untyped-def]
    from tests.webui.pages import Pages

    code = walk.file().tracking_code
    pages = Pages(_limited(make_app, "ratelimit_secret"))
    guesses = [pages.post("/lacak", {"code": code, "secret": "tebak"}, page="/lacak").status_code
               for _ in range(3)]
    assert guesses == [404, 404, 429]
    api = _limited(make_app, "ratelimit_secret")
    headers = {"X-Complaint-Secret": "tebak"}
    got = [api.get(f"/api/v1/complaints/{code}", headers=headers).status_code for _ in range(3)]
    assert got == [404, 404, 429]
    assert api.get(f"/api/v1/complaints/{code}").status_code == 404  # no secret: not limited


def test_sms_webhook_is_limited(make_app) -> None:  # type: ignore[no-untyped-def]
    client = _limited(make_app, "ratelimit_sms")
    codes = [client.post("/saluran/sms/masuk", json={}).status_code for _ in range(3)]
    assert codes[-1] == 429 and 429 not in codes[:2]


@pytest.mark.parametrize("url", ["/saluran/whatsapp", "/saluran/telegram"])
def test_chat_webhooks_are_limited(make_app, url: str) -> None:  # type: ignore[no-untyped-def]
    client = _limited(make_app, "ratelimit_chat")
    codes = [client.post(url, json={}).status_code for _ in range(3)]
    assert codes[-1] == 429 and 429 not in codes[:2]


def test_limits_can_be_switched_off(make_app) -> None:  # type: ignore[no-untyped-def]
    client = make_app(RATELIMIT_ENABLED=False, RATELIMIT_SUBMIT=LOW).test_client()
    codes = {client.post("/api/v1/complaints", json=REPORT).status_code for _ in range(4)}
    assert codes == {201}
