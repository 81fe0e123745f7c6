"""Targets (sysadmin, ketua) and the cause and resolution lists, on the web."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from engine.evaluation.tables import Target
from engine.reference.tables import CodeListEntry
from webui.wiring import Services

from .web import csrf_token

SignIn = Callable[[str], None]


@pytest.mark.parametrize(("role", "status"), [
    ("ketua", 200), ("sysadmin", 200), ("penanggung_jawab", 403), ("sekretaris", 403),
    ("kepala_opd", 403), ("anggota", 403),
    ("tim_admin", 403), ("pejabat_penghubung", 403)])
def test_who_may_set_targets(client: FlaskClient, sign_in: SignIn, role: str,
                             status: int) -> None:
    sign_in(role)
    assert client.get("/evaluasi/target").status_code == status
    assert client.post("/evaluasi/target", data={}).status_code in (status, 400)


def test_set_and_delete_a_target(client: FlaskClient, sign_in: SignIn,
                                 services: Services) -> None:
    sign_in("ketua")
    token = csrf_token(client, "/evaluasi/target")
    response = client.post("/evaluasi/target", data={
        "csrf_token": token, "indicator": "tindak_lanjut_5hk", "period": "2026",
        "opd_code": "DINKES", "value": "87,5"})
    assert response.status_code == 302
    with services.uow() as uow:
        [target] = uow.session.scalars(select(Target)).all()
    assert (target.indicator, target.period, target.opd_code, target.value_hundredths,
            target.author) == ("tindak_lanjut_5hk", "2026", "DINKES", 8750, "u-ketua")
    page = client.get("/evaluasi/target").get_data(as_text=True)
    assert "87.50" in page and "Dinas Kesehatan" in page
    response = client.post(f"/evaluasi/target/{target.id}/hapus", data={"csrf_token": token})
    assert response.status_code == 302
    with services.uow() as uow:
        assert uow.session.scalars(select(Target)).all() == []


def test_invalid_target_comes_back_with_the_field_marked(client: FlaskClient,
                                                         sign_in: SignIn) -> None:
    sign_in("sysadmin")
    token = csrf_token(client, "/evaluasi/target")
    response = client.post("/evaluasi/target", data={
        "csrf_token": token, "indicator": "ikm", "period": "2026-13", "value": "200"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="f-value-error"' in html and 'id="f-period-error"' in html
    assert 'value="2026-13"' in html


def test_without_csrf_token_nothing_is_saved(client: FlaskClient, sign_in: SignIn) -> None:
    sign_in("ketua")
    response = client.post("/evaluasi/target", data={"indicator": "ikm", "value": "80"})
    assert response.status_code == 400


@pytest.mark.parametrize(("role", "status"), [
    ("tim_admin", 200), ("ketua", 200), ("sysadmin", 200), ("anggota", 403),
    ("front_office", 403)])
def test_who_may_edit_the_lists(client: FlaskClient, sign_in: SignIn, role: str,
                                status: int) -> None:
    sign_in(role)
    assert client.get("/evaluasi/daftar-kode").status_code == status


def _entry(services: Services, list_name: str, code: str) -> CodeListEntry | None:
    with services.uow() as uow:
        return uow.session.get(CodeListEntry, (list_name, code))


def test_add_rename_and_retire_a_cause(client: FlaskClient, sign_in: SignIn,
                                       services: Services) -> None:
    sign_in("tim_admin")
    token = csrf_token(client, "/evaluasi/daftar-kode")
    added = client.post("/evaluasi/daftar-kode/causes", data={
        "csrf_token": token, "code": "jalan_rusak", "label": "Jalan rusak"})
    assert added.status_code == 302
    renamed = client.post("/evaluasi/daftar-kode/causes/jalan_rusak", data={
        "csrf_token": token, "action": "ubah", "label": "Jalan atau jembatan rusak"})
    assert renamed.status_code == 302
    retired = client.post("/evaluasi/daftar-kode/causes/jalan_rusak", data={
        "csrf_token": token, "action": "nonaktifkan"})
    assert retired.status_code == 302
    entry = _entry(services, "causes", "jalan_rusak")
    assert entry is not None and (entry.label, entry.active) == (
        "Jalan atau jembatan rusak", False)
    page = client.get("/evaluasi/daftar-kode").get_data(as_text=True)
    assert "Jalan atau jembatan rusak" in page and "Aktifkan" in page


def test_list_errors_are_shown_at_the_field(client: FlaskClient, sign_in: SignIn) -> None:
    sign_in("ketua")
    token = csrf_token(client, "/evaluasi/daftar-kode")
    response = client.post("/evaluasi/daftar-kode/resolutions", data={
        "csrf_token": token, "code": "diperbaiki", "label": ""})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="n-resolutions-code-error"' in html and 'id="n-resolutions-label-error"' in html
    assert client.post("/evaluasi/daftar-kode/kategori", data={
        "csrf_token": token, "code": "abc", "label": "x"}).status_code == 404
