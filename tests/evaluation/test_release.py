"""The periodic report is a draft until the team's Sekretaris releases it (duty c.2); the
Kepala OPD then receives the OPD's sheet, and only his OPD's."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO

import pytest
from flask.testing import FlaskClient
from openpyxl import load_workbook
from sqlalchemy import select

from engine.audit import AuditEntry
from engine.calendar.periods import parse_period
from engine.domain import Actor
from engine.errors import ConflictError, ForbiddenError
from engine.evaluation.release import release_of, release_report
from engine.evaluation.report_tables import report_tables
from engine.evaluation.reports import render_html
from engine.evaluation.summary import evaluate
from tests.walk import wib
from webui.wiring import Services

from .data import KnownData
from .web import csrf_token

SignIn = Callable[[str], None]
FEBRUARY, MARCH = parse_period("2026-02"), parse_period("2026-03")
SECRETARY = Actor("sekretaris", "sekretaris")


def test_only_the_sekretaris_releases_a_finished_period_once(services: Services) -> None:
    at = wib("2026-03-02 09:00")
    with services.uow() as uow:
        for actor in (Actor("ketua", "ketua"), Actor("kadis", "pengarah"),
                      Actor("sekdis", "penanggung_jawab"), Actor("tim", "tim_admin")):
            with pytest.raises(ForbiddenError):
                release_report(uow.session, FEBRUARY, actor, at)
        with pytest.raises(ConflictError, match="belum berakhir"):
            release_report(uow.session, MARCH, SECRETARY, at)
        release_report(uow.session, FEBRUARY, SECRETARY, at, "Sesuai rapat tim")
        with pytest.raises(ConflictError, match="sudah dirilis"):
            release_report(uow.session, FEBRUARY, SECRETARY, at)
        uow.commit()
    with services.uow() as uow:
        release = release_of(uow.session, FEBRUARY)
        entry = uow.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "report_released")).one()
    assert release is not None and (release.by, release.at, release.note) == (
        "sekretaris", at, "Sesuai rapat tim")
    assert (entry.actor, entry.actor_role) == ("sekretaris", "sekretaris")


def test_an_unreleased_report_says_it_is_a_draft(services: Services, known: KnownData) -> None:
    with services.uow() as uow:
        draft = evaluate(uow.session, FEBRUARY, wib("2026-03-02 09:00"))
        release_report(uow.session, FEBRUARY, SECRETARY, wib("2026-03-02 10:00"))
        uow.commit()
        released = evaluate(uow.session, FEBRUARY, wib("2026-03-02 11:00"))
    summary = {row[0]: row[1:] for row in report_tables(draft)[0].rows}
    assert summary["Status laporan"] == (
        "DRAF", "belum dirilis oleh Sekretaris Tim Pengelola Pengaduan")
    assert "DRAF: belum dirilis" in render_html(draft, report_tables(draft))
    summary = {row[0]: row[1:] for row in report_tables(released)[0].rows}
    assert summary["Status laporan"] == (
        "dirilis", "dirilis oleh sekretaris (Sekretaris Tim) pada 2 Maret 2026 pukul 10.00 WIB")
    html = render_html(released, report_tables(released))
    assert "DIRILIS: dirilis oleh sekretaris" in html and "(DRAF)" not in html


def test_release_on_the_dashboard_then_the_head_of_opd_downloads_his_sheet(
        client: FlaskClient, sign_in: SignIn, known: KnownData) -> None:
    sign_in("kepala_opd")  # of DINKES
    assert client.get("/evaluasi/laporan/2026-02/opd.xlsx").status_code == 404
    assert client.get("/evaluasi/laporan/2026-02.xlsx").status_code == 403
    sign_in("ketua")
    token = csrf_token(client, "/evaluasi/?periode=2026-02")
    assert "Rilis laporan" not in client.get("/evaluasi/?periode=2026-02").get_data(as_text=True)
    assert client.post("/evaluasi/laporan/2026-02/rilis",
                       data={"csrf_token": token}).status_code == 403
    sign_in("sekretaris")
    page = client.get("/evaluasi/?periode=2026-02").get_data(as_text=True)
    assert "DRAF" in page and "Rilis laporan" in page
    assert "Rilis laporan" not in client.get("/evaluasi/?periode=2026-03").get_data(as_text=True)
    done = client.post("/evaluasi/laporan/2026-02/rilis",
                       data={"csrf_token": token, "note": "Rapat 2 Maret"},
                       follow_redirects=True).get_data(as_text=True)
    assert "dirilis" in done and "Rapat 2 Maret" in done and "Rilis laporan" not in done
    sign_in("kepala_opd")
    response = client.get("/evaluasi/laporan/2026-02/opd.xlsx")
    assert response.status_code == 200
    assert "laporan-sp4n-lapor-2026-02-dinkes.xlsx" in response.headers["Content-Disposition"]
    book = load_workbook(BytesIO(response.data))
    rows = [r for r in book["tindak_lanjut_opd"].iter_rows(min_row=3, values_only=True)]
    assert [r[0] for r in rows] == ["Dinas Kesehatan"]
    assert client.get("/evaluasi/laporan/2026-02/opd.pdf").data.startswith(b"%PDF")
