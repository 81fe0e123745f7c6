"""POST /api/v1/suggestions and GET /api/v1/complaints/<code>/similar: officers only, ranked,
at most five, and never another OPD's complaint for a liaison."""

from __future__ import annotations

from collections.abc import Callable

from tests.walk import VERIFY_FORWARD, Walk

Headers = dict[str, str]
PREFIX = "/api/v1"
LAMP = {"title": "Lampu jalan mati di Desa Pendopo",
        "description": "Lampu penerangan jalan di Desa Pendopo mati sejak seminggu."}


def test_suggestions_rank_categories_opds_and_similar(client, walk: Walk,
                                                      bearer: Callable[..., Headers]) -> None:  # type: ignore[no-untyped-def]
    receipt = walk.file(**LAMP, category="25")
    answer = client.post(f"{PREFIX}/suggestions", headers=bearer("tim_admin"),
                         json={**LAMP, "description": "lampu jln di ds pendopo padam, gelap"})
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["categories"][0]["code"] == "25"
    assert body["opds"][0]["code"] == "DISHUB"
    assert [s["tracking_code"] for s in body["similar"]] == [receipt.tracking_code]
    for key in ("categories", "opds", "similar"):
        scores = [item["score"] for item in body[key]]
        assert scores == sorted(scores, reverse=True) and len(scores) <= 5


def test_the_public_and_roles_without_complaints_are_refused(client, bearer) -> None:  # type: ignore[no-untyped-def]
    assert client.post(f"{PREFIX}/suggestions", json=LAMP).status_code == 401
    refused = client.post(f"{PREFIX}/suggestions", headers=bearer("analis"), json=LAMP)
    assert refused.status_code == 403


def test_bad_bodies_name_their_fields(client, bearer) -> None:  # type: ignore[no-untyped-def]
    headers = bearer("tim_admin")
    answer = client.post(f"{PREFIX}/suggestions", headers=headers,
                         json={"title": 5, "extra": 1, "description": "x" * 5001})
    assert answer.status_code == 422
    assert set(answer.get_json()["error"]["fields"]) == {"extra"}
    answer = client.post(f"{PREFIX}/suggestions", headers=headers,
                         json={"title": 5, "description": "x" * 5001})
    assert set(answer.get_json()["error"]["fields"]) == {"title", "description"}


def test_similar_of_a_complaint_hides_other_opds_from_a_liaison(client, walk: Walk,
                                                                bearer) -> None:  # type: ignore[no-untyped-def]
    first = walk.file(**LAMP, category="25").tracking_code
    second = walk.file(**LAMP, category="25").tracking_code
    walk.complete(first, "verifikasi", {**VERIFY_FORWARD, "opd": "DISHUB"})
    walk.complete(second, "verifikasi", {**VERIFY_FORWARD, "opd": "PERKIM"})
    admin = client.get(f"{PREFIX}/complaints/{first}/similar", headers=bearer("tim_admin"))
    assert [s["tracking_code"] for s in admin.get_json()["similar"]] == [second]
    dishub = bearer("pejabat_penghubung", "DISHUB")
    own = client.get(f"{PREFIX}/complaints/{first}/similar", headers=dishub)
    assert own.status_code == 200 and own.get_json()["similar"] == []
    hidden = client.get(f"{PREFIX}/complaints/{second}/similar", headers=dishub)
    assert hidden.status_code == 404
