"""`alur files check`: files no complaint points to and complaints whose file is gone."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from engine.complaints.attachments import Upload
from engine.complaints.tables import Attachment
from tests.walk import Walk
from tests.webui.files import PDF, PNG
from webui.cli.main import main
from webui.wiring import Services


@pytest.fixture
def run(services: Services, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run `alur ...` against the test database and uploads; returns (exit code, output)."""
    monkeypatch.setenv("ALUR_DATABASE_URL", services.settings.database_url)
    monkeypatch.setenv("ALUR_UPLOADS_DIR", services.settings.uploads_dir)
    monkeypatch.setenv("ALUR_SECRET_KEY", services.settings.secret_key)

    def invoke(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
        return result.exit_code, result.output

    return invoke


def _stray(folder: Path, name: str, hours_old: float) -> Path:
    path = folder / name
    path.write_bytes(PNG)
    then = time.time() - hours_old * 3600  # file ages are the machine's clock, as in the CLI
    os.utime(path, (then, then))
    return path


def test_a_clean_folder_is_ok(run, walk: Walk) -> None:  # type: ignore[no-untyped-def]
    walk.file(files=[Upload("identitas", "ktp.png", PNG), Upload("lampiran", "a.pdf", PDF)])
    code, out = run("files", "check")
    assert code == 0, out
    assert "2 file(s) of complaints checked" in out and out.rstrip().endswith("is there")


def test_stray_and_missing_files_are_listed_and_old_strays_removed(
        run, walk: Walk, services: Services) -> None:  # type: ignore[no-untyped-def]
    code = walk.file(files=[Upload("identitas", "ktp.png", PNG)]).tracking_code
    folder = Path(services.settings.uploads_dir)
    old = _stray(folder, "a" * 32, hours_old=3)  # left by a process killed mid-submission
    young = _stray(folder, ".b.part", hours_old=0.1)  # maybe a submission still saving
    with services.uow() as uow:
        row = uow.session.scalars(select(Attachment)).one()
    (folder / row.storage_key).unlink()

    status, out = run("files", "check")
    assert status == 1
    assert f"stray: {old.name}" in out and f"stray: {young.name}" in out
    assert f"missing: attachment {row.id} (identitas, 'ktp.png') of {code}" in out
    assert "alur files check --remove" in out
    assert old.exists() and young.exists()  # listing removes nothing

    status, out = run("files", "check", "--remove")
    assert status == 1  # the young stray and the missing file remain
    assert not old.exists() and young.exists()
    assert f"{old.name} (" in out and "removed" in out and "younger than the grace" in out

    status, out = run("files", "check", "--remove", "--grace", "1")
    assert not young.exists() and "missing: attachment" in out and status == 1
