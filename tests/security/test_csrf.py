"""CSRF: every cookie-authenticated POST route refuses a request without the token, and every
form in the templates carries one. Routes come from the app's URL map, so a new one is covered."""

from __future__ import annotations

import re
import secrets
from pathlib import Path

import pytest

from webui import create_app

WEBUI = Path(__file__).resolve().parents[2] / "webui"
# Machine endpoints that authenticate with a bearer token, a signature or an API key instead.
NOT_COOKIE = ("api.", "webhooks.sms.inbound", "webhooks.national.inbound",
              "webhooks.national.reply", "webhooks.national.status", "webhooks.chat.whatsapp",
              "webhooks.chat.telegram")
FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
POST = re.compile(r"""method\s*=\s*["']?post""", re.I)
TOKEN = re.compile(r"csrf\(\)|csrf_token\(\)")
# A list of forms may take the token once for the page: {% set token = csrf_token() %}.
PAGE_TOKEN = re.compile(r"{%\s*set token = csrf_token\(\)\s*%}")
TOKEN_FIELD = re.compile(r'name="csrf_token" value="{{ token }}"')
# A page with several forms may make the field once and print it in each (public/status.html).
PAGE_FIELD = re.compile(r"{%\s*set csrf_field = m\.csrf\(\)\s*%}")
FIELD_USE = "{{ csrf_field }}"


def _post_routes() -> list[tuple[str, str]]:
    from engine.settings import Settings

    app = create_app({"ALUR_SETTINGS": Settings.from_env({}, database_url="sqlite://",
                                                        secret_key=secrets.token_hex(32))})
    found = []
    for rule in app.url_map.iter_rules():
        if "POST" not in (rule.methods or ()) or rule.endpoint.startswith(NOT_COOKIE):
            continue
        values = {name: 1 if "int" in type(conv).__name__.lower() else "x"
                  for name, conv in rule._converters.items()}
        found.append((rule.endpoint, rule.build(values)[1]))
    return sorted(found)


ROUTES = _post_routes()


def test_the_crawl_found_the_forms() -> None:
    endpoints = {endpoint for endpoint, _ in ROUTES}
    assert {"public.portal.submit", "officer.signin.login", "officer.tasks.complete",
            "admin.accounts.create", "admin.outbox.retry", "modeler.bundle.save"} <= endpoints


@pytest.mark.parametrize(("endpoint", "url"), ROUTES, ids=[e for e, _ in ROUTES])
def test_post_without_token_is_refused(client, walk, pages, endpoint: str, url: str) -> None:  # type: ignore[no-untyped-def]
    walk.user("sysadmin")
    pages.login("sysadmin")  # signed in: the cookie alone must not be enough
    response = client.post(url, data={"title": "x"})
    assert response.status_code == 400, (endpoint, response.status_code)


def test_post_with_a_wrong_token_is_refused(client) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/lapor", data={"csrf_token": "palsu", "title": "x"})
    assert response.status_code == 400


def _token_of(page: str) -> str:
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', page)
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize(("hours_later", "status"), [(1, 302), (13, 400)])
def test_a_form_token_lives_no_longer_than_a_sign_in(  # type: ignore[no-untyped-def]
        client, walk, monkeypatch, hours_later: int, status: int) -> None:
    import itsdangerous.timed

    start = 1_800_000_000.0
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: start)
    token = _token_of(client.get("/petugas/masuk").get_data(as_text=True))
    walk.user("tim_admin")
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: start + hours_later * 3600)
    response = client.post("/petugas/masuk", data={"csrf_token": token, "username": "tim_admin",
                                                   "password": "pw"})
    # Within ALUR_SESSION_MAX_HOURS (12) the sign-in goes through; a day-old page is refused.
    assert response.status_code == status


def _forms() -> list[tuple[str, str, str]]:
    found = []
    for path in sorted(WEBUI.rglob("templates/**/*.html")):
        template = path.read_text(encoding="utf-8")
        page_token = PAGE_TOKEN.search(template) is not None
        page_field = PAGE_FIELD.search(template) is not None
        for attrs, body in FORM.findall(template):
            if page_token:
                body = TOKEN_FIELD.sub("csrf_token()", body)
            if page_field:
                body = body.replace(FIELD_USE, "csrf()")
            found.append((str(path.relative_to(WEBUI)), attrs, body))
    return found


def test_every_post_form_in_the_templates_carries_a_token() -> None:
    post_forms = [(name, body) for name, attrs, body in _forms() if POST.search(attrs)]
    assert len(post_forms) > 20
    missing = [name for name, body in post_forms if not TOKEN.search(body)]
    assert not missing, missing
