"""An evaluation dashboard that does not mislead: no weeks still to come drawn as zeros, its
sections as tabs (not a page of thirteen full-width charts), every word in English when the
page is English, and each landmark named once."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from engine.accounts.signin import create_user
from engine.calendar.periods import parse_period
from engine.evaluation.report_tables import report_tables
from engine.evaluation.summary import evaluate
from tests.walk import wib
from tests.webui.axe import RUN
from tests.webui.test_browser import PHONE, fits_the_phone, officer_signs_in, shot
from webui.wiring import Services

from .data import KnownData

SignIn = Callable[[str], None]


def test_weeks_and_months_still_to_come_are_not_counted(services: Services,
                                                       known: KnownData) -> None:
    with services.uow() as uow:
        year = evaluate(uow.session, parse_period("2026"), wib("2026-03-12 09:00"))
    tables = {t.key: t for t in report_tables(year)}
    assert [row[0] for row in tables["tren_bulanan"].rows] == [
        "Januari 2026", "Februari 2026", "Maret 2026"]  # not April to December as zeros
    weeks = [row[0] for row in tables["tren_mingguan"].rows]
    assert weeks[0] == "2025-12-29" and weeks[-1] == "2026-03-09"  # the week of 12 March
    assert sum(row[1] for row in tables["tren_mingguan"].rows) == sum(
        row[1] for row in tables["tren_bulanan"].rows)


def _chart(html: str, key: str) -> dict[str, object]:
    found = re.search(rf'id="data-{key}">(.*?)</script>', html, re.S)
    assert found is not None, key
    return dict(json.loads(found.group(1)))


def test_the_dashboard_in_english(client: FlaskClient, sign_in: SignIn,
                                  known: KnownData) -> None:
    sign_in("ketua")
    html = client.get("/evaluasi/?periode=2026-Q1&lang=en").get_data(as_text=True)
    for english in ("Quarter I 2026", "Year 2026", "March 2026", "Reports per channel",
                    "Verified within 3 working days (%)", "already verified",
                    "Handling time per stage (working days)", "Weekly trend",
                    "Mean score per survey element", "IKM per OPD", "Satisfaction survey",
                    "Table: Reports per channel", "Reports not yet closed as of"):
        assert english in html, english
    for indonesian in ("Triwulan", "Laporan per saluran", "Tren mingguan", "Ringkasan",
                       "hari kerja", "yang sudah diverifikasi", "belum memadai"):
        assert indonesian not in html, indonesian
    assert _chart(html, "tren_bulanan")["labels"] == ["January 2026", "February 2026",
                                                     "March 2026"]
    indonesian_page = client.get("/evaluasi/?periode=2026-Q1&lang=id").get_data(as_text=True)
    assert "Triwulan I 2026" in indonesian_page and "Laporan per saluran" in indonesian_page
    assert _chart(indonesian_page, "tren_bulanan")["labels"] == [
        "Januari 2026", "Februari 2026", "Maret 2026"]


def test_the_sections_are_grouped_under_tabs(client: FlaskClient, sign_in: SignIn,
                                             known: KnownData) -> None:
    sign_in("ketua")
    html = client.get("/evaluasi/?periode=2026-03").get_data(as_text=True)
    tabs = re.findall(r'<a href="#([\w-]+)" id="tab-', html)
    assert tabs == ["sebaran", "penanganan", "kepuasan", "target", "dukungan-warga"]
    assert html.count('class="tab-panel"') == 5
    kepuasan = html[html.index('id="kepuasan"'):html.index('id="target"')]
    assert 'id="skm_unsur"' in kepuasan and 'id="perbaikan"' in kepuasan


LANDMARKS = """() => [...document.querySelectorAll(
    'main section[aria-labelledby], main [role=region]')]
  .filter(e => e.offsetParent !== null)
  .map(e => e.getAttribute('aria-label')
       || document.getElementById(e.getAttribute('aria-labelledby')).textContent.trim())"""


@pytest.mark.browser
def test_the_dashboard_is_a_few_screens_with_tabs(browser: object, base_url: str,
                                                  services: Services, known: KnownData,
                                                  clock) -> None:  # type: ignore[no-untyped-def]
    with services.uow() as uow:
        create_user(uow.session, "ketua-tim", "Ketua Tim", "ketua", "pw", clock())
        uow.commit()
    page: object = officer_signs_in(browser, base_url, "ketua-tim")
    page.goto(base_url + "/evaluasi/?periode=2026-Q1")  # type: ignore[attr-defined]
    page.wait_for_selector("#sebaran canvas")  # type: ignore[attr-defined]
    height = page.evaluate("document.documentElement.scrollHeight")  # type: ignore[attr-defined]
    shot(page, "evaluasi-1280")
    assert height < 3500, height  # was 7,500 px and more: every chart one below the other
    assert page.is_hidden("#kepuasan")  # type: ignore[attr-defined]
    page.get_by_role("tab", name="Survei kepuasan").click()  # type: ignore[attr-defined]
    assert page.is_visible("#skm_unsur figure.chart")  # type: ignore[attr-defined]
    assert page.is_hidden("#sebaran")  # type: ignore[attr-defined]
    page.keyboard.press("ArrowRight")  # type: ignore[attr-defined]
    assert page.is_visible("#indikator")  # type: ignore[attr-defined]
    names = page.evaluate(LANDMARKS)  # type: ignore[attr-defined]
    assert len(names) == len(set(names)), names
    page.goto(base_url + "/evaluasi/?periode=2026-Q1#skm_opd")  # type: ignore[attr-defined]
    assert page.is_visible("#skm_opd")  # type: ignore[attr-defined]
    page.add_script_tag(url="/static/vendor/axe.min.js")  # type: ignore[attr-defined]
    found = page.evaluate(RUN, [])  # type: ignore[attr-defined]
    assert [v[0] for v in found if v[0] == "landmark-unique"] == []
    page.set_viewport_size(PHONE)  # type: ignore[attr-defined]
    page.reload()  # type: ignore[attr-defined]
    page.wait_for_selector("#skm_unsur canvas")  # type: ignore[attr-defined]
    assert fits_the_phone(page)
    shot(page, "evaluasi-360")
