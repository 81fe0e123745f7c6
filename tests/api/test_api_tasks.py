"""The inbox through the API: open tasks per role and OPD, a task with its form, claim,
unclaim and complete."""

from __future__ import annotations

from urllib.parse import quote

import jsonschema
import pytest

from engine.complaints.tables import HumanTask
from tests.walk import ANSWER, VERIFY_FORWARD, Walk, wib

TASKS = "/api/v1/tasks"


def test_inbox_lists_the_roles_tasks_with_working_days_left(client, walk: Walk, bearer) -> None:  # type: ignore[no-untyped-def]
    first = walk.file().tracking_code
    walk.clock.set(wib("2026-03-03 10:00"))
    second = walk.file().tracking_code
    walk.clock.set(wib("2026-03-04 08:00"))
    rows = client.get(TASKS, headers=bearer("tim_admin")).get_json()
    assert [(r["tracking_code"], r["due_at"], r["working_days_left"], r["overdue"])
            for r in rows] == [(first, "2026-03-05T23:59:59+07:00", 1, False),
                               (second, "2026-03-06T23:59:59+07:00", 2, False)]
    assert rows[0]["form"] == "verifikasi" and rows[0]["lane"] == "Tim Admin"
    assert rows[0]["assignee"] is None and rows[0]["name"]
    assert client.get(TASKS, headers=bearer("ketua")).get_json() == []


def test_overdue_tasks_say_how_many_working_days_late(client, walk: Walk, bearer) -> None:  # type: ignore[no-untyped-def]
    walk.file()
    walk.clock.set(wib("2026-03-09 10:00"))  # due Thursday 5 March; Friday and Monday passed
    row = client.get(TASKS, headers=bearer("tim_admin")).get_json()[0]
    assert row["overdue"] is True and row["working_days_left"] == -2


def test_liaisons_see_only_their_opds_tasks(client, walk: Walk, bearer) -> None:  # type: ignore[no-untyped-def]
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    own = client.get(TASKS, headers=bearer("pejabat_penghubung", "DINKES")).get_json()
    assert [(r["spec"], r["opd"]) for r in own] == [("tanggapi", "DINKES")]
    other = bearer("pejabat_penghubung", "DISDIK")
    assert client.get(TASKS, headers=other).get_json() == []
    task_id = own[0]["id"]
    for url in (f"{TASKS}/{task_id}", f"{TASKS}/{task_id}/claim", f"{TASKS}/{task_id}/complete"):
        call = client.get if url.endswith(task_id) else client.post
        answer = call(url, headers=other, json=ANSWER)
        assert answer.status_code == 404, url


def test_task_detail_carries_the_form_schema_and_the_complaint(client, walk: Walk, bearer) -> None:  # type: ignore[no-untyped-def]
    code = walk.file(anonim=True).tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    headers = bearer("pejabat_penghubung", "DINKES")
    task_id = client.get(TASKS, headers=headers).get_json()[0]["id"]
    body = client.get(f"{TASKS}/{task_id}", headers=headers).get_json()
    assert body["form_definition"]["key"] == "tindak_lanjut"
    assert body["form_definition"]["schema"]["properties"]["outcome"]["enum"] == [
        "answered", "to_unit", "not_our_authority"]
    jsonschema.validate(ANSWER, body["form_definition"]["schema"])
    assert body["complaint"]["tracking_code"] == code
    assert body["complaint"]["reporter"] is None  # anonymous: not even the name for the OPD


def test_verification_form_lists_the_opds_to_choose_from(client, walk: Walk, bearer) -> None:  # type: ignore[no-untyped-def]
    walk.file()
    headers = bearer("tim_admin")
    task_id = client.get(TASKS, headers=headers).get_json()[0]["id"]
    body = client.get(f"{TASKS}/{task_id}", headers=headers).get_json()
    opds = {o["value"] for o in body["form_definition"]["options"]["opds"]}
    assert {"DINKES", "DISDIK", "RSUD"} <= opds
    assert body["complaint"]["reporter"]["phone"] == "081234567890"


def test_claim_unclaim_and_complete(client, walk: Walk, bearer) -> None:  # type: ignore[no-untyped-def]
    code = walk.file().tracking_code
    first, second = bearer("tim_admin", name="admin-a"), bearer("tim_admin", name="admin-b")
    task_id = client.get(TASKS, headers=first).get_json()[0]["id"]
    claimed = client.post(f"{TASKS}/{task_id}/claim", headers=first)
    assert claimed.status_code == 200
    assert claimed.get_json()["assignee"]["name"] == "admin-a"
    assert claimed.get_json()["claimed_at"] == "2026-03-02T09:00:00+07:00"
    assert client.post(f"{TASKS}/{task_id}/claim", headers=second).status_code == 409
    assert client.post(f"{TASKS}/{task_id}/complete", headers=second,
                       json=VERIFY_FORWARD).status_code == 409
    assert client.post(f"{TASKS}/{task_id}/unclaim", headers=second).status_code == 409
    mine = client.get(f"{TASKS}?mine=true", headers=first).get_json()
    assert [r["id"] for r in mine] == [task_id]
    assert client.get(f"{TASKS}?mine=true", headers=second).get_json() == []
    released = client.post(f"{TASKS}/{task_id}/unclaim", headers=first)
    assert released.status_code == 200 and released.get_json()["assignee"] is None
    done = client.post(f"{TASKS}/{task_id}/complete", headers=second, json=VERIFY_FORWARD)
    assert done.status_code == 200
    assert done.get_json() == {"id": task_id, "completed": True, "tracking_code": code,
                               "status": "didisposisikan"}
    assert client.get(f"{TASKS}/{task_id}", headers=second).status_code == 404
    again = client.post(f"{TASKS}/{task_id}/complete", headers=second, json=VERIFY_FORWARD)
    assert again.status_code == 404


