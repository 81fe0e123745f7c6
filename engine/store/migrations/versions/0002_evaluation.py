"""evaluation: stage durations on complaint, survey answers (SKM), indicator targets

Revision ID: 0002_evaluation
Revises: 0001
Create Date: 2026-12-01 09:00:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from engine.calendar.working_days import WorkingCalendar

import engine.db

revision: str = '0002_evaluation'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ELEMENTS = ('u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9')


def upgrade() -> None:
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.add_column(sa.Column('disposed_at', engine.db.UTCDateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('verify_working_days', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('follow_up_working_days', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('close_working_days', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_complaint_closed_at'), ['closed_at'], unique=False)
        batch_op.create_index('ix_complaint_open_received', ['received_at'], unique=False,
                              postgresql_where=sa.text('closed_at IS NULL'),
                              sqlite_where=sa.text('closed_at IS NULL'))

    _backfill_working_days()

    op.create_table(
        'survey_response',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('complaint_id', sa.Integer(), nullable=False),
        sa.Column('answered_at', engine.db.UTCDateTime(timezone=True), nullable=False),
        *[sa.Column(name, sa.SmallInteger(), nullable=False) for name in ELEMENTS],
        sa.Column('saran', sa.Text(), nullable=False),
        *[sa.CheckConstraint(f'{name} BETWEEN 1 AND 4', name=f'ck_survey_response_{name}')
          for name in ELEMENTS],
        sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('complaint_id'),
    )
    with op.batch_alter_table('survey_response', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_response_answered_at'), ['answered_at'],
                              unique=False)

    op.create_table(
        'target',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('indicator', sa.String(length=40), nullable=False),
        sa.Column('period', sa.String(length=10), nullable=False),
        sa.Column('opd_code', sa.String(length=32), nullable=False),
        sa.Column('value_hundredths', sa.Integer(), nullable=False),
        sa.Column('author', sa.String(length=100), nullable=False),
        sa.Column('updated_at', engine.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('indicator', 'period', 'opd_code'),
    )


_complaint = sa.table(
    'complaint', sa.column('id', sa.Integer()), sa.column('status', sa.String()),
    *[sa.column(name, engine.db.UTCDateTime()) for name in (
        'received_at', 'verified_at', 'first_follow_up_at', 'closed_at', 'disposed_at')],
    *[sa.column(name, sa.Integer()) for name in (
        'verify_working_days', 'follow_up_working_days', 'close_working_days')],
)
_audit = sa.table('audit_log', sa.column('complaint_id', sa.Integer()),
                  sa.column('at', engine.db.UTCDateTime()), sa.column('action', sa.String()),
                  sa.column('from_status', sa.String()), sa.column('to_status', sa.String()))
_override = sa.table('calendar_override', sa.column('day', sa.Date()),
                     sa.column('working', sa.Boolean()))


def _backfill_working_days() -> None:
    """Stamp the stage lengths of complaints that existed before this revision."""
    bind = op.get_bind()
    calendar = WorkingCalendar(dict(bind.execute(sa.select(_override.c.day,
                                                           _override.c.working)).all()))
    dispositions: dict[int, list] = {}
    for complaint_id, at in bind.execute(sa.select(_audit.c.complaint_id, _audit.c.at).where(
            _audit.c.action == 'status_changed', _audit.c.to_status == 'didisposisikan',
            _audit.c.from_status.in_(('diterima', 'dikembalikan')))):
        dispositions.setdefault(complaint_id, []).append(at)
    c = _complaint.c
    for row in bind.execute(sa.select(c.id, c.status, c.received_at, c.verified_at,
                                      c.first_follow_up_at, c.closed_at)).all():
        before = [at for at in dispositions.get(row.id, [])
                  if row.first_follow_up_at is None or at <= row.first_follow_up_at]
        disposed = max(before) if before else None
        values = {
            'disposed_at': disposed,
            'verify_working_days': _days(calendar, row.received_at, row.verified_at),
            'follow_up_working_days': _days(calendar, disposed, row.first_follow_up_at),
            'close_working_days': _days(calendar, row.received_at, row.closed_at),
        }
        if any(v is not None for v in values.values()):
            bind.execute(sa.update(_complaint).where(c.id == row.id).values(**values))


def _days(calendar: WorkingCalendar, start, end) -> int | None:
    if start is None or end is None:
        return None
    return calendar.working_days_between(start, end)


def downgrade() -> None:
    op.drop_table('target')
    with op.batch_alter_table('survey_response', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_response_answered_at'))
    op.drop_table('survey_response')
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_index('ix_complaint_open_received')
        batch_op.drop_index(batch_op.f('ix_complaint_closed_at'))
        batch_op.drop_column('close_working_days')
        batch_op.drop_column('follow_up_working_days')
        batch_op.drop_column('verify_working_days')
        batch_op.drop_column('disposed_at')
