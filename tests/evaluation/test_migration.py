"""Revision 0002 stamps the stage lengths of complaints that were there before it."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import insert, select

from engine.audit import AuditEntry
from engine.calendar.tables import CalendarOverride
from engine.complaints.tables import Complaint
from engine.db import make_engine
from engine.store import schema
from tests.walk import wib


def test_upgrade_backfills_working_days(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    config = schema.alembic_config(url)
    command.upgrade(config, "0001")
    db = make_engine(url)
    old = Complaint.__table__.c
    base = dict(secret_hash="-", registration_year=2026, channel="web", title="t",
                description="d", anonim=False, rahasia=False)
    with db.begin() as conn:
        conn.execute(insert(CalendarOverride), [dict(
            day=wib("2026-03-06 00:00").date(), working=False, note="libur", author="a",
            created_at=wib("2026-03-01 00:00"))])
        table = Complaint.__table__
        conn.execute(table.insert().values(
            id=1, tracking_code="EL-OLD00001", registration_seq=1, status="selesai",
            received_at=wib("2026-03-02 09:00"), verified_at=wib("2026-03-03 09:00"),
            first_follow_up_at=wib("2026-03-10 09:00"), closed_at=wib("2026-03-31 00:00:01"),
            updated_at=wib("2026-03-31 00:00:01"), **base))
        conn.execute(table.insert().values(
            id=2, tracking_code="EL-OLD00002", registration_seq=2, status="diterima",
            received_at=wib("2026-03-02 09:00"), updated_at=wib("2026-03-02 09:00"), **base))
        conn.execute(insert(AuditEntry), [
            dict(at=wib("2026-03-03 09:00"), actor="a", actor_role="tim_admin",
                 action="status_changed", complaint_id=1, from_status="diterima",
                 to_status="didisposisikan", detail="{}"),
            dict(at=wib("2026-03-11 09:00"), actor="p", actor_role="pelapor",
                 action="status_changed", complaint_id=1, from_status="ditindaklanjuti",
                 to_status="didisposisikan", detail="{}")])
    db.dispose()
    command.upgrade(config, "head")
    db = make_engine(url)
    with db.connect() as conn:
        rows = conn.execute(select(old.id, old.disposed_at, old.verify_working_days,
                                   old.follow_up_working_days, old.close_working_days)
                            .order_by(old.id)).all()
    db.dispose()
    # 6 March is a day off here: 3→10 March is 4 working days; 2→31 March skips Lebaran too.
    assert [tuple(r) for r in rows] == [
        (1, wib("2026-03-03 09:00"), 1, 4, 15),
        (2, None, None, None, None)]
