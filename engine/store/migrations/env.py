"""Alembic environment: migrates the database named in the Alembic config."""

from __future__ import annotations

from alembic import context

from engine.db import make_engine
from engine.tables import metadata

config = context.config


def run_migrations() -> None:
    """Run the migrations online, on the configured URL or a given connection."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


def _run(connection: object) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata(),
        render_as_batch=True,  # SQLite can only ALTER through table copies
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
