"""An incident is not dated after the day its report arrives: the API and the portal's form
refuse it by its field, with a day's leeway for reporters in WITA and WIT (UTC+8, +9)."""

from __future__ import annotations

from datetime import datetime

import pytest

from engine.calendar.working_days import WIB
from tests.public.test_public import FORM
from tests.webui.files import PNG, upload
from tests.webui.pages import Pages, text_of

COMPLAINTS = "/api/v1/complaints"
REPORT = {"title": "Jembatan putus", "anonim": True,
          "description": "Jembatan gantung di desa kami putus diterjang banjir semalam."}
FUTURE = "Tanggal kejadian tidak boleh sesudah hari ini."


@pytest.mark.parametrize("day", ["2026-03-04", "2027-03-02", "2099-01-01"])
def test_the_api_refuses_an_incident_after_today(client, day: str) -> None:  # type: ignore[no-untyped-def]
    # The clock stands at Monday 2 March 2026, 09:00 WIB.
    answer = client.post(COMPLAINTS, json={**REPORT, "incident_date": day})
    assert answer.status_code == 422
    assert answer.get_json()["error"]["fields"] == {"incident_date": FUTURE}


@pytest.mark.parametrize("day", ["2000-01-01", "2026-03-02", "2026-03-03"])
def test_the_api_takes_today_tomorrow_and_the_past(client, day: str) -> None:  # type: ignore[no-untyped-def]
    assert client.post(COMPLAINTS, json={**REPORT, "incident_date": day}).status_code == 201


def test_late_in_the_evening_wib_the_leeway_is_wit_s_today(client, clock) -> None:  # type: ignore[no-untyped-def]
    clock.set(datetime(2026, 3, 2, 23, 30, tzinfo=WIB))  # 01:30 on 3 March in Jayapura
    assert client.post(COMPLAINTS, json={**REPORT, "incident_date": "2026-03-03"}
                       ).status_code == 201
    assert client.post(COMPLAINTS, json={**REPORT, "incident_date": "2026-03-04"}
                       ).status_code == 422


def test_an_impossible_date_keeps_the_form_s_own_message(client) -> None:  # type: ignore[no-untyped-def]
    answer = client.post(COMPLAINTS, json={**REPORT, "incident_date": "2101-01-01"})
    assert answer.get_json()["error"]["fields"]["incident_date"] != FUTURE


def test_the_portal_form_says_so_by_the_field(pages: Pages) -> None:
    page = text_of(pages.post("/lapor", {**FORM, "incident_date": "2099-01-01",
                                         "id_document": upload(PNG, "ktp.png")},
                              status=422, content_type="multipart/form-data"))
    assert 'id="f-incident_date-error"' in page
    error = page.split('id="f-incident_date-error"', 1)[1][:300]
    assert FUTURE in error
    assert 'value="2099-01-01"' in page  # what was typed stays, to be corrected
