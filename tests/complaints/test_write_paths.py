"""Submitting and completing write what they wrote before, in fewer statements: deadlines from
the calendar as the database holds it at that moment."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import inspect, update

from engine.calendar.store import remove_override, set_override
from engine.complaints.tasks import _task_for_completion, complete_task
from engine.db import UnitOfWork
from engine.workflow.tables import ProcessInstance
from tests.sql_log import statements
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


class _HeldUnit(UnitOfWork):
    """A unit of work whose session is open before it is entered, as a page's is: what was
    read in it before the command stays in the session."""

    def __init__(self, services: Services) -> None:
        super().__init__(services.sessions)
        self.session = services.sessions()

    def __enter__(self) -> UnitOfWork:
        return self


def test_a_completion_in_a_unit_holding_its_rows_works_on_them_as_committed(
        walk: Walk, services: Services) -> None:
    code = walk.file().tracking_code
    verify = walk.task(code, "verifikasi")
    officer, instance_id = walk.user(verify.role, verify.opd_code), walk.instance(code).id
    unit = _HeldUnit(services)
    held = unit.session.get(ProcessInstance, instance_id)
    assert held is not None
    unit.session.commit()  # the unit keeps the object as it read it
    with services.uow() as other:  # another writer changes the row meanwhile
        other.session.execute(update(ProcessInstance).where(ProcessInstance.id == instance_id)
                              .values(version=ProcessInstance.version + 1))
        other.commit()
    complete_task(unit, services.runtime, verify.id, VERIFY_FORWARD, officer)
    assert walk.status(code) == "didisposisikan"  # no conflict: it read the row again
    assert walk.instance(code).version == held.version


def test_a_completion_loads_its_task_instance_and_complaint_as_unchanged_session_objects(
        walk: Walk, services: Services) -> None:
    code = walk.file().tracking_code
    verify = walk.task(code, "verifikasi")
    officer, version = walk.user(verify.role, verify.opd_code), walk.instance(code).version
    with services.uow() as uow, statements(services) as seen:
        task, instance, complaint = _task_for_completion(uow.session, verify.id, officer)
        assert all(inspect(found).persistent for found in (task, instance, complaint))
        assert not uow.session.dirty and not uow.session.new
        assert (task.id, instance.id, complaint.tracking_code) == (
            verify.id, complaint.instance_id, code)
        assert instance.version == version
    reads = [sql for sql in seen if sql.lstrip().upper().startswith("SELECT")]
    assert len(reads) == 1
    assert "FOR UPDATE" in reads[0] or services.db.dialect.name == "sqlite"
