"""the decree's team role by role: pimpinan becomes penanggung_jawab

The single ``pimpinan`` role stood for both the Pengarah (Kepala Dinas) and the Penanggung
Jawab (Sekretaris Dinas). The day-to-day head of the team is the Penanggung Jawab, so existing
``pimpinan`` accounts become ``penanggung_jawab``; the system administrator then creates the
Pengarah's account. The audit log keeps the role each entry was written under.

Revision ID: team_roles
Revises: process_service_time
Create Date: 2026-12-04 17:40:00
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = 'team_roles'
down_revision: str | None = 'process_service_time'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("UPDATE app_user SET role = 'penanggung_jawab' WHERE role = 'pimpinan'")


def downgrade() -> None:
    op.execute("UPDATE app_user SET role = 'pimpinan' "
               "WHERE role IN ('penanggung_jawab', 'pengarah')")
