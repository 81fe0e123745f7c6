"""A refused request (429) says in the reader's words what happened and when to try again, and
offers a way back; the API says it in Indonesian. Never the limit's own English ("2 per 1
minute")."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask

from tests.webui.pages import Pages, text_of
from webui.texts import wait_in_units

LOW = "2 per minute"
REPORT = {"title": "Lampu jalan mati", "description": "Lampu jalan di depan pasar mati seminggu.",
          "anonim": True}
WORDS = {"id": ("Terlalu banyak permintaan dari alamat Anda. Coba lagi dalam 1 menit.",
                "Kembali ke halaman sebelumnya", "Isian yang Anda kirim belum diproses."),
         "en": ("Too many requests from your address. Try again in 1 minute.",
                "Back to the previous page", "What you sent has not been processed.")}


def _refused_page(make_app: Callable[..., Flask], lang: str) -> str:
    pages = Pages(make_app(RATELIMIT_SUBMIT=LOW).test_client())
    pages.get(f"/lapor?lang={lang}")
    for _ in range(2):
        pages.post("/lapor", {"title": "x"})
    response = pages.post("/lapor", {"title": "x"}, headers={"Referer": "http://localhost/lapor"})
    assert response.status_code == 429 and 0 < int(response.headers["Retry-After"]) <= 60
    return text_of(response)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_refused_page_says_what_happened_and_when_in_words(make_app, lang: str) -> None:  # type: ignore[no-untyped-def]
    page = _refused_page(make_app, lang)
    main = page.split("<main", 1)[1].split("</main>")[0]
    assert all(words in main for words in WORDS[lang]), main
    assert "per 1 minute" not in page and "2 per" not in page
    assert 'href="/lapor"' in main  # the way back, to the form it came from
    other = WORDS["en" if lang == "id" else "id"]
    assert not [words for words in other if words in main]


def test_without_a_referer_the_way_back_is_the_address_itself_when_it_opens(make_app) -> None:  # type: ignore[no-untyped-def]
    pages = Pages(make_app(RATELIMIT_SUBMIT=LOW).test_client())
    for _ in range(3):
        response = pages.post("/lapor", {"title": "x"})
    main = text_of(response).split("<main", 1)[1].split("</main>")[0]
    assert response.status_code == 429 and 'href="/lapor"' in main


def test_a_referer_of_another_site_is_not_offered(make_app) -> None:  # type: ignore[no-untyped-def]
    pages = Pages(make_app(RATELIMIT_SUBMIT=LOW).test_client())
    for _ in range(3):
        response = pages.post("/lapor", {"title": "x"},
                              headers={"Referer": "https://jahat.example/lapor"})
    assert response.status_code == 429 and "jahat.example" not in text_of(response)


@pytest.mark.parametrize("url", ["/api/v1/complaints", "/api/v1/complaints?lang=en"])
def test_the_api_says_it_in_indonesian_without_the_limit_string(make_app, url: str) -> None:  # type: ignore[no-untyped-def]
    client = make_app(RATELIMIT_SUBMIT=LOW).test_client()
    for _ in range(2):
        client.post(url, json=REPORT, headers={"Accept-Language": "en"})
    response = client.post(url, json=REPORT, headers={"Accept-Language": "en"})
    assert response.status_code == 429
    error = response.get_json()["error"]
    assert error["code"] == "too_many_requests"
    assert error["message"] == WORDS["id"][0]
    assert int(response.headers["Retry-After"]) > 0


@pytest.mark.parametrize(("seconds", "parts"), [
    (0, (1, "menit")), (1, (1, "menit")), (59, (1, "menit")), (60, (1, "menit")),
    (61, (2, "menit")), (3599, (1, "jam")), (3600, (1, "jam")), (3601, (2, "jam")),
    (5400, (2, "jam")), (86400, (1, "hari")), (90000, (2, "hari")),
])
def test_a_wait_is_rounded_up_to_whole_units(seconds: int, parts: tuple[int, str]) -> None:
    assert wait_in_units(seconds) == parts


@pytest.mark.parametrize(("seconds", "indonesian", "english"), [
    (1, "1 menit", "1 minute"), (120, "2 menit", "2 minutes"),
    (3600, "1 jam", "1 hour"), (7200, "2 jam", "2 hours"), (86400, "1 hari", "1 day"),
])
def test_a_wait_in_words_of_both_languages(app: Flask, seconds: int, indonesian: str,
                                           english: str) -> None:
    from webui.texts import wait_words

    with app.test_request_context("/?lang=id"):
        assert wait_words(seconds) == indonesian
    with app.test_request_context("/?lang=en"):
        assert wait_words(seconds) == english
