"""`alur backup` / `alur restore`: a restore gives back exactly what was backed up."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from sqlalchemy import select

from engine.db import Base
from tests.walk import VERIFY_FORWARD, Walk
from webui.cli.main import main


def snapshot(services: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order."""
    rows: dict[str, list[tuple[Any, ...]]] = {}
    with services.db.connect() as conn:
        for table in Base.metadata.sorted_tables:
            order = list(table.primary_key.columns)
            rows[table.name] = [tuple(r) for r in conn.execute(select(table).order_by(*order))]
    return rows


def run(services: Any, monkeypatch: Any, *args: str) -> str:
    monkeypatch.setenv("ALUR_DATABASE_URL", services.settings.database_url)
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_restore_gives_back_what_was_backed_up(services, clock, tmp_path: Path,  # type: ignore[no-untyped-def]
                                               monkeypatch) -> None:
    walk = Walk(services, clock)
    code = walk.file().tracking_code
    walk.complete(code, "verifikasi", VERIFY_FORWARD)
    before = snapshot(services)
    target = tmp_path / "alur.backup"
    assert "backup written" in run(services, monkeypatch, "backup", str(target))
    walk.file(title="Laporan setelah cadangan dibuat")
    assert snapshot(services) != before
    services.db.dispose()  # nothing may hold the database while it is replaced
    run(services, monkeypatch, "restore", "--yes", str(target))
    services.db.dispose()
    assert snapshot(services) == before


def test_backup_while_complaints_keep_arriving_is_consistent(services, clock,  # type: ignore[no-untyped-def]
                                                             tmp_path: Path, monkeypatch) -> None:
    walk = Walk(services, clock)
    walk.file()
    stop = threading.Event()
    filed: list[str] = []

    def keep_filing() -> None:
        while not stop.is_set() and len(filed) < 40:
            filed.append(walk.file().tracking_code)

    writer = threading.Thread(target=keep_filing)
    writer.start()
    try:
        run(services, monkeypatch, "backup", str(tmp_path / "live.backup"))
    finally:
        stop.set()
        writer.join()
    services.db.dispose()
    run(services, monkeypatch, "restore", "--yes", str(tmp_path / "live.backup"))
    restored = snapshot(services)
    complaints = {r[0] for r in restored["complaint"]}
    instances = {r[0] for r in restored["process_instance"]}
    # A consistent snapshot: every complaint has its instance and identity, nothing half-made.
    assert complaints and len(instances) == len(complaints)
    assert {r[0] for r in restored["reporter_identity"]} == complaints
