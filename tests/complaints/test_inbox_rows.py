"""The inbox reads only the columns it shows, in the order it always had: soonest deadline
first, tasks without a deadline last, ties by creation."""

from __future__ import annotations

from datetime import UTC, timedelta

from sqlalchemy import select, update

from engine.calendar.store import load_calendar
from engine.clock import FixedClock
from engine.complaints.inbox import (
    InboxFilter,
    inbox,
    inbox_choices,
    inbox_lines,
    read_inbox_page,
)
from engine.complaints.read_models import deadline_badge, inbox_query
from engine.complaints.tables import HumanTask
from engine.domain import Actor
from tests.sql_log import selects, statements, time_zone
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


def test_the_page_read_in_one_statement_is_the_lines_read_apart(
        services: Services, clock: FixedClock) -> None:
    """The page as it opens reads its lines as one JSON text inside the filter row's statement
    (engine/complaints/inbox.py, read_inbox_page): the same lines, in the same order, at the same
    UTC instants to the microsecond, as the lines' own statement reads, on either database and
    in any session time zone; pages past the end read none."""
    walk = Walk(services, clock)
    codes = [walk.file(title=f'Laporan "{n}" \\ baris\nbaru', category=("4", "8")[n % 2])
             .tracking_code for n in range(7)]
    me, colleague = walk.user("tim_admin"), walk.user("tim_admin", name='Rekan "Kerja"')
    walk.claim(codes[1], "verifikasi", me)
    walk.claim(codes[4], "verifikasi", colleague)
    now = clock()
    dues = [now + timedelta(days=3, microseconds=17), None, now - timedelta(days=40),
            now + timedelta(days=3, microseconds=17), None, now + timedelta(hours=2), None]
    task_ids = [walk.task(code, "verifikasi").id for code in codes]
    with services.uow() as uow:
        for n, task_id in enumerate(task_ids):
            uow.session.execute(update(HumanTask).where(HumanTask.id == task_id).values(
                due_at=dues[n], created_at=now - timedelta(minutes=60 - n, microseconds=n)))
        uow.commit()
    admin = walk.user("tim_admin")
    pages = [(InboxFilter(), 51, 0), (InboxFilter(), 2, 1), (InboxFilter(), 3, 6),
             (InboxFilter(), 5, 7), (InboxFilter(mine=True), 51, 0),
             (InboxFilter(category="8"), 51, 0), (InboxFilter(stage="verifikasi"), 2, 2),
             (InboxFilter(stage="tiada"), 51, 0)]
    for filters, limit, offset in pages:
        with services.uow() as uow, statements(services) as seen, time_zone(
                uow.session, "Asia/Jakarta"):
            page = read_inbox_page(uow.session, admin, filters, now, limit, offset)
        with services.uow() as uow:
            choices = inbox_choices(uow.session, admin)
            lines, badge = inbox_lines(uow.session, admin, filters, now, limit, offset)
        assert len(selects(seen)) == 1, seen
        assert page.lines == lines and page.choices == choices, (filters, limit, offset)
        assert [page.badge(line.due_at) for line in lines] == [badge(line.due_at)
                                                               for line in lines]
    with services.uow() as uow, time_zone(uow.session, "Asia/Jakarta"):
        whole = read_inbox_page(uow.session, admin, InboxFilter(), now).lines
    assert [line.tracking_code for line in whole] == [codes[i] for i in (2, 5, 0, 3, 1, 4, 6)]
    assert [line.holder for line in whole] == [None, None, None, None, "tim_admin", 'Rekan "Kerja"',
                                               None]
    assert whole[2].due_at == dues[0] and all(
        line.due_at is None or line.due_at.tzinfo is UTC for line in whole)
    assert whole[0].complaint_title == 'Laporan "2" \\ baris\nbaru'


def test_a_page_filtered_by_time_or_words_reads_its_lines_apart(
        services: Services, clock: FixedClock) -> None:
    """The lines of an overdue or searched page depend on the time or on free text: their
    statement is built per request, beside the filter row's kept one."""
    walk = Walk(services, clock)
    code = walk.file(title="Jalan berlubang").tracking_code
    admin = walk.user("tim_admin")
    for filters in (InboxFilter(q="berlubang"), InboxFilter(q=code[:6]),
                    InboxFilter(overdue=True)):
        with services.uow() as uow, statements(services) as seen:
            page = read_inbox_page(uow.session, admin, filters, clock())
        assert len(selects(seen)) == 2, seen
        assert [line.tracking_code for line in page.lines] == (
            [] if filters.overdue else [code])
        assert page.choices.stages == [("verifikasi", "Verifikasi laporan")]
