"""No input answers 500: each case here once did. Every one gets a 4xx with the usual error
body (JSON on the API, a page elsewhere)."""

from __future__ import annotations

import pytest

from tests.walk import Walk

from .conftest import token_headers

FORM = {"title": "Jalan berlubang di depan pasar",
        "description": "Lubang besar di jalan depan pasar Tebing Tinggi membahayakan pengendara.",
        "anonim": True}


def _api_error(response) -> dict:  # type: ignore[no-untyped-def]
    assert 400 <= response.status_code < 500, (response.status_code, response.data[:300])
    body = response.get_json()
    assert set(body) == {"error"} and body["error"]["message"], body
    return body["error"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deeply_nested_json_is_refused(client, depth: int) -> None:  # type: ignore[no-untyped-def]
    body = "[" * depth + "]" * depth
    for path in ("/api/v1/complaints", "/api/v1/auth/token"):
        response = client.post(path, data=body, content_type="application/json")
        assert _api_error(response)["code"] == "bad_request"


@pytest.mark.parametrize("raw", ['"\\ud800"', '"a\\udfffb"', '"\\u0000"'])
def test_invalid_unicode_in_json_is_refused(client, raw: str) -> None:  # type: ignore[no-untyped-def]
    body = (f'{{"title": {raw}, "description": "Lubang besar di jalan depan pasar Tebing Tinggi.",'
            ' "anonim": true}')
    response = client.post("/api/v1/complaints", data=body, content_type="application/json")
    assert _api_error(response)["code"] in ("bad_request", "invalid")


@pytest.mark.parametrize("raw", ["NaN", "Infinity", "-Infinity", "[1, NaN]"])
def test_numbers_that_are_not_json_are_refused(client, raw: str) -> None:  # type: ignore[no-untyped-def]
    # Python's reader takes them; a saved state or an answer would carry null in their place.
    description = FORM["description"]
    body = (f'{{"title": "Jalan rusak di pasar", "description": "{description}", '
            f'"anonim": true, "latitude": {raw}}}')
    response = client.post("/api/v1/complaints", data=body, content_type="application/json")
    assert _api_error(response)["code"] == "bad_request"


def test_invalid_utf8_in_a_json_body_is_refused(client) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/api/v1/complaints", data=b'{"title": "\xff\xfe"}',
                           content_type="application/json")
    _api_error(response)


@pytest.mark.parametrize("target", ["/\r\nSet-Cookie: x=1", "/petugas/\nLocation: //evil",
                                    "/%0d%0aX: 1", "/\x00", "/\t//evil.example"])
def test_control_characters_in_a_redirect_target_go_home(
    pages, walk: Walk, target: str,
) -> None:  # type: ignore[no-untyped-def]
    walk.user("anggota")
    response = pages.client.get("/petugas/masuk", query_string={"next": target})
    assert response.status_code == 200
    response = pages.post("/petugas/masuk", {"username": "anggota", "password": "pw",
                                            "next": target})
    assert response.status_code == 302, response.status_code
    location = response.headers["Location"]
    assert "\r" not in location and "\n" not in location and "evil" not in location


@pytest.mark.parametrize("query", [
    {"received_from": "0001-01-01"}, {"received_to": "9999-12-31"},
    {"received_from": "9999-12-31", "received_to": "0001-01-01"},
])
def test_far_dates_in_the_api_list_are_a_clear_4xx(client, walk: Walk,  # type: ignore[no-untyped-def]
                                                    query: dict[str, str]) -> None:
    headers = token_headers(walk, walk.user("tim_admin"))
    response = client.get("/api/v1/instances", query_string=query, headers=headers)
    assert response.status_code in (200, 422), response.data[:300]
    if response.status_code == 422:
        _api_error(response)


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1900-01-01", "2999-01-01"])
def test_far_incident_dates_are_refused_clearly(client, day: str) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/api/v1/complaints", json={**FORM, "incident_date": day})
    assert response.status_code == 422
    assert "incident_date" in _api_error(response)["fields"]


@pytest.mark.parametrize("path", ["/pemantauan/", "/pemantauan/ekspor.csv",
                                  "/front-office/buku-registrasi/"])
@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_far_dates_in_page_filters_are_no_500(pages, walk: Walk, path: str, day: str) -> None:  # type: ignore[no-untyped-def]
    walk.user("tim_admin")
    pages.login("tim_admin")
    for name in ("received_from", "received_to", "start", "end", "from", "to"):
        response = pages.client.get(path, query_string={name: day})
        assert response.status_code < 500, (path, name, response.status_code)
