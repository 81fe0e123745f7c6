"""The app as gunicorn's workers build it: ``webui:create_web_process_app()``."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Run in a process of its own: frozen objects are never freed, so this test's process must
# not freeze what the rest of the suite builds.
PROBE = """
import gc
import webui
app = webui.create_web_process_app()
walked = len(gc.get_objects())  # what a full collection still walks
frozen = gc.get_freeze_count()
reply = app.test_client().get("/healthz")
print(type(app).__name__, reply.status_code, frozen, walked)
"""


def test_a_web_process_builds_its_app_then_keeps_it_out_of_full_collections(
        tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ALUR_")}
    env.update(ALUR_DATABASE_URL=f"sqlite:///{tmp_path / 'alur.sqlite3'}",
               ALUR_SECRET_KEY=secrets.token_hex(32), ALUR_UPLOADS_DIR=str(tmp_path),
               PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    kind, status, frozen, walked = done.stdout.split()
    assert (kind, status) == ("Flask", "200")  # it serves
    # The modules, mappers and templates' environment are frozen: a full collection walks
    # what requests make from now on, not the app (tens of thousands of objects against
    # a few thousand left).
    assert int(frozen) > 50_000
    assert int(walked) < int(frozen) // 10
