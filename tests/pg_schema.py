"""A PostgreSQL schema of its own for one run, so parallel runs on one server never collide."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Table, text

from engine.db import make_engine


@contextmanager
def scratch_schema(base_url: str, name: str) -> Iterator[str]:
    """A fresh schema ``name`` on ``base_url``; yields a URL whose search_path is that schema."""
    admin = make_engine(base_url)
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {name} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {name}"))
    separator = "&" if "?" in base_url else "?"
    try:
        yield f"{base_url}{separator}options=-csearch_path%3D{name}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {name} CASCADE"))
        admin.dispose()


def delete_all(conn: Connection, tables: Iterable[Table]) -> None:
    """Empty ``tables`` for the next test. The audit log refuses DELETE on PostgreSQL (its
    triggers); the suite, owner of its scratch schema, lifts them for this wipe only."""
    guarded = conn.dialect.name == "postgresql"
    if guarded:
        conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
    for table in tables:
        conn.execute(table.delete())
    if guarded:
        conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER USER"))
