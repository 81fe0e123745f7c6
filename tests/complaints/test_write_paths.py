"""Submitting and completing write what they wrote before, in fewer statements: deadlines from
the calendar as the database holds it at that moment."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import text

from engine.calendar.store import remove_override, set_override
from engine.complaints.tables import Complaint
from engine.store.inserts import insert_rows
from engine.workflow.definitions import latest_version
from engine.workflow.tables import ProcessInstance
from tests.walk import VERIFY_FORWARD, Walk, wib
from webui.wiring import Services

OFF_DAY = date(2026, 3, 4)  # a Wednesday between the clock (2 March) and the deadlines


def _deadlines(walk: Walk, code: str) -> tuple[datetime | None, list[datetime | None]]:
    """The complaint's stage deadline and its ready tasks' deadlines."""
    return walk.complaint(code).stage_due_at, [t.due_at for t in walk.tasks(code)]


def _override(services: Services, off: bool) -> None:
    with services.uow() as uow:  # an admin, in another unit of work (as another worker)
        if off:
            set_override(uow.session, OFF_DAY, False, "banjir", "admin", wib("2026-03-02 08:00"))
        else:
            remove_override(uow.session, OFF_DAY)
        uow.commit()


def test_a_completion_uses_the_calendar_as_edited_elsewhere_a_moment_before(
        walk: Walk, services: Services) -> None:
    first, second, third = (walk.file().tracking_code for _ in range(3))
    walk.complete(first, "verifikasi", VERIFY_FORWARD)
    plain = _deadlines(walk, first)
    _override(services, off=True)
    walk.complete(second, "verifikasi", VERIFY_FORWARD)
    with_day_off = _deadlines(walk, second)
    _override(services, off=False)
    walk.complete(third, "verifikasi", VERIFY_FORWARD)
    assert plain[0] is not None and with_day_off[0] is not None
    assert with_day_off[0] > plain[0]  # one working day fewer before the deadline
    assert _deadlines(walk, third) == plain  # and back at once when the day off is removed


def _row(services: Services, table: str, row_id: int) -> dict[str, object]:
    with services.db.connect() as conn:
        found = conn.execute(text(f"SELECT * FROM {table} WHERE id = :id"), {"id": row_id})
        return dict(found.mappings().one())


def test_rows_inserted_plainly_are_the_rows_the_orm_inserts(services: Services) -> None:
    now = wib("2026-03-02 09:00")
    with services.uow() as uow:
        definition = latest_version(uow.session).id

    def pair(offset: int) -> tuple[ProcessInstance, Complaint]:
        instance = ProcessInstance(id=900 + offset, definition_id=definition, state="{}",
                                   serializer_version="1.4", status="running", version=2,
                                   error_message=None, created_at=now, updated_at=now)
        complaint = Complaint(
            id=900 + offset, instance_id=900 + offset, tracking_code=f"EL-TEST000{offset}",
            secret_hash="x", registration_year=2026, registration_seq=-900 - offset,
            channel="web", status="diterima", title="Judul", description="Isi",
            category_code=None, latitude=None, anonim=None, rahasia=False,
            stage_due_at=now, received_at=now, updated_at=now)
        return instance, complaint

    with services.uow() as uow:
        by_orm = pair(0)
        for row in by_orm:
            uow.session.add(row)
            uow.session.flush()
        insert_rows(uow.session, *pair(1))
        uow.commit()
    for table in ("process_instance", "complaint"):
        orm, plain = _row(services, table, 900), _row(services, table, 901)
        different = {key for key in orm if orm[key] != plain[key]}
        # The ORM numbers an inserted row's version itself (1); a plain insert writes it as
        # given (the submission gives 2: inserted, then saved, as the ORM used to write it).
        assert different <= {"id", "instance_id", "tracking_code", "registration_seq",
                             "version"}, table
    assert _row(services, "complaint", 901)["anonim"] is not None  # the column's default


def test_a_submission_writes_its_rows_once_with_the_steps_results(
        walk: Walk, services: Services) -> None:
    receipt = walk.file()
    complaint = walk.complaint(receipt.tracking_code)
    instance = walk.instance(receipt.tracking_code)
    assert complaint.instance_id == instance.id and complaint.registration_seq == 1
    assert complaint.stage_due_at is not None and instance.next_timer_at is not None
    assert instance.state and instance.serializer_version and instance.version == 2
    assert [t.spec_name for t in walk.tasks(receipt.tracking_code)] == ["verifikasi"]
    walk.complete(receipt.tracking_code, "verifikasi", VERIFY_FORWARD)  # it runs on
    assert walk.status(receipt.tracking_code) == "didisposisikan"
