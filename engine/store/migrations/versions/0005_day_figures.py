"""day figures: the dashboard's per-day counts, kept by triggers on complaint; indexes of
closed and resolved complaints and of the inbox's order

A year's dashboard at 1,000,000 complaints grouped ~500,000 rows twelve ways; it now sums
``complaint_day_figure`` (see engine/evaluation/day_figures.py). Chained after 0003_channels, the head
when this was written.

Revision ID: 0005_day_figures
Revises: 0003_channels
Create Date: 2026-11-29 00:30:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from engine.evaluation import day_figures

revision: str = '0005_day_figures'
down_revision: str | None = '0003_channels'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'complaint_day_figure',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('figure', sa.String(length=24), nullable=False),
        sa.Column('value', sa.String(length=80), nullable=False),
        sa.Column('n', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('day', 'figure', 'value'),
    )
    # Triggers keep the counts; the complaints already there are counted once here.
    day_figures.install(op.get_bind(), day_figures.FIRST_VERSION)
    # Backlog at a past instant (closed after it, received before it) from the index alone;
    # it serves every query the closed_at index did.
    op.create_index('ix_complaint_closed_received', 'complaint', ['closed_at', 'received_at'],
                    unique=False)
    op.drop_index('ix_complaint_closed_at', table_name='complaint')
    # The inbox's whole order, so a page joins only its own rows to their complaints.
    op.create_index('ix_human_task_inbox', 'human_task',
                    ['role', 'opd_code', 'due_at', 'created_at'], unique=False)
    op.drop_index('ix_human_task_role_opd_due', table_name='human_task')
    op.create_index('ix_human_task_inbox_central', 'human_task', ['role', 'due_at', 'created_at'],
                    unique=False, postgresql_where=sa.text('opd_code IS NULL'),
                    sqlite_where=sa.text('opd_code IS NULL'))
    # Resolved complaints by closing instant, answered from the index (survey figures).
    op.create_index('ix_complaint_resolved', 'complaint', ['closed_at', 'opd_code', 'id'],
                    unique=False, postgresql_where=sa.text("status = 'selesai'"),
                    sqlite_where=sa.text("status = 'selesai'"))


def downgrade() -> None:
    op.drop_index('ix_complaint_resolved', table_name='complaint')
    op.create_index('ix_human_task_role_opd_due', 'human_task', ['role', 'opd_code', 'due_at'],
                    unique=False)
    op.drop_index('ix_human_task_inbox', table_name='human_task')
    op.drop_index('ix_human_task_inbox_central', table_name='human_task')
    op.create_index('ix_complaint_closed_at', 'complaint', ['closed_at'], unique=False)
    op.drop_index('ix_complaint_closed_received', table_name='complaint')
    for statement in day_figures.uninstall_sql(op.get_bind().dialect.name):
        op.execute(statement)
    op.drop_table('complaint_day_figure')
