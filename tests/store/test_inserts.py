"""New rows written as plain INSERTs (engine/store/inserts.py) are the rows the ORM's flush
writes: defaults, nulls, drawn ids; parents go before the rows that refer to them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from engine.audit import AuditEntry
from engine.complaints.tables import Complaint, HumanTask, OutboxMessage
from engine.store.inserts import insert_new_rows, insert_rows
from engine.workflow.definitions import latest_version
from engine.workflow.tables import ProcessInstance
from tests.walk import Walk, wib
from webui.wiring import Services

NOW = wib("2026-03-02 09:00")


def _pair(definition: int, offset: int) -> tuple[ProcessInstance, Complaint]:
    """A new instance and its complaint, ids 900 + ``offset``."""
    instance = ProcessInstance(id=900 + offset, definition_id=definition, state="{}",
                               serializer_version="1.4", status="running", version=2,
                               error_message=None, created_at=NOW, updated_at=NOW)
    complaint = Complaint(
        id=900 + offset, instance_id=900 + offset, tracking_code=f"EL-TEST000{offset}",
        secret_hash="x", registration_year=2026, registration_seq=-900 - offset,
        channel="web", status="diterima", title="Judul", description="Isi",
        category_code=None, latitude=None, anonim=None, rahasia=False,
        stage_due_at=NOW, received_at=NOW, updated_at=NOW)
    return instance, complaint


def _rows(complaint: Complaint, tag: str) -> list[Any]:
    """One row of each kind a submission adds, every column with a default left unset."""
    return [
        AuditEntry(at=NOW, actor="uji", action=f"uji_{tag}", complaint_id=complaint.id),
        OutboxMessage(idempotency_key=f"uji:{tag}", created_at=NOW, complaint_id=complaint.id,
                      template="uji", recipient="pelapor", next_attempt_at=NOW),
        HumanTask(id=f"tugas-{tag}", instance_id=complaint.instance_id,
                  complaint_id=complaint.id, spec_name="uji", title="Uji", lane="Tim Admin",
                  role="tim_admin", created_at=NOW),
    ]


def _row(services: Services, table: str, where: str, value: object) -> dict[str, object]:
    with services.db.connect() as conn:
        found = conn.execute(text(f"SELECT * FROM {table} WHERE {where} = :v"), {"v": value})
        return dict(found.mappings().one())


def _definition(services: Services) -> int:
    with services.uow() as uow:
        return latest_version(uow.session).id


def test_rows_inserted_plainly_are_the_rows_the_orm_inserts(services: Services) -> None:
    definition = _definition(services)
    with services.uow() as uow:
        by_orm = _pair(definition, 0)
        for row in by_orm:
            uow.session.add(row)
            uow.session.flush()
        insert_rows(uow.session, *_pair(definition, 1))
        uow.commit()
    for table in ("process_instance", "complaint"):
        orm, plain = _row(services, table, "id", 900), _row(services, table, "id", 901)
        different = {key for key in orm if orm[key] != plain[key]}
        # The ORM numbers an inserted row's version itself (1); a plain insert writes it as
        # given (the submission gives 2: inserted, then saved, as the ORM used to write it).
        assert different <= {"id", "instance_id", "tracking_code", "registration_seq",
                             "version"}, table
    assert _row(services, "complaint", "id", 901)["anonim"] is not None  # the column's default


def test_plain_rows_are_the_rows_the_orm_writes(walk: Walk, services: Services) -> None:
    complaint = walk.complaint(walk.file().tracking_code)
    with services.uow() as uow:
        by_orm = _rows(complaint, "orm")
        uow.session.add_all(by_orm)
        uow.session.flush()
        plain = _rows(complaint, "plain")
        uow.session.add_all(plain)
        insert_new_rows(uow.session)
        assert not uow.session.new and all(row not in uow.session for row in plain)
        uow.commit()
    entry = plain[0]
    assert entry.id is not None and entry.id == by_orm[0].id + 1  # the id drawn, on the object
    for table, key, orm, mine in (("audit_log", "action", "uji_orm", "uji_plain"),
                                  ("outbox", "idempotency_key", "uji:orm", "uji:plain"),
                                  ("human_task", "id", "tugas-orm", "tugas-plain")):
        written = _row(services, table, key, orm), _row(services, table, key, mine)
        different = {name for name in written[0] if written[0][name] != written[1][name]}
        assert different <= {"id", key}, table
    assert _row(services, "outbox", "idempotency_key", "uji:plain")["attempts"] == 0  # default
    assert _row(services, "human_task", "id", "tugas-plain")["instructions"] == ""


def test_parents_are_inserted_before_the_rows_that_refer_to_them(services: Services) -> None:
    instance, complaint = _pair(_definition(services), 90)
    with services.uow() as uow:
        # Added child first: the complaint refers to the instance (a foreign key both
        # databases enforce here).
        uow.session.add_all((complaint, instance))
        insert_new_rows(uow.session)
        uow.commit()
    assert _row(services, "complaint", "id", 990)["instance_id"] == 990
