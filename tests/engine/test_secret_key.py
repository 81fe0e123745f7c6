"""No forgeable session: a default, known, empty or short secret key stops start-up outside
development mode; development mode makes a random key once and keeps it in the instance folder."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.settings import (
    MIN_SECRET_KEY_LENGTH,
    SecretKeyError,
    Settings,
    secret_key_problem,
    with_secret_key,
)

ROOT = Path(__file__).resolve().parents[2]
STRONG = "k" * 20 + "0123456789abcdef"


def _example_key() -> str:
    """The key deploy/alur.env.example ships with."""
    lines = (ROOT / "deploy" / "alur.env.example").read_text(encoding="utf-8").splitlines()
    return next(line.split("=", 1)[1] for line in lines if line.startswith("ALUR_SECRET_KEY="))


@pytest.mark.parametrize("key", ["", "   ", "dev-only-change-me", "CHANGE-ME", "change-me",
                                 "test-secret", "x" * (MIN_SECRET_KEY_LENGTH - 1)])
def test_a_weak_key_is_refused_with_what_to_do(key: str, tmp_path: Path) -> None:
    settings = Settings.from_env({}, secret_key=key, secret_key_file=str(tmp_path / "k"))
    with pytest.raises(SecretKeyError) as refused:
        with_secret_key(settings)
    message = str(refused.value)
    assert "ALUR_SECRET_KEY" in message and "secrets.token_hex(32)" in message
    assert "ALUR_DEVELOPMENT=1" in message
    assert not (tmp_path / "k").exists()  # production never makes a key of its own


def test_the_shipped_defaults_are_refused() -> None:
    assert secret_key_problem(Settings().secret_key) == "ALUR_SECRET_KEY is empty"
    assert "publicly known" in (secret_key_problem(_example_key()) or "")
    assert "publicly known" in (secret_key_problem("dev-only-change-me") or "")


def test_a_long_random_key_is_used_as_it_is(tmp_path: Path) -> None:
    settings = Settings.from_env({}, secret_key=STRONG, secret_key_file=str(tmp_path / "k"))
    assert with_secret_key(settings).secret_key == STRONG
    assert not (tmp_path / "k").exists()


def test_development_makes_one_key_and_keeps_it(tmp_path: Path) -> None:
    path = tmp_path / "instance" / "secret_key"
    settings = Settings.from_env({"ALUR_DEVELOPMENT": "1", "ALUR_SECRET_KEY_FILE": str(path)})
    first = with_secret_key(settings).secret_key
    assert secret_key_problem(first) is None and len(first) == 64
    assert path.read_text().strip() == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert with_secret_key(settings).secret_key == first  # the next start: the same key
    weak = Settings.from_env({"ALUR_DEVELOPMENT": "1", "ALUR_SECRET_KEY_FILE": str(path),
                              "ALUR_SECRET_KEY": "dev-only-change-me"})
    assert with_secret_key(weak).secret_key == first  # a known key is never signed with
    path.write_text("short\n")
    renewed = with_secret_key(settings).secret_key
    assert renewed != first and secret_key_problem(renewed) is None


def test_the_app_refuses_to_start_with_a_known_key(settings: Settings) -> None:
    from dataclasses import replace

    from webui import create_app

    with pytest.raises(SecretKeyError):
        create_app({"ALUR_SETTINGS": replace(settings, secret_key="dev-only-change-me")})
    app = create_app({"ALUR_SETTINGS": settings})
    assert app.config["SECRET_KEY"] == settings.secret_key


def test_gunicorns_factory_stops_with_the_reason(tmp_path: Path) -> None:
    """What gunicorn runs (``webui:create_web_process_app()``), with the example file's key."""
    env = {**os.environ, "ALUR_SECRET_KEY": _example_key(),
           "ALUR_DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"}
    env.pop("ALUR_DEVELOPMENT", None)
    done = subprocess.run([sys.executable, "-c", "import webui; webui.create_web_process_app()"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "SecretKeyError: ALUR_SECRET_KEY is a publicly known default value" in done.stderr


def test_cli_commands_stop_with_a_clear_error(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    from webui.cli.main import main

    monkeypatch.setenv("ALUR_DATABASE_URL", f"sqlite:///{tmp_path / 'x.sqlite3'}")
    monkeypatch.setenv("ALUR_SECRET_KEY_FILE", str(tmp_path / "secret_key"))
    monkeypatch.delenv("ALUR_SECRET_KEY", raising=False)
    monkeypatch.delenv("ALUR_DEVELOPMENT", raising=False)
    for command in (["worker", "--once"], ["serve"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1, result.output
        assert "Error: ALUR_SECRET_KEY is empty" in result.output
    assert not (tmp_path / "secret_key").exists()
