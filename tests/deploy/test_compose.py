"""compose.yaml and the Dockerfile: the whole set-up, built from the lock file."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
SERVICES = {"db", "migrate", "app", "worker", "nginx"}


def _compose() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_compose_runs_database_migrations_demo_app_worker_and_nginx() -> None:
    services = _compose()["services"]
    assert set(services) == SERVICES
    assert "alur db upgrade" in " ".join(services["migrate"]["command"])
    assert "alur demo --if-empty" in " ".join(services["migrate"]["command"])
    assert services["worker"]["command"] == ["alur", "worker"]
    for name in ("app", "worker"):  # never before the migrations are through
        assert services[name]["depends_on"]["migrate"]["condition"] == \
            "service_completed_successfully"
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["nginx"]["depends_on"]["app"]["condition"] == "service_healthy"
    for name in ("migrate", "app", "worker"):  # one database, one key, one uploads folder
        environment = services[name]["environment"]
        assert environment["ALUR_DATABASE_URL"].startswith("postgresql+psycopg://")
        assert "@db:5432/" in environment["ALUR_DATABASE_URL"]
        assert environment["ALUR_SECRET_KEY_FILE"].startswith("/var/lib/alur/keys/")
        assert "uploads:/var/lib/alur/uploads" in services[name]["volumes"]


def test_every_build_target_exists_in_the_dockerfile() -> None:
    stages = set(re.findall(r"^FROM \S+ AS (\S+)$", DOCKERFILE, re.MULTILINE))
    targets = {service["build"]["target"] for service in _compose()["services"].values()
               if "build" in service}
    assert targets and targets <= stages, targets - stages


def test_image_installs_exactly_the_lock_and_the_wheel() -> None:
    assert "COPY requirements.lock" in DOCKERFILE
    lock_install = "pip install --no-cache-dir --no-deps --require-hashes -r requirements.lock"
    assert lock_install in DOCKERFILE
    assert "&& pip check" in DOCKERFILE
    assert "pip install --no-cache-dir --no-deps /dist/alur-*.whl" in DOCKERFILE
    assert "pybabel compile" in DOCKERFILE and "webui.vendor" in DOCKERFILE
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".venv", "node_modules", "instance"} <= set(ignored)


def test_docker_compose_accepts_the_file() -> None:
    command = _compose_command()
    if command is None:
        pytest.skip("neither `docker compose` nor docker-compose is installed")
    done = subprocess.run([*command, "config", "--quiet"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr


def _compose_command() -> list[str] | None:
    """`docker compose` (the plugin) or the older `docker-compose`, whichever is here."""
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], capture_output=True,
                                 timeout=30, check=False).returncode == 0:
        return [docker, "compose"]
    found = shutil.which("docker-compose")
    return [found] if found else None
