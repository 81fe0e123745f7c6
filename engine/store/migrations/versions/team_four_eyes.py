"""four eyes on a new process version: the Sekretaris approves a draft before it deploys

Duty c.1 of the team's Sekretaris. A draft records who approved it and when; a version records
who approved the draft it came from (empty for versions deployed from the processes folder).

Revision ID: team_four_eyes
Revises: team_roles
Create Date: 2026-12-04 17:45:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import engine.db

revision: str = 'team_four_eyes'
down_revision: str | None = 'team_roles'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('modeler_draft') as batch:
        batch.add_column(sa.Column('approved_by', sa.String(length=100), nullable=True))
        batch.add_column(sa.Column('approved_at', engine.db.UTCDateTime(timezone=True),
                                   nullable=True))
    with op.batch_alter_table('process_definition') as batch:
        batch.add_column(sa.Column('approved_by', sa.String(length=100), nullable=False,
                                   server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('process_definition') as batch:
        batch.drop_column('approved_by')
    with op.batch_alter_table('modeler_draft') as batch:
        batch.drop_column('approved_at')
        batch.drop_column('approved_by')
