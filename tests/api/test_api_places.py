"""Places through the API: the regions list, kecamatan and desa by code or name, the pinned
point checked against the regency and shown as precisely as the report's privacy allows."""

from __future__ import annotations

from tests.walk import VERIFY_FORWARD, Walk

API = "/api/v1"
REPORT = {"title": "Jembatan gantung putus",
          "description": "Jembatan gantung penghubung dua dusun putus sejak banjir kemarin.",
          "anonim": True}
POINT = {"latitude": -3.712345, "longitude": 102.987654}


def test_regions_lists_kecamatan_and_desa_with_codes_and_parent(client) -> None:  # type: ignore[no-untyped-def]
    every = client.get(f"{API}/regions").get_json()
    assert len(every) == 166
    kecamatan = client.get(f"{API}/regions?level=kecamatan").get_json()
    assert [r["name"] for r in kecamatan][:2] == ["Muara Pinang", "Pendopo"]
    assert kecamatan[0] == {"code": "16.11.01", "name": "Muara Pinang", "level": "kecamatan",
                            "parent": "16.11", "latitude": None, "longitude": None}
    desa = client.get(f"{API}/regions?level=desa&parent=16.11.02").get_json()
    assert {r["parent"] for r in desa} == {"16.11.02"}
    assert {"desa", "kelurahan"} == {r["level"] for r in desa}
    refused = client.get(f"{API}/regions?level=provinsi")
    assert refused.status_code == 422 and "level" in refused.get_json()["error"]["fields"]


def test_a_complaint_names_its_place_in_words(client, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    answer = client.post(f"{API}/complaints",
                         json={**REPORT, "kecamatan": "kec. muara  pinang", "desa": "NIUR"})
    assert answer.status_code == 201, answer.get_json()
    stored = walk.complaint(answer.get_json()["tracking_code"])
    assert (stored.kecamatan_code, stored.desa_code) == ("16.11.01", "16.11.01.2014")


def test_a_desa_alone_files_its_kecamatan_too(client, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    answer = client.post(f"{API}/complaints", json={**REPORT, "desa": "16.11.04.1010"})
    assert answer.status_code == 201, answer.get_json()
    assert walk.complaint(answer.get_json()["tracking_code"]).kecamatan_code == "16.11.04"


def test_an_unknown_place_is_refused_with_close_names(client, services) -> None:  # type: ignore[no-untyped-def]
    answer = client.post(f"{API}/complaints", json={**REPORT, "kecamatan": "Tebing Tingi",
                                                   "title": ""})
    assert answer.status_code == 422
    fields = answer.get_json()["error"]["fields"]
    assert "Tebing Tinggi" in fields["kecamatan"] and "title" in fields  # every problem at once
    assert _complaints(services) == 0


def test_a_point_outside_the_regency_is_refused(client, services) -> None:  # type: ignore[no-untyped-def]
    jakarta = client.post(f"{API}/complaints",
                          json={**REPORT, "latitude": -6.2, "longitude": 106.8})
    assert jakarta.status_code == 422
    assert "di luar wilayah kabupaten" in jakarta.get_json()["error"]["fields"]["latitude"]
    half = client.post(f"{API}/complaints", json={**REPORT, "latitude": -3.7})
    assert "longitude" in half.get_json()["error"]["fields"]
    text = client.post(f"{API}/complaints", json={**REPORT, "latitude": "x", "longitude": 103})
    assert text.status_code == 422
    assert _complaints(services) == 0


def test_the_point_exact_for_officers_rounded_for_the_public(client, walk: Walk, bearer) -> None:  # type: ignore[no-untyped-def]
    receipt = client.post(f"{API}/complaints", json={**REPORT, **POINT, "kecamatan": "Saling"}
                          ).get_json()
    code = receipt["tracking_code"]
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    public = client.get(f"{API}/complaints/{code}").get_json()["place"]
    assert public == {"kecamatan": {"code": "16.11.09", "name": "Saling"}, "desa": None,
                      "latitude": -3.71, "longitude": 102.99}  # anonymous: about 1 km
    mine = client.get(f"{API}/complaints/{code}",
                      headers={"X-Complaint-Secret": receipt["secret"]}).get_json()["place"]
    admin = client.get(f"{API}/complaints/{code}", headers=bearer("tim_admin")).get_json()
    assert (mine["latitude"], admin["place"]["longitude"]) == (-3.712345, 102.987654)


def test_named_reports_mapped_closely_secret_ones_never(client, walk: Walk, bearer) -> None:  # type: ignore[no-untyped-def]
    named = walk.file(**POINT).tracking_code
    hidden = walk.file(rahasia=True, **POINT).tracking_code
    for code in (named, hidden):
        walk.complete(code, "verifikasi", VERIFY_FORWARD)
    assert client.get(f"{API}/complaints/{named}").get_json()["place"]["latitude"] == -3.7123
    assert client.get(f"{API}/complaints/{hidden}").status_code == 404
    liaison = client.get(f"{API}/complaints/{hidden}", headers=bearer("pejabat_penghubung",
                                                                      "DINKES")).get_json()
    assert liaison["place"]["latitude"] == -3.712345  # the officers who handle it see the spot


def _complaints(services) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from engine.complaints.tables import Complaint
    with services.uow() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(Complaint)) or 0)
