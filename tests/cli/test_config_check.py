"""`alur config check`: the effective settings with their sources, secrets hidden, and every
problem named with its setting and allowed values; exit 1 while any problem remains."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.settings import settings_reference
from webui.cli.main import main

KEY = "k3y-" + "9f" * 20  # long and random enough to sign
SMTP_SECRET = "smtp-pa55word-never-printed"


@pytest.fixture(autouse=True)
def no_alur_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only what each test sets: the developer's own ALUR_* variables stay out."""
    for name in [n for n in os.environ if n.startswith("ALUR_")]:
        monkeypatch.delenv(name)


def check(*args: str, **env: str) -> tuple[int, dict[str, tuple[str, str]], list[str]]:
    """Run it: exit code, {variable: (shown value, source)}, problems."""
    result = CliRunner().invoke(main, ["config", "check", *args], env=env)
    lines = result.stdout.splitlines()
    rows = {}
    for line in lines:
        if line.startswith("ALUR_"):
            variable, rest = line.split(None, 1)
            shown, _, source = rest.rpartition("  [")
            rows[variable] = (shown.strip(), source.rstrip("]"))
    problems = [line[2:] for line in result.stderr.splitlines() if line.startswith("- ")]
    return result.exit_code, rows, problems


def test_a_good_configuration_passes_and_shows_every_setting() -> None:
    code, rows, problems = check(ALUR_SECRET_KEY=KEY, ALUR_SMS_MODE="LIVE",
                                 ALUR_SMS_GATEWAY_URL="https://sms.example/kirim",
                                 ALUR_PUBLIC_URL="https://lapor.empatlawangkab.go.id")
    assert (code, problems) == (0, [])
    assert set(rows) == {variable for variable, _default, _doc in settings_reference()}
    assert rows["ALUR_SMS_MODE"] == ("live", "environment")  # as the app reads it
    assert rows["ALUR_WORKER_INTERVAL"] == ("5.0", "default")


def test_secrets_are_hidden_even_inside_a_database_url() -> None:
    code, rows, _ = check(ALUR_SECRET_KEY=KEY, ALUR_SMTP_PASSWORD=SMTP_SECRET,
                          ALUR_DATABASE_URL="postgresql+psycopg://alur:db-pa55@db:5432/alur")
    result = CliRunner().invoke(main, ["config", "check"], env={
        "ALUR_SECRET_KEY": KEY, "ALUR_SMTP_PASSWORD": SMTP_SECRET})
    assert code == 0 and KEY not in result.output and SMTP_SECRET not in result.output
    assert rows["ALUR_SECRET_KEY"] == ("(set, hidden)", "environment")
    assert rows["ALUR_SMTP_PASSWORD"][0] == "(set, hidden)"
    assert rows["ALUR_SMS_GATEWAY_KEY"][0] == "(empty)"
    assert rows["ALUR_DATABASE_URL"][0] == "postgresql+psycopg://alur:****@db:5432/alur"


def test_every_problem_is_named_with_allowed_values_and_the_exit_is_nonzero() -> None:
    code, rows, problems = check(ALUR_SMS_MODE="Live!", ALUR_SECURE_COOKIES="maybe",
                                 ALUR_LOG_FORMAT="xml", ALUR_WORKER_INTERVL="3",
                                 ALUR_NATIONAL_MODE="live")
    assert code == 1
    assert "ALUR_SMS_MODE='Live!': expected one of dev, live" in problems
    assert "ALUR_LOG_FORMAT='xml': expected one of text, json" in problems
    assert any(p.startswith("ALUR_SECURE_COOKIES='maybe': expected 1 or 0") for p in problems)
    assert ("ALUR_WORKER_INTERVL: not a setting of Alur, ignored; did you mean "
            "ALUR_WORKER_INTERVAL?") in problems
    assert any(p.startswith("ALUR_SECRET_KEY is empty") for p in problems)
    assert any(p.startswith("ALUR_NATIONAL_URL is empty but ALUR_NATIONAL_MODE=live")
               for p in problems)
    assert any(p.startswith("ALUR_PUBLIC_URL is empty but ALUR_NATIONAL_MODE=live")
               for p in problems)
    assert len(problems) == 7
    assert rows["ALUR_SMS_MODE"] == ("dev", "default (the value given is refused)")


def test_a_live_channel_needs_the_public_address_for_its_links() -> None:
    code, _, problems = check(ALUR_SECRET_KEY=KEY, ALUR_EMAIL_MODE="live",
                              ALUR_SMTP_HOST="smtp.example")
    assert code == 1 and problems == [
        "ALUR_PUBLIC_URL is empty but ALUR_EMAIL_MODE=live: links in messages would point at "
        "http://127.0.0.1:5000 (set the portal's public address, e.g. "
        "https://lapor.empatlawangkab.go.id)"]
    assert check(ALUR_SECRET_KEY=KEY, ALUR_EMAIL_MODE="live", ALUR_SMTP_HOST="smtp.example",
                 ALUR_PUBLIC_URL="https://lapor.empatlawangkab.go.id")[2] == []


def test_a_known_key_is_a_problem_unless_in_development() -> None:
    code, _, problems = check(ALUR_SECRET_KEY="change-me")
    assert code == 1 and problems == [
        "ALUR_SECRET_KEY is a publicly known default value: set a random value of at least 32 "
        "characters, e.g. the output of python3 -c \"import secrets; "
        "print(secrets.token_hex(32))\""]
    assert check(ALUR_SECRET_KEY="change-me", ALUR_DEVELOPMENT="1")[0] == 0


def test_the_environment_file_is_read_and_the_environment_overrides_it(tmp_path: Path) -> None:
    env_file = tmp_path / "alur.env"
    env_file.write_text(
        f"# /etc/alur/alur.env\nALUR_SECRET_KEY='{KEY}'\nALUR_LOG_FORMAT=json\n"
        "ALUR_WORKER_BATCH=50\n\nexport ALUR_SMTP_PORT=\"465\"\n", encoding="utf-8")
    code, rows, problems = check("--env-file", str(env_file), ALUR_WORKER_BATCH="20")
    assert (code, problems) == (0, [])
    assert rows["ALUR_LOG_FORMAT"] == ("json", f"file {env_file}")
    assert rows["ALUR_SMTP_PORT"] == ("465", f"file {env_file}")
    assert rows["ALUR_WORKER_BATCH"] == ("20", "environment")
    assert rows["ALUR_SECRET_KEY"] == ("(set, hidden)", f"file {env_file}")


def test_a_broken_line_in_the_file_is_a_problem(tmp_path: Path) -> None:
    env_file = tmp_path / "alur.env"
    env_file.write_text(f"ALUR_SECRET_KEY={KEY}\nALUR_SMS_MODE live\n", encoding="utf-8")
    code, _, problems = check("--env-file", str(env_file))
    assert code == 1 and problems == [f"{env_file}:2: not a NAME=value line"]
