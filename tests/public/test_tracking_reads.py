"""The reporter's tracking page reads what it shows in few statements: no workflow state, no
commit when it wrote nothing, and never a calendar older than the database's."""

from __future__ import annotations

import copy
import re
from datetime import date, datetime
from pathlib import Path

from flask import Flask
from sqlalchemy import inspect, select

import forms
from engine.accounts.tables import UserSession
from engine.audit import AuditEntry
from engine.calendar.store import remove_override, set_override
from engine.clock import FixedClock
from engine.complaints.reporter import offers_answer
from engine.complaints.tables import Complaint
from engine.complaints.tracked import find_tracked
from tests.sql_log import commits, selects, statements, transactions
from tests.walk import ANSWER, VERIFY_FORWARD, Walk, wib
from tests.webui.pages import Pages, text_of
from webui.public.tracking import _reply_fields
from webui.screen import form_fields
from webui.wiring import Services

OFF_DAY = date(2026, 3, 4)  # a Wednesday between the clock (2 March) and the deadlines


def _opened(pages: Pages, code: str, secret: str) -> str:
    return pages.post("/lacak", {"code": code, "secret": secret}, status=302).headers[
        "Location"]


def test_the_page_reads_in_one_statement_without_workflow_state(
        pages: Pages, walk: Walk, services: Services) -> None:
    receipt = walk.file()
    code = receipt.tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    walk.complete(code, "tanggapi", ANSWER)
    url = _opened(pages, code, receipt.secret)
    with statements(services) as seen:
        page = text_of(pages.get(url))
    assert 'id="jawaban"' in page  # the answer is awaited: the buttons are there
    reads = selects(seen)
    # The complaint with all it has, its files, follow-ups and timeline included, and the
    # browser's session row.
    assert len(reads) == 1, reads
    assert all(table in reads[0] for table in (
        "user_session", "attachment", "follow_up", "audit_log", "calendar_override"))
    assert not any("process_instance.state" in s or "process_definition.files" in s
                   for s in reads)
    assert [s for s in reads if "calendar_override" in s] == [reads[0]]
    assert [s for s in seen if s.lstrip().upper().startswith("INSERT")] == [
        s for s in seen if "INSERT INTO audit_log" in s]  # the identity read, audited


def _identity_views(services: Services) -> int:
    with services.uow() as uow:
        return len(uow.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "identity_viewed")).all())


def test_a_complaint_the_browser_does_not_follow_is_read_but_never_shown(
        pages: Pages, walk: Walk, services: Services) -> None:
    # The complaint and the session come in one statement; only a session that follows the
    # code gets the page: another named complaint's title and reporter stay unseen, unaudited.
    followed = walk.file(anonim=True, name=None, phone=None)
    other = walk.file(title="Lampu jalan padam di desa lain")
    _opened(pages, followed.tracking_code, followed.secret)
    before = _identity_views(services)
    with commits(services) as done:
        page = text_of(pages.get(f"/lacak/{other.tracking_code}"))
    assert "Lampu jalan padam" not in page and "Warga Uji" not in page
    assert 'name="secret"' in page  # asked for the secret, as for any code it does not follow
    assert done == [] and _identity_views(services) == before


def test_without_a_session_the_page_asks_for_the_secret_and_reads_nothing(
        app: Flask, walk: Walk, services: Services) -> None:
    code = walk.file().tracking_code
    with statements(services) as seen:
        page = app.test_client().get(f"/lacak/{code}").get_data(as_text=True)
    assert 'name="secret"' in page and seen == []


def test_a_followed_complaint_that_is_gone_is_not_found_and_an_unknown_code_asks(
        pages: Pages, walk: Walk, services: Services) -> None:
    receipt = walk.file(anonim=True, name=None, phone=None)
    _opened(pages, receipt.tracking_code, receipt.secret)
    with services.uow() as uow:  # as if the followed complaint were removed since
        row = uow.session.scalars(select(UserSession)).one()
        row.reporter_of = '["EL-ZZZZ9999"]'
        uow.commit()
    pages.get("/lacak/EL-ZZZZ9999", status=404)
    assert 'name="secret"' in text_of(pages.get("/lacak/EL-YYYY8888"))


def test_a_page_that_writes_nothing_commits_nothing(pages: Pages, walk: Walk,
                                                    services: Services) -> None:
    receipt = walk.file(anonim=True, name=None, phone=None)
    url = _opened(pages, receipt.tracking_code, receipt.secret)
    with commits(services) as done:
        assert "Laporan" in text_of(pages.get(url))
    assert done == []


def test_a_named_page_still_commits_its_identity_audit(pages: Pages, walk: Walk,
                                                       services: Services) -> None:
    receipt = walk.file()
    url = _opened(pages, receipt.tracking_code, receipt.secret)
    with commits(services) as done:
        pages.get(url)
    assert len(done) == 1


def test_a_calendar_edit_elsewhere_moves_the_deadline_at_once(
        pages: Pages, walk: Walk, services: Services) -> None:
    receipt = walk.file()
    url = _opened(pages, receipt.tracking_code, receipt.secret)

    def days_left() -> str:
        page = text_of(pages.get(url))
        return page.split('class="badge')[1].split("</span>")[0]

    before = days_left()
    with services.uow() as uow:  # an admin, in another unit of work (as another worker)
        set_override(uow.session, OFF_DAY, False, "banjir", "admin", wib("2026-03-02 08:00"))
        uow.commit()
    after = days_left()
    assert after != before
    assert int(before.split(">")[1].split()[0]) - 1 == int(after.split(">")[1].split()[0])
    with services.uow() as uow:
        remove_override(uow.session, OFF_DAY)
        uow.commit()
    assert days_left() == before


