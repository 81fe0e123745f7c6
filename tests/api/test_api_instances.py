"""The managers' instance list and detail: filters, sorting, pages — from query tables only."""

from __future__ import annotations

import pytest

from tests.sql_log import statements
from tests.walk import ANSWER, VERIFY_FORWARD, Walk, wib

INSTANCES = "/api/v1/instances"


@pytest.fixture
def manager(bearer):  # type: ignore[no-untyped-def]
    """Headers of Ketua, who manages but may not see identities."""
    return bearer("ketua")


@pytest.fixture
def six(walk: Walk) -> list[str]:
    """Six complaints over three days in different stages, channels and OPDs."""
    codes = []
    for n, day in enumerate(["2026-03-02", "2026-03-02", "2026-03-03", "2026-03-03",
                             "2026-03-04", "2026-03-04"]):
        walk.clock.set(wib(f"{day} 0{n + 1}:00"))
        codes.append(walk.file(channel="mobile" if n % 2 else "web",
                               category="4" if n < 3 else "8").tracking_code)
    walk.complete(codes[0], "verifikasi", VERIFY_FORWARD)
    walk.complete(codes[0], "tanggapi", ANSWER)
    walk.complete(codes[1], "verifikasi", {**VERIFY_FORWARD, "opd": "DISDIK"})
    walk.complete(codes[2], "verifikasi", {"decision": "archive", "jenis": "pengaduan",
                                           "reason": "Duplikat."})
    walk.clock.set(wib("2026-03-09 10:00"))  # codes[3] is past its deadline (Friday the 6th)
    return codes


def _codes(client, headers, query: str = "") -> list[str]:  # type: ignore[no-untyped-def]
    answer = client.get(f"{INSTANCES}?{query}", headers=headers)
    assert answer.status_code == 200, answer.get_json()
    return [row["tracking_code"] for row in answer.get_json()["items"]]


def test_newest_first_with_total_and_pages(client, manager, six: list[str]) -> None:  # type: ignore[no-untyped-def]
    body = client.get(f"{INSTANCES}?per_page=4", headers=manager).get_json()
    assert [r["tracking_code"] for r in body["items"]] == six[::-1][:4]
    assert (body["total"], body["page"], body["pages"], body["next_page"]) == (6, 1, 2, 2)
    assert body["total_exact"] is True
    last = client.get(f"{INSTANCES}?per_page=4&page=2", headers=manager).get_json()
    assert [r["tracking_code"] for r in last["items"]] == six[::-1][4:]
    assert last["next_page"] is None


