"""WhatsApp and Telegram in, on payloads recorded in the platforms' webhook formats: verification,
the guided conversation, the receipt, "status <kode>", follow-ups and replies in the chat, and
each provider message counted once."""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from engine.channels.tables import ChatContact
from engine.complaints.codes import secret_matches
from engine.complaints.tables import Attachment, Complaint, FollowUp, ReporterIdentity
from tests.walk import ANSWER, VERIFY_FORWARD, Walk

from .helpers import deliveries, devbox

PAYLOADS = Path(__file__).with_name("chat_payloads")
APP_SECRET = "rahasia-aplikasi-meta"
VERIFY_TOKEN = "token-verifikasi-uji"
TELEGRAM_SECRET = "rahasia-bot-telegram"
WA_NUMBER = "6281234567890"
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
REPORT = "Jembatan gantung penghubung dua dusun putus sejak banjir kemarin sore."


@pytest.fixture(autouse=True)
def chat_settings(configure) -> None:  # type: ignore[no-untyped-def]
    configure(whatsapp_app_secret=APP_SECRET, whatsapp_verify_token=VERIFY_TOKEN,
              telegram_webhook_secret=TELEGRAM_SECRET)


def _recorded(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((PAYLOADS / name).read_text())
    return loaded


def whatsapp_body(text: str | None = None, message_id: str = "wamid.1",
                  location: tuple[float, float] | None = None) -> dict[str, Any]:
    """The recorded WhatsApp text (or location) webhook with this message in it."""
    body = _recorded("whatsapp_location.json" if location else "whatsapp_text.json")
    message = body["entry"][0]["changes"][0]["value"]["messages"][0]
    message["id"] = message_id
    if location:
        message["location"].update(latitude=location[0], longitude=location[1])
    else:
        message["text"]["body"] = text
    return body


def whatsapp_image(message_id: str, media_id: str = "1037543291543636") -> dict[str, Any]:
    """The recorded WhatsApp photo webhook."""
    body = _recorded("whatsapp_image.json")
    message = body["entry"][0]["changes"][0]["value"]["messages"][0]
    message["id"], message["image"]["id"] = message_id, media_id
    return body


def telegram_body(text: str | None = None, message_id: int = 1,
                  location: tuple[float, float] | None = None) -> dict[str, Any]:
    """The recorded Telegram update with this message in it."""
    body = _recorded("telegram_location.json" if location else "telegram_text.json")
    body["update_id"] += message_id
    body["message"]["message_id"] = message_id
    if location:
        body["message"]["location"] = {"latitude": location[0], "longitude": location[1]}
    else:
        body["message"]["text"] = text
    return body


@pytest.fixture
def wa(client):  # type: ignore[no-untyped-def]
    """``wa(body)``: WhatsApp delivers the webhook, signed with the app secret."""

    def deliver(body: dict[str, Any], secret: str = APP_SECRET) -> Any:
        raw = json.dumps(body).encode()
        signature = "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
        return client.post("/saluran/whatsapp", data=raw, headers={
            "X-Hub-Signature-256": signature, "Content-Type": "application/json"})

    return deliver


@pytest.fixture
def tg(client):  # type: ignore[no-untyped-def]
    """``tg(body)``: Telegram delivers the update with the secret token."""

    def deliver(body: dict[str, Any], secret: str = TELEGRAM_SECRET) -> Any:
        return client.post("/saluran/telegram", json=body,
                           headers={"X-Telegram-Bot-Api-Secret-Token": secret})

    return deliver


def said(services, provider: str) -> list[str]:  # type: ignore[no-untyped-def]
    """What the bot queued for the chat, oldest first (the development box after dispatch)."""
    return [m.body for m in devbox(services, provider)]


def complaints(services) -> list[Complaint]:  # type: ignore[no-untyped-def]
    with services.uow() as uow:
        return list(uow.session.scalars(select(Complaint).order_by(Complaint.id)))


def test_whatsapp_verifies_the_subscription_and_every_post(client, wa) -> None:  # type: ignore[no-untyped-def]
    ok = client.get("/saluran/whatsapp?hub.mode=subscribe&hub.challenge=1158201444"
                    f"&hub.verify_token={VERIFY_TOKEN}")
    assert (ok.status_code, ok.get_data(as_text=True)) == (200, "1158201444")
    wrong = client.get("/saluran/whatsapp?hub.mode=subscribe&hub.challenge=1&hub.verify_token=x")
    assert wrong.status_code == 403
    assert wa(whatsapp_body(REPORT), secret="bukan-rahasianya").status_code == 401
    unsigned = client.post("/saluran/whatsapp", json=whatsapp_body(REPORT))
    assert unsigned.status_code == 401
    assert wa(_recorded("whatsapp_status.json")).get_json() == {"messages": []}


def test_telegram_needs_its_secret_token(tg, configure) -> None:  # type: ignore[no-untyped-def]
    assert tg(telegram_body("Halo"), secret="salah").status_code == 401
    configure(telegram_webhook_secret="")
    assert tg(telegram_body("Halo")).status_code == 401  # not set up: nothing is accepted


def test_a_whatsapp_conversation_files_a_complaint_with_its_place(  # type: ignore[no-untyped-def]
        wa, services, dispatch, configure, fake_http) -> None:
    configure(whatsapp_api_url=fake_http.url, whatsapp_token="tkn")
    fake_http.receiver.files["/1037543291543636"] = (
        "application/json", json.dumps({"url": f"{fake_http.url}/media/1037543291543636",
                                        "mime_type": "image/jpeg"}).encode())
    fake_http.receiver.files["/media/1037543291543636"] = ("image/jpeg", JPEG)
    steps = [
        (whatsapp_body("Halo", "m1"), "Selamat datang"),
        (whatsapp_body(REPORT, "m2"), "Di mana kejadiannya?"),
        (whatsapp_body("kec tebing tingi", "m3"), "Nama yang mirip: Tebing Tinggi"),
        (whatsapp_body(message_id="m4", location=(-6.2, 106.8)), "di luar Kabupaten"),
        (whatsapp_body(message_id="m5", location=(-3.6401, 103.0812)), "Ada foto atau dokumen"),
        (whatsapp_image("m5b"), "Berkas diterima (1)"),
        (whatsapp_body("lanjut", "m5c"), "Kirim sebagai anonim?"),
        (whatsapp_body("tidak", "m6"), "Siapa nama Anda?"),
        (whatsapp_body("Budi Santoso", "m7"), "Balas KIRIM"),
    ]
    for body, expected in steps:
        answer = wa(body)
        assert answer.status_code == 200 and answer.get_json()["messages"][0]["outcome"] == "step"
        dispatch()
        assert expected in said(services, "whatsapp")[-1]
    assert complaints(services) == []  # nothing is filed before KIRIM
    filed = wa(whatsapp_body("KIRIM", "m8")).get_json()["messages"][0]
    assert filed["outcome"] == "complaint"
    again = wa(whatsapp_body("KIRIM", "m8")).get_json()["messages"][0]  # the platform retries
    assert again == {**filed, "duplicate": True}
    [complaint] = complaints(services)
    with services.uow() as uow:
        identity = uow.session.get(ReporterIdentity, complaint.id)
        contact = uow.session.get(ChatContact, complaint.id)
    assert (complaint.channel, complaint.description, complaint.anonim) == (
        "whatsapp", REPORT, False)
    assert (complaint.latitude, complaint.longitude) == (-3.6401, 103.0812)
    assert identity is not None and (identity.name, identity.phone) == (
        "Budi Santoso", "081234567890")
    assert contact is not None and (contact.provider, contact.chat_id) == ("whatsapp", WA_NUMBER)
    with services.uow() as uow:
        files = uow.session.scalars(select(Attachment).where(
            Attachment.complaint_id == complaint.id)).all()
    assert [(f.kind, f.content_type) for f in files] == [("lampiran", "image/jpeg")]
    assert all(h.get("Authorization") == "Bearer tkn" for _, h in fake_http.receiver.fetched)
    dispatch()
    receipt = said(services, "whatsapp")[-1]
    assert complaint.tracking_code in receipt and complaint.registration_no in receipt
    secret = receipt.split("kode rahasia ")[1].split(".")[0]
    assert secret_matches(secret, complaint.secret_hash)
    assert all(channel != "sms" for _, channel, _ in deliveries(services))


def test_status_at_any_time_and_follow_ups_and_replies_in_the_chat(  # type: ignore[no-untyped-def]
        wa, services, dispatch, walk: Walk) -> None:
    for n, text in enumerate([REPORT, "lewati", "lewati", "ya", "kirim"]):
        wa(whatsapp_body(text, f"a{n}"))
    [complaint] = complaints(services)
    code = complaint.tracking_code
    assert complaint.anonim
    status = wa(whatsapp_body(f"status {code.lower()}", "s1")).get_json()["messages"][0]
    assert status["outcome"] == "status"
    dispatch()
    assert f"Laporan {code}: Diterima." in said(services, "whatsapp")[-1]
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.complete(code, "tanggapi", ANSWER)
    dispatch()
    follow_up = [d for d in deliveries(services, code) if d[0] == "ditindaklanjuti"]
    assert follow_up == [("ditindaklanjuti", "whatsapp", WA_NUMBER)]
    replied = wa(whatsapp_body(f"{code} Jembatannya belum diperbaiki sama sekali.", "r1"))
    assert replied.get_json()["messages"][0]["outcome"] == "reply"
    with services.uow() as uow:
        texts = [f.text for f in uow.session.scalars(select(FollowUp).where(
            FollowUp.complaint_id == complaint.id, FollowUp.kind == "balasan"))]
    assert texts == ["Jembatannya belum diperbaiki sama sekali."]


def test_status_of_someone_elses_unpublished_report_is_not_told(  # type: ignore[no-untyped-def]
        wa, tg, services, dispatch, walk: Walk) -> None:
    for n, text in enumerate([REPORT, "lewati", "lewati", "ya", "kirim"]):
        wa(whatsapp_body(text, f"a{n}"))
    code = complaints(services)[0].tracking_code
    tg(telegram_body(f"status {code}", 1))
    dispatch()
    assert "tidak ditemukan" in said(services, "telegram")[-1]  # not yet verified: not public
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    tg(telegram_body(f"STATUS {code}", 2))
    dispatch()
    assert f"Laporan {code}: Didisposisikan ke OPD." in said(services, "telegram")[-1]


def test_a_code_from_another_chat_is_not_a_reply(wa, tg, services) -> None:  # type: ignore[no-untyped-def]
    for n, text in enumerate([REPORT, "lewati", "lewati", "ya", "kirim"]):
        wa(whatsapp_body(text, f"a{n}"))
    code = complaints(services)[0].tracking_code
    other = tg(telegram_body(f"{code} ini balasan dari orang lain yang tahu kodenya.", 9))
    assert other.get_json()["messages"][0]["outcome"] == "step"  # a new report begins instead
    with services.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(FollowUp)) == 0


