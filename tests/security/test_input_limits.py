"""Hostile input: every form field has a length limit, and oversize input gets a clear 422 (an
inline error on pages, the field named in JSON), never a 500."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.walk import VERIFY_FORWARD, Walk

from .conftest import token_headers

SCHEMAS = Path(__file__).resolve().parents[2] / "forms" / "schemas"
HUGE = "x" * 100_000
# Web forms: under 500 kB in all, or the test client spools the body to a file it never closes.
BIG = "x" * 40_000
FORM = {"title": "Jalan berlubang di depan pasar",
        "description": "Lubang besar di jalan depan pasar Tebing Tinggi membahayakan pengendara.",
        "name": "Siti Warga", "phone": "081234567890"}
OVERSIZE = {"title": "j" * 151, "description": "d" * 5001, "name": "n" * 101,
            "email": "e" * 150 + "@contoh.id", "kecamatan": "k" * 101}


def _unbounded(node: Any, path: str = "") -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        bounds = {"maxLength", "enum", "const"} & set(node)
        open_string = node.get("type") == "string" and not bounds
        if open_string or (node.get("type") == "array" and "maxItems" not in node):
            found.append(path)
        for key, value in node.items():
            found += _unbounded(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _unbounded(value, f"{path}/{i}")
    return found


@pytest.mark.parametrize("schema", sorted(p.name for p in SCHEMAS.glob("*.json")
                                          if not p.name.endswith(".ui.json")))
def test_every_form_field_has_a_length_limit(schema: str) -> None:
    assert _unbounded(json.loads((SCHEMAS / schema).read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("field", sorted(OVERSIZE))
def test_portal_form_names_the_oversize_field(pages, field: str) -> None:  # type: ignore[no-untyped-def]
    response = pages.post("/lapor", {**FORM, field: OVERSIZE[field]},
                          content_type="multipart/form-data")
    assert response.status_code == 422
    assert f'id="f-{field}-error"' in response.get_data(as_text=True)


@pytest.mark.parametrize("field", sorted(OVERSIZE))
def test_api_names_the_oversize_field(client, field: str) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/api/v1/complaints", json={**FORM, field: OVERSIZE[field]})
    assert response.status_code == 422
    assert field in response.json["error"]["fields"]


def test_api_reply_too_long_is_422(client) -> None:  # type: ignore[no-untyped-def]
    filed = client.post("/api/v1/complaints", json={**FORM, "anonim": True}).json
    response = client.post(f"/api/v1/complaints/{filed['tracking_code']}/replies",
                           json={"text": "t" * 3001},
                           headers={"X-Complaint-Secret": filed["secret"]})
    assert response.status_code in (409, 422)  # nothing to reply to yet, or too long
    assert response.status_code != 500


def test_task_form_too_long_is_422(client, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    code = walk.file().tracking_code
    task_id = walk.task(code, "verifikasi").id
    response = client.post(f"/api/v1/tasks/{task_id}/complete",
                           json={**VERIFY_FORWARD, "note": "n" * 2001},
                           headers=token_headers(walk, walk.user("tim_admin")))
    assert response.status_code == 422
    assert "note" in response.json["error"]["fields"]
    assert walk.status(code) == "diterima"


@pytest.mark.parametrize(("url", "data"), [
    ("/petugas/masuk", {"username": BIG, "password": BIG}),
    ("/lacak", {"code": BIG, "secret": BIG}),
    ("/survei/", {"kode": BIG, "secret": BIG, "saran": BIG}),
    ("/lapor", {key: BIG for key in (*FORM, *OVERSIZE, "nik", "category")}),
])
def test_huge_web_input_is_refused_clearly(pages, url: str, data: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    response = pages.post(url, data, content_type="multipart/form-data")
    assert response.status_code in (401, 404, 422), response.status_code


@pytest.mark.parametrize(("url", "body", "headers"), [
    ("/api/v1/auth/token", {"username": HUGE, "password": HUGE}, {}),
    ("/api/v1/complaints", {key: HUGE for key in (*FORM, *OVERSIZE, "nik", "category")}, {}),
    ("/api/v1/complaints/EL-AAAAAAAA", None, {"X-Complaint-Secret": HUGE}),
    (f"/api/v1/complaints/{'E' * 5000}", None, {}),
])
def test_huge_api_input_is_refused_clearly(client, url: str, body: Any,  # type: ignore[no-untyped-def]
                                           headers: dict[str, str]) -> None:
    if body is None:
        response = client.get(url, headers=headers)
    else:
        response = client.post(url, json=body, headers=headers)
    assert response.status_code in (401, 404, 422), response.status_code
    assert "error" in response.json
