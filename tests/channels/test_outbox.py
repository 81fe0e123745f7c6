"""The outbox: written with the step, expanded per address, sent once, late rather than never."""

from __future__ import annotations

from datetime import timedelta

import pytest

from engine.channels import outbox
from engine.channels.adapters import build_adapters
from engine.channels.outbox import backoff, send_one
from engine.channels.outbox_admin import outbox_counts, retry_failed
from tests.walk import Walk

from .helpers import deliveries, devbox, payload, rows


@pytest.fixture
def live_sms(configure, fake_http):  # type: ignore[no-untyped-def]
    """SMS go to the fake gateway."""
    configure(sms_mode="live", sms_gateway_url=fake_http.url + "/sms", sms_gateway_key="kunci")
    return fake_http


def test_a_step_queues_one_notification_expanded_into_one_delivery_per_address(
    walk: Walk, services, dispatch  # type: ignore[no-untyped-def]
) -> None:
    code = walk.file(email="warga@example.id").tracking_code
    queued = rows(services)
    assert [(r.template, r.recipient, r.channel, r.status) for r in queued] == [
        ("diterima", "pelapor", "pending", "pending")]
    report = dispatch()
    assert (report.expanded, report.sent, report.failed) == (2, 2, 0)
    assert deliveries(services, code) == [("diterima", "sms", "+6281234567890"),
                                          ("diterima", "email", "warga@example.id")]
    assert [r.status for r in rows(services)] == ["expanded", "sent", "sent"]
    sms, email = devbox(services)
    assert code in sms.body and sms.encoding == "GSM-7" and sms.parts == 1
    assert email.subject == f"Laporan {code} sudah diterima" and email.html
    assert dispatch().sent == 0  # nothing twice


def test_gateway_outage_messages_wait_and_go_out_later_with_back_off(
    walk: Walk, services, dispatch, live_sms, clock  # type: ignore[no-untyped-def]
) -> None:
    live_sms.receiver.status = 503
    code = walk.file().tracking_code
    start = clock()
    assert dispatch().retried == 1
    delivery = rows(services)[1]
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    assert delivery.next_attempt_at == start + timedelta(seconds=60)
    assert "HTTP 503" in (delivery.last_error or "")
    assert dispatch().retried == 0  # not due yet: no hammering of a dead gateway
    clock.advance(seconds=61)
    assert dispatch().retried == 1
    assert rows(services)[1].next_attempt_at == clock() + timedelta(seconds=120)
    live_sms.receiver.status = 200
    clock.advance(seconds=121)
    assert dispatch().sent == 1
    sent = rows(services)[1]
    assert (sent.status, sent.attempts, sent.last_error) == ("sent", 3, None)
    keys = live_sms.receiver.keys()
    assert len(keys) == 3 and len(set(keys)) == 1 and keys[0] == sent.idempotency_key
    body = live_sms.receiver.requests[-1].body
    assert body["message_id"] == sent.idempotency_key and body["to"] == "+6281234567890"
    assert code in body["text"] and body["encoding"] == "GSM-7" and body["parts"] == 1
    assert live_sms.receiver.requests[-1].headers["Authorization"] == "Bearer kunci"


def test_back_off_doubles_and_is_capped(services) -> None:  # type: ignore[no-untyped-def]
    waits = [backoff(services.settings, n).total_seconds() for n in (1, 2, 3, 10, 30)]
    assert waits == [60, 120, 240, 21600, 21600]


def test_after_the_last_attempt_it_fails_for_admins_who_can_retry_it(
    walk: Walk, services, dispatch, live_sms, configure, clock  # type: ignore[no-untyped-def]
) -> None:
    configure(outbox_max_attempts=2)
    live_sms.receiver.status = 503
    walk.file()
    dispatch()
    clock.advance(hours=1)
    assert dispatch().failed == 1
    with services.uow() as uow:
        assert outbox_counts(uow.session)["failed"] == 1
    failed = rows(services)[1]
    with services.uow() as uow:
        retry_failed(uow.session, failed.id, walk.user("sysadmin"), clock())
        uow.commit()
    live_sms.receiver.status = 200
    assert dispatch().sent == 1
    assert rows(services)[1].status == "sent"


def test_a_refusal_fails_at_once_without_retrying(
    walk: Walk, services, dispatch, live_sms  # type: ignore[no-untyped-def]
) -> None:
    live_sms.receiver.status = 400
    walk.file()
    assert dispatch().failed == 1
    assert rows(services)[1].attempts == 1 and "HTTP 400" in (rows(services)[1].last_error or "")


def test_a_crash_after_sending_resends_with_the_same_key_and_the_receiver_drops_it(
    walk: Walk, services, dispatch, live_sms, clock, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    walk.file()
    notice = rows(services)[0]
    outbox.expand_one(services.uow(), services.runtime, notice.id)
    delivery = rows(services)[1]
    adapters = build_adapters(services.settings, services.uow, services.clock)

    def killed(*_args: object) -> None:
        raise RuntimeError("worker killed between send and commit")

    monkeypatch.setattr(outbox, "finish", killed)
    with pytest.raises(RuntimeError):
        send_one(services.uow, services.runtime, adapters, delivery.id)
    monkeypatch.undo()
    assert rows(services)[1].status == "sending"
    assert dispatch().sent == 0  # still leased by the dead worker
    clock.advance(seconds=services.settings.outbox_lease_seconds + 1)
    assert dispatch().sent == 1
    assert live_sms.receiver.keys() == [delivery.idempotency_key] * 2
    assert list(live_sms.receiver.accepted) == [delivery.idempotency_key]
    assert (rows(services)[1].status, rows(services)[1].attempts) == ("sent", 2)


def test_nobody_to_tell_is_recorded_not_lost(
    walk: Walk, services, dispatch  # type: ignore[no-untyped-def]
) -> None:
    walk.file(anonim=True, name=None, phone=None)
    assert dispatch().expanded == 0
    notice = rows(services)[0]
    assert (notice.status, notice.last_error) == ("skipped", "Tidak ada penerima dengan alamat")


def test_a_delivery_carries_what_its_template_needs(
    walk: Walk, services, dispatch  # type: ignore[no-untyped-def]
) -> None:
    code = walk.file().tracking_code
    dispatch()
    context = payload(rows(services)[1])["context"]
    assert context["tracking_code"] == code and context["due"] == "Kamis, 5 Maret 2026"
    assert context["track_url"].endswith(f"/lacak?kode={code}")


def test_a_leased_delivery_is_skipped_by_other_workers(
    walk: Walk, services, clock  # type: ignore[no-untyped-def]
) -> None:
    if services.db.dialect.name != "postgresql":
        pytest.skip("SKIP LOCKED leases are PostgreSQL's; SQLite runs one worker")
    walk.file()
    outbox.expand_one(services.uow(), services.runtime, rows(services)[0].id)
    delivery = rows(services)[1]
    adapters = build_adapters(services.settings, services.uow, services.clock)
    with services.uow() as first:
        assert outbox._lease(first.session, delivery.id, clock()) is not None
        # A second worker neither waits for the row nor sends it.
        assert send_one(services.uow, services.runtime, adapters, delivery.id) is None
    assert send_one(services.uow, services.runtime, adapters, delivery.id) == "sent"
