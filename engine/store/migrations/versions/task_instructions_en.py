"""a task's instructions in English, from the diagram

A user task's instructions are written in Indonesian in the diagram
(``spiffworkflow:instructionsForEndUser``); an analyst may add English ones
(``spiffworkflow:instructionsForEndUserEn``), shown to officers who read in English. Empty when
the diagram has none: the Indonesian ones are shown instead.

Revision ID: task_instructions_en
Revises: perf_inbox_stages
Create Date: 2026-12-08 01:10:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'task_instructions_en'
down_revision: str | None = 'perf_inbox_stages'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('human_task', sa.Column('instructions_en', sa.Text(), nullable=False,
                                          server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('human_task') as batch:
        batch.drop_column('instructions_en')
