"""A unit of work's changes written at commit as plain statements (engine/plain_flush.py) are
what the ORM's flush writes, leave the objects as its flush leaves them, and refuse what it
refuses: a stale versioned row, a change to the audit log."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import bindparam, func, insert, inspect, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from engine.audit import AppendOnlyError, AuditEntry
from engine.complaints.tables import Complaint, HumanTask, OutboxMessage
from engine.plain_flush import OwnInsert, OwnInsertError, insert_with, write_pending
from engine.workflow.definitions import latest_version
from engine.workflow.tables import ProcessInstance
from tests.sql_log import statements
from tests.walk import Walk, wib
from webui.wiring import Services

NOW = wib("2026-03-02 09:00")
LATER = wib("2026-03-03 10:00")


def _new_rows(complaint: Complaint, tag: str) -> list[Any]:
    """Two audit entries, a message and a task, every column with a default left unset."""
    return [
        AuditEntry(at=NOW, actor="uji", action=f"uji_{tag}", complaint_id=complaint.id),
        AuditEntry(at=NOW, actor="uji", action=f"uji_{tag}_2", complaint_id=complaint.id),
        OutboxMessage(idempotency_key=f"uji:{tag}", created_at=NOW, complaint_id=complaint.id,
                      template="uji", recipient="pelapor", next_attempt_at=NOW),
        HumanTask(id=f"tugas-{tag}", instance_id=complaint.instance_id,
                  complaint_id=complaint.id, spec_name="uji", title="Uji", lane="Tim Admin",
                  role="tim_admin", created_at=NOW),
    ]


def _row(services: Services, table: str, where: str, value: object) -> dict[str, Any]:
    with services.db.connect() as conn:
        found = conn.execute(text(f"SELECT * FROM {table} WHERE {where} = :v"), {"v": value})
        return dict(found.mappings().one())


def _count(services: Services, table: str, where: str, value: object) -> int:
    with services.db.connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table} WHERE {where} = :v"),
                                {"v": value}).scalar_one())


def _pair(definition: int, offset: int) -> tuple[ProcessInstance, Complaint]:
    """A new instance and its complaint, ids 900 + ``offset``, as a submission makes them."""
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


def _definition(services: Services) -> int:
    with services.uow() as uow:
        return latest_version(uow.session).id


def _change(session: Session, complaint_id: int, tag: str) -> tuple[Complaint, ProcessInstance]:
    """The complaint's title and its instance's status changed, as a workflow step does."""
    complaint = session.get_one(Complaint, complaint_id)
    instance = session.get_one(ProcessInstance, complaint.instance_id)
    complaint.title, complaint.updated_at = f"Judul {tag}", LATER
    instance.status, instance.updated_at = "running", LATER
    instance.error_message = f"uji {tag}"
    return complaint, instance


def _filed(walk: Walk) -> Complaint:
    return walk.complaint(walk.file().tracking_code)


def _filed_with_rows(walk: Walk, services: Services, tag: str) -> Complaint:
    """A filed complaint with ``_new_rows(…, tag)`` committed."""
    complaint = _filed(walk)
    with services.uow() as uow:
        uow.session.add_all(_new_rows(complaint, tag))
        uow.commit()
    return complaint


def test_new_rows_are_the_rows_the_orm_writes_and_the_objects_end_as_its_flush_leaves_them(
        walk: Walk, services: Services) -> None:
    complaint = _filed(walk)
    with services.uow() as uow:
        by_orm = _new_rows(complaint, "orm")
        uow.session.add_all(by_orm)
        uow.session.flush()
        plain = _new_rows(complaint, "plain")
        uow.session.add_all(plain)
        with statements(services) as sent:
            assert write_pending(uow.session)
        assert not uow.session.new and not uow.session.dirty
        assert all(inspect(row).persistent for row in plain)
        uow.commit()
    # On PostgreSQL the two audit entries go in one statement, as the ORM sends them (SQLAlchemy
    # sends SQLite's one by one: no round trips there).
    batched = services.db.dialect.name == "postgresql"
    assert sorted(s.split()[2] for s in sent) == sorted(
        ["outbox", "human_task", *["audit_log"] * (1 if batched else 2)])
    assert plain[1].id == plain[0].id + 1 == by_orm[1].id + 2  # drawn ids, on the objects
    assert plain[2].attempts == 0 and plain[3].instructions == ""  # defaults, on the objects
    for table, key, orm, mine in (("audit_log", "action", "uji_orm", "uji_plain"),
                                  ("audit_log", "action", "uji_orm_2", "uji_plain_2"),
                                  ("outbox", "idempotency_key", "uji:orm", "uji:plain"),
                                  ("human_task", "id", "tugas-orm", "tugas-plain")):
        written = _row(services, table, key, orm), _row(services, table, key, mine)
        assert {name for name in written[0] if written[0][name] != written[1][name]} <= {
            "id", key}, table


def test_a_submission_s_rows_are_the_rows_the_orm_writes_parents_first(
        services: Services) -> None:
    definition = _definition(services)
    with services.uow() as uow:
        for row in _pair(definition, 0):
            uow.session.add(row)
            uow.session.flush()
        # Added child first: the complaint refers to the instance (a foreign key both
        # databases enforce here).
        pair = _pair(definition, 1)
        uow.session.add_all(reversed(pair))
        assert write_pending(uow.session)
        uow.commit()
    for table in ("process_instance", "complaint"):
        orm, plain = _row(services, table, "id", 900), _row(services, table, "id", 901)
        different = {key for key in orm if orm[key] != plain[key]}
        # The ORM numbers an inserted row's version itself (1); a plain insert writes the one
        # given (a submission's row is inserted as saved once: 2).
        assert different <= {"id", "instance_id", "tracking_code", "registration_seq",
                             "version"}, table
    # The column's default (false) where the object had None; the same on the object.
    assert _row(services, "process_instance", "id", 901)["version"] == 2
    anonim = _row(services, "complaint", "id", 901)["anonim"]
    assert anonim is not None and not anonim and pair[1].anonim is False


def test_changed_rows_are_updated_as_the_orm_updates_them(
        walk: Walk, services: Services) -> None:
    first, second = _filed(walk), _filed(walk)
    with services.uow() as uow:
        _change(uow.session, first.id, "orm")
        uow.session.flush()
        uow.commit()
    with services.uow() as uow:
        complaint, instance = _change(uow.session, second.id, "plain")
        complaint.stage_due_at = complaint.stage_due_at  # set, not changed: not sent
        with statements(services) as sent:
            uow.commit()
    # Parents first: the complaint's row refers to its instance's.
    assert [s.split()[:2] for s in sent] == [["UPDATE", "process_instance"],
                                            ["UPDATE", "complaint"]]
    assert "stage_due_at" not in sent[1]
    assert instance.version == _row(services, "process_instance", "id", instance.id)["version"]
    for table, orm, mine in (("complaint", first.id, second.id),
                             ("process_instance", first.instance_id, second.instance_id)):
        before, after = _row(services, table, "id", orm), _row(services, table, "id", mine)
        assert after["updated_at"] == before["updated_at"]
    assert _row(services, "complaint", "id", second.id)["title"] == "Judul plain"
    assert _row(services, "process_instance", "id", second.instance_id)["version"] == (
        _row(services, "process_instance", "id", first.instance_id)["version"])


def test_objects_written_plainly_can_be_changed_again_in_the_same_unit_of_work(
        walk: Walk, services: Services) -> None:
    complaint = _filed(walk)
    with services.uow() as uow:
        entry = AuditEntry(at=NOW, actor="uji", action="uji_lagi", complaint_id=complaint.id)
        uow.session.add(entry)
        changed, instance = _change(uow.session, complaint.id, "satu")
        uow.commit()
        version = instance.version
        changed.title = "Judul dua"
        instance.error_message = "uji dua"
        uow.commit()
        assert uow.session.get(AuditEntry, entry.id) is entry  # in the identity map
    assert _row(services, "complaint", "id", complaint.id)["title"] == "Judul dua"
    row = _row(services, "process_instance", "id", complaint.instance_id)
    assert (row["error_message"], row["version"]) == ("uji dua", version + 1)


def test_deleted_rows_are_deleted_after_the_rest_is_saved(
        walk: Walk, services: Services) -> None:
    _filed_with_rows(walk, services, "hapus")
    with services.uow() as uow:
        task = uow.session.get_one(HumanTask, "tugas-hapus")
        uow.session.delete(task)
        uow.session.add(AuditEntry(at=NOW, actor="uji", action="uji_hapus_3"))
        with statements(services) as sent:
            uow.commit()
        assert inspect(task).deleted or inspect(task).detached
    assert [s.split()[0] for s in sent] == ["INSERT", "DELETE"]
    assert _count(services, "human_task", "id", "tugas-hapus") == 0


def test_a_versioned_row_changed_by_someone_else_first_is_stale_and_nothing_is_kept(
        walk: Walk, services: Services) -> None:
    complaint = _filed(walk)
    version = _row(services, "process_instance", "id", complaint.instance_id)["version"]
    with services.uow() as slow:
        _change(slow.session, complaint.id, "lambat")
        slow.session.add(AuditEntry(at=NOW, actor="uji", action="uji_lambat"))
        # Another writer's step, committed after this one read the row (on SQLite no other
        # connection could write meanwhile: its unit of work holds the whole file).
        slow.session.connection().execute(text("UPDATE process_instance SET version = version + 1 "
                                               "WHERE id = :id"), {"id": complaint.instance_id})
        with pytest.raises(StaleDataError):
            slow.commit()
    row = _row(services, "process_instance", "id", complaint.instance_id)
    assert (row["version"], row["error_message"]) == (version, None)
    assert _count(services, "audit_log", "action", "uji_lambat") == 0


def test_a_failed_write_rolls_the_unit_back(walk: Walk, services: Services) -> None:
    complaint = _filed_with_rows(walk, services, "dobel")
    with services.uow() as uow:
        _change(uow.session, complaint.id, "gagal")
        uow.session.add(AuditEntry(at=NOW, actor="uji", action="uji_gagal"))
        uow.session.add(_new_rows(complaint, "dobel")[3])  # the same task id again
        with pytest.raises(IntegrityError):
            uow.commit()
        assert not uow.session.in_transaction()
    assert _row(services, "complaint", "id", complaint.id)["title"] != "Judul gagal"
    assert _count(services, "audit_log", "action", "uji_gagal") == 0


def test_what_the_plain_writes_cannot_do_goes_to_the_orm_flush(
        walk: Walk, services: Services) -> None:
    complaint = _filed_with_rows(walk, services, "ganti")
    # A row deleted and added again under its key: the ORM makes it one UPDATE.
    with services.uow() as uow:
        uow.session.delete(uow.session.get_one(HumanTask, "tugas-ganti"))
        again = _new_rows(complaint, "ganti")[3]
        again.title = "Uji lagi"
        uow.session.add(again)
        assert not write_pending(uow.session)
        uow.commit()
    assert _row(services, "human_task", "id", "tugas-ganti")["title"] == "Uji lagi"
    # The audit log refuses a change through its mapper's events, plain writes or not.
    with services.uow() as uow:
        entry = uow.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "uji_ganti")).one()
        entry.actor = "pemalsu"
        with pytest.raises(AppendOnlyError):
            uow.commit()
    assert _row(services, "audit_log", "action", "uji_ganti")["actor"] == "uji"


def test_objects_written_then_rolled_back_are_as_after_a_rolled_back_flush(
        walk: Walk, services: Services) -> None:
    complaint = _filed(walk)
    with services.uow() as uow:
        entry = AuditEntry(at=NOW, actor="uji", action="uji_batal")
        uow.session.add(entry)
        changed, _ = _change(uow.session, complaint.id, "batal")
        assert write_pending(uow.session)
        uow.rollback()
        assert inspect(entry).transient
        assert changed.title != "Judul batal"  # expired, read again
    assert _count(services, "audit_log", "action", "uji_batal") == 0


def _marked_insert(keys: tuple[str, ...]) -> Any:
    """An INSERT of a task row that writes its title marked, and answers it."""
    table = HumanTask.__table__
    values = {key: bindparam(key) for key in keys}
    values["title"] = func.upper(bindparam("title"))
    return insert(table).values(values).returning(table.c.title)


def test_an_object_given_its_own_insert_is_written_with_it_in_the_order_of_the_rest(
        walk: Walk, services: Services) -> None:
    complaint = _filed(walk)
    answered: list[str] = []
    with services.uow() as uow:
        rows = _new_rows(complaint, "sendiri")
        uow.session.add_all(rows)
        insert_with(uow.session, rows[3], OwnInsert(_marked_insert, answered.append))
        uow.commit()
        assert inspect(rows[3]).persistent and not inspect(rows[3]).modified
    assert answered == ["UJI"]
    assert _row(services, "human_task", "id", "tugas-sendiri")["title"] == "UJI"
    assert _count(services, "outbox", "idempotency_key", "uji:sendiri") == 1


def test_an_object_given_its_own_insert_is_never_written_without_it(
        walk: Walk, services: Services) -> None:
    complaint = _filed(walk)
    with services.uow() as uow:  # a query's autoflush writes it by the ORM first
        row = _new_rows(complaint, "lewat")[3]
        uow.session.add(row)
        insert_with(uow.session, row, OwnInsert(_marked_insert, lambda _: None))
        uow.session.scalar(select(func.count()).select_from(HumanTask))
        with pytest.raises(OwnInsertError):
            uow.commit()
    with services.uow() as uow:  # the unit needs the ORM's flush (a value that is SQL)
        row = _new_rows(complaint, "orm")[3]
        row.instructions = func.lower("X")
        uow.session.add(row)
        insert_with(uow.session, row, OwnInsert(_marked_insert, lambda _: None))
        with pytest.raises(OwnInsertError):
            uow.commit()
    with services.uow() as uow:  # a row whose key the database would draw
        message = _new_rows(complaint, "kunci")[2]
        uow.session.add(message)
        insert_with(uow.session, message, OwnInsert(_marked_insert, lambda _: None))
        with pytest.raises(OwnInsertError):
            uow.commit()
    assert _count(services, "human_task", "id", "tugas-lewat") == 0
    assert _count(services, "human_task", "id", "tugas-orm") == 0
    assert _count(services, "outbox", "idempotency_key", "uji:kunci") == 0