def test_the_answer_is_awaited_exactly_where_offers_answer_says(walk: Walk) -> None:
    filed = walk.file().tracking_code
    answered = walk.file().tracking_code
    for code in (answered,):
        walk.complete(code, "verifikasi", VERIFY_FORWARD)
        walk.complete(code, "tanggapi", ANSWER)
    closed = walk.file().tracking_code
    walk.complete(closed, "verifikasi", VERIFY_FORWARD)
    walk.complete(closed, "tanggapi", ANSWER)
    walk.reply(closed, "", answer="sudah")
    rt = walk.services.runtime
    for code, expected in ((filed, False), (answered, True), (closed, False)):
        with walk.services.uow() as uow:
            tracked = find_tracked(uow.session, code)
            assert tracked.awaits_answer(uow.session, rt) is expected, code
            assert offers_answer(uow.session, rt, tracked.complaint) is expected, code


def test_the_tracked_complaint_is_its_row_as_the_orm_reads_it_and_changes_nothing(
        walk: Walk) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    with walk.services.uow() as uow:
        tracked = find_tracked(uow.session, code)
        loaded = uow.session.scalars(select(Complaint).where(
            Complaint.tracking_code == code)).one()
        assert tracked.complaint is not loaded and inspect(tracked.complaint).detached
        assert not (uow.session.new or uow.session.dirty)
        expected = {column.key: getattr(loaded, column.key) for column in Complaint.__table__.c}
        number = loaded.registration_no
    # read after the unit closed: the detached complaint has nothing left to load
    assert {key: getattr(tracked.complaint, key) for key in expected} == expected
    assert tracked.complaint.received_at.utcoffset() is not None
    assert tracked.complaint.registration_no == number
    assert tracked.complaint.opd_code and tracked.known.names.opd


def test_the_shared_reply_form_is_rendered_but_never_changed(pages: Pages, walk: Walk,
                                                             services: Services) -> None:
    receipt = walk.file()
    url = _opened(pages, receipt.tracking_code, receipt.secret)
    folder = Path(services.settings.forms_dir)
    before = copy.deepcopy(forms.shared_form("balasan", folder))
    first = _without_tokens(text_of(pages.get(url)))
    refused = pages.post(f"{url}/balas", {"text": "x"}, page=url, status=422)
    assert 'aria-invalid="true"' in text_of(refused)
    assert forms.shared_form("balasan", folder) == before
    assert _without_tokens(text_of(pages.get(url))) == first


def _without_tokens(page: str) -> str:
    return re.sub(r'name="csrf_token" value="[^"]+"', "", page)


def _last_seen(services: Services) -> datetime:
    with services.uow() as uow:
        return uow.session.scalars(select(UserSession.last_seen_at)).one()


def test_the_session_row_and_the_page_share_one_connection_and_transaction(
        pages: Pages, walk: Walk, services: Services) -> None:
    receipt = walk.file(anonim=True, name=None, phone=None)
    url = _opened(pages, receipt.tracking_code, receipt.secret)
    with transactions(services) as seen, commits(services) as done:
        assert "Riwayat status" in text_of(pages.get(url))
    assert seen == ["checkout", "begin"]
    assert done == []


def test_the_once_a_minute_stamp_is_committed_with_the_page_reads(
        pages: Pages, walk: Walk, services: Services, clock: FixedClock) -> None:
    receipt = walk.file()  # named: the page also commits the audit entry of the identity
    url = _opened(pages, receipt.tracking_code, receipt.secret)
    clock.advance(minutes=1)
    with commits(services) as done:
        assert "Riwayat status" in text_of(pages.get(url))
    assert len(done) == 2  # the stamp, then the identity's audit entry
    assert _last_seen(services) == clock()
    with services.uow() as uow:
        viewed = uow.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "identity_viewed")).all()
    assert len(viewed) == 1


def test_an_expired_session_is_deleted_and_the_page_not_shown(
        pages: Pages, walk: Walk, services: Services, clock: FixedClock) -> None:
    receipt = walk.file(anonim=True, name=None, phone=None)
    url = _opened(pages, receipt.tracking_code, receipt.secret)
    clock.advance(hours=1)  # past the idle timeout
    with commits(services) as done:
        page = text_of(pages.get(url))
    assert "Riwayat status" not in page and 'name="secret"' in page  # asked for the secret
    assert len(done) == 1
    with services.uow() as uow:
        assert uow.session.scalars(select(UserSession)).first() is None


def test_the_empty_reply_form_is_kept_per_definition_and_language(
        app: Flask, services: Services) -> None:
    folder = Path(services.settings.forms_dir)
    shared = forms.shared_form("balasan", folder)
    changed_schema = copy.deepcopy(shared.schema)
    changed_schema["properties"]["text"]["title"] = "Isi pesan yang lain"
    changed = forms.make_form("balasan", changed_schema, copy.deepcopy(shared.ui))
    for lang in ("id", "en", "id"):
        with app.test_request_context(f"/lacak/EL-AAAA1111?lang={lang}"):
            for form in (shared, changed, shared):
                assert _reply_fields(form, None, None) == form_fields(form)
    with app.test_request_context("/lacak/EL-AAAA1111?lang=en"):
        english = _reply_fields(shared, None, None)
    with app.test_request_context("/lacak/EL-AAAA1111?lang=id"):
        assert _reply_fields(shared, None, None) != english
        assert "Isi pesan yang lain" in _reply_fields(changed, None, None)
        assert "Isi pesan yang lain" not in _reply_fields(shared, None, None)
        kept = _reply_fields(shared, {"text": "halo"}, {"text": "Terlalu pendek."})
        assert "halo" in kept and "Terlalu pendek." in kept  # input and errors: never kept
        assert "halo" not in _reply_fields(shared, None, None)
