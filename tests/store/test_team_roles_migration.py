"""Revision team_roles turns the old single ``pimpinan`` role into ``penanggung_jawab``."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import text

from engine.db import make_engine
from engine.store import schema


def test_pimpinan_accounts_become_penanggung_jawab(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    config = schema.alembic_config(url)
    command.upgrade(config, "intake_improvement_actions")
    db = make_engine(url)
    with db.begin() as conn:
        for n, (username, role) in enumerate([("kadis", "pimpinan"), ("ketua", "ketua")], 1):
            conn.execute(text(
                "INSERT INTO app_user (id, username, full_name, password_hash, role, active, "
                "failed_logins, created_at) VALUES (:id, :u, :u, '-', :r, 1, 0, "
                "'2026-03-02 02:00:00.000000')"), {"id": n, "u": username, "r": role})
    db.dispose()
    command.upgrade(config, "team_roles")
    db = make_engine(url)
    with db.connect() as conn:
        roles = dict(conn.execute(text("SELECT username, role FROM app_user")).all())
    db.dispose()
    assert roles == {"kadis": "penanggung_jawab", "ketua": "ketua"}
