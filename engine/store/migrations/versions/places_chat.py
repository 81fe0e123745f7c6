"""places: WhatsApp and Telegram conversations, their inbound log and the chat of a complaint

Revision ID: places_chat
Revises: places_locations
Create Date: 2026-12-04 17:50:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import engine.db

revision: str = 'places_chat'
down_revision: str | None = 'places_locations'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'chat_conversation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('provider', sa.String(length=16), nullable=False),
        sa.Column('chat_id', sa.String(length=64), nullable=False),
        sa.Column('step', sa.String(length=20), nullable=False),
        sa.Column('data', sa.Text(), nullable=False),
        sa.Column('expires_at', engine.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column('last_inbound_at', engine.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('provider', 'chat_id'),
    )
    op.create_table(
        'chat_inbound',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('provider', sa.String(length=16), nullable=False),
        sa.Column('message_id', sa.String(length=128), nullable=False),
        sa.Column('chat_id', sa.String(length=64), nullable=False),
        sa.Column('received_at', engine.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('outcome', sa.String(length=20), nullable=False),
        sa.Column('complaint_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('provider', 'message_id'),
    )
    with op.batch_alter_table('chat_inbound', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chat_inbound_chat_id'), ['chat_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_chat_inbound_complaint_id'), ['complaint_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_chat_inbound_received_at'), ['received_at'],
                              unique=False)
    op.create_table(
        'chat_contact',
        sa.Column('complaint_id', sa.Integer(), nullable=False),
        sa.Column('provider', sa.String(length=16), nullable=False),
        sa.Column('chat_id', sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id']),
        sa.PrimaryKeyConstraint('complaint_id'),
    )
    with op.batch_alter_table('chat_contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chat_contact_chat_id'), ['chat_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('chat_contact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chat_contact_chat_id'))
    op.drop_table('chat_contact')
    with op.batch_alter_table('chat_inbound', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chat_inbound_received_at'))
        batch_op.drop_index(batch_op.f('ix_chat_inbound_complaint_id'))
        batch_op.drop_index(batch_op.f('ix_chat_inbound_chat_id'))
    op.drop_table('chat_inbound')
    op.drop_table('chat_conversation')
