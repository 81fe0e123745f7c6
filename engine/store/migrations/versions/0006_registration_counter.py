"""registration counter: the register's last number per year, bumped under a row lock

Concurrent submissions each took max(registration_seq) + 1; on PostgreSQL the second of two
at once failed on the unique number and retried, and under a burst some gave up
(bench/http_load.py). The counter row serializes numbering instead. Existing years start from
the numbers already given.

Revision ID: 0006_registration_counter
Revises: 0005_day_figures
Create Date: 2026-11-29 01:45:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006_registration_counter'
down_revision: str | None = '0005_day_figures'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'registration_counter',
        sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('last_seq', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('year'),
    )
    op.execute(
        "INSERT INTO registration_counter (year, last_seq) "
        "SELECT registration_year, max(registration_seq) FROM complaint "
        "GROUP BY registration_year"
    )


def downgrade() -> None:
    op.drop_table('registration_counter')
