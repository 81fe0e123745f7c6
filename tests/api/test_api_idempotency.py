"""A retried submission with its Idempotency-Key files one complaint and answers with it again
(its secret too, for a day); the key is stored only hashed, and reusing it for another report,
or from another caller, is refused. Two requests with one key at once file one complaint."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from sqlalchemy import func, select

from engine.complaints import intake as engine_intake
from engine.complaints.codes import ALPHABET, new_secret
from engine.complaints.tables import Complaint
from tests.at_once import at_once
from webui.api.idempotency import TOKEN_PREFIX, _derived_secret
from webui.api.openapi import openapi_document
from webui.receipts import TOKEN_SHAPE
from webui.wiring import Services

COMPLAINTS = "/api/v1/complaints"
KEY = "3f0c9a52-6a43-4d1e-9b1e-0e6f2a7d5c11"
REPORT = {"title": "Lampu jalan mati", "anonim": True,
          "description": "Lampu jalan di depan SD Negeri 3 mati sejak dua minggu lalu."}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def keyed(key: str = KEY) -> dict[str, str]:
    """Headers carrying ``key`` as the Idempotency-Key."""
    return {"Idempotency-Key": key}


def complaints(services: Services) -> list[Complaint]:
    """Every stored complaint."""
    with services.uow() as uow:
        return list(uow.session.scalars(select(Complaint).order_by(Complaint.id)))


def test_a_retry_files_nothing_and_answers_with_the_same_receipt(client, services) -> None:  # type: ignore[no-untyped-def]
    first = client.post(COMPLAINTS, json=REPORT, headers=keyed())
    again = client.post(COMPLAINTS, json=REPORT, headers=keyed())
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.get_json() == first.get_json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert again.headers["Location"] == first.headers["Location"]
    assert len(complaints(services)) == 1
    body = first.get_json()
    mine = client.get(f"{COMPLAINTS}/{body['tracking_code']}",
                      headers={"X-Complaint-Secret": body["secret"]})
    assert mine.status_code == 200


def test_only_a_hash_of_the_key_is_stored(client, services) -> None:  # type: ignore[no-untyped-def]
    client.post(COMPLAINTS, json=REPORT, headers=keyed())
    token = complaints(services)[0].submission_token
    assert token is not None and token.startswith("api:") and KEY not in token


def test_without_a_key_each_post_is_a_new_complaint(client, services) -> None:  # type: ignore[no-untyped-def]
    for _ in range(2):
        assert client.post(COMPLAINTS, json=REPORT).status_code == 201
    assert len(complaints(services)) == 2
    assert all(c.submission_token is None for c in complaints(services))


def test_another_key_is_another_complaint(client, services) -> None:  # type: ignore[no-untyped-def]
    one = client.post(COMPLAINTS, json=REPORT, headers=keyed()).get_json()
    two = client.post(COMPLAINTS, json=REPORT, headers=keyed(KEY[::-1])).get_json()
    assert one["tracking_code"] != two["tracking_code"] and one["secret"] != two["secret"]
    assert len(complaints(services)) == 2


@pytest.mark.parametrize("change", [
    {"description": REPORT["description"] + " Mohon segera diperbaiki."},
    {"channel": "mobile"},
    {"rahasia": True},
])
def test_the_key_of_another_report_is_refused(client, services, change) -> None:  # type: ignore[no-untyped-def]
    secret = client.post(COMPLAINTS, json=REPORT, headers=keyed()).get_json()["secret"]
    other = client.post(COMPLAINTS, json={**REPORT, **change}, headers=keyed())
    assert other.status_code == 409
    error = other.get_json()["error"]
    assert error["code"] == "conflict" and "Idempotency-Key" in error["message"]
    assert secret not in other.get_data(as_text=True)
    assert len(complaints(services)) == 1


def test_the_key_sent_by_another_caller_is_refused(client, services, bearer) -> None:  # type: ignore[no-untyped-def]
    officer = {**keyed(), **bearer("front_office")}
    assert client.post(COMPLAINTS, json=REPORT, headers=officer).status_code == 201
    assert client.post(COMPLAINTS, json=REPORT, headers=keyed()).status_code == 409
    assert client.post(COMPLAINTS, json=REPORT, headers=officer).status_code == 200


def test_blanks_around_the_text_are_the_same_report(client) -> None:  # type: ignore[no-untyped-def]
    first = client.post(COMPLAINTS, json=REPORT, headers=keyed()).get_json()
    padded = {**REPORT, "title": f"  {REPORT['title']}\n"}
    again = client.post(COMPLAINTS, json=padded, headers=keyed())
    assert again.status_code == 200 and again.get_json() == first


def test_a_refused_request_leaves_the_key_unused(client, services) -> None:  # type: ignore[no-untyped-def]
    short = client.post(COMPLAINTS, json={**REPORT, "description": "pendek"}, headers=keyed())
    assert short.status_code == 422
    assert client.post(COMPLAINTS, json=REPORT, headers=keyed()).status_code == 201
    assert len(complaints(services)) == 1


def test_after_a_day_a_retry_gets_the_complaint_without_its_secret(client, clock) -> None:  # type: ignore[no-untyped-def]
    first = client.post(COMPLAINTS, json=REPORT, headers=keyed()).get_json()
    clock.advance(hours=23, minutes=59)
    assert client.post(COMPLAINTS, json=REPORT, headers=keyed()).get_json() == first
    clock.advance(minutes=2)
    late = client.post(COMPLAINTS, json=REPORT, headers=keyed())
    assert late.status_code == 200
    assert late.get_json() == {**first, "secret": None}


def test_a_retry_reports_the_status_of_now(client, walk) -> None:  # type: ignore[no-untyped-def]
    from tests.walk import VERIFY_FORWARD

    first = client.post(COMPLAINTS, json=REPORT, headers=keyed()).get_json()
    walk.complete(first["tracking_code"], "verifikasi", VERIFY_FORWARD)
    again = client.post(COMPLAINTS, json=REPORT, headers=keyed()).get_json()
    assert again == {**first, "status": "didisposisikan"}


def _multipart(photo: bytes) -> dict[str, Any]:
    return {**REPORT, "anonim": "true",
            "attachments": [(io.BytesIO(photo), "foto.png")]}


def test_a_multipart_retry_is_recognised_by_its_files(client, services) -> None:  # type: ignore[no-untyped-def]
    first = client.post(COMPLAINTS, data=_multipart(PNG), headers=keyed(),
                        content_type="multipart/form-data")
    again = client.post(COMPLAINTS, data=_multipart(PNG), headers=keyed(),
                        content_type="multipart/form-data")
    other = client.post(COMPLAINTS, data=_multipart(PNG + b"\x01"), headers=keyed(),
                        content_type="multipart/form-data")
    assert (first.status_code, again.status_code, other.status_code) == (201, 200, 409)
    assert again.get_json() == first.get_json()
    assert len(complaints(services)) == 1


@pytest.mark.parametrize("key", ["pendek", "x" * 101, "dua kata-123", "kunci-\u00e9-12345", ""])
def test_a_malformed_key_is_a_bad_request(client, services, key: str) -> None:  # type: ignore[no-untyped-def]
    answer = client.post(COMPLAINTS, json=REPORT, headers=keyed(key))
    assert answer.status_code == 400
    error = answer.get_json()["error"]
    assert error["code"] == "bad_request" and "Idempotency-Key" in error["message"]
    assert complaints(services) == []


def test_a_derived_secret_looks_like_any_other() -> None:
    one = _derived_secret("k" * 40, KEY, b"{}")
    assert len(one) == len(new_secret()) and set(one) <= set(ALPHABET)
    assert one == _derived_secret("k" * 40, KEY, b"{}")
    assert len({one, _derived_secret("k" * 40, KEY, b"{ }"),
                _derived_secret("k" * 40, KEY[::-1], b"{}"),
                _derived_secret("j" * 40, KEY, b"{}")}) == 4


def _at_once(app, n: int) -> list[Any]:  # type: ignore[no-untyped-def]
    """``n`` clients posting REPORT with one key at the same moment; their answers."""

    def post(_i: int) -> tuple[int, Any]:
        answer = app.test_client().post(COMPLAINTS, json=REPORT, headers=keyed())
        return answer.status_code, answer.get_json()

    return at_once(n, post)


def _filed_once(answers: list[Any], services: Services) -> None:
    statuses = sorted(status for status, _ in answers)
    assert statuses == [200] * (len(answers) - 1) + [201], answers
    assert len({(b["tracking_code"], b["secret"]) for _, b in answers}) == 1
    with services.uow() as uow:
        assert uow.session.scalar(select(func.count(Complaint.id))) == 1


def test_requests_with_one_key_at_once_file_one_complaint(app, services) -> None:  # type: ignore[no-untyped-def]
    _filed_once(_at_once(app, 4), services)


def _checks_then_waits(monkeypatch: pytest.MonkeyPatch, n: int) -> list[str | None]:
    """Every first check for an earlier complaint waits for the others' (none finds one):
    whichever commits second meets the database's unique index. The tokens checked."""
    checked: list[str | None] = []
    together = threading.Barrier(n)
    original: Callable[..., None] = engine_intake._refuse_resubmission

    def check(session: Any, token: str | None) -> None:
        checked.append(token)
        first = len(checked) <= n
        original(session, token)
        if first:
            together.wait(timeout=30)

    monkeypatch.setattr(engine_intake, "_refuse_resubmission", check)
    return checked


