"""The inbox reads only the columns it shows, in the order it always had: soonest deadline
first, tasks without a deadline last, ties by creation."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from engine.calendar.store import load_calendar
from engine.clock import FixedClock
from engine.complaints.inbox import InboxFilter, inbox
from engine.complaints.read_models import deadline_badge, inbox_query
from engine.complaints.tables import HumanTask
from engine.domain import Actor
from tests.sql_log import statements
from tests.walk import Walk
from webui.wiring import Services

ADMIN = Actor("admin", "tim_admin")


def test_order_columns_and_badges(services: Services, clock: FixedClock) -> None:
    walk = Walk(services, clock)
    codes = [walk.file(title=f"Laporan {n}").tracking_code for n in range(6)]
    now = clock()
    # Two share a deadline (created apart), one is far overdue, one has none.
    dues = [now + timedelta(days=3), None, now - timedelta(days=40), now + timedelta(days=3),
            now + timedelta(hours=2), now + timedelta(days=10)]
    with services.uow() as uow:
        tasks = {t.complaint_id: t for t in uow.session.scalars(select(HumanTask))}
        ordered = sorted(tasks.values(), key=lambda t: t.complaint_id)
        for n, (task, due) in enumerate(zip(ordered, dues, strict=True)):
            uow.session.execute(update(HumanTask).where(HumanTask.id == task.id).values(
                due_at=due, created_at=now - timedelta(minutes=60 - n)))
        uow.commit()
    with statements(services) as seen, services.uow() as uow:
        rows = inbox(uow.session, ADMIN, InboxFilter(), now)
    with services.uow() as uow:
        calendar = load_calendar(uow.session)
        whole = [t.id for t, _ in uow.session.execute(inbox_query(ADMIN))]
    expected = [codes[i] for i in (2, 4, 0, 3, 5, 1)]
    assert [r.complaint.tracking_code for r in rows] == expected
    assert [r.task.id for r in rows] == whole  # the API's query keeps the same order
    assert [r.complaint.title for r in rows] == [f"Laporan {i}" for i in (2, 4, 0, 3, 5, 1)]
    assert all(r.complaint.status == "diterima" and r.task.spec_name == "verifikasi"
               for r in rows)
    assert [r.badge for r in rows] == [deadline_badge(calendar, r.task.due_at, now)
                                       for r in rows]
    assert rows[0].badge["overdue"] and rows[-1].badge["days"] is None
    assert not [s for s in seen if "description" in s or "secret_hash" in s]
