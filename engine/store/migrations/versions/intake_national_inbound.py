"""national inbound: replies and status changes from national LAPOR!, each event once

The exchange only received new complaints; a reply written on national's follow-up page never
reached Alur, so the 10-day closure timer closed complaints against prosedur (c). Each inbound
event is kept once by national's event id (a repeat is answered as a duplicate).

Revision ID: intake_national_inbound
Revises: 0006_registration_counter
Create Date: 2026-12-04 16:00:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

import engine.db
from alembic import op

revision: str = 'intake_national_inbound'
down_revision: str | None = '0006_registration_counter'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'national_inbound',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.String(length=100), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('complaint_id', sa.Integer(), nullable=False),
        sa.Column('received_at', engine.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('author', sa.String(length=20), nullable=False),
        sa.Column('status', sa.String(length=40), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('outcome', sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('event_id'),
    )
    op.create_index('ix_national_inbound_complaint_id', 'national_inbound', ['complaint_id'])
    op.create_index('ix_national_inbound_received_at', 'national_inbound', ['received_at'])


def downgrade() -> None:
    op.drop_index('ix_national_inbound_received_at', table_name='national_inbound')
    op.drop_index('ix_national_inbound_complaint_id', table_name='national_inbound')
    op.drop_table('national_inbound')
