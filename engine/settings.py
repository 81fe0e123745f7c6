"""The one settings module: every setting, its default and its meaning."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _setting(default: Any, doc: str) -> Any:
    return field(default=default, metadata={"doc": doc})


@dataclass(frozen=True)
class Settings:
    """Runtime settings, read from ``ALUR_*`` environment variables."""

    database_url: str = _setting(
        f"sqlite:///{ROOT / 'instance' / 'alur.sqlite3'}",
        "SQLAlchemy URL of the database (SQLite file by default; postgresql+psycopg://... in "
        "production).",
    )
    processes_dir: str = _setting(
        str(ROOT / "processes"), "Folder of the default BPMN/DMN diagrams, deployed by upgrade."
    )
    forms_dir: str = _setting(
        str(ROOT / "forms" / "schemas"), "Folder with the JSON Schema form files."
    )
    uploads_dir: str = _setting(
        str(ROOT / "instance" / "uploads"), "Folder for uploaded files (outside the static folder)."
    )
    now: str = _setting("", "Pin the clock to this ISO instant for the whole app (demos, tests).")
    secret_key: str = _setting("dev-only-change-me", "Flask secret key (sessions, CSRF). Set it.")
    demo_password: str = _setting("alur-demo", "Password of the demo accounts made by `alur demo`.")
    worker_interval: float = _setting(5.0, "Seconds between two sweeps of `alur worker`.")
    worker_batch: int = _setting(100, "Due instances one worker leases per sweep.")
    clarification_days: int = _setting(
        10, "Working days a reporter has to answer a request for clarification (our choice)."
    )
    token_hours: int = _setting(24 * 30, "Lifetime of an API bearer token, in hours.")
    login_attempts: int = _setting(5, "Wrong passwords in a row that lock an account.")
    lockout_minutes: int = _setting(15, "How long a locked account stays locked.")
    max_upload_mb: int = _setting(10, "Largest accepted upload, in megabytes.")
    timezone: str = _setting("Asia/Jakarta", "Time zone of the agency (WIB).")
    secure_cookies: int = _setting(
        0, "1 when the site is served over HTTPS: session cookies then travel only over TLS."
    )

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Build settings from ``ALUR_<NAME>`` variables, then explicit overrides."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f"ALUR_{f.name.upper()}")
            if raw is not None:
                values[f.name] = type(f.default)(raw)
        values.update(overrides)
        return cls(**values)


def settings_reference() -> list[tuple[str, str, str]]:
    """(variable, default, meaning) for every setting, for the deployment guide."""
    return [
        (f"ALUR_{f.name.upper()}", str(f.default), f.metadata["doc"]) for f in fields(Settings)
    ]
