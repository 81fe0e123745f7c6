"""second factor (TOTP) with recovery codes, must-change-password, pending sign-in steps

Officers who may see reporters' identities sign in with a code from an authenticator app; a
password chosen by the sysadmin must be changed at first sign-in; a browser between the password
and those steps is not signed in yet.

Revision ID: totp_second_factor
Revises: auditlog_append_only
Create Date: 2026-12-04 20:45:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import engine.db

revision: str = 'totp_second_factor'
down_revision: str | None = 'auditlog_append_only'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('app_user') as batch:
        batch.add_column(sa.Column('must_change_password', sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        batch.add_column(sa.Column('totp_secret', sa.Text(), nullable=True))
        batch.add_column(sa.Column('totp_enrolled_at', engine.db.UTCDateTime(timezone=True),
                                   nullable=True))
        batch.add_column(sa.Column('totp_last_step', sa.Integer(), nullable=True))
    with op.batch_alter_table('user_session') as batch:
        batch.add_column(sa.Column('pending', sa.String(length=40), nullable=False,
                                   server_default=''))
    op.create_table(
        'recovery_code',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('code_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', engine.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('used_at', engine.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['app_user.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_recovery_code_user_id', 'recovery_code', ['user_id'])


def downgrade() -> None:
    op.drop_index('ix_recovery_code_user_id', table_name='recovery_code')
    op.drop_table('recovery_code')
    with op.batch_alter_table('user_session') as batch:
        batch.drop_column('pending')
    with op.batch_alter_table('app_user') as batch:
        batch.drop_column('totp_last_step')
        batch.drop_column('totp_enrolled_at')
        batch.drop_column('totp_secret')
        batch.drop_column('must_change_password')
