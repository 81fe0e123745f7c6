"""Admins' pages: the outbox with counts and retry, the development box, templates, contacts."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, update

from engine.audit import AuditEntry
from engine.channels.outbox_admin import mask_address
from engine.complaints.tables import Complaint, OutboxMessage
from tests.walk import Walk
from tests.webui.pages import Pages, text_of

from .helpers import rows


def fail_one(services) -> int:  # type: ignore[no-untyped-def]
    """Mark the newest delivery failed, as the last attempt would."""
    newest = rows(services)[-1]
    with services.uow() as uow:
        uow.session.execute(update(OutboxMessage).where(OutboxMessage.id == newest.id).values(
            status="failed", last_error="HTTP 503: gateway down", attempts=8))
        uow.commit()
    return newest.id


def test_admins_see_counts_and_send_a_failed_message_again(
    walk: Walk, services, dispatch, pages: Pages  # type: ignore[no-untyped-def]
) -> None:
    walk.file()
    dispatch()
    failed = fail_one(services)
    walk.user("sysadmin")
    pages.login("sysadmin")
    page = text_of(pages.get("/saluran/admin/?status=failed"))
    assert 'data-count="failed">1<' in page and "HTTP 503: gateway down" in page
    assert 'data-count="expanded">1<' in page
    pages.post(f"/saluran/admin/{failed}/ulang", page="/saluran/admin/?status=failed",
               status=302)
    assert rows(services)[-1].status == "pending" and rows(services)[-1].attempts == 0
    assert dispatch().sent == 1
    again = pages.post(f"/saluran/admin/{failed}/ulang", page="/saluran/admin/", status=409)
    assert "gagal" in text_of(again)


def test_retry_needs_the_csrf_token(walk: Walk, services, dispatch, pages: Pages) -> None:  # type: ignore[no-untyped-def]
    walk.file()
    dispatch()
    failed = fail_one(services)
    walk.user("tim_admin")
    pages.login("tim_admin")
    assert pages.client.post(f"/saluran/admin/{failed}/ulang").status_code == 400
    assert rows(services)[-1].status == "failed"


def test_only_admins_open_the_outbox(walk: Walk, pages: Pages) -> None:
    assert pages.client.get("/saluran/admin/").status_code == 302  # to the sign-in page
    walk.user("pejabat_penghubung", "DINKES")
    pages.login("pejabat_penghubung-dinkes")
    assert pages.client.get("/saluran/admin/").status_code == 403
    assert pages.client.get("/saluran/admin/kontak").status_code == 403


def test_the_development_box_shows_what_would_have_been_sent(
    walk: Walk, dispatch, pages: Pages  # type: ignore[no-untyped-def]
) -> None:
    code = walk.file(email="warga@example.id").tracking_code
    dispatch()
    walk.user("tim_admin")
    pages.login("tim_admin")
    page = text_of(pages.get("/saluran/admin/kotak-dev?channel=sms"))
    assert f"laporan {code} sudah diterima" in page and "GSM-7" in page
    email = text_of(pages.get("/saluran/admin/kotak-dev?channel=email"))
    assert f"Laporan {code} sudah diterima" in email and "srcdoc=" in email


def test_admins_read_every_template(walk: Walk, pages: Pages) -> None:
    walk.user("sysadmin")
    pages.login("sysadmin")
    listing = text_of(pages.get("/saluran/admin/templat"))
    assert "tanda_terima.sms.txt" in listing and "selesai.email.html" in listing
    source = text_of(pages.get("/saluran/admin/templat/selesai.sms.txt"))
    assert "{{ survey_url }}" in source
    pages.get("/saluran/admin/templat/_layout.email.html", status=404)
    pages.get("/saluran/admin/templat/..%2Fsettings.py", status=404)


def test_the_system_admin_keeps_officers_addresses(walk: Walk, services, pages: Pages) -> None:  # type: ignore[no-untyped-def]
    liaison = walk.user("pejabat_penghubung", "DINKES")
    walk.user("sysadmin")
    pages.login("sysadmin")
    url = f"/saluran/admin/kontak/{liaison.user_id}"
    bad = pages.post(url, {"email": "bukan-email", "phone": "123"}, page="/saluran/admin/kontak",
                     status=422)
    assert "Alamat email tidak valid." in text_of(bad)
    pages.post(url, {"email": "penghubung@dinkes.id", "phone": "0812 3456 7890"},
               page="/saluran/admin/kontak", status=302)
    page = text_of(pages.get("/saluran/admin/kontak"))
    assert 'value="penghubung@dinkes.id"' in page and 'value="+6281234567890"' in page


def _identity_reads(services) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    with services.uow() as uow:
        return list(uow.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "identity_viewed").order_by(AuditEntry.id)))


PHONE, EMAIL, NAME = "081299990007", "penanda7@contoh.id", "Nama Penanda 7"


def test_sysadmin_sees_reporters_contacts_masked_and_unaudited(
    walk: Walk, services, dispatch, configure, pages: Pages  # type: ignore[no-untyped-def]
) -> None:
    configure(national_upstream=1)  # the complaint goes up with the reporter's name in it
    walk.file(name=NAME, phone=PHONE, email=EMAIL)
    dispatch()
    walk.user("sysadmin")
    pages.login("sysadmin")
    pages_seen = [text_of(pages.get(url)) for url in (
        "/saluran/admin/", "/saluran/admin/?status=sent", "/saluran/admin/kotak-dev",
        "/saluran/admin/kotak-dev?channel=nasional")]
    for page in pages_seen:
        assert PHONE not in page and EMAIL not in page and NAME not in page
    assert "p•••@contoh.id" in pages_seen[1]
    assert "disamarkan" in pages_seen[3] and '"tracking_code"' in pages_seen[3]
    assert _identity_reads(services) == []
    assert pages.get("/saluran/admin/").headers["Cache-Control"] == "no-store"


def test_tim_admin_sees_them_and_each_page_is_audited(
    walk: Walk, services, dispatch, configure, pages: Pages  # type: ignore[no-untyped-def]
) -> None:
    configure(national_upstream=1)
    code = walk.file(name=NAME, phone=PHONE, email=EMAIL).tracking_code
    dispatch()
    walk.user("tim_admin")
    pages.login("tim_admin")
    listing = text_of(pages.get("/saluran/admin/?status=sent"))
    assert EMAIL in listing
    box = text_of(pages.get("/saluran/admin/kotak-dev?channel=nasional"))
    assert NAME in box and PHONE in box
    reads = _identity_reads(services)
    assert [json.loads(r.detail)["where"] for r in reads] == ["outbox", "devbox"]
    with services.uow() as uow:
        complaint = uow.session.scalars(select(Complaint).where(
            Complaint.tracking_code == code)).one()
    assert {r.complaint_id for r in reads} == {complaint.id}
    assert {r.actor for r in reads} == {"tim_admin"}


@pytest.mark.parametrize(("address", "masked"), [
    ("081299990007", "0812•••07"), ("+6281299990007", "+628•••07"),
    ("penanda7@contoh.id", "p•••@contoh.id"), ("12345", "•••"), ("", "")])
def test_addresses_are_masked_to_tell_apart_not_to_reach(address: str, masked: str) -> None:
    assert mask_address(address) == masked


def test_a_refusal_quoting_the_reporters_address_is_masked_too(
    walk: Walk, services, dispatch, pages: Pages  # type: ignore[no-untyped-def]
) -> None:
    walk.file(name=NAME, phone=PHONE, email=EMAIL)
    dispatch()
    with services.uow() as uow:
        uow.session.execute(update(OutboxMessage).where(OutboxMessage.channel == "email").values(
            status="failed", last_error=f"SMTP 550: <{EMAIL}>: Recipient address rejected"))
        uow.commit()
    walk.user("sysadmin")
    pages.login("sysadmin")
    page = text_of(pages.get("/saluran/admin/?status=failed"))
    assert "Recipient address rejected" in page and EMAIL not in page
    assert "<p•••@contoh.id>" in page
