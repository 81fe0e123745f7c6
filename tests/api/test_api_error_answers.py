"""The API's error shape in Indonesian for what Werkzeug answers itself (an unknown address, a
wrong method, a body too large), a body without files refused at 1 MB before it is read, and a
reply whose text is not text named as such."""

from __future__ import annotations

import io

import pytest
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from webui.api.common import MAX_TEXT_BODY
from webui.security import CheckedRequest

API = "/api/v1"
REPORT = {"title": "Sampah menumpuk", "anonim": True,
          "description": "Sampah di pasar tidak diangkut sejak seminggu lalu."}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
# Werkzeug's own English descriptions start so; none may reach an API caller.
ENGLISH = ("The requested URL", "The method is not allowed", "The data value transmitted")


def _indonesian_error(answer, status: int, code: str) -> str:  # type: ignore[no-untyped-def]
    assert answer.status_code == status
    error = answer.get_json()["error"]
    assert error["code"] == code
    assert error["request_id"] == answer.headers["X-Request-ID"]
    assert not error["message"].startswith(ENGLISH), error["message"]
    return str(error["message"])


@pytest.mark.parametrize("path", ["/nonexistent", "/complaints/EL-22222222/semua", "/../v2/x"])
def test_an_unknown_address_is_answered_in_indonesian(client, path: str) -> None:  # type: ignore[no-untyped-def]
    message = _indonesian_error(client.get(API + path), 404, "not_found")
    assert "Alamat ini tidak ada di API" in message


@pytest.mark.parametrize(("method", "path"), [("PUT", "/complaints"), ("DELETE", "/opds"),
                                              ("POST", "/tasks")])
def test_a_wrong_method_is_answered_in_indonesian(client, method: str, path: str) -> None:  # type: ignore[no-untyped-def]
    answer = client.open(API + path, method=method)
    assert "Metode ini tidak dapat dipakai" in _indonesian_error(answer, 405,
                                                                 "method_not_allowed")
    assert answer.headers["Allow"]


def test_the_api_words_do_not_replace_a_view_s_own(client) -> None:  # type: ignore[no-untyped-def]
    answer = client.get(f"{API}/complaints/EL-22222222")
    assert answer.get_json()["error"]["message"] == "Laporan tidak ditemukan"


def test_pages_keep_their_own_not_found_page(client) -> None:  # type: ignore[no-untyped-def]
    answer = client.get("/tidak-ada")
    assert answer.status_code == 404 and answer.mimetype == "text/html"


def test_json_over_a_megabyte_is_refused_before_it_is_read(client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the body was parsed")

    monkeypatch.setattr(CheckedRequest, "get_json", never)
    big = {**REPORT, "description": "x" * MAX_TEXT_BODY}
    message = _indonesian_error(client.post(f"{API}/complaints", json=big), 413, "too_large")
    assert "1 MB" in message


def test_a_body_without_its_length_stops_at_the_limit(client) -> None:  # type: ignore[no-untyped-def]
    body = b'{"title": "' + b"x" * (MAX_TEXT_BODY + 10) + b'"}'
    # A server that undoes the chunking says so (gunicorn does); Werkzeug then reads to the end.
    answer = client.post(f"{API}/complaints", input_stream=io.BytesIO(body),
                         headers={"Content-Type": "application/json",
                                  "Transfer-Encoding": "chunked"},
                         environ_overrides={"wsgi.input_terminated": True})
    _indonesian_error(answer, 413, "too_large")


def test_json_under_the_limit_is_read_as_before(client) -> None:  # type: ignore[no-untyped-def]
    long = {**REPORT, "description": "x" * (MAX_TEXT_BODY // 2)}
    answer = client.post(f"{API}/complaints", json=long)
    assert answer.status_code == 422  # read, and refused for the field's own length
    assert "description" in answer.get_json()["error"]["fields"]


def test_a_multipart_body_over_a_megabyte_is_still_filed(client) -> None:  # type: ignore[no-untyped-def]
    photo = FileStorage(io.BytesIO(PNG + b"\x00" * (2 * MAX_TEXT_BODY)), "foto.png")
    # Encoded here in memory: the test client would spool so large a body to a temporary file
    # it never closes.
    boundary, body = encode_multipart({**REPORT, "anonim": "true", "attachments": photo})
    answer = client.post(f"{API}/complaints", data=body,
                         content_type=f"multipart/form-data; boundary={boundary}")
    assert answer.status_code == 201, answer.get_json()


@pytest.mark.parametrize(("text", "expected"), [(123, "Isian tidak sesuai jenisnya."),
                                                (["a"], "Isian tidak sesuai jenisnya."),
                                                (None, "Wajib diisi.")])
def test_a_reply_s_text_of_another_type_is_named_so(client, walk, text, expected) -> None:  # type: ignore[no-untyped-def]
    receipt = walk.file(anonim=True, name=None, phone=None)
    answer = client.post(f"{API}/complaints/{receipt.tracking_code}/replies", json={"text": text},
                         headers={"X-Complaint-Secret": receipt.secret})
    assert answer.status_code == 422
    assert answer.get_json()["error"]["fields"] == {"text": expected}
