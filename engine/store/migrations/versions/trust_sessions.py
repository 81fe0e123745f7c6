"""server-side sessions and failed sign-ins per name and address

Sign-out, a password reset, a role change or deactivation must end every session of the
account, which a signed cookie alone cannot do; failed sign-ins are counted per username and
client address so that a stranger cannot lock an officer out.

Revision ID: trust_sessions
Revises: perf_deferred_figures
Create Date: 2026-12-04 17:40:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import engine.db

revision: str = 'trust_sessions'
down_revision: str | None = 'perf_deferred_figures'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'user_session',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('reporter_of', sa.Text(), nullable=False),
        sa.Column('created_at', engine.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('last_seen_at', engine.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['app_user.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('token_hash'),
    )
    op.create_index('ix_user_session_user_id', 'user_session', ['user_id'])
    op.create_table(
        'sign_in_failure',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('username', sa.String(length=80), nullable=False),
        sa.Column('source', sa.String(length=64), nullable=False),
        sa.Column('failures', sa.Integer(), nullable=False),
        sa.Column('first_failed_at', engine.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('locked_until', engine.db.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('username', 'source'),
    )


def downgrade() -> None:
    op.drop_table('sign_in_failure')
    op.drop_index('ix_user_session_user_id', table_name='user_session')
    op.drop_table('user_session')