@pytest.mark.parametrize(("data", "field"), [
    ({"decision": "forward", "jenis": "pengaduan"}, "opd"),
    ({**VERIFY_FORWARD, "opd": "TIDAK-ADA"}, "opd"),
    ({**VERIFY_FORWARD, "decision": "hapus"}, "decision"),
    ({**VERIFY_FORWARD, "hidden": True}, "hidden"),
])
def test_invalid_form_data_is_refused_field_by_field(client, walk: Walk, bearer, data,
                                                     field) -> None:  # type: ignore[no-untyped-def]
    code = walk.file().tracking_code
    headers = bearer("tim_admin")
    task_id = client.get(TASKS, headers=headers).get_json()[0]["id"]
    answer = client.post(f"{TASKS}/{task_id}/complete", headers=headers, json=data)
    assert answer.status_code == 422
    assert field in answer.get_json()["error"]["fields"]
    assert walk.status(code) == "diterima"


def test_complete_needs_a_json_object(client, walk: Walk, bearer) -> None:  # type: ignore[no-untyped-def]
    walk.file()
    headers = bearer("tim_admin")
    task_id = client.get(TASKS, headers=headers).get_json()[0]["id"]
    assert client.post(f"{TASKS}/{task_id}/complete", headers=headers,
                       data="decision=forward").status_code == 400


def test_a_role_that_may_see_but_not_work_a_task_is_forbidden(client, walk: Walk, bearer) -> None:  # type: ignore[no-untyped-def]
    walk.file()
    task_id = client.get(TASKS, headers=bearer("tim_admin")).get_json()[0]["id"]
    sysadmin = bearer("sysadmin")
    assert client.get(f"{TASKS}/{task_id}", headers=sysadmin).status_code == 200
    assert client.post(f"{TASKS}/{task_id}/claim", headers=sysadmin).status_code == 403
    assert client.post(f"{TASKS}/{task_id}/complete", headers=sysadmin,
                       json=VERIFY_FORWARD).status_code == 403


@pytest.mark.parametrize("task_id", ["nope", "00000000-0000-0000-0000-000000000000",
                                     "'; drop table human_task; --"])
def test_unknown_task_ids_are_404(client, walk: Walk, bearer, task_id: str) -> None:  # type: ignore[no-untyped-def]
    headers = bearer("tim_admin")
    assert client.get(f"{TASKS}/{quote(task_id)}", headers=headers).status_code == 404
    assert client.post(f"{TASKS}/{quote(task_id)}/claim", headers=headers).status_code == 404


def test_the_task_list_comes_in_pages_with_a_link_to_the_next(client, walk: Walk, bearer) -> None:  # type: ignore[no-untyped-def]
    codes = []
    for day in range(2, 7):  # one complaint a day: deadlines one working day apart
        walk.clock.set(wib(f"2026-03-0{day} 09:00"))
        codes.append(walk.file().tracking_code)
    headers = bearer("tim_admin")
    first = client.get(TASKS + "?limit=2", headers=headers)
    assert [t["tracking_code"] for t in first.get_json()] == codes[:2]
    following = first.headers["Link"]
    assert following.endswith('rel="next"') and "offset=2" in following
    second = client.get(following[1:following.index(">")], headers=headers)
    assert [t["tracking_code"] for t in second.get_json()] == codes[2:4]
    last = client.get(TASKS + "?limit=2&offset=4", headers=headers)
    assert [t["tracking_code"] for t in last.get_json()] == codes[4:]
    assert "Link" not in last.headers


@pytest.mark.parametrize("query", ["limit=0", "limit=501", "limit=x", "offset=-1"])
def test_a_bad_page_size_or_offset_is_refused_clearly(client, bearer, query: str) -> None:  # type: ignore[no-untyped-def]
    answer = client.get(f"{TASKS}?{query}", headers=bearer("tim_admin"))
    assert answer.status_code == 422
    assert query.split("=")[0] in answer.get_json()["error"]["fields"]


def test_task_detail_carries_the_instructions_in_both_languages(client, walk: Walk,  # type: ignore[no-untyped-def]
                                                               bearer) -> None:
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    headers = bearer("pejabat_penghubung", "DINKES")
    task_id = client.get(TASKS, headers=headers).get_json()[0]["id"]
    body = client.get(f"{TASKS}/{task_id}", headers=headers).get_json()
    assert body["instructions"].startswith("Tindak lanjuti laporan yang didisposisikan ke OPD")
    assert body["instructions_en"].startswith("Follow up the report assigned to your OPD")
    with walk.services.uow() as uow:  # a version whose diagram has no English words
        uow.session.get(HumanTask, task_id).instructions_en = ""
        uow.commit()
    assert client.get(f"{TASKS}/{task_id}", headers=headers).get_json()["instructions_en"] is None