def test_a_telegram_conversation_asks_the_phone_and_takes_a_shared_location(  # type: ignore[no-untyped-def]
        tg, services, dispatch) -> None:
    for n, text in enumerate([REPORT, None, "lewati", "tidak", "Siti Aminah", "0812 3456 7891",
                              "KIRIM"]):
        body = telegram_body(text, n + 1) if text else telegram_body(
            message_id=n + 1, location=(-3.7123, 102.9876))
        assert tg(body).status_code == 200
    [complaint] = complaints(services)
    with services.uow() as uow:
        identity = uow.session.get(ReporterIdentity, complaint.id)
    assert complaint.channel == "telegram"
    assert identity is not None and identity.phone == "081234567891"
    dispatch()
    assert complaint.tracking_code in said(services, "telegram")[-1]


def test_an_unfinished_conversation_starts_over_after_its_time(  # type: ignore[no-untyped-def]
        tg, services, dispatch, clock) -> None:
    tg(telegram_body(REPORT, 1))
    clock.advance(minutes=61)
    tg(telegram_body("tidak", 2))  # the old question is gone: this is a new start
    dispatch()
    assert "Selamat datang" in said(services, "telegram")[-1]


def test_batal_drops_the_report(wa, services, dispatch) -> None:  # type: ignore[no-untyped-def]
    wa(whatsapp_body(REPORT, "b1"))
    assert wa(whatsapp_body("BATAL", "b2")).get_json()["messages"][0]["outcome"] == "cancelled"
    wa(whatsapp_body("kirim", "b3"))
    assert complaints(services) == []


