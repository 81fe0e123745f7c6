"""The shape holds: layers point one way (webui → engine, forms; areas in their layers), nothing
runs at import, and modules live in the package of their area."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

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


# The agreed short lists of modules at the top of engine/ and webui/; everything else lives in
# the package of its area. A new module belongs in an area (or this list changes on purpose).
# plain_flush is the unit of work's own writer and pg_cursor its PostgreSQL cursor (db imports
# both), direct sends its writes and the per-request reads: below db, in no area. json_text
# writes the workflow state (engine.workflow) and the web's answers (webui.json_provider, the
# app's JSON provider, beside its other app-wide parts).
ENGINE_TOP = {"__init__", "settings", "errors", "clock", "messages", "domain", "db", "audit",
              "labels", "tables", "worker", "upgrade", "logs", "config_check", "kept",
              "plain_flush", "pg_cursor", "direct", "json_text"}
WEBUI_TOP = {"__init__", "wiring", "auth", "errors", "i18n", "security", "dates", "labels",
             "texts", "screen", "intake", "files", "task_forms", "vendor", "requests", "urls",
             "translate", "maps", "receipts", "kept_files", "static_files", "request_ids",
             "page_work", "templating", "json_provider"}


@pytest.mark.parametrize(("package", "agreed"), [("engine", ENGINE_TOP), ("webui", WEBUI_TOP)])
def test_only_the_agreed_modules_sit_at_the_top(package: str, agreed: set[str]) -> None:
    top = {path.stem for path in (ROOT / package).glob("*.py")}
    assert sorted(top - agreed) == [], f"put these in an area package of {package}/"


@pytest.mark.parametrize("package", ["engine", "webui"])
def test_every_area_says_what_it_owns(package: str) -> None:
    for init in sorted((ROOT / package).glob("*/__init__.py")):
        docstring = ast.get_docstring(ast.parse(init.read_text()))
        assert docstring and len(docstring) > 40, f"{init.relative_to(ROOT)} needs a docstring"
