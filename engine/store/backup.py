"""Backups: a consistent copy of the database taken while Alur keeps running, and its restore.

SQLite uses the online backup API (readers and writers go on during the copy); PostgreSQL uses
pg_dump's custom format (a consistent snapshot) and pg_restore.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from engine.errors import AlurError


class BackupError(AlurError):
    """A backup or restore could not be made."""


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database:
        raise BackupError("the SQLite URL names no file")
    return Path(database)


def _pg_args(url: str) -> tuple[list[str], dict[str, str]]:
    parsed = make_url(url)
    args = ["--host", parsed.host or "127.0.0.1", "--port", str(parsed.port or 5432),
            "--dbname", parsed.database or "postgres"]
    if parsed.username:
        args += ["--username", parsed.username]
    env = {"PGPASSWORD": parsed.password} if parsed.password else {}
    options = str(parsed.query.get("options") or "")
    if "search_path=" in options:  # a deployment in its own schema: back up just that one
        env["PGOPTIONS"] = options
        args += ["--schema", options.split("search_path=", 1)[1].split()[0]]
    return args, env


def backup(url: str, target: Path) -> Path:
    """Write a backup of the database at ``url`` to ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if url.startswith("sqlite"):
        source = sqlite3.connect(_sqlite_path(url))
        dest = sqlite3.connect(target)
        try:
            with dest:
                source.backup(dest)
        finally:
            dest.close()
            source.close()
        return target
    _run_pg("pg_dump", url, ["--format=custom", "--no-owner", "--file", str(target)])
    return target


def restore(url: str, source: Path) -> None:
    """Replace the database at ``url`` with the backup in ``source`` (stop Alur first)."""
    if not source.is_file():
        raise BackupError(f"no backup at {source}")
    if url.startswith("sqlite"):
        path = _sqlite_path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        for leftover in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(source, path)
        return
    _run_pg("pg_restore", url, ["--clean", "--if-exists", "--no-owner", "--single-transaction",
                                str(source)], dump=False)


def _run_pg(tool: str, url: str, extra: list[str], dump: bool = True) -> None:
    if shutil.which(tool) is None:
        raise BackupError(f"{tool} is not installed (Debian package postgresql-client)")
    args, env = _pg_args(url)
    if not dump and "--schema" in args:  # pg_restore takes the schema from the file
        at = args.index("--schema")
        del args[at:at + 2]
    result = subprocess.run([tool, *args, *extra], capture_output=True, text=True,
                            env={**os.environ, **env}, check=False)
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip()}")
