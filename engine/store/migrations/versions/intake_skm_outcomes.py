"""skm outcomes: every complaint with an outcome is in the survey's population

The standard's continuing SKM invites every reporter whose complaint reached an outcome
(selesai, diarsipkan, dialihkan), not only the resolved ones: the day figure "resolved" and
the partial index behind the survey figures now cover every closed complaint.

Revision ID: intake_skm_outcomes
Revises: intake_national_inbound
Create Date: 2026-12-04 16:30:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from engine.evaluation import day_figures

revision: str = 'intake_skm_outcomes'
down_revision: str | None = 'intake_national_inbound'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for statement in day_figures.uninstall_sql(op.get_bind().dialect.name):
        op.execute(statement)
    day_figures.install(op.get_bind(), day_figures.FIRST_VERSION)  # the new definition, and every figure recounted
    op.drop_index('ix_complaint_resolved', table_name='complaint')
    op.create_index('ix_complaint_resolved', 'complaint', ['closed_at', 'opd_code', 'id'],
                    unique=False, postgresql_where=sa.text('closed_at IS NOT NULL'),
                    sqlite_where=sa.text('closed_at IS NOT NULL'))


def downgrade() -> None:
    op.drop_index('ix_complaint_resolved', table_name='complaint')
    op.create_index('ix_complaint_resolved', 'complaint', ['closed_at', 'opd_code', 'id'],
                    unique=False, postgresql_where=sa.text("status = 'selesai'"),
                    sqlite_where=sa.text("status = 'selesai'"))
    # The triggers stay as the code defines them; a downgrade keeps counting every outcome.
