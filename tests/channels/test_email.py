"""Email over SMTP: plain text and HTML in Indonesian, a Message-ID stable across attempts."""

from __future__ import annotations

import socket
from email import message_from_bytes, policy

import pytest

from engine.channels.base import Outgoing
from engine.channels.email import build_email, message_id
from tests.walk import Walk

from .helpers import rows

SENDER = "LAPOR! Empat Lawang <lapor@empatlawangkab.go.id>"


@pytest.fixture
def live_email(configure, fake_smtp):  # type: ignore[no-untyped-def]
    configure(email_mode="live", smtp_host="127.0.0.1", smtp_port=fake_smtp.port,
              smtp_security="none", smtp_sender=SENDER)
    return fake_smtp.mailbox


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_notification_is_mailed_with_plain_text_and_html(
    walk: Walk, services, dispatch, live_email  # type: ignore[no-untyped-def]
) -> None:
    code = walk.file(anonim=True, phone=None, email="warga@example.id").tracking_code
    assert dispatch().sent == 1
    ((sender, rcpts, data),) = live_email.messages
    assert "lapor@empatlawangkab.go.id" in sender and "warga@example.id" in rcpts[0]
    mail = message_from_bytes(data, policy=policy.default)
    assert mail["Subject"] == f"Laporan {code} sudah diterima"
    plain = mail.get_body(preferencelist=("plain",))
    html = mail.get_body(preferencelist=("html",))
    assert plain is not None and "Yth. Warga Uji" in plain.get_content()
    assert html is not None and f"<strong>{code}</strong>" in html.get_content()
    key = rows(services)[1].idempotency_key
    assert mail["Message-ID"] == message_id(key, SENDER)
    assert mail["X-Alur-Idempotency-Key"] == key


def test_every_attempt_of_one_message_has_the_same_message_id() -> None:
    message = Outgoing("1:2:0/email/abc", "email", "warga@example.id", "Halo", "Subjek")
    first, second = build_email(message, SENDER), build_email(message, SENDER)
    assert first["Message-ID"] == second["Message-ID"]
    assert first["Message-ID"].endswith("@empatlawangkab.go.id>")


def test_an_unreachable_server_means_try_again_later(
    walk: Walk, services, dispatch, configure  # type: ignore[no-untyped-def]
) -> None:
    configure(email_mode="live", smtp_host="127.0.0.1", smtp_port=free_port(),
              smtp_security="none", channel_timeout_seconds=2.0)
    walk.file(anonim=True, phone=None, email="warga@example.id")
    assert dispatch().retried == 1
    assert "SMTP tidak dapat dihubungi" in (rows(services)[1].last_error or "")


@pytest.mark.parametrize(("reply", "status"), [("550 no such user", "failed"),
                                               ("451 try later", "pending")])
def test_a_refused_recipient_fails_for_good_a_busy_one_is_retried(
    reply: str, status: str, walk: Walk, services, dispatch, live_email  # type: ignore[no-untyped-def]
) -> None:
    live_email.rcpt_reply = reply
    walk.file(anonim=True, phone=None, email="siapa@example.id")
    dispatch()
    assert rows(services)[1].status == status
    assert live_email.messages == []


def test_dev_mode_keeps_the_mail_for_the_admins_page(
    walk: Walk, services, dispatch  # type: ignore[no-untyped-def]
) -> None:
    walk.file(anonim=True, phone=None, email="warga@example.id")
    dispatch()
    from .helpers import devbox

    (kept,) = devbox(services, "email")
    assert kept.address == "warga@example.id" and kept.html and "Yth." in kept.body
