"""Faults: many officers completing one task at once (one wins, the rest get a conflict, nothing
half-written), and a database that fails mid-request or is gone (503, a clear message, nothing
half-done)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import DBAPIError

from engine.audit import AuditEntry
from engine.complaints.attachments import Upload
from engine.complaints.tables import Attachment, Complaint, HumanTask
from engine.complaints.tasks import complete_task
from engine.direct import Batch
from engine.errors import ConflictError, NotFoundError
from engine.workflow.tables import ProcessInstance
from tests.at_once import at_once
from tests.walk import VERIFY_FORWARD, Walk
from tests.webui.files import PNG
from webui import wiring

from .conftest import token_headers

OFFICERS = 8
REPORT = {"title": "Jalan berlubang", "description": "Jalan di depan sekolah berlubang besar.",
          "anonim": True}


def _race(walk: Walk, task_id: str) -> list[object]:
    actors = [walk.user("tim_admin", name=f"admin{i}") for i in range(OFFICERS)]

    def officer(i: int) -> str:
        complete_task(walk.services.uow(), walk.services.runtime, task_id,
                      dict(VERIFY_FORWARD), actors[i])
        return "won"

    return list(at_once(OFFICERS, officer))  # the assertions name which failures are allowed


def _count(walk: Walk, *where: Any) -> int:
    with walk.services.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(AuditEntry).where(*where)) or 0


def test_one_officer_wins_a_task_the_rest_get_a_conflict(walk: Walk) -> None:
    code = walk.file().tracking_code
    task_id = walk.task(code, "verifikasi").id
    cid = walk.complaint(code).id
    outcomes = _race(walk, task_id)
    assert outcomes.count("won") == 1, outcomes
    losers = [o for o in outcomes if o != "won"]
    assert all(isinstance(o, ConflictError | NotFoundError) for o in losers), losers
    assert _count(walk, AuditEntry.complaint_id == cid, AuditEntry.action == "task_completed") == 1
    assert walk.statuses(code) == ["diterima", "didisposisikan"]
    assert [t.spec_name for t in walk.tasks(code)] == ["tanggapi"]
    walk.assert_round_trip(code)  # the stored workflow is whole


def _totals(walk: Walk) -> tuple[int, ...]:
    with walk.services.uow() as uow:
        return tuple(uow.session.scalar(select(func.count()).select_from(model)) or 0
                     for model in (Complaint, AuditEntry, ProcessInstance, HumanTask))


@contextmanager
def outage_after(walk: Walk, statements: int) -> Iterator[None]:
    """The database connection breaks after ``statements`` more INSERT/UPDATE statements (a
    WITH among them: on PostgreSQL a new complaint's INSERT is one)."""
    db = walk.services.db
    seen = {"n": 0}

    def fail(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "WITH")):
            seen["n"] += 1
            if seen["n"] > statements:
                raise db.dialect.loaded_dbapi.OperationalError("simulated: connection lost")

    event.listen(db, "before_cursor_execute", fail)
    try:
        yield
    finally:
        event.remove(db, "before_cursor_execute", fail)


@pytest.mark.parametrize("statements", [0, 2, 4])
def test_api_submission_during_an_outage_leaves_nothing(client, walk: Walk,  # type: ignore[no-untyped-def]
                                                        statements: int) -> None:
    before = _totals(walk)
    with outage_after(walk, statements):
        response = client.post("/api/v1/complaints", json=REPORT)
    assert response.status_code == 503
    assert response.json["error"]["code"] == "unavailable"
    assert "tidak ada yang tersimpan" in response.json["error"]["message"]
    assert _totals(walk) == before
    assert client.post("/api/v1/complaints", json=REPORT).status_code == 201  # back again