@pytest.mark.parametrize(("query", "expected"), [
    ("status=didisposisikan", [1]),
    ("status=diarsipkan&instance_status=completed", [2]),
    ("opd=DINKES", [0]),
    ("category=8", [5, 4, 3]),
    ("channel=mobile", [5, 3, 1]),
    ("received_from=2026-03-03&received_to=2026-03-03", [3, 2]),
    ("received_to=2026-03-02", [1, 0]),
    ("overdue=true", [3]),
    ("overdue=false&category=4", [2, 1, 0]),
    ("sort=received_at&per_page=2", [0, 1]),
    ("sort=deadline&status=diterima", [3, 4, 5]),
    ("step=verifikasi", [5, 4, 3]),
    ("step=tanggapi", [1]),
    ("step=&channel=web", [4, 2, 0]),  # a blank step means any
    ("definition=999999", []),
])
def test_filters_and_sorting(client, manager, six: list[str], query: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert _codes(client, manager, query) == [six[i] for i in expected]


def test_the_diagram_version_filter_lists_the_instances_it_runs(  # type: ignore[no-untyped-def]
        client, manager, six: list[str], walk: Walk) -> None:
    version = walk.instance(six[0]).definition_id
    assert _codes(client, manager, f"definition={version}") == six[::-1]
    assert _codes(client, manager, f"definition={version}&step=tanggapi") == [six[1]]


def test_search_by_tracking_code_or_its_beginning(client, manager, six: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert _codes(client, manager, f"q={six[3].lower()}") == [six[3]]
    assert six[3] in _codes(client, manager, f"q={six[3][:5]}")
    assert _codes(client, manager, "q=%25") == []


def test_rows_carry_deadline_and_overdue_in_working_days(client, manager, six: list[str]) -> None:  # type: ignore[no-untyped-def]
    rows = {r["tracking_code"]: r for r in
            client.get(INSTANCES, headers=manager).get_json()["items"]}
    late = rows[six[3]]
    assert late["deadline"] == "2026-03-06T23:59:59+07:00"
    assert late["overdue"] is True and late["working_days_left"] == -1
    assert rows[six[5]]["overdue"] is False and rows[six[5]]["working_days_left"] == 0
    assert rows[six[2]]["instance_status"] == "completed" and rows[six[2]]["open_tasks"] == 0
    assert rows[six[1]]["registration_no"] == "0002/LAPOR/2026"


@pytest.mark.parametrize("query", [
    "status=hilang", "channel=fax", "sort=title", "page=0", "per_page=500", "page=x",
    "received_from=kemarin", "overdue=mungkin", "received_from=2026-03-05&received_to=2026-03-01",
    "colour=red", "definition=0", "definition=x", "step=" + "x" * 101,
])
def test_bad_filters_are_invalid(client, manager, query: str) -> None:  # type: ignore[no-untyped-def]
    answer = client.get(f"{INSTANCES}?{query}", headers=manager)
    assert answer.status_code == 422
    assert answer.get_json()["error"]["fields"]


def test_instance_detail_has_tasks_history_and_the_complaint(client, manager, walk: Walk,
                                                             six: list[str]) -> None:  # type: ignore[no-untyped-def]
    row = client.get(f"{INSTANCES}?q={six[1]}", headers=manager).get_json()["items"][0]
    body = client.get(f"{INSTANCES}/{row['id']}", headers=manager).get_json()
    assert (body["status"], body["process_id"], body["definition_version"]) == (
        "running", "pengaduan", 1)
    assert [t["spec"] for t in body["tasks"]] == ["tanggapi"]
    assert body["tasks"][0]["opd"] == "DISDIK"
    # Completing the unclaimed verification claimed it for its officer first.
    assert [h["action"] for h in body["history"]][:3] == ["complaint_received", "task_claimed",
                                                          "task_completed"]
    assert body["complaint"]["tracking_code"] == six[1]
    assert set(body["complaint"]["reporter"]) == {"name"}  # Ketua sees no contact details
    assert body["next_timer_at"].endswith("+07:00")


def test_unknown_instance_is_404(client, manager) -> None:  # type: ignore[no-untyped-def]
    assert client.get(f"{INSTANCES}/999999", headers=manager).status_code == 404
    assert client.get(f"{INSTANCES}/99999999999999999999", headers=manager).status_code == 404


def test_list_and_detail_never_read_workflow_json(client, manager, services,
                                                  six: list[str]) -> None:  # type: ignore[no-untyped-def]
    with statements(services) as seen:
        rows = client.get(f"{INSTANCES}?overdue=true&sort=deadline", headers=manager).get_json()
        client.get(f"{INSTANCES}/{rows['items'][0]['id']}", headers=manager)
    assert seen
    assert not [s for s in seen if "process_instance.state" in s]
    assert not [s for s in seen if "process_definition.files" in s]


def test_a_long_unfiltered_list_says_its_total_is_an_estimate(client, manager, six: list[str],
                                                              monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from engine.monitor import instance_list

    monkeypatch.setattr(instance_list, "EXACT_UP_TO", 3)
    body = client.get(f"{INSTANCES}?per_page=4", headers=manager).get_json()
    assert body["total_exact"] is False and body["next_page"] == 2
    filtered = client.get(f"{INSTANCES}?category=8", headers=manager).get_json()
    assert (filtered["total"], filtered["total_exact"]) == (3, True)
