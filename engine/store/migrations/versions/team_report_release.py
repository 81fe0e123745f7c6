"""the periodic report is released by the team's Sekretaris; until then it is a draft

Duty c.2 of the Sekretaris: the report is prepared for them and they release it, with who and
when kept. The Kepala OPD receives the OPD's sheet of a released report.

Revision ID: team_report_release
Revises: team_four_eyes
Create Date: 2026-12-04 17:50:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import engine.db

revision: str = 'team_report_release'
down_revision: str | None = 'team_four_eyes'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'report_release',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('period', sa.String(length=10), nullable=False),
        sa.Column('released_by', sa.String(length=100), nullable=False),
        sa.Column('released_at', engine.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('period'),
    )


def downgrade() -> None:
    op.drop_table('report_release')
