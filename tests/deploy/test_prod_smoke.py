"""The production set-up (PostgreSQL, gunicorn, `alur worker`) comes up, answers and goes down."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "prod-smoke.sh"
PG_HOST = os.environ.get("PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("PG_PORT", "5432"))

pytestmark = [pytest.mark.slow, pytest.mark.db]  # gunicorn and a worker on a real database


def _missing() -> str | None:
    """Why the smoke test cannot run here, or None."""
    gunicorn = Path(sys.executable).parent / "gunicorn"
    if not gunicorn.exists():
        return f"gunicorn is not installed next to {sys.executable}"
    for tool in ("psql", "curl"):
        if shutil.which(tool) is None:
            return f"{tool} is not on PATH"
    try:
        socket.create_connection((PG_HOST, PG_PORT), timeout=2).close()
    except OSError as err:
        return f"PostgreSQL is not reachable on {PG_HOST}:{PG_PORT} ({err})"
    return None


def test_production_setup_comes_up_answers_and_goes_down() -> None:
    reason = _missing()
    if reason:
        pytest.skip(reason)
    env = dict(os.environ, VENV=str(Path(sys.executable).parent.parent), SMOKE_DEADLINE="240")
    env.pop("ALUR_DATABASE_URL", None)
    done = subprocess.run(["bash", str(SCRIPT)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300, check=False)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "smoke test PASSED" in output
    assert "FAIL" not in done.stdout
