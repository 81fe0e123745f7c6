"""service time and the original report date: "Waktu pelayanan 5 hari kerja" measured from
receipt to the first answer; a complaint forwarded by national keeps when it was reported

Adds complaint.service_working_days (stamped for the complaints already answered here) and
complaint.reported_at, and counts the new day figure ``pelayanan``.

Revision ID: process_service_time
Revises: trust_sessions
Create Date: 2026-12-04 17:40:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import engine.db
from engine.calendar.working_days import WorkingCalendar
from engine.evaluation import day_figures

revision: str = 'process_service_time'
down_revision: str | None = 'trust_sessions'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_complaint = sa.table(
    'complaint', sa.column('id', sa.Integer()),
    sa.column('received_at', engine.db.UTCDateTime()),
    sa.column('first_follow_up_at', engine.db.UTCDateTime()),
    sa.column('service_working_days', sa.Integer()),
)
_override = sa.table('calendar_override', sa.column('day', sa.Date()),
                     sa.column('working', sa.Boolean()))


def upgrade() -> None:
    # Plain ADD COLUMN (no table copy): the day-figure triggers stay until install() below.
    op.add_column('complaint', sa.Column('reported_at', engine.db.UTCDateTime(timezone=True),
                                         nullable=True))
    op.add_column('complaint', sa.Column('service_working_days', sa.Integer(), nullable=True))
    _backfill()
    day_figures.install(op.get_bind(), day_figures.VERSION)


def _backfill() -> None:
    bind = op.get_bind()
    calendar = WorkingCalendar(dict(bind.execute(sa.select(_override.c.day,
                                                           _override.c.working)).all()))
    c = _complaint.c
    for row in bind.execute(sa.select(c.id, c.received_at, c.first_follow_up_at).where(
            c.first_follow_up_at.is_not(None))).all():
        days = calendar.working_days_between(row.received_at, row.first_follow_up_at)
        bind.execute(sa.update(_complaint).where(c.id == row.id)
                     .values(service_working_days=days))


def downgrade() -> None:
    for statement in day_figures.uninstall_sql(op.get_bind().dialect.name):
        op.execute(statement)
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_column('service_working_days')
        batch_op.drop_column('reported_at')
    day_figures.install(op.get_bind(), day_figures.FIRST_VERSION)
