"""tasks the Penanggung Jawab and the Ketua give an Anggota (duty d.5)

About a complaint or free-standing; the Anggota records each done with a reply.

Revision ID: team_tasks
Revises: team_report_release
Create Date: 2026-12-04 17:55:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import engine.db

revision: str = 'team_tasks'
down_revision: str | None = 'team_report_release'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'team_task',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('complaint_id', sa.Integer(), nullable=True),
        sa.Column('assignee_id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=150), nullable=False),
        sa.Column('instruction', sa.Text(), nullable=False),
        sa.Column('given_by', sa.String(length=80), nullable=False),
        sa.Column('given_by_role', sa.String(length=40), nullable=False),
        sa.Column('given_at', engine.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=True),
        sa.Column('done_at', engine.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column('reply', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['assignee_id'], ['app_user.id']),
        sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_team_task_assignee_open', 'team_task', ['assignee_id', 'done_at'])
    op.create_index('ix_team_task_complaint_id', 'team_task', ['complaint_id'])


def downgrade() -> None:
    op.drop_index('ix_team_task_complaint_id', table_name='team_task')
    op.drop_index('ix_team_task_assignee_open', table_name='team_task')
    op.drop_table('team_task')
