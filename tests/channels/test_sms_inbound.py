"""SMS 1708 in: signed webhook; a new complaint with a receipt SMS, or a reply; each once."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from engine.channels.tables import SmsInbound
from engine.complaints.codes import secret_matches
from engine.complaints.tables import Complaint, FollowUp, ReporterIdentity
from tests.walk import ANSWER, VERIFY_FORWARD, Walk

from .conftest import SECRET, signed
from .helpers import devbox, payload, rows

URL = "/saluran/sms/masuk"
REPORT = "Lampu jalan di Desa Pendopo mati sejak seminggu, mohon segera diperbaiki."


@pytest.fixture(autouse=True)
def gateway_secret(configure) -> None:  # type: ignore[no-untyped-def]
    configure(sms_webhook_secret=SECRET)


@pytest.fixture
def send(client, clock):  # type: ignore[no-untyped-def]
    """``send(text, message_id, sender)``: the gateway delivers one SMS, signed now."""

    def deliver(text: str, message_id: str = "gw-1", sender: str = "+6281234567890",
                **kw: Any) -> Any:
        body = {"message_id": message_id, "from": sender, "text": text,
                "received_at": "2026-03-02T09:00:00+07:00"}
        raw, headers = signed(body, kw.pop("timestamp", int(clock().timestamp())),
                              kw.pop("secret", SECRET))
        return client.post(URL, data=raw, headers={**headers, **kw.pop("headers", {})})

    return deliver


def complaints(services) -> int:  # type: ignore[no-untyped-def]
    with services.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(Complaint)) or 0


def test_an_sms_becomes_a_complaint_and_the_reporter_gets_code_and_secret(
    send, services, dispatch  # type: ignore[no-untyped-def]
) -> None:
    answer = send(REPORT)
    assert answer.status_code == 200, answer.get_json()
    code = answer.get_json()["tracking_code"]
    assert answer.get_json() == {"outcome": "complaint", "tracking_code": code,
                                 "duplicate": False}
    with services.uow() as uow:
        complaint = uow.session.scalars(select(Complaint)).one()
        identity = uow.session.get(ReporterIdentity, complaint.id)
        assert (complaint.channel, complaint.description) == ("sms", REPORT)
        assert complaint.title == "Lampu jalan di Desa Pendopo mati sejak seminggu, mohon..."
        assert identity is not None and identity.phone == "081234567890"
    dispatch()
    receipt = devbox(services, "sms")
    assert len(receipt) == 1  # the receipt only: the diagram's "diterima" is not sent twice
    assert receipt[0].address == "+6281234567890" and code in receipt[0].body
    secret = receipt[0].body.split("kode rahasia ")[1].split(".")[0]
    assert secret_matches(secret, complaint.secret_hash)
    assert receipt[0].parts == 1 and receipt[0].encoding == "GSM-7"
    sent = [r for r in rows(services) if r.template == "tanda_terima"][0]
    assert payload(sent)["context"]["secret"] != secret  # forgotten once sent


def test_the_same_message_delivered_twice_is_one_complaint(
    send, services, clock  # type: ignore[no-untyped-def]
) -> None:
    first = send(REPORT).get_json()
    clock.advance(seconds=30)  # the gateway retries with a fresh signature
    again = send(REPORT)
    assert again.status_code == 200
    assert again.get_json() == {**first, "duplicate": True}
    assert complaints(services) == 1
    assert len([r for r in rows(services) if r.template == "tanda_terima"]) == 1


@pytest.mark.parametrize("tamper", ["secret", "body", "unsigned", "stale", "future"])
def test_a_bad_signature_is_refused_and_nothing_is_created(
    tamper: str, client, clock, services  # type: ignore[no-untyped-def]
) -> None:
    now = int(clock().timestamp())
    body = {"message_id": "gw-9", "from": "081234567890", "text": REPORT}
    raw, headers = signed(body, {"stale": now - 301, "future": now + 301}.get(tamper, now),
                          "salah" if tamper == "secret" else SECRET)
    if tamper == "body":
        raw = raw.replace(b"Pendopo", b"Tebing")
    if tamper == "unsigned":
        headers = {"Content-Type": "application/json"}
    answer = client.post(URL, data=raw, headers=headers)
    assert answer.status_code == 401
    assert answer.get_json()["error"]["code"] == "unauthorized"
    assert complaints(services) == 0 and rows(services) == []


def test_a_replayed_request_is_refused(client, clock, services) -> None:  # type: ignore[no-untyped-def]
    raw, headers = signed({"message_id": "gw-5", "from": "081234567890", "text": REPORT},
                          int(clock().timestamp()))
    assert client.post(URL, data=raw, headers=headers).status_code == 200
    clock.advance(seconds=10)
    replay = client.post(URL, data=raw, headers=headers)
    assert replay.status_code == 409 and replay.get_json()["error"]["code"] == "replay"
    assert complaints(services) == 1


def test_without_a_configured_secret_everything_is_refused(
    send, configure, services  # type: ignore[no-untyped-def]
) -> None:
    configure(sms_webhook_secret="")
    assert send(REPORT).status_code == 401
    assert complaints(services) == 0


def test_an_sms_starting_with_the_code_and_belum_reopens_follow_up(
    walk: Walk, send, services, dispatch  # type: ignore[no-untyped-def]
) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.complete(code, "tanggapi", ANSWER)
    bare = code.replace("-", "").lower()
    answer = send(f"{bare} BELUM Dokternya belum datang sampai sekarang.",
                  sender="081234567890")
    assert answer.get_json() == {"outcome": "reply", "tracking_code": code, "duplicate": False}
    assert walk.status(code) == "didisposisikan"
    last = walk.follow_ups(code)[-1]
    assert (last.kind, last.text) == ("belum_selesai", "Dokternya belum datang sampai sekarang.")
    dispatch()
    assert any("balasan Anda" in m.body for m in devbox(services, "sms"))


def test_an_sms_reply_without_selesai_or_belum_is_a_plain_message(
    walk: Walk, send  # type: ignore[no-untyped-def]
) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.complete(code, "tanggapi", ANSWER)
    answer = send(f"{code} Terima kasih, dokternya sudah datang.", sender="081234567890")
    assert answer.get_json()["outcome"] == "reply"
    assert walk.status(code) == "ditindaklanjuti"
    last = walk.follow_ups(code)[-1]
    assert (last.kind, last.text) == ("balasan", "Terima kasih, dokternya sudah datang.")


def test_an_sms_selesai_closes_the_report(
    walk: Walk, send  # type: ignore[no-untyped-def]
) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.complete(code, "tanggapi", ANSWER)
    assert send(f"{code} selesai", sender="081234567890").get_json()["outcome"] == "reply"
    assert walk.status(code) == "selesai"
    assert walk.follow_ups(code)[-1].kind == "sudah_selesai"


def test_a_reply_from_another_number_is_refused_politely(
    walk: Walk, send, services, dispatch  # type: ignore[no-untyped-def]
) -> None:
    code = walk.file().tracking_code
    answer = send(f"{code} Saya juga mengalami hal yang sama.", sender="081399998888")
    assert answer.get_json()["outcome"] == "rejected"
    with services.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(FollowUp)) == 0
    dispatch()
    (refusal,) = [m for m in devbox(services, "sms") if m.address == "+6281399998888"]
    assert "nomor HP pelapor" in refusal.body


def test_a_too_short_message_gets_instructions_not_a_complaint(
    send, services, dispatch  # type: ignore[no-untyped-def]
) -> None:
    assert send("Jalan rusak").get_json()["outcome"] == "invalid"
    assert complaints(services) == 0
    dispatch()
    assert "min. 20 huruf" in devbox(services, "sms")[0].body
    with services.uow() as uow:
        assert uow.session.scalars(select(SmsInbound)).one().outcome == "invalid"


def test_an_unknown_code_is_just_the_start_of_a_new_complaint(
    send, services  # type: ignore[no-untyped-def]
) -> None:
    answer = send("EL-22222222 " + REPORT)
    assert answer.get_json()["outcome"] == "complaint"
    assert complaints(services) == 1


def test_a_malformed_body_is_refused(client, clock) -> None:  # type: ignore[no-untyped-def]
    raw, headers = signed({"message_id": "", "from": "12", "text": ""},
                          int(clock().timestamp()))
    answer = client.post(URL, data=raw, headers=headers)
    assert answer.status_code == 422
    assert set(answer.get_json()["error"]["fields"]) == {"message_id", "from", "text"}


def test_twin_deliveries_racing_past_the_first_check_still_make_one_complaint(
    services, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    from engine.channels import sms_intake

    sms = sms_intake.InboundSms("gw-twin", "+6281234567890", REPORT)
    first = sms_intake.receive_sms(services.sessions, services.runtime, sms)
    real_known = sms_intake._known
    calls: list[str] = []

    def blind_first(sessions, message_id):  # type: ignore[no-untyped-def]
        calls.append(message_id)
        return None if len(calls) == 1 else real_known(sessions, message_id)

    monkeypatch.setattr(sms_intake, "_known", blind_first)
    twin = sms_intake.receive_sms(services.sessions, services.runtime, sms)
    assert twin == sms_intake.SmsOutcome("complaint", first.tracking_code, duplicate=True)
    assert complaints(services) == 1


def test_the_place_an_sms_names_is_kept(send, services) -> None:  # type: ignore[no-untyped-def]
    answer = send("Jalan di Desa Niur, Kec. Muara Pinang berlubang besar sejak bulan lalu.")
    assert answer.get_json()["outcome"] == "complaint"
    with services.uow() as uow:
        complaint = uow.session.scalars(select(Complaint)).one()
    assert (complaint.kecamatan_code, complaint.desa_code) == ("16.11.01", "16.11.01.2014")
