"""The pages of places: the public map with its filters, the managers' figures per kecamatan and
per desa, and the system admin's kecamatan centre points."""

from __future__ import annotations

import json
import re

from tests.walk import VERIFY_FORWARD, Walk
from tests.webui.pages import Pages, text_of

POINT = {"latitude": -3.712345, "longitude": 102.987654}


def _published(walk: Walk, **fields) -> str:  # type: ignore[no-untyped-def]
    code = walk.file(**fields).tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    return code


def _pins(page: str) -> list[dict[str, object]]:
    found = re.search(r'<script type="application/json" id="peta-laporan">(.*?)</script>', page,
                      re.S)
    assert found
    return list(json.loads(found.group(1)))


def test_the_public_map_pins_published_reports_as_privacy_allows(pages: Pages,
                                                                 walk: Walk) -> None:
    named = _published(walk, kecamatan="Saling", category="8", **POINT)
    anonymous = _published(walk, kecamatan="16.11.04", anonim=True, **POINT)
    _published(walk, rahasia=True, **POINT)  # never published, never mapped
    walk.file(**POINT)  # not verified yet: not published
    _published(walk, kecamatan="16.11.09")  # published, without a point
    page = text_of(pages.get("/peta"))
    pins = {p["code"]: (p["lat"], p["lng"]) for p in _pins(page)}
    assert pins == {named: (-3.7123, 102.9877), anonymous: (-3.71, 102.99)}
    assert "3 laporan cocok" in page and "2 di antaranya punya titik" in page
    saling = text_of(pages.get("/peta?kecamatan=16.11.09&status=didisposisikan"))
    assert [p["code"] for p in _pins(saling)] == [named]
    assert [p["code"] for p in _pins(text_of(pages.get("/peta?category=8")))] == [named]
    # An unknown filter value is no filter, not an error.
    assert len(_pins(text_of(pages.get("/peta?status=diarsipkan&kecamatan=x")))) == 2


def test_managers_read_open_and_overdue_per_kecamatan_and_desa(pages: Pages,
                                                               walk: Walk) -> None:
    walk.user("pengarah")
    walk.file(kecamatan="16.11.04", desa="Kupang")
    walk.file(kecamatan="16.11.04")
    walk.file()
    pages.login("pengarah")
    page = text_of(pages.get("/pemantauan/wilayah"))
    row = re.search(r"16\.11\.04</td>.*?</tr>", page, re.S)
    assert row and re.findall(r'class="num">(\d+)', row.group(0)) == ["2", "2", "0"]
    assert "(kecamatan tidak diisi)" in page
    assert "10 kecamatan belum punya titik tengah" in page
    desa = text_of(pages.get("/pemantauan/wilayah?kecamatan=16.11.04"))
    assert "Kupang" in desa and "(desa tidak diisi)" in desa
    pages.get("/pemantauan/wilayah?kecamatan=16.11.04.1010", status=404)


def test_the_public_and_opd_cannot_open_the_managers_figures(pages: Pages, walk: Walk) -> None:
    assert pages.get("/pemantauan/wilayah", status=302)
    walk.user("pejabat_penghubung", "DINKES")
    pages.login("pejabat_penghubung-dinkes")
    pages.get("/pemantauan/wilayah", status=403)


def test_the_admin_sets_a_centre_and_the_dashboard_maps_it(pages: Pages, walk: Walk) -> None:
    walk.user("sysadmin")
    pages.login("sysadmin")
    refused = text_of(pages.post("/admin/wilayah/16.11.04", {"latitude": "-6.2",
                                                            "longitude": "106.8"},
                                 page="/admin/wilayah", status=422))
    assert "di luar wilayah kabupaten" in refused and 'value="-6.2"' in refused
    typo = text_of(pages.post("/admin/wilayah/16.11.04", {"latitude": "tiga",
                                                         "longitude": "103"},
                              page="/admin/wilayah", status=422))
    assert "Tulis angka desimal" in typo
    pages.post("/admin/wilayah/16.11.04", {"latitude": "-3,6213", "longitude": "103.0711"},
               page="/admin/wilayah", status=302)
    assert 'value="-3.6213"' in text_of(pages.get("/admin/wilayah"))
    figures = text_of(pages.get("/pemantauan/wilayah"))
    found = re.search(r'id="peta-wilayah">(.*?)</script>', figures, re.S)
    assert found and [(p["lat"], p["lng"]) for p in json.loads(found.group(1))] == [
        (-3.6213, 103.0711)]


def test_the_portal_refuses_a_point_outside_the_regency_and_keeps_what_was_typed(
        pages: Pages, services) -> None:  # type: ignore[no-untyped-def]
    form = {"title": "Jembatan putus", "anonim": "on", "kecamatan": "16.11.04",
            "description": "Jembatan gantung penghubung dua dusun putus sejak kemarin.",
            "latitude": "-6,2", "longitude": "106.8"}
    page = text_of(pages.post("/lapor", form, status=422))
    assert 'id="f-latitude-error"' in page and "di luar wilayah kabupaten" in page
    assert 'value="-6.2"' in page and "Jembatan putus" in page
    accepted = pages.post("/lapor", {**form, "latitude": "-3.64", "longitude": "103.08"})
    assert accepted.status_code in (200, 303), text_of(accepted)[:500]


def test_the_public_report_page_shows_the_place_rounded_for_an_anonymous_report(
        pages: Pages, walk: Walk) -> None:
    code = _published(walk, kecamatan="16.11.04", desa="Kupang", anonim=True, **POINT)
    page = text_of(pages.get(f"/laporan/{code}"))
    assert "Kupang, Kec. Tebing Tinggi" in page
    assert "-3.71, 102.99" in page and "dibulatkan" in page and "-3.712345" not in page
