"""What one API submission and one API task completion send to the database: each statement
is a round trip and a share of the request's CPU, so their number is part of the contract."""

from __future__ import annotations

import re

from tests.sql_log import statements
from tests.walk import VERIFY_FORWARD, Walk
from webui.wiring import Services

BODY = {"title": "Jalan rusak", "description": "Lubang besar di jalan desa.", "anonim": True,
        "kecamatan": "Tebing Tinggi"}


def _shape(sql: str) -> str:
    """``SELECT human_task``, ``INSERT complaint``, ``UPDATE process_instance``, ... of one
    statement (the verb and its first table)."""
    verb = sql.split()[0].upper()
    table = re.search(r"\b(?:FROM|INTO|UPDATE)\s+(\w+)", sql, re.IGNORECASE)
    return f"{verb} {table.group(1) if table else ''}".strip()


def _sent(seen: list[str]) -> list[str]:
    # SQLite's BEGIN IMMEDIATE (engine/db.py) is its lock, not a statement of the command.
    return [_shape(sql) for sql in seen if not sql.upper().startswith(("BEGIN", "SAVEPOINT",
                                                                       "RELEASE"))]


def test_a_completion_reads_each_row_once_and_no_deployed_version_again(
        client, walk: Walk, bearer, services: Services) -> None:  # type: ignore[no-untyped-def]
    headers = bearer("tim_admin")
    for _ in range(2):
        walk.file()
    first, second = (t["id"] for t in client.get("/api/v1/tasks", headers=headers).get_json())
    assert client.post(f"/api/v1/tasks/{first}/complete", headers=headers,
                       json=VERIFY_FORWARD).status_code == 200
    with statements(services) as seen:
        done = client.post(f"/api/v1/tasks/{second}/complete", headers=headers,
                           json=VERIFY_FORWARD)
    assert done.status_code == 200 and done.get_json()["status"] == "didisposisikan"
    sent = _sent(seen)
    # The token with its account; the task with its locked instance, the complaint and the
    # calendar, in one statement; then the writes. No second look at the same rows, none at
    # the deployed version or its form (kept since the first completion), and none at the
    # instance's other task rows: it had one, the task completed, which the session holds.
    assert [s for s in sent if s.startswith("SELECT")] == [
        "SELECT api_token", "SELECT calendar_override", "SELECT opd"]
    assert [s for s in sent if s.startswith("DELETE")] == ["DELETE human_task"]
    locked = [sql for sql in seen if "process_instance.state" in sql]
    assert len(locked) == 1 and "calendar_override" in locked[0]


def test_a_submission_reads_the_region_list_once(
        client, services: Services) -> None:  # type: ignore[no-untyped-def]
    assert client.post("/api/v1/complaints", json=BODY).status_code == 201
    with statements(services) as seen:
        answer = client.post("/api/v1/complaints", json=BODY)
    assert answer.status_code == 201
    # The form's kecamatan choices (code and name), the regions the place is read with (every
    # column of the index, once: RegionIndex keeps what it built while they stay the same),
    # the newest version with the calendar and the new rows' ids; the rest are writes.
    reads = [sql for sql in seen if sql.lstrip().upper().startswith("SELECT")]
    assert [_shape(sql) for sql in reads] == [
        "SELECT region", "SELECT region", "SELECT calendar_override"]
    assert sum("region.parent_code" in sql for sql in reads) == 1
    assert "FROM process_definition" in reads[2]
    # The instance and the complaint are written once, with what the step worked out; the
    # rows referring to them after them. The number comes last: on PostgreSQL the complaint's
    # own INSERT bumps the counter (a WITH); on SQLite two statements after the rows.
    sent = _sent(seen)
    writes = ["INSERT complaint" if s == "WITH registration_counter" else s
              for s in sent if not s.startswith("SELECT")]
    assert sorted(writes[:6]) == [
        "INSERT audit_log", "INSERT complaint", "INSERT human_task", "INSERT outbox",
        "INSERT process_instance", "INSERT reporter_identity"]
    after = writes.index
    assert after("INSERT process_instance") < after("INSERT complaint") < min(
        after("INSERT human_task"), after("INSERT outbox"), after("INSERT reporter_identity"))
    numbered_in_insert = "WITH registration_counter" in sent
    assert numbered_in_insert == (services.db.dialect.name == "postgresql")
    assert writes[6:] == ([] if numbered_in_insert
                          else ["UPDATE registration_counter", "UPDATE complaint"])


def test_a_submission_without_a_place_reads_no_region(
        client, services: Services) -> None:  # type: ignore[no-untyped-def]
    unplaced = {key: value for key, value in BODY.items() if key != "kecamatan"}
    assert client.post("/api/v1/complaints", json=unplaced).status_code == 201
    with statements(services) as seen:
        answer = client.post("/api/v1/complaints", json={**unplaced, "desa": "  "})
    assert answer.status_code == 201
    assert not [sql for sql in seen if "FROM region" in sql]
