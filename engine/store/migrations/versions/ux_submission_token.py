"""submission token: a form sent twice (reload, double tap, resent request) files one complaint

Each complaint form carries a one-time token; the complaint keeps it under a unique index, so a
second submission with the same token finds the first complaint instead of filing another.

Revision ID: ux_submission_token
Revises: places_chat
Create Date: 2026-12-04 17:30:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = 'ux_submission_token'
down_revision: str | None = 'places_chat'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('complaint', sa.Column('submission_token', sa.String(length=64),
                                         nullable=True))
    op.create_index('ix_complaint_submission_token', 'complaint', ['submission_token'],
                    unique=True)


def downgrade() -> None:
    op.drop_index('ix_complaint_submission_token', table_name='complaint')
    with op.batch_alter_table('complaint') as batch:
        batch.drop_column('submission_token')
