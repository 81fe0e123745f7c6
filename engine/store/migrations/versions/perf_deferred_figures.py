"""deferred figures: on PostgreSQL the day figures' triggers run at commit

A day's figure rows are shared by every complaint received that day; counted at the INSERT,
their row locks were held through the whole submission, so two citizens submitting on one day
went one at a time. The triggers become constraint triggers deferred to commit (same counts;
SQLite, one writer at a time, is unchanged). Nothing is recounted.

Revision ID: perf_deferred_figures
Revises: intake_improvement_actions
Create Date: 2026-12-04 17:40:00
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from engine.evaluation import day_figures

revision: str = 'perf_deferred_figures'
down_revision: str | None = 'intake_improvement_actions'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        return
    for statement in day_figures.install_sql(dialect):
        op.execute(statement)


def downgrade() -> None:
    # The triggers stay as the code defines them: deferred or not, they count the same.
    pass