def test_the_unique_index_decides_a_race_the_check_missed(app, services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    if services.db.dialect.name != "postgresql":
        pytest.skip("SQLite takes its write lock before the check: no two pass it at once")
    checked = _checks_then_waits(monkeypatch, 2)
    _filed_once(_at_once(app, 2), services)
    assert len(checked) == 3  # both passed the check; the loser's retry found the winner


def test_the_document_describes_the_key_and_its_answers(client, services, clock) -> None:  # type: ignore[no-untyped-def]
    document = openapi_document(Path(services.settings.forms_dir))
    operation = schemathesis.openapi.from_dict(document)["/complaints"]["POST"]
    sent = [(REPORT, KEY), (REPORT, KEY), ({**REPORT, "rahasia": True}, KEY), (REPORT, "pendek")]
    answers = [client.post(COMPLAINTS, json=body, headers=keyed(key)) for body, key in sent]
    clock.advance(days=2)
    answers.append(client.post(COMPLAINTS, json=REPORT, headers=keyed()))
    assert [a.status_code for a in answers] == [201, 200, 409, 400, 200]
    documented = document["paths"]["/complaints"]["post"]
    for answer in answers:
        assert str(answer.status_code) in documented["responses"]
        operation.validate_response(answer)  # the body as documented for its status
    assert [p["name"] for p in documented["parameters"]] == ["Idempotency-Key"]
    assert "Idempotent-Replayed" in documented["responses"]["200"]["headers"]


def test_no_form_token_can_stand_for_a_key() -> None:
    # The web form's one-time tokens share the column: theirs never hold the key's prefix.
    assert not TOKEN_SHAPE.match(TOKEN_PREFIX + "A" * 43)
