"""The survey page: one form, works without JavaScript, every problem named by its field."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import func, select

from engine.evaluation.tables import SurveyResponse
from tests.walk import VERIFY_FORWARD, Walk
from webui.wiring import Services

from .test_survey import resolved
from .web import csrf_token

ANSWERS = {f"u{n}": "3" for n in range(1, 10)}


def _count(services: Services) -> int:
    with services.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(SurveyResponse)) or 0


def test_the_form_has_nine_questions_and_the_code_filled_in(client: FlaskClient) -> None:
    page = client.get("/survei/?kode=EL-ABCD1234")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    assert html.count('class="skm-question"') == 9
    assert html.count('type="radio"') == 36
    assert 'value="EL-ABCD1234"' in html
    assert 'name="csrf_token"' in html
    assert '<legend><strong>1. Persyaratan</strong>' in html
    assert client.get("/survei/?lang=en").status_code == 200


def test_answering_after_closure(client: FlaskClient, walk: Walk, services: Services) -> None:
    receipt = resolved(walk)
    token = csrf_token(client, "/survei/")
    data = {"csrf_token": token, "kode": receipt.tracking_code, "secret": receipt.secret,
            "saran": "Sudah baik.", **ANSWERS}
    first = client.post("/survei/", data=data)
    assert first.status_code == 200
    assert "Terima kasih" in first.get_data(as_text=True)
    again = client.post("/survei/", data=data)
    assert again.status_code == 409
    assert "sudah diisi" in again.get_data(as_text=True)
    assert _count(services) == 1


def test_wrong_secret_is_named_and_answers_are_kept(client: FlaskClient, walk: Walk,
                                                    services: Services) -> None:
    receipt = resolved(walk)
    token = csrf_token(client, "/survei/")
    response = client.post("/survei/", data={
        "csrf_token": token, "kode": receipt.tracking_code, "secret": "salah", **ANSWERS})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="f-secret-error"' in html
    assert html.count("checked") == 9
    assert "salah" not in html.split('id="f-secret"')[1].split(">")[0]  # never echoed
    assert _count(services) == 0


def test_missing_answers_are_named(client: FlaskClient, walk: Walk) -> None:
    receipt = resolved(walk)
    token = csrf_token(client, "/survei/")
    partial = {k: v for k, v in ANSWERS.items() if k not in ("u2", "u8")}
    response = client.post("/survei/", data={
        "csrf_token": token, "kode": receipt.tracking_code, "secret": receipt.secret,
        **partial})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="f-u2-error"' in html and 'id="f-u8-error"' in html
    assert 'href="#f-u2-1"' in html  # the summary links to the first answer of the question
    assert 'id="f-u1-error"' not in html


def test_before_closure_the_survey_waits(client: FlaskClient, walk: Walk) -> None:
    receipt = walk.file()
    walk.complete(receipt.tracking_code, "verifikasi", VERIFY_FORWARD)
    token = csrf_token(client, "/survei/")
    response = client.post("/survei/", data={
        "csrf_token": token, "kode": receipt.tracking_code, "secret": receipt.secret,
        **ANSWERS})
    assert response.status_code == 409
    assert "setelah laporan selesai" in response.get_data(as_text=True)


def test_csrf_is_required(client: FlaskClient) -> None:
    assert client.post("/survei/", data={"kode": "EL-X", **ANSWERS}).status_code == 400
