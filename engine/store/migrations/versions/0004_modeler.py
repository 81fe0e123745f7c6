"""modeler: drafts and the forms deployed with each version

Revision ID: 0004_modeler
Revises: 0002_evaluation
Create Date: 2026-11-28 22:00:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import engine.db

revision: str = '0004_modeler'
down_revision: str | None = '0002_evaluation'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('modeler_draft',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('process_id', sa.String(length=100), nullable=False),
    sa.Column('base_definition_id', sa.Integer(), nullable=True),
    sa.Column('files', sa.Text(), nullable=False),
    sa.Column('forms', sa.Text(), nullable=False),
    sa.Column('problems', sa.Text(), nullable=False),
    sa.Column('valid', sa.Boolean(), nullable=False),
    sa.Column('author', sa.String(length=100), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', engine.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('deployed_definition_id', sa.Integer(), nullable=True),
    sa.Column('deployed_at', engine.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['base_definition_id'], ['process_definition.id'], ),
    sa.ForeignKeyConstraint(['deployed_definition_id'], ['process_definition.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('modeler_draft', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_modeler_draft_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_modeler_draft_process_id'), ['process_id'], unique=False)

    op.create_table('process_form',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('definition_id', sa.Integer(), nullable=False),
    sa.Column('form_key', sa.String(length=100), nullable=False),
    sa.Column('schema', sa.Text(), nullable=False),
    sa.Column('ui', sa.Text(), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['definition_id'], ['process_definition.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('definition_id', 'form_key')
    )
    with op.batch_alter_table('process_form', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_process_form_definition_id'), ['definition_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('process_form', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_process_form_definition_id'))
    op.drop_table('process_form')
    with op.batch_alter_table('modeler_draft', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_modeler_draft_process_id'))
        batch_op.drop_index(batch_op.f('ix_modeler_draft_created_at'))
    op.drop_table('modeler_draft')
