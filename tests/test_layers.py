"""The layers point one way: webui → engine, forms; engine and forms never import flask."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_hold() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    assert f"Contracts: {len(contracts['contracts'])} kept, 0 broken" in result.stdout


def test_nothing_happens_at_import_time() -> None:
    # Importing the app package must not connect, read diagrams or build an app.
    code = (
        "import sys, webui, engine, forms, webui.cli.main;"
        "bad = [m for m in ('sqlalchemy.dialects.sqlite.pysqlite',) if m in sys.modules];"
        "print('ok' if not bad else bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "ok", out.stdout + out.stderr