def test_live_whatsapp_keeps_to_the_24_hour_window(  # type: ignore[no-untyped-def]
        wa, configure, services, dispatch, fake_http, clock) -> None:
    configure(whatsapp_mode="live", whatsapp_api_url=fake_http.url, whatsapp_token="tkn",
              whatsapp_phone_number_id="106540352242922")
    wa(whatsapp_body("Halo", "w1"))
    dispatch()
    [inside] = fake_http.receiver.requests
    assert inside.path == "/106540352242922/messages"
    assert inside.headers["Authorization"] == "Bearer tkn"
    assert inside.body["type"] == "text" and "Selamat datang" in inside.body["text"]["body"]
    wa(whatsapp_body(REPORT, "w2"))
    clock.advance(hours=25)  # the answer could not leave for a day
    dispatch()
    outside = fake_http.receiver.requests[-1].body
    assert outside["type"] == "template"
    assert outside["template"]["name"] == "pemberitahuan_laporan"
    parameter = outside["template"]["components"][0]["parameters"][0]["text"]
    assert "Di mana kejadiannya?" in parameter and "\n" not in parameter


def test_live_telegram_sends_through_the_bot_api(  # type: ignore[no-untyped-def]
        tg, configure, dispatch, fake_http) -> None:
    configure(telegram_mode="live", telegram_api_url=fake_http.url, telegram_bot_token="123:abc")
    tg(telegram_body("Halo", 1))
    dispatch()
    [sent] = fake_http.receiver.requests
    assert sent.path == "/bot123:abc/sendMessage"
    assert sent.body["chat_id"] == "512345678" and "Selamat datang" in sent.body["text"]