def test_task_completion_during_an_outage_is_all_or_nothing(client, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    code = walk.file().tracking_code
    task_id = walk.task(code, "verifikasi").id
    headers = token_headers(walk, walk.user("tim_admin"))
    before = _totals(walk)
    with outage_after(walk, 1):
        response = client.post(f"/api/v1/tasks/{task_id}/complete", json=VERIFY_FORWARD,
                               headers=headers)
    assert response.status_code == 503
    assert _totals(walk) == before
    assert walk.status(code) == "diterima"
    walk.assert_round_trip(code)
    walk.complete(code, "verifikasi", VERIFY_FORWARD)  # the task is still there to do
    assert walk.status(code) == "didisposisikan"


def _uploads(walk: Walk) -> list[str]:
    folder = Path(walk.services.settings.uploads_dir)
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


# The outage after 0, 3 or 6 writes: by the sixth the ID copy is on disk, its row not yet.
@pytest.mark.parametrize("statements", [0, 3, 6])
def test_portal_during_an_outage_shows_a_clear_page(walk: Walk, pages,  # type: ignore[no-untyped-def]
                                                    statements: int) -> None:
    before = _totals(walk)
    token = pages.token("/lapor")
    with outage_after(walk, statements):
        response = pages.client.post("/lapor", data={
            "csrf_token": token, "title": REPORT["title"], "description": REPORT["description"],
            "name": "Siti Warga", "phone": "081234567890",
            "id_document": (io.BytesIO(PNG), "ktp.png")}, content_type="multipart/form-data")
    assert response.status_code == 503
    assert "Basis data sedang tidak dapat dihubungi" in response.get_data(as_text=True)
    assert _totals(walk) == before
    assert _uploads(walk) == []  # the ID copy written before the failure is gone


def test_a_commit_that_fails_leaves_no_file(walk: Walk, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The database goes away at the very end: every row was written, the commit is refused,
    wherever it is sent (with the writes, engine.direct.Batch.commit, or by the session)."""
    db = walk.services.db
    before = _totals(walk)

    def refuse(conn: Any) -> None:
        conn.invalidate()  # the connection is lost: nothing of the transaction is kept
        raise db.dialect.loaded_dbapi.OperationalError("simulated: connection lost at commit")

    def refuse_with_the_writes(_batch: Batch) -> None:
        raise db.dialect.loaded_dbapi.OperationalError("simulated: connection lost at commit")

    monkeypatch.setattr(Batch, "commit", refuse_with_the_writes)
    event.listen(db, "commit", refuse)
    try:
        with pytest.raises((DBAPIError, db.dialect.loaded_dbapi.OperationalError)):
            walk.file(files=[Upload("identitas", "ktp.png", PNG)])
    finally:
        event.remove(db, "commit", refuse)
        monkeypatch.undo()
    assert _uploads(walk) == []
    assert _totals(walk) == before
    assert walk.file(files=[Upload("identitas", "ktp.png", PNG)]).tracking_code
    assert len(_uploads(walk)) == 1


def test_a_number_clash_and_its_retry_leave_one_file(walk: Walk) -> None:
    """The first attempt clashes after the file is written; the retry stores it once."""
    db = walk.services.db
    clashes = {"left": 1}

    def clash(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if "INSERT INTO reporter_identity" in statement and clashes["left"]:
            clashes["left"] -= 1
            raise db.dialect.loaded_dbapi.IntegrityError("simulated: duplicate number")

    event.listen(db, "before_cursor_execute", clash)
    try:
        code = walk.file(files=[Upload("identitas", "ktp.png", PNG)]).tracking_code
    finally:
        event.remove(db, "before_cursor_execute", clash)
    assert clashes["left"] == 0
    with walk.services.uow() as uow:
        keys = list(uow.session.scalars(select(Attachment.storage_key)))
    assert _uploads(walk) == keys and len(keys) == 1
    assert walk.status(code) == "diterima"


def test_a_database_that_is_gone_answers_503(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from webui import create_app

    if services.db.dialect.name == "postgresql":
        url = "postgresql+psycopg://alur@127.0.0.1:1/alur?connect_timeout=2"
    else:
        url = f"sqlite:///{tmp_path / 'tidak-ada' / 'alur.sqlite3'}"
    gone = wiring.build(replace(services.settings, database_url=url), clock=services.runtime.clock)
    try:
        client = create_app({"TESTING": True, "ALUR_SERVICES": gone}).test_client()
        page = client.get("/laporan")
        api = client.get("/api/v1/opds")
    finally:
        gone.db.dispose()
    assert page.status_code == 503
    assert "Basis data" in page.get_data(as_text=True)
    assert api.status_code == 503 and api.json["error"]["code"] == "unavailable"


def test_a_signed_in_officer_gets_the_503_page_when_the_database_goes(walk: Walk, pages) -> None:  # type: ignore[no-untyped-def]
    """Every query fails, the user loader's too: the answer is still the clear 503, never cached."""
    walk.user("tim_admin")
    pages.login("tim_admin")
    db = walk.services.db

    def fail(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        raise db.dialect.loaded_dbapi.OperationalError("simulated: connection lost")

    event.listen(db, "before_cursor_execute", fail)
    try:
        response = pages.client.get("/petugas/")
    finally:
        event.remove(db, "before_cursor_execute", fail)
    assert response.status_code == 503
    assert "Basis data" in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "private, no-store"
