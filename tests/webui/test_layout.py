"""The look every page shares: Pico from npm, Indonesian first with English, error pages, dates."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from flask import Flask

from engine.calendar.working_days import WIB
from tests.walk import Walk
from webui.dates import format_day, format_wib

from .pages import Pages, text_of


def test_pages_use_the_vendored_pico_and_our_stylesheet(pages: Pages) -> None:
    page = text_of(pages.get("/"))
    assert re.search(r"/static/vendor/pico\.min\.[0-9a-f]{12}\.css", page)  # fingerprinted
    assert re.search(r"/static/css/alur\.[0-9a-f]{12}\.css", page)
    assert '<html lang="id">' in page
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in page
    assert "http://" not in page and "https://" not in page  # nothing from elsewhere


def test_english_switch_is_on_every_page_and_sticks(pages: Pages) -> None:
    page = text_of(pages.get("/lapor"))
    assert 'href="/lapor?lang=en"' in page
    english = text_of(pages.get("/lapor?lang=en"))
    assert '<html lang="en">' in english and "Submit a report" in english
    assert "Title" in english  # the form's own English labels
    later = text_of(pages.get("/lacak"))
    assert "Track a report" in later and 'href="/lacak?lang=id"' in later
    assert "Lacak laporan" in text_of(pages.get("/lacak?lang=id"))


def test_english_form_errors(pages: Pages) -> None:
    pages.get("/?lang=en")
    response = pages.post("/lapor", {"title": "x", "description": "short"}, status=422,
                          content_type="multipart/form-data")
    page = text_of(response)
    assert "Too short (at least 20 characters)." in page
    assert "Terlalu pendek" not in page


def test_english_badges_and_dates(pages: Pages, walk: Walk) -> None:
    walk.file()
    walk.user("tim_admin")
    pages.login("tim_admin")
    page = text_of(pages.get("/petugas/?lang=en"))
    assert "3 working days left" in page
    assert "Thursday, 5 March 2026 23:59 WIB" in page


def test_not_found_page_in_the_same_look(pages: Pages) -> None:
    page = text_of(pages.get("/tidak-ada", status=404))
    assert "Halaman tidak ditemukan" in page and "vendor/pico.min." in page
    assert "The requested URL" not in page
    english = text_of(pages.get("/tidak-ada?lang=en", status=404))
    assert "Page not found" in english


def test_forbidden_page_in_the_same_look(pages: Pages, walk: Walk) -> None:
    walk.user("tim_admin")
    pages.login("tim_admin")
    page = text_of(pages.get("/admin/", status=403))
    assert "Akses ditolak" in page and "Kotak tugas" in page  # navigation stays


def test_server_error_page_in_the_same_look(app: Flask) -> None:
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/_rusak")
    def broken() -> str:
        raise RuntimeError("boom")

    response = app.test_client().get("/_rusak")
    page = text_of(response)
    assert response.status_code == 500
    assert "Terjadi kesalahan" in page and "vendor/pico.min." in page and "boom" not in page


def test_form_without_csrf_token_is_refused_kindly(pages: Pages) -> None:
    response = pages.client.post("/lacak", data={"code": "EL-X", "secret": "Y"})
    assert response.status_code == 400
    assert "Muat ulang halaman" in text_of(response)


def test_session_cookie_is_http_only_and_lax(pages: Pages, walk: Walk) -> None:
    walk.user("tim_admin")
    response = pages.login("tim_admin")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize(("lang", "expected"), [
    ("id", "Senin, 2 Maret 2026 09.00 WIB"), ("en", "Monday, 2 March 2026 09:00 WIB")])
def test_dates_are_written_in_wib(lang: str, expected: str) -> None:
    assert format_wib(datetime(2026, 3, 2, 9, 0, tzinfo=WIB), lang) == expected


def test_instants_are_converted_to_wib() -> None:
    from datetime import UTC

    assert format_wib(datetime(2026, 3, 2, 2, 0, tzinfo=UTC)) == "Senin, 2 Maret 2026 09.00 WIB"
    assert format_wib(None) == ""
    assert format_day(date(2026, 8, 17)) == "Senin, 17 Agustus 2026"
    assert format_day(date(2026, 8, 17), short=True) == "17 Agu 2026"


def test_session_cookie_is_secure_behind_tls(services) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from webui import create_app

    app = create_app({"TESTING": True, "ALUR_SERVICES": services,
                      "ALUR_SETTINGS": replace(services.settings, secure_cookies=1)})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    with app.test_client() as client:
        client.get("/?lang=en")
        cookie = client.get_cookie("session")
        assert cookie is not None and cookie.secure


def test_short_dates_for_tables() -> None:
    instant = datetime(2026, 3, 2, 9, 0, tzinfo=WIB)
    assert format_wib(instant, short=True) == "2 Mar 2026 09.00 WIB"
    assert format_wib(instant, "en", short=True) == "2 Mar 2026 09:00 WIB"
