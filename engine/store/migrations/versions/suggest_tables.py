"""suggestions: the trained model, keywords per category, the matcher's reading of each
complaint, and the citizens' supporters of a published report

Revision ID: suggest_tables
Revises: team_tasks
Create Date: 2026-12-04 18:00:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import engine.db

revision: str = 'suggest_tables'
down_revision: str | None = 'team_tasks'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'suggest_model',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('trained_at', engine.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('samples', sa.Integer(), nullable=False),
        sa.Column('last_verified_at', engine.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column('payload', sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_suggest_model_trained_at'), 'suggest_model', ['trained_at'],
                    unique=False)
    op.create_table(
        'suggest_keywords',
        sa.Column('category_code', sa.String(length=32), nullable=False),
        sa.Column('keywords', sa.Text(), nullable=False),
        sa.Column('updated_at', engine.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('updated_by', sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(['category_code'], ['category.code']),
        sa.PrimaryKeyConstraint('category_code'),
    )
    op.create_table(
        'suggest_text',
        sa.Column('complaint_id', sa.Integer(), nullable=False),
        sa.Column('words', sa.Text(), nullable=False),
        sa.Column('villages', sa.String(length=400), nullable=False),
        sa.Column('districts', sa.String(length=200), nullable=False),
        sa.Column('category', sa.String(length=32), nullable=True),
        sa.Column('token', sa.String(length=32), nullable=False),
        sa.Column('indexed_at', engine.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id']),
        sa.PrimaryKeyConstraint('complaint_id'),
    )
    op.create_table(
        'complaint_supporter',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('complaint_id', sa.Integer(), nullable=False),
        sa.Column('device_hash', sa.String(length=64), nullable=False),
        sa.Column('address_hash', sa.String(length=64), nullable=False),
        sa.Column('at', engine.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('complaint_id', 'device_hash'),
    )
    op.create_index('ix_supporter_address', 'complaint_supporter',
                    ['complaint_id', 'address_hash'], unique=False)
    op.create_index(op.f('ix_complaint_supporter_complaint_id'), 'complaint_supporter',
                    ['complaint_id'], unique=False)


def downgrade() -> None:
    op.drop_table('complaint_supporter')
    op.drop_table('suggest_text')
    op.drop_table('suggest_keywords')
    op.drop_index(op.f('ix_suggest_model_trained_at'), table_name='suggest_model')
    op.drop_table('suggest_model')
