"""nginx keeps fingerprinted static files for a year and still serves the plain names."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_SITE = ROOT / "deploy" / "compose" / "nginx.conf"
SERVER_SITE = ROOT / "deploy" / "nginx" / "alur.conf"
FINGERPRINT_LOCATION = re.compile(r'location ~ "\^/static/.*\{')
LONG = "public, max-age=31536000, immutable"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def nginx(tmp_path: Path) -> Iterator[str]:
    """The compose site's nginx on a free port, its static folder in ``tmp_path/static``."""
    binary = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists()
                                        else None)
    if binary is None:
        pytest.skip("nginx is not installed")
    port = _free_port()
    site = (COMPOSE_SITE.read_text().replace("/srv/alur/static", str(tmp_path / "static"))
            .replace("listen 80;", f"listen 127.0.0.1:{port};")
            .replace("server app:8000;", "server 127.0.0.1:9;"))
    (tmp_path / "logs").mkdir()
    # As root nginx's workers would drop to nobody, who may not read the private temp folder.
    user = "user root;\n" if os.geteuid() == 0 else ""
    (tmp_path / "nginx.conf").write_text(
        f"{user}pid {tmp_path}/nginx.pid; error_log {tmp_path}/logs/error.log;\n"
        "events {}\n"
        f"http {{ access_log off; client_body_temp_path {tmp_path};\n{site}\n}}\n")
    process = subprocess.Popen([binary, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"),
                                "-g", "daemon off;"], stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                time.sleep(0.05)  # nginx binding its port: no clock to inject here
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stderr:
            process.stderr.close()


def _get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers.get("Cache-Control", ""), response.read()
    except urllib.error.HTTPError as error:
        error.close()
        return error.code, "", b""


def test_fingerprinted_names_are_immutable_and_plain_names_revalidate(
        nginx: str, tmp_path: Path) -> None:
    (tmp_path / "static" / "vendor").mkdir(parents=True)
    (tmp_path / "static" / "vendor" / "pico.min.css").write_text("body{}")
    status, cache, body = _get(f"{nginx}/static/vendor/pico.min.0123456789ab.css")
    assert (status, cache, body) == (200, LONG, b"body{}")
    status, cache, body = _get(f"{nginx}/static/vendor/pico.min.css")
    assert (status, cache, body) == (200, "no-cache", b"body{}")
    assert _get(f"{nginx}/static/vendor/absent.0123456789ab.css")[0] == 404


def test_server_site_caches_static_files_the_same_way() -> None:
    compose, server = COMPOSE_SITE.read_text(), SERVER_SITE.read_text()
    assert FINGERPRINT_LOCATION.search(compose) and FINGERPRINT_LOCATION.search(server)
    assert FINGERPRINT_LOCATION.search(server)[0] == FINGERPRINT_LOCATION.search(compose)[0]
    assert server.count(LONG) == 1 and "expires 7d" not in server
