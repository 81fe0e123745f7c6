"""worker heartbeat: each sweep of `alur worker` notes its instant, for /readyz and /metrics

Revision ID: ops_metrics_worker_heartbeat
Revises: ux_submission_token
Create Date: 2026-12-04 19:20:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op
from engine.db import UTCDateTime

revision: str = 'ops_metrics_worker_heartbeat'
down_revision: str | None = 'ux_submission_token'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'worker_heartbeat',
        sa.Column('worker', sa.String(length=120), nullable=False),
        sa.Column('swept_at', UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('worker'),
    )
    op.create_index(op.f('ix_worker_heartbeat_swept_at'), 'worker_heartbeat', ['swept_at'])


def downgrade() -> None:
    op.drop_index(op.f('ix_worker_heartbeat_swept_at'), table_name='worker_heartbeat')
    op.drop_table('worker_heartbeat')
