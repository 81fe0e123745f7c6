"""The four places where the OpenAPI document and the API once disagreed: each answer's status
is one the document lists for that operation, with the error body it describes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from engine.settings import Settings
from tests.security.conftest import token_headers
from tests.walk import VERIFY_FORWARD, Walk
from webui.api.openapi import openapi_document

DOCUMENT = openapi_document(Path(Settings().forms_dir))


def _documented(path: str, method: str) -> set[int]:
    return {int(code) for code in DOCUMENT["paths"][path][method]["responses"]}


def _agrees(response: Any, path: str, method: str) -> dict[str, Any]:
    assert response.status_code in _documented(path, method), (
        response.status_code, sorted(_documented(path, method)), response.data[:300])
    body: dict[str, Any] = response.get_json()
    return body


def test_received_to_before_received_from(client, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    headers = token_headers(walk, walk.user("tim_admin"))
    response = client.get("/api/v1/instances", headers=headers,
                          query_string={"received_from": "2026-03-10", "received_to": "2026-03-01"})
    body = _agrees(response, "/instances", "get")
    assert response.status_code == 422 and "received_to" in body["error"]["fields"]


def test_a_channel_the_role_may_not_use(client, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    headers = token_headers(walk, walk.user("tim_admin"))
    response = client.post("/api/v1/complaints", headers=headers, json={
        "title": "Jalan berlubang di depan pasar", "anonim": True, "channel": "loket",
        "description": "Lubang besar di jalan depan pasar Tebing Tinggi membahayakan."})
    body = _agrees(response, "/complaints", "post")
    assert body["error"]["message"]


def test_completing_a_task_with_an_empty_form(client, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    code = walk.file().tracking_code
    task = walk.task(code, "verifikasi")
    headers = token_headers(walk, walk.user("tim_admin"))
    path = f"/api/v1/tasks/{task.id}/complete"
    client.post(f"/api/v1/tasks/{task.id}/claim", headers=headers)
    response = client.post(path, headers=headers, json={})
    body = _agrees(response, "/tasks/{task_id}/complete", "post")
    assert response.status_code == 422 and body["error"]["fields"]


@pytest.mark.parametrize("secret", ["salah", ""])
def test_a_reply_with_a_wrong_secret(client, walk: Walk, secret: str) -> None:  # type: ignore[no-untyped-def]
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    response = client.post(f"/api/v1/complaints/{code}/replies", json={"text": "Terima kasih"},
                           headers={"X-Complaint-Secret": secret} if secret else {})
    _agrees(response, "/complaints/{tracking_code}/replies", "post")
