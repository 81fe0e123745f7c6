"""audit log append-only: the database itself refuses to change or remove an entry

On PostgreSQL (production) triggers on ``audit_log`` raise on every UPDATE, DELETE and TRUNCATE,
so plain SQL run by hand or by another program cannot rewrite the log either. The ORM refuses
the same before it reaches any database (engine/audit.py); SQLite (development) has only that.
Dropping the table (a restore with pg_restore --clean) is not refused, nor is a table owner
disabling the triggers on purpose.

Revision ID: auditlog_append_only
Revises: ops_metrics_worker_heartbeat
Create Date: 2026-12-04 19:10:00
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = 'auditlog_append_only'
down_revision: str | None = 'ops_metrics_worker_heartbeat'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MESSAGE = 'audit_log is append-only'


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute(f"""
        CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
        BEGIN
            RAISE EXCEPTION '{MESSAGE}';
        END;
        $$ LANGUAGE plpgsql""")
    op.execute("""
        CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()""")
    op.execute("""
        CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()""")


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute("DROP TRIGGER audit_log_no_truncate ON audit_log")
    op.execute("DROP TRIGGER audit_log_append_only ON audit_log")
    op.execute("DROP FUNCTION audit_log_append_only()")
