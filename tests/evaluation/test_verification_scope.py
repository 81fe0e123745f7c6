"""Verification is Tim Admin's work, done before a report reaches an OPD: the all-agency figure
keeps it, but no OPD is judged, ranked or flagged on it (dashboard, report, OPD sheet, targets).

In the known data set DISDIK's complaints were verified 1 of 3 within 3 working days: a per-OPD
verification row would read "belum tercapai" against DISDIK for Tim Admin's delay.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from io import BytesIO

import pytest
from flask.testing import FlaskClient
from openpyxl import load_workbook

from engine.calendar.periods import parse_period
from engine.domain import Actor
from engine.errors import FormInvalidError
from engine.evaluation.report_tables import indicator_table, opd_report_tables, report_tables
from engine.evaluation.reports import render_html, render_xlsx
from engine.evaluation.summary import Evaluation, evaluate
from engine.evaluation.tables import Target
from engine.evaluation.targets import INDICATORS, list_targets, set_target, target_for
from tests.walk import wib
from webui.wiring import Services

from .data import KnownData
from .web import csrf_token

SignIn = Callable[[str], None]
NOW = wib("2026-04-10 09:00")
MARCH = parse_period("2026-03")
VERIFY = "Diverifikasi dalam 3 hari kerja"
NOT_JUDGED = ("tidak dinilai per OPD", "Verifikasi dikerjakan Tim Admin sebelum laporan "
              "diteruskan ke OPD, sehingga hanya dinilai untuk seluruh laporan.")


def _legacy_opd_target(services: Services) -> None:
    """An OPD verification target saved before verification became agency-only."""
    with services.uow() as uow:
        uow.session.add(Target(indicator="verifikasi_3hk", period="", opd_code="DISDIK",
                               value_hundredths=9900, author="ketua",
                               updated_at=wib("2026-01-05 09:00")))
        uow.commit()


@pytest.fixture
def march(services: Services, known: KnownData) -> Evaluation:
    _legacy_opd_target(services)
    with services.uow() as uow:
        return evaluate(uow.session, MARCH, NOW)


def test_no_opd_is_ranked_on_verification_but_the_agency_is(march: Evaluation) -> None:
    assert march.standings["verifikasi_3hk"] == []
    overall = march.overall["verifikasi_3hk"]
    assert (overall.opd_name, overall.actual, overall.target, overall.met, overall.basis) == (
        "Seluruh laporan (Tim Admin)", Decimal("66.67"), Decimal("90.00"), False, "4 dari 6")
    # The OPDs' own work is still judged per OPD.
    assert [s.opd_code for s in march.standings["tindak_lanjut_5hk"]] == ["DINKES", "DISDIK"]
    assert march.overall["tindak_lanjut_5hk"].opd_name == "Seluruh OPD"


def test_the_report_says_why_instead_of_flagging_an_opd(march: Evaluation) -> None:
    verify = [r for r in indicator_table(march).rows if r[0] == VERIFY]
    assert verify == [
        (VERIFY, "Seluruh laporan (Tim Admin)", Decimal("66.67"), Decimal("90.00"),
         Decimal("-23.33"), "belum tercapai", "4 dari 6"),
        (VERIFY, "Setiap OPD", None, None, None, *NOT_JUDGED)]
    book = load_workbook(BytesIO(render_xlsx(march, report_tables(march))))
    sheet = [r for r in book["indikator"].iter_rows(min_row=3, values_only=True)]
    assert [r[1] for r in sheet if r[0] == VERIFY] == ["Seluruh laporan (Tim Admin)",
                                                      "Setiap OPD"]
    assert not any(r[0] == VERIFY and r[1] == "Dinas Pendidikan" for r in sheet)
    html = render_html(march, report_tables(march))
    start = html.index(f"<td>{VERIFY}</td>")
    printed = html[start:html.index("<td>Ditindaklanjuti dalam", start)]
    assert "tidak dinilai per OPD" in printed and "Dinas Pendidikan" not in printed


def test_the_opd_sheet_shows_a_dash_and_the_reason(march: Evaluation) -> None:
    indicators = opd_report_tables(march, "DISDIK")[2]
    assert indicators.key == "indikator"
    assert [r for r in indicators.rows if r[0] == VERIFY] == [
        (VERIFY, "Dinas Pendidikan", None, None, None, *NOT_JUDGED)]
    assert {r[1] for r in indicators.rows} == {"Dinas Pendidikan"}
    assert [r[0] for r in indicators.rows if r[5] == "belum tercapai"] == [  # its own work
        "Waktu pelayanan paling lama 5 hari kerja", "Indeks Kepuasan Masyarakat (IKM)"]


def test_verification_targets_hold_for_the_whole_agency_only(services: Services) -> None:
    with services.uow() as uow, pytest.raises(FormInvalidError) as refused:
        set_target(uow.session, "verifikasi_3hk", "2026", "DINKES", "50",
                   Actor("ketua", "ketua"), NOW)
    assert refused.value.errors == {
        "opd_code": "Indikator ini tidak dinilai per OPD; kosongkan OPD."}
    _legacy_opd_target(services)
    with services.uow() as uow:
        targets = list_targets(uow.session)
    assert target_for(targets, "verifikasi_3hk", MARCH, "DISDIK") == Decimal("90.00")
    assert not INDICATORS["verifikasi_3hk"].per_opd
    assert all(i.per_opd for code, i in INDICATORS.items() if code != "verifikasi_3hk")


def test_the_dashboard_shows_verification_for_the_agency_only(
        client: FlaskClient, sign_in: SignIn, known: KnownData) -> None:
    sign_in("ketua")
    html = client.get("/evaluasi/?periode=2026-03").get_data(as_text=True)
    section = html[html.index('id="indikator"'):]
    verify = section[section.index(VERIFY):section.index("Ditindaklanjuti dalam 5 hari kerja")]
    assert "Seluruh laporan (Tim Admin)" in verify and "Setiap OPD" in verify
    assert "tidak dinilai per OPD" in verify and NOT_JUDGED[1] in verify
    assert "Dinas Pendidikan" not in verify and "33,33" not in verify
    assert verify.count("belum tercapai") == 1  # the agency's own figure, 66,67 of 90


def test_the_targets_page_explains_and_marks_an_old_opd_target(
        client: FlaskClient, sign_in: SignIn, services: Services) -> None:
    _legacy_opd_target(services)
    sign_in("ketua")
    page = client.get("/evaluasi/target").get_data(as_text=True)
    assert NOT_JUDGED[1] in page
    assert "tidak dipakai: indikator ini tidak dinilai per OPD" in page
    token = csrf_token(client, "/evaluasi/target")
    response = client.post("/evaluasi/target", data={
        "csrf_token": token, "indicator": "verifikasi_3hk", "period": "",
        "opd_code": "DINKES", "value": "50"})
    assert response.status_code == 422
    assert 'id="f-opd_code-error"' in response.get_data(as_text=True)