def test_payloads_are_read_whole(wa) -> None:  # type: ignore[no-untyped-def]
    two = whatsapp_body(REPORT, "x1")
    second = copy.deepcopy(two["entry"][0]["changes"][0]["value"]["messages"][0])
    second["id"] = "x2"
    second["text"]["body"] = "lewati"
    two["entry"][0]["changes"][0]["value"]["messages"].append(second)
    outcomes = [m["outcome"] for m in wa(two).get_json()["messages"]]
    assert outcomes == ["step", "step"]


def test_a_file_that_is_no_image_is_refused_and_the_report_goes_without_it(  # type: ignore[no-untyped-def]
        wa, services, dispatch, configure, fake_http) -> None:
    configure(whatsapp_api_url=fake_http.url)
    fake_http.receiver.files["/999"] = ("application/json", json.dumps(
        {"url": f"{fake_http.url}/media/999"}).encode())
    fake_http.receiver.files["/media/999"] = ("image/jpeg", b"MZ\x90\x00 not a photo at all")
    for body in [whatsapp_body(REPORT, "f1"), whatsapp_body("lewati", "f2"),
                 whatsapp_image("f3", "999"), whatsapp_body("lanjut", "f4"),
                 whatsapp_body("ya", "f5"), whatsapp_body("kirim", "f6")]:
        wa(body)
    dispatch()
    assert "ditolak dan tidak dilampirkan" in said(services, "whatsapp")[-1]
    assert complaints(services) == []
    assert wa(whatsapp_body("kirim", "f7")).get_json()["messages"][0]["outcome"] == "complaint"


def test_a_file_the_platform_cannot_hand_over_keeps_the_report_waiting(  # type: ignore[no-untyped-def]
        wa, services, dispatch, configure, fake_http) -> None:
    configure(whatsapp_api_url=fake_http.url)  # the fake knows no such media: 404
    for body in [whatsapp_body(REPORT, "g1"), whatsapp_body("lewati", "g2"),
                 whatsapp_image("g3", "404404"), whatsapp_body("lanjut", "g4"),
                 whatsapp_body("ya", "g5"), whatsapp_body("kirim", "g6")]:
        wa(body)
    dispatch()
    assert "belum dapat diambil" in said(services, "whatsapp")[-1]
    assert complaints(services) == []


def test_telegram_photos_are_read_largest_size_first() -> None:
    from engine.channels.chat_payloads import telegram_messages

    body = telegram_body("x", 5)
    del body["message"]["text"]
    body["message"]["photo"] = [{"file_id": "small", "width": 90},
                                {"file_id": "big", "width": 1280}]
    body["message"]["caption"] = "Jembatan"
    [message] = telegram_messages(body)
    assert (message.media_id, message.text, message.media_name) == ("big", "Jembatan", "foto-5.jpg")


def test_chat_reports_are_in_the_registration_book_and_the_figures_by_channel(  # type: ignore[no-untyped-def]
        wa, tg, services, walk: Walk, pages) -> None:
    from engine.calendar.periods import parse_period
    from engine.evaluation.stats import received_by

    for n, text in enumerate([REPORT, "lewati", "lewati", "ya", "kirim"]):
        wa(whatsapp_body(text, f"k{n}"))
        tg(telegram_body(text, n + 1))
    walk.user("front_office")
    pages.login("front_office")
    book = pages.get("/front-office/buku-registrasi/").get_data(as_text=True)
    assert "WhatsApp" in book and "Telegram" in book
    with services.uow() as uow:
        by_channel = {c.code: (c.label, c.count) for c in received_by(
            uow.session, parse_period("2026-03"), "channel")}
    assert by_channel["whatsapp"] == ("WhatsApp", 1) and by_channel["telegram"] == ("Telegram", 1)
