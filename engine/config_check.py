"""`alur config check`: the effective settings, where each came from, secrets masked, and every
problem with them, read through the one definition in engine.settings."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.settings import CHOICES, Settings, env_fields, read_settings, secret_key_problem

# Variables named ALUR_* that are not settings of the app: the test suite's and the benchmark's.
NOT_SETTINGS = frozenset({"ALUR_TEST_DATABASE_URL", "ALUR_BENCH_PG_URL"})
SECRET_NAME = re.compile(r"(secret|password|token|_key)$")
URL_PASSWORD = re.compile(r"(?P<head>[a-z][a-z0-9+.-]*://[^:/@\s]*:)[^@\s]+(?P<tail>@)", re.I)
# A channel switched to live needs these, or every message of it fails.
NEEDED_WHEN_LIVE = {
    "sms_mode": ("sms_gateway_url",),
    "national_mode": ("national_url",),
    "whatsapp_mode": ("whatsapp_token", "whatsapp_phone_number_id"),
    "telegram_mode": ("telegram_bot_token",),
}
# Channels that send messages with links to the portal once live.
LIVE_MODES = ("sms_mode", "email_mode", "national_mode", "whatsapp_mode", "telegram_mode")
DEFAULT = "default"
ENVIRONMENT = "environment"


@dataclass(frozen=True)
class EffectiveSetting:
    """One setting as the app would use it: its variable, the value shown, its source."""

    variable: str
    shown: str
    source: str


@dataclass(frozen=True)
class ConfigReport:
    """Every setting and every problem; the app must not run while ``problems`` is not empty."""

    settings: list[EffectiveSetting]
    problems: list[str]


def read_env_file(path: Path) -> tuple[dict[str, str], list[str]]:
    """``NAME=value`` lines of an environment file (systemd's EnvironmentFile, compose's
    .env): comments and blank lines skipped, one pair of surrounding quotes removed; and a
    problem per line that is not such a pair."""
    values: dict[str, str] = {}
    problems: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text = line.strip()
        if not text or text.startswith(("#", ";")):
            continue
        name, equals, value = text.removeprefix("export ").partition("=")
        if not equals or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name.strip()):
            problems.append(f"{path}:{number}: not a NAME=value line")
            continue
        values[name.strip()] = _unquote(value.strip())
    return values, problems


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def check(environ: Mapping[str, str], file_values: Mapping[str, str] | None = None,
          file_name: str = "") -> ConfigReport:
    """The settings from ``file_values`` (read from ``file_name``) overridden by ``environ``,
    as `alur config check` prints them."""
    merged = {**(file_values or {}), **{k: v for k, v in environ.items()
                                       if k.startswith("ALUR_")}}
    values, problems = read_settings(merged)
    settings = Settings(**values)
    rows = [EffectiveSetting(variable, _shown(f.name, getattr(settings, f.name)),
                             _source(variable, environ, file_values, file_name)
                             if f.name in values else _refused(variable, merged))
            for f in env_fields() for variable in [f"ALUR_{f.name.upper()}"]]
    problems += (_unknown(merged) + _secret_key(settings) + _live_channels(settings)
                 + _public_url(settings))
    return ConfigReport(rows, problems)


def _source(variable: str, environ: Mapping[str, str], file_values: Mapping[str, str] | None,
            file_name: str) -> str:
    if variable in environ:
        return ENVIRONMENT
    if file_values is not None and variable in file_values:
        return f"file {file_name}"
    return DEFAULT


def _refused(variable: str, merged: Mapping[str, str]) -> str:
    return "default (the value given is refused)" if variable in merged else DEFAULT


def _shown(name: str, value: Any) -> str:
    if SECRET_NAME.search(name):
        return "(set, hidden)" if str(value) else "(empty)"
    return URL_PASSWORD.sub(r"\g<head>****\g<tail>", str(value))


def _unknown(merged: Mapping[str, str]) -> list[str]:
    known = [f"ALUR_{f.name.upper()}" for f in env_fields()]
    problems = []
    for variable in sorted(set(merged) - set(known) - NOT_SETTINGS):
        close = difflib.get_close_matches(variable, known, n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        problems.append(f"{variable}: not a setting of Alur, ignored{hint}")
    return problems


def _secret_key(settings: Settings) -> list[str]:
    problem = secret_key_problem(settings.secret_key)
    if problem is None or settings.development:
        return []
    return [f"{problem}: set a random value of at least 32 characters, e.g. the output of "
            f"python3 -c \"import secrets; print(secrets.token_hex(32))\""]


def _public_url(settings: Settings) -> list[str]:
    """A live channel sends citizens links; without ALUR_PUBLIC_URL they would point at the
    address `alur serve` listens on, which no citizen's phone reaches."""
    live = [f"ALUR_{name.upper()}=live" for name in LIVE_MODES
            if getattr(settings, name) == "live"]
    if not live or settings.public_url.strip():
        return []
    return [f"ALUR_PUBLIC_URL is empty but {', '.join(live)}: links in messages would point at "
            f"{settings.message_url} (set the portal's public address, e.g. "
            f"https://lapor.empatlawangkab.go.id)"]


def _live_channels(settings: Settings) -> list[str]:
    problems = []
    for mode, needed in NEEDED_WHEN_LIVE.items():
        if getattr(settings, mode) != "live":
            continue
        for name in needed:
            if not str(getattr(settings, name)).strip():
                problems.append(f"ALUR_{name.upper()} is empty but ALUR_{mode.upper()}=live "
                                f"(allowed: {', '.join(CHOICES[mode])}; dev keeps messages "
                                f"in the development box)")
    return problems
