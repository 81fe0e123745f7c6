"""improvement actions: what is done after each SKM period, by whom, by when

The standard's evaluation ends in improvement ("selanjutnya dilakukan perbaikan"), and
PermenPANRB 14/2017 asks that the survey's results and their follow-up be published.

Revision ID: intake_improvement_actions
Revises: intake_skm_outcomes
Create Date: 2026-12-04 17:00:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import engine.db

revision: str = 'intake_improvement_actions'
down_revision: str | None = 'intake_skm_outcomes'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'improvement_action',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('period', sa.String(length=10), nullable=False),
        sa.Column('finding', sa.Text(), nullable=False),
        sa.Column('action', sa.Text(), nullable=False),
        sa.Column('owner', sa.String(length=150), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=False),
        sa.Column('done_on', sa.Date(), nullable=True),
        sa.Column('result', sa.Text(), nullable=False),
        sa.Column('author', sa.String(length=100), nullable=False),
        sa.Column('created_at', engine.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('updated_at', engine.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_improvement_action_period', 'improvement_action', ['period'])


def downgrade() -> None:
    op.drop_index('ix_improvement_action_period', table_name='improvement_action')
    op.drop_table('improvement_action')
