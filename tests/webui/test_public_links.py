"""Where the links Alur gives out start. ALUR_PUBLIC_URL, when set, is authoritative everywhere
(behind a proxy the request may name an internal host). Unset, a page links to the address
the browser asked for (`alur serve --port 5123`, the office network), and messages sent
without a request link to where `alur serve` listens."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from engine.channels.message_context import links
from engine.settings import Settings, served_url
from tests.public.test_public import filed, receipt_codes
from tests.webui.pages import Pages, text_of
from webui import create_app
from webui.cli.main import main
from webui.receipts import qr_svg
from webui.wiring import Services

PORTAL = "https://lapor.empatlawangkab.go.id"


def receipt_seen_at(services: Services, public_url: str | None,
                    host: str) -> tuple[str, str, str]:
    """File a complaint from a browser that asked for ``host``, with ALUR_PUBLIC_URL set to
    ``public_url`` (None: not set); the receipt page, its tracking code and its secret."""
    if public_url is None:
        public_url = Settings.from_env({}).public_url
    app = create_app({"TESTING": True, "ALUR_SERVICES": replace(
        services, settings=replace(services.settings, public_url=public_url))})
    app.test_client_class = type("HostClient", (FlaskClient,), {
        "open": lambda self, *args, **kw: FlaskClient.open(
            self, *args, **{"base_url": f"http://{host}/", **kw})})
    client = app.test_client()
    page = text_of(filed(Pages(client)))
    return (page, *receipt_codes(page))


def test_unset_the_receipt_and_its_qr_link_to_the_address_the_browser_used(
        services: Services) -> None:
    page, code, secret = receipt_seen_at(services, None, "127.0.0.1:5123")
    link = f"http://127.0.0.1:5123/lacak/{code}#rahasia={secret}"
    assert f'value="{link}"' in page
    assert str(qr_svg(link)) in page  # the QR code carries the same address
    assert "Situs web: http://127.0.0.1:5123/lacak —" in page
    assert ":5000" not in page


def test_set_the_receipt_links_to_the_public_address_whatever_the_host(
        services: Services) -> None:
    page, code, secret = receipt_seen_at(services, PORTAL + "/", "10.0.0.7:8000")
    link = f"{PORTAL}/lacak/{code}#rahasia={secret}"
    assert f'value="{link}"' in page and str(qr_svg(link)) in page
    assert "10.0.0.7" not in page


def test_messages_link_to_the_public_address_else_where_the_server_listens() -> None:
    assert links(Settings(), "EL-7KQ39XPA")["track_url"] == (
        "http://127.0.0.1:5000/lacak?kode=EL-7KQ39XPA")
    served = Settings(local_url=served_url("0.0.0.0", 5123))
    assert links(served, "EL-7KQ39XPA")["survey_url"] == (
        "http://127.0.0.1:5123/survei/?kode=EL-7KQ39XPA")
    assert links(replace(served, public_url=PORTAL + "/"))["site"] == "lapor.empatlawangkab.go.id"
    assert served_url("::1", 5123) == "http://[::1]:5123"


@pytest.mark.parametrize(("public_url", "expected"), [
    (None, "http://127.0.0.1:5123"), (PORTAL, PORTAL)])
def test_serve_port_moves_the_message_address_unless_public_url_is_set(
        services: Services, monkeypatch: pytest.MonkeyPatch, public_url: str | None,
        expected: str) -> None:
    for name in [n for n in os.environ if n.startswith("ALUR_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("ALUR_DATABASE_URL", services.settings.database_url)
    monkeypatch.setenv("ALUR_SECRET_KEY", services.settings.secret_key)
    if public_url:
        monkeypatch.setenv("ALUR_PUBLIC_URL", public_url)
    served: list[Flask] = []
    monkeypatch.setattr(Flask, "run", lambda app, **kw: served.append(app))
    result = CliRunner().invoke(main, ["serve", "--port", "5123"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    settings = served[0].extensions["alur"].settings
    assert settings.message_url == expected
    assert settings.public_url == (public_url or "")  # pages still follow the browser's host
