"""The evaluation dashboard and its downloads, per role."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from io import BytesIO

import pytest
from flask.testing import FlaskClient
from openpyxl import load_workbook

from .data import KnownData

VIEWERS = ["pengarah", "penanggung_jawab", "sekretaris", "ketua", "anggota", "tim_admin"]
OTHERS = ["pejabat_penghubung", "unit_teknis", "kepala_opd", "front_office", "analis", "sysadmin"]
SignIn = Callable[[str], None]


@pytest.mark.parametrize("role", VIEWERS)
def test_managers_see_the_dashboard(client: FlaskClient, sign_in: SignIn, role: str) -> None:
    sign_in(role)
    page = client.get("/evaluasi/")
    assert page.status_code == 200
    assert "Maret 2026" in page.get_data(as_text=True)  # the clock's month by default


@pytest.mark.parametrize("role", OTHERS)
def test_other_roles_are_forbidden(client: FlaskClient, sign_in: SignIn, role: str) -> None:
    sign_in(role)
    assert client.get("/evaluasi/").status_code == 403
    assert client.get("/evaluasi/laporan/2026-03.pdf").status_code == 403
    assert client.get("/evaluasi/laporan/2026-03.xlsx").status_code == 403


def test_signed_out_goes_to_the_login(client: FlaskClient) -> None:
    response = client.get("/evaluasi/?periode=2026-03")
    assert response.status_code == 302
    assert client.get("/evaluasi/laporan/2026-03.xlsx").status_code == 302


def test_charts_carry_the_same_numbers_as_the_tables(client: FlaskClient, sign_in: SignIn,
                                                      known: KnownData) -> None:
    sign_in("ketua")
    html = client.get("/evaluasi/?periode=2026-03").get_data(as_text=True)
    found = re.search(r'<script type="application/json" id="data-saluran">(.*?)</script>',
                      html, re.S)
    assert found is not None
    chart = json.loads(found.group(1))
    assert chart["labels"] == ["Situs web", "SMS 1708", "Aplikasi seluler",
                               "Loket (datang langsung)"]
    assert chart["datasets"][0]["data"] == [3, 2, 1, 1]
    assert html.count("<canvas") == 13
    assert html.count("<details") == 17  # a table under every chart, and more
    assert "66,67" in html and "78,70" in html  # verified in time; IKM
    stages = re.search(r'id="data-tahapan">(.*?)</script>', html, re.S)
    assert stages is not None
    assert [d["data"] for d in json.loads(stages.group(1))["datasets"]] == [
        [2.5, 4.0, 16.0, 8.0], [5, 6, 20, 8]]
    assert 'href="/evaluasi/laporan/2026-03.pdf"' in html
    assert 'href="/evaluasi/laporan/2026-03.xlsx"' in html
    assert "vendor/chart.umd.min." in html  # the file name carries its digest


def test_indicators_show_laggards_first(client: FlaskClient, sign_in: SignIn,
                                        known: KnownData) -> None:
    sign_in("anggota")
    html = client.get("/evaluasi/?periode=2026-Q1").get_data(as_text=True)
    section = html[html.index('id="indikator"'):]
    ikm = section[section.index("Indeks Kepuasan Masyarakat"):]
    assert ikm.index("Dinas Pendidikan") < ikm.index("Dinas Kesehatan")
    assert "belum tercapai" in section


def test_a_bad_period_is_explained(client: FlaskClient, sign_in: SignIn) -> None:
    sign_in("pengarah")
    page = client.get("/evaluasi/?periode=Maret")
    assert page.status_code == 422
    assert "2026-Q1" in page.get_data(as_text=True)
    assert client.get("/evaluasi/laporan/Maret.pdf").status_code == 422


def test_downloads(client: FlaskClient, sign_in: SignIn, known: KnownData) -> None:
    sign_in("tim_admin")
    pdf = client.get("/evaluasi/laporan/2026-03.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.data.startswith(b"%PDF")
    assert "laporan-sp4n-lapor-2026-03.pdf" in pdf.headers["Content-Disposition"]
    xlsx = client.get("/evaluasi/laporan/2026-03.xlsx")
    assert xlsx.status_code == 200
    book = load_workbook(BytesIO(xlsx.data))
    assert book["ringkasan"]["B3"].value == 7
    assert book["opd"]["B3"].value == 3
