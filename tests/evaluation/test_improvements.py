"""Improvement actions after each SKM period: recorded by the survey's owners, followed to done,
shown on the dashboard and in the periodic report."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from engine.audit import AuditEntry
from engine.calendar.periods import parse_period
from engine.domain import Actor
from engine.errors import FormInvalidError
from engine.evaluation.improvements import actions_for, add_action, mark_done
from engine.evaluation.report_tables import report_tables
from engine.evaluation.reports import render_html
from engine.evaluation.summary import evaluate
from tests.walk import wib
from tests.webui.pages import Pages, text_of
from webui.wiring import Services

KETUA = Actor("ketua", "ketua")
GOOD = {"period": "2026-Q1", "finding": "U3 (waktu penyelesaian) terendah: 2,6.",
        "action": "Apel sore memeriksa laporan yang mendekati batas 5 hari kerja.",
        "owner": "Kabid Aplikasi Informatika", "due_on": "2026-04-30"}


def _add(services: Services, **changes: str) -> int:
    with services.uow() as uow:
        row = add_action(uow.session, {**GOOD, **changes}, KETUA, wib("2026-04-02 10:00"))
        uow.commit()
        return row.id


def test_a_bad_record_names_every_field_and_stores_nothing(services: Services) -> None:
    with services.uow() as uow, pytest.raises(FormInvalidError) as err:
        add_action(uow.session, {"period": "maret", "action": " ", "owner": "x" * 151,
                                 "due_on": "30-04-2026"}, KETUA, wib("2026-04-02 10:00"))
    assert set(err.value.errors) == {"period", "action", "owner", "due_on"}
    with services.uow() as uow:
        assert actions_for(uow.session, parse_period("2026"), date(2026, 4, 2)) == []


def test_an_action_is_followed_to_done_and_every_step_is_audited(services: Services) -> None:
    action_id = _add(services)
    with services.uow() as uow, pytest.raises(FormInvalidError) as err:
        mark_done(uow.session, action_id, {"result": ""}, KETUA, wib("2026-04-20 10:00"))
    assert set(err.value.errors) == {"result"}
    with services.uow() as uow:
        mark_done(uow.session, action_id, {"result": "Apel sore berjalan sejak 6 April."},
                  KETUA, wib("2026-04-20 10:00"))
        uow.commit()
        [state] = actions_for(uow.session, parse_period("2026-Q1"), date(2026, 4, 20))
        assert (state.state, state.action.done_on) == ("selesai", date(2026, 4, 20))
        actions = [(e.action, json.loads(e.detail)["improvement_id"]) for e in uow.session.scalars(
            select(AuditEntry).where(AuditEntry.action.like("improvement_%")))]
    assert actions == [("improvement_recorded", action_id), ("improvement_done", action_id)]


def test_a_report_shows_its_periods_actions_and_earlier_open_ones(services: Services) -> None:
    _add(services, period="2026-01", action="Perbaikan Januari yang belum selesai.")
    done = _add(services, period="2026-02", action="Perbaikan Februari yang sudah selesai.")
    _add(services, period="2026-04", action="Perbaikan April.", due_on="2026-05-15")
    with services.uow() as uow:
        mark_done(uow.session, done, {"result": "Sudah.", "done_on": "2026-03-01"}, KETUA,
                  wib("2026-03-01 10:00"))
        uow.commit()
        april = actions_for(uow.session, parse_period("2026-04"), date(2026, 5, 20))
    assert [(s.action.period, s.state) for s in april] == [("2026-01", "terlambat"),
                                                           ("2026-04", "terlambat")]


def test_the_periodic_report_publishes_the_follow_up(services: Services) -> None:
    _add(services)
    with services.uow() as uow:
        ev = evaluate(uow.session, parse_period("2026-Q1"), wib("2026-04-02 10:00"))
    html = render_html(ev, report_tables(ev))
    assert "Tindak lanjut hasil SKM" in html and GOOD["action"] in html


def test_owners_record_on_the_screen_and_everyone_sees_it_on_the_dashboard(
        pages: Pages, walk, services: Services, client) -> None:  # type: ignore[no-untyped-def]
    walk.user("tim_admin")
    pages.login("tim_admin")
    page = pages.post("/evaluasi/perbaikan", {**GOOD, "action": ""}, status=422)
    assert 'id="f-action-error"' in text_of(page)
    pages.post("/evaluasi/perbaikan", GOOD, status=302)
    listing = text_of(pages.get("/evaluasi/perbaikan"))
    assert GOOD["action"] in listing and "berjalan" in listing
    pages.logout()
    walk.user("pengarah")
    pages.login("pengarah")
    pages.get("/evaluasi/perbaikan", status=403)
    dashboard = text_of(pages.get("/evaluasi/?periode=2026-Q1"))
    assert GOOD["action"] in dashboard and GOOD["owner"] in dashboard
    book = load_workbook(io.BytesIO(client.get("/evaluasi/laporan/2026-Q1.xlsx").data))
    rows = [r for r in book["perbaikan"].iter_rows(min_row=3, values_only=True)]
    assert rows == [("2026-Q1", GOOD["finding"], GOOD["action"], GOOD["owner"], "2026-04-30",
                     "berjalan")]
