"""The national LAPOR! exchange: forwarded complaints in (idempotent), returns and updates out."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from engine.complaints.tables import Complaint
from tests.walk import ANSWER, VERIFY_FORWARD, Walk, wib

from .conftest import INBOUND_KEY
from .helpers import devbox, rows

URL = "/saluran/nasional/pengaduan"
FORWARDED = {
    "external_id": "LAPOR-2026-0004211",
    "title": "Jembatan gantung Desa Muara Pinang rusak",
    "description": "Papan jembatan gantung banyak yang lapuk dan membahayakan anak sekolah.",
    "category": "4",
    "anonim": False,
    "rahasia": False,
    "reporter": {"name": "Siti Aminah", "phone": "081377778888", "email": "siti@example.id"},
}


@pytest.fixture(autouse=True)
def keys(configure) -> None:  # type: ignore[no-untyped-def]
    configure(national_inbound_key=INBOUND_KEY)


@pytest.fixture
def national(configure, fake_http):  # type: ignore[no-untyped-def]
    """Outbound exchange messages go to the fake national server."""
    configure(national_mode="live", national_url=fake_http.url, national_api_key="kunci-keluar")
    return fake_http.receiver


def post(client, body: Any, key: str = INBOUND_KEY):  # type: ignore[no-untyped-def]
    return client.post(URL, json=body, headers={"Authorization": f"Bearer {key}"})


def count(services) -> int:  # type: ignore[no-untyped-def]
    with services.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(Complaint)) or 0


def test_a_forwarded_complaint_is_registered_once_however_often_it_comes(
    client, services  # type: ignore[no-untyped-def]
) -> None:
    first = post(client, FORWARDED)
    assert first.status_code == 201, first.get_json()
    body = first.get_json()
    assert body["duplicate"] is False and body["status"] == "diterima"
    again = post(client, FORWARDED)
    assert again.status_code == 200
    assert again.get_json() == {**body, "duplicate": True}
    assert count(services) == 1
    with services.uow() as uow:
        complaint = uow.session.scalars(select(Complaint)).one()
        assert (complaint.channel, complaint.external_id) == ("nasional", "LAPOR-2026-0004211")


@pytest.mark.parametrize("key", ["", "salah"])
def test_without_the_api_key_nothing_is_created(client, services, key: str) -> None:  # type: ignore[no-untyped-def]
    answer = post(client, FORWARDED, key)
    assert answer.status_code == 401 and count(services) == 0


def test_an_unset_inbound_key_refuses_everyone(client, services, configure) -> None:  # type: ignore[no-untyped-def]
    configure(national_inbound_key="")
    assert post(client, FORWARDED, "").status_code == 401


def test_an_invalid_document_names_its_fields(client, services) -> None:  # type: ignore[no-untyped-def]
    answer = post(client, {**FORWARDED, "external_id": "", "incident_date": "kemarin"})
    assert answer.status_code == 422
    assert set(answer.get_json()["error"]["fields"]) == {"external_id", "incident_date"}
    short = post(client, {**FORWARDED, "description": "Rusak."})
    assert short.status_code == 422 and "description" in short.get_json()["error"]["fields"]
    assert post(client, ["not", "an", "object"]).status_code == 400
    assert count(services) == 0


def test_status_updates_of_a_forwarded_complaint_go_to_the_coordinator_not_the_reporter(
    client, walk: Walk, services, dispatch, national  # type: ignore[no-untyped-def]
) -> None:
    code = post(client, FORWARDED).get_json()["tracking_code"]
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.complete(code, "tanggapi", ANSWER)
    dispatch()
    updates = [r.body for r in national.requests]
    assert [u["status"] for u in updates] == ["diterima", "didisposisikan", "ditindaklanjuti"]
    assert all(r.path == "/v1/pengaduan/status" for r in national.requests)
    last = national.requests[-1]
    assert last.body["external_id"] == "LAPOR-2026-0004211"
    assert last.body["tracking_code"] == code and last.body["follow_up"] == ANSWER["response"]
    assert last.headers["Authorization"] == "Bearer kunci-keluar"
    assert last.headers["Idempotency-Key"] == last.body["idempotency_key"]
    assert devbox(services, "sms") == []  # the coordinator tells its reporter


def test_not_the_regencys_authority_is_returned_with_the_complaint(
    walk: Walk, services, dispatch, national  # type: ignore[no-untyped-def]
) -> None:
    code = walk.file(email="warga@example.id").tracking_code
    walk.complete(code, "verifikasi", {"decision": "redirect_national", "jenis": "pengaduan",
                                       "reason": "Kewenangan Kementerian Kesehatan."})
    dispatch()
    (returned,) = national.requests
    assert returned.path == "/v1/pengaduan/pengalihan"
    doc = returned.body
    assert (doc["type"], doc["status"], doc["tracking_code"]) == ("return", "dialihkan", code)
    assert doc["reason"] == "Kewenangan Kementerian Kesehatan."
    assert doc["complaint"]["title"] == "Pelayanan puskesmas lambat"
    assert doc["complaint"]["category"]["code"] == "4"
    assert doc["complaint"]["reporter"]["phone"] == "081234567890"
    told = [m.body for m in devbox(services, "sms") if "LAPOR! nasional" in m.body]
    assert told and code in told[0]


def test_a_forwarded_complaint_sent_back_is_one_return_not_also_a_status(
    client, walk: Walk, dispatch, national  # type: ignore[no-untyped-def]
) -> None:
    code = post(client, FORWARDED).get_json()["tracking_code"]
    walk.complete(code, "verifikasi", {"decision": "redirect_national", "jenis": "pengaduan",
                                       "reason": "Jalan nasional."})
    dispatch()
    assert [(r.body["type"], r.body["status"]) for r in national.requests] == [
        ("status", "diterima"), ("return", "dialihkan")]
    assert national.requests[-1].body["external_id"] == "LAPOR-2026-0004211"


def test_an_outage_of_the_national_server_delays_but_never_duplicates(
    walk: Walk, services, dispatch, national, clock  # type: ignore[no-untyped-def]
) -> None:
    national.status = 503
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", {"decision": "redirect_national", "jenis": "pengaduan",
                                       "reason": "Kewenangan provinsi."})
    assert dispatch().retried == 1
    national.status = 200
    clock.advance(minutes=2)
    assert dispatch().sent == 1
    clock.advance(hours=1)
    assert dispatch().sent == 0
    assert len(national.requests) == 2 and len(set(national.keys())) == 1
    assert len(national.accepted) == 1
    assert [r.status for r in rows(services) if r.channel == "nasional"] == ["sent"]


def test_the_original_report_date_is_kept_and_shown(client, walk: Walk, pages) -> None:  # type: ignore[no-untyped-def]
    wrong = post(client, {**FORWARDED, "external_id": "LAPOR-X-1", "reported_at": "27/02/2026"})
    assert wrong.status_code == 422 and "reported_at" in wrong.get_json()["error"]["fields"]
    naive = post(client, {**FORWARDED, "external_id": "LAPOR-X-2",
                          "reported_at": "2026-02-27T19:42:00"})
    assert naive.status_code == 422
    code = post(client, {**FORWARDED, "reported_at": "2026-02-27T19:42:00+07:00"}
                ).get_json()["tracking_code"]
    complaint = walk.complaint(code)
    assert complaint.reported_at == wib("2026-02-27 19:42")
    assert complaint.received_at != complaint.reported_at
    walk.user("tim_admin")
    pages.login("tim_admin")
    page = pages.get(f"/petugas/laporan/{code}").get_data(as_text=True)
    assert "Dilaporkan (laporan asli)" in page and "27 Februari 2026" in page
