"""gunicorn with deploy/gunicorn.conf.py, as the systemd unit runs it: with ALUR_LOG_FORMAT=json
every line it writes (its own, the access log, the app's) is one JSON object; access lines carry
the request id and the path without its query string."""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from engine.logs import AccessTextFormatter, access_fields
from webui.wiring import Services

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
NGINX_ID = "0123456789abcdef0123456789abcdef"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, headers: dict[str, str]) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as r:
            return int(r.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def _wait_until_up(url: str, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, "gunicorn stopped"
        try:
            _get(url, {})
            return
        except OSError:
            time.sleep(0.2)  # the server is starting: a process outside the test's clock
    pytest.fail("gunicorn did not answer within 60 s")


@pytest.mark.slow
def test_gunicorn_writes_json_lines_with_request_ids(services: Services) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ALUR_")}
    env.update(PYTHONPATH=str(ROOT), ALUR_LOG_FORMAT="json",
               ALUR_DATABASE_URL=services.settings.database_url,
               ALUR_UPLOADS_DIR=services.settings.uploads_dir,
               ALUR_SECRET_KEY=services.settings.secret_key)
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [str(gunicorn), "--config", str(CONFIG), "--workers", "1", "--bind",
         f"127.0.0.1:{port}", "webui:create_web_process_app()"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_up(base + "/healthz", server)
        assert _get(base + "/lacak?kode=RAHASIA123", {"X-Request-ID": NGINX_ID}) == 200
        assert _get(base + "/tidak-ada", {}) == 404
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    assert out == ""  # everything to standard error, the journal
    lines = [json.loads(line) for line in err.splitlines()]  # each line is JSON
    assert any(line["logger"] == "gunicorn.error" and "Listening" in line["message"]
               for line in lines)
    access = [line for line in lines if line["logger"] == "gunicorn.access"]
    tracked = next(line for line in access if line["request_id"] == NGINX_ID)
    assert tracked["path"] == "/lacak" and tracked["method"] == "GET"
    assert tracked["status"] == 200 and isinstance(tracked["duration_ms"], int)
    assert "RAHASIA123" not in err  # the query string stays out
    missing = next(line for line in access if line["path"] == "/tidak-ada")
    assert missing["status"] == 404 and len(missing["request_id"]) == 32


def test_the_text_access_line() -> None:
    atoms = {"m": "POST", "U": "/lapor", "s": "302", "B": 0, "M": 41,
             "{x-request-id}o": NGINX_ID, "q": "kode=X", "h": "10.0.0.9"}
    record = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1, "%(r)s", (atoms,),
                               None)
    assert access_fields(record) == {"method": "POST", "path": "/lapor", "status": 302,
                                     "bytes": 0, "duration_ms": 41, "request_id": NGINX_ID}
    line = AccessTextFormatter().format(record)
    assert line.endswith(f"INFO gunicorn.access POST /lapor 302 0 B 41 ms [request_id={NGINX_ID}]")
    assert "10.0.0.9" not in line and "kode=X" not in line
