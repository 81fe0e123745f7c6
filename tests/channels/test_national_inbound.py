"""National LAPOR! → Alur beyond new complaints: replies and status changes (recorded documents
in national_documents/), signed and idempotent; and what travels back (return reason, agency,
the survey link at an outcome)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from engine.audit import AuditEntry
from engine.channels.tables import NationalInbound
from engine.complaints.codes import survey_token
from tests.walk import ANSWER, VERIFY_FORWARD, Walk, wib

from .conftest import INBOUND_KEY, signed
from .test_national import FORWARDED, post

DOCUMENTS = Path(__file__).parent / "national_documents"
WEBHOOK_SECRET = "rahasia-nasional-uji"


def document(name: str) -> dict[str, Any]:
    """A recorded document national sends."""
    loaded: dict[str, Any] = json.loads((DOCUMENTS / f"{name}.json").read_text())
    return loaded


@pytest.fixture(autouse=True)
def keys(configure) -> None:  # type: ignore[no-untyped-def]
    configure(national_inbound_key=INBOUND_KEY, national_webhook_secret=WEBHOOK_SECRET)


def send(client, kind: str, body: dict[str, Any], clock, secret: str = WEBHOOK_SECRET):  # type: ignore[no-untyped-def]
    raw, headers = signed(body, int(clock().timestamp()), secret)
    path = {"reply": "/saluran/nasional/balasan", "status": "/saluran/nasional/status"}[kind]
    return client.post(path, data=raw, headers=headers)


def forwarded_and_answered(client, walk: Walk) -> str:  # type: ignore[no-untyped-def]
    code: str = post(client, FORWARDED).get_json()["tracking_code"]
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.complete(code, "tanggapi", ANSWER)
    assert walk.status(code) == "ditindaklanjuti"
    return code


def test_a_reporters_reply_at_national_reopens_the_follow_up_as_a_web_reply_would(
    client, walk: Walk, clock  # type: ignore[no-untyped-def]
) -> None:
    code = forwarded_and_answered(client, walk)
    clock.set(wib("2026-03-10 08:20"))
    answer = send(client, "reply", document("reply_from_reporter"), clock)
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json() == {"tracking_code": code, "outcome": "delivered",
                                 "duplicate": False}
    assert walk.status(code) == "didisposisikan"  # back to the OPD, per prosedur (c)
    reply = walk.follow_ups(code)[-1]
    assert (reply.kind, reply.author) == ("balasan", "Pelapor")
    assert reply.text == document("reply_from_reporter")["text"]
    walk.assert_round_trip(code)
    # The 10-day closure timer no longer closes it: the OPD must answer again first.
    walk.at(wib("2026-03-30 00:00:01"))
    assert walk.status(code) == "didisposisikan"


def test_the_same_event_twice_is_one_reply(client, walk: Walk, clock) -> None:  # type: ignore[no-untyped-def]
    code = forwarded_and_answered(client, walk)
    first = send(client, "reply", document("reply_from_admin"), clock)
    clock.advance(seconds=5)  # a retry is signed again
    again = send(client, "reply", document("reply_from_admin"), clock)
    assert again.status_code == 200
    assert again.get_json() == {**first.get_json(), "duplicate": True}
    assert [f.author for f in walk.follow_ups(code) if f.kind == "balasan"] == [
        "Pengelola LAPOR!"]
    with walk.services.uow() as uow:
        assert len(uow.session.scalars(select(NationalInbound)).all()) == 1


def test_unsigned_replayed_or_unknown_events_change_nothing(
    client, walk: Walk, clock  # type: ignore[no-untyped-def]
) -> None:
    code = forwarded_and_answered(client, walk)
    body = document("reply_from_reporter")
    assert send(client, "reply", body, clock, secret="salah").status_code == 401
    raw, headers = signed(body, int(clock().timestamp()), WEBHOOK_SECRET)
    unknown = {**body, "external_id": "LAPOR-TIDAK-ADA", "event_id": "E-404"}
    assert send(client, "reply", unknown, clock).status_code == 404
    assert client.post("/saluran/nasional/balasan", data=raw, headers=headers).status_code == 200
    assert client.post("/saluran/nasional/balasan", data=raw, headers=headers).status_code == 409
    invalid = send(client, "reply", {"event_id": "", "author": "tetangga"}, clock)
    assert invalid.status_code == 422
    assert set(invalid.get_json()["error"]["fields"]) == {"event_id", "tracking_code", "author",
                                                          "text"}
    assert len([f for f in walk.follow_ups(code) if f.kind == "balasan"]) == 1


def test_a_status_change_is_recorded_and_reopening_reaches_the_process(
    client, walk: Walk, clock  # type: ignore[no-untyped-def]
) -> None:
    code = forwarded_and_answered(client, walk)
    progress = send(client, "status", document("status_in_progress"), clock)
    assert progress.get_json()["outcome"] == "recorded"
    assert walk.status(code) == "ditindaklanjuti"
    with walk.services.uow() as uow:
        entry = uow.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "national_status_received")).one()
    assert json.loads(entry.detail)["national_status"] == "diproses"
    reopened = send(client, "status", document("status_reopened"), clock)
    assert reopened.get_json()["outcome"] == "delivered"
    assert walk.status(code) == "didisposisikan"


def test_national_closing_the_report_ends_the_process_and_tells_the_reporter(
    client, walk: Walk, clock  # type: ignore[no-untyped-def]
) -> None:
    # Bug: "ditutup" was only recorded; the process ran on with its tasks and timers.
    code = forwarded_and_answered(client, walk)
    assert send(client, "status", document("status_reopened"), clock).status_code == 200
    assert walk.task(code, "tanggapi").opd_code == "DINKES"
    closed = send(client, "status", document("status_closed"), clock)
    assert closed.get_json()["outcome"] == "closed"
    assert walk.status(code) == "selesai"
    assert walk.tasks(code) == []
    assert (walk.instance(code).status, walk.instance(code).next_timer_at) == ("completed", None)
    assert walk.outbox(code)[-1] == ("selesai", "pelapor")
    assert walk.complaint(code).closed_at is not None
    clock.set(clock() + timedelta(minutes=1))  # national retries, signed again
    again = send(client, "status", document("status_closed"), clock)
    assert again.get_json() == {**closed.get_json(), "duplicate": True}


def test_the_return_carries_the_reason_and_the_agency_it_belongs_to(
    walk: Walk, dispatch, configure, fake_http  # type: ignore[no-untyped-def]
) -> None:
    configure(national_mode="live", national_url=fake_http.url, national_api_key="k")
    code = walk.file().tracking_code
    with pytest.raises(Exception) as refused:  # the reason is required for a return
        walk.complete(code, "verifikasi", {"decision": "redirect_national", "jenis": "pengaduan"})
    assert "reason" in getattr(refused.value, "errors", {})
    walk.complete(code, "verifikasi", {"decision": "redirect_national", "jenis": "pengaduan",
                                       "reason": "Rumah sakit vertikal milik Kemenkes.",
                                       "instansi_tujuan": "Kementerian Kesehatan"})
    dispatch()
    (returned,) = fake_http.receiver.requests
    assert returned.body["reason"] == "Rumah sakit vertikal milik Kemenkes."
    assert returned.body["target_agency"] == "Kementerian Kesehatan"
    assert returned.body["survey_url"].startswith(f"http://127.0.0.1:5000/survei/?kode={code}&token=")


def test_status_updates_at_an_outcome_carry_a_survey_link_that_needs_no_secret(
    client, walk: Walk, dispatch, configure, fake_http, services  # type: ignore[no-untyped-def]
) -> None:
    configure(national_mode="live", national_url=fake_http.url, national_api_key="k")
    code = forwarded_and_answered(client, walk)
    walk.at(wib("2026-03-26 00:00:01"))
    assert walk.status(code) == "selesai"
    dispatch()
    updates = [r.body for r in fake_http.receiver.requests]
    assert all(u["survey_url"] is None for u in updates if u["status"] != "selesai")
    link = next(u["survey_url"] for u in updates if u["status"] == "selesai")
    token = survey_token(services.settings.secret_key, code)
    assert link == f"http://127.0.0.1:5000/survei/?kode={code}&token={token}"
    page = client.get(link.removeprefix("http://127.0.0.1:5000")).get_data(as_text=True)
    assert 'name="token"' in page and 'name="secret"' not in page


def test_upstream_sends_local_complaints_to_national_first_then_their_updates(
    walk: Walk, dispatch, configure, fake_http, services  # type: ignore[no-untyped-def]
) -> None:
    configure(national_mode="live", national_url=fake_http.url, national_api_key="k",
              national_upstream=1)
    code = walk.file(channel="sms", name="Pelapor SMS 1708").tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    dispatch()
    sent = [(r.path, r.body["type"], r.body["status"]) for r in fake_http.receiver.requests]
    # The report is built when the outbox sends it: it carries the status of that moment.
    assert sent == [("/v1/pengaduan/daerah", "report", "didisposisikan"),
                    ("/v1/pengaduan/status", "status", "diterima"),
                    ("/v1/pengaduan/status", "status", "didisposisikan")]
    report = fake_http.receiver.requests[0].body
    assert (report["tracking_code"], report["complaint"]["channel"]) == (code, "sms")
    assert "reason" not in report


def test_without_upstream_local_complaints_stay_local(
    walk: Walk, dispatch, configure, fake_http  # type: ignore[no-untyped-def]
) -> None:
    configure(national_mode="live", national_url=fake_http.url, national_api_key="k")
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    dispatch()
    assert fake_http.receiver.requests == []


def test_an_event_naming_only_our_tracking_code_finds_that_complaint_and_no_other(
    client, walk: Walk, clock  # type: ignore[no-untyped-def]
) -> None:
    other = walk.file(title="Laporan lain tanpa external id").tracking_code
    code = walk.file(title="Laporan yang dikirim ke nasional").tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.complete(code, "tanggapi", ANSWER)
    body = {"event_id": "E-LOCAL-1", "tracking_code": code.lower().replace("-", ""),
            "author": "pelapor", "text": "Belum diperbaiki sampai hari ini."}
    answer = send(client, "reply", body, clock)
    assert answer.get_json()["tracking_code"] == code
    assert [f.text for f in walk.follow_ups(other)] == []
    assert walk.status(code) == "didisposisikan"
