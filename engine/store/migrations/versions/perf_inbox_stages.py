"""indexes for the inbox's stage filter

The stage filter lists the distinct task names waiting for a role (and OPD); with these
indexes PostgreSQL reads them from the index alone instead of visiting every waiting task
(5,000 waiting: ~12 ms → ~1.7 ms). Central roles' tasks carry no OPD: a partial index of
their own, as for the inbox's rows.

Revision ID: perf_inbox_stages
Revises: totp_second_factor
Create Date: 2026-12-05 03:40:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'perf_inbox_stages'
down_revision: str | None = 'totp_second_factor'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_human_task_stages', 'human_task',
                    ['role', 'opd_code', 'spec_name', 'title'], unique=False)
    op.create_index('ix_human_task_stages_central', 'human_task', ['role', 'spec_name', 'title'],
                    unique=False, postgresql_where=sa.text('opd_code IS NULL'),
                    sqlite_where=sa.text('opd_code IS NULL'))


def downgrade() -> None:
    op.drop_index('ix_human_task_stages_central', table_name='human_task')
    op.drop_index('ix_human_task_stages', table_name='human_task')
