"""A test's browser without a browser: fetch pages, post forms with their CSRF token, sign in."""

from __future__ import annotations

import html
import re
from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def text_of(response: TestResponse) -> str:
    """The page's HTML as text, entities decoded (for assertions on visible words)."""
    return html.unescape(response.get_data(as_text=True))


class Pages:
    """Drives the app through the test client as a person would, CSRF token included."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def get(self, url: str, status: int = 200, **kwargs: Any) -> TestResponse:
        """GET ``url`` and check the status."""
        response = self.client.get(url, **kwargs)
        assert response.status_code == status, (url, response.status_code, text_of(response)[:3000])
        return response

    def token(self, page: str) -> str:
        """The CSRF token of the form on ``page``."""
        found = CSRF.search(self.client.get(page).get_data(as_text=True))
        assert found, f"no csrf_token on {page}"
        return found.group(1)

    def post(self, url: str, data: dict[str, Any] | None = None, *, page: str | None = None,
             status: int | None = None, **kwargs: Any) -> TestResponse:
        """POST a form the way the page ``page`` (default: ``url``) would, with its token."""
        body = {"csrf_token": self.token(page or url), **(data or {})}
        response = self.client.post(url, data=body, **kwargs)
        if status is not None:
            assert response.status_code == status, (url, response.status_code,
                                                    text_of(response)[:3000])
        return response

    def login(self, username: str, password: str = "pw") -> TestResponse:
        """Sign in as an officer (expects success)."""
        response = self.post("/petugas/masuk", {"username": username, "password": password})
        assert response.status_code == 302, text_of(response)[:2000]
        return response

    def logout(self) -> None:
        """Sign out."""
        self.post("/petugas/keluar", page="/", status=302)
