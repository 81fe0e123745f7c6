"""Shared pieces of the benchmarks: databases, timing, tables."""

from __future__ import annotations

import os
import secrets
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import event

# The checkout whose code a benchmark imports: this one, or the one ALUR_BENCH_CHECKOUT names
# (bench/pages_pair.py runs a second checkout's app with this checkout's benchmark).
ROOT = Path(os.environ.get("ALUR_BENCH_CHECKOUT") or Path(__file__).resolve().parent.parent)
BENCH = Path(__file__).resolve().parent
# Scripts here run with bench/ first on the path; keep it from shadowing packages (engine).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH]
sys.path.insert(0, str(ROOT))

from engine.calendar.working_days import WIB  # noqa: E402
from engine.clock import FixedClock  # noqa: E402
from engine.settings import Settings  # noqa: E402
from engine.store import schema  # noqa: E402
from engine.upgrade import upgrade  # noqa: E402
from tests.pg_schema import scratch_schema  # noqa: E402
from webui import wiring  # noqa: E402

PG_BASE = os.environ.get("ALUR_BENCH_PG_URL", "postgresql+psycopg://127.0.0.1:5432/test")


@contextmanager
def bench_database(kind: str, name: str = "") -> Iterator[str]:
    """A fresh, migrated database URL of ``kind`` ("sqlite" or "postgresql"), removed after;
    ``name`` tells apart two that one benchmark holds at once."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{folder}/bench.sqlite3"
            schema.upgrade(url, quiet=True)
            yield url
        return
    with scratch_schema(PG_BASE, f"alur_bench_{os.getpid()}{name}") as url:
        schema.upgrade(url, quiet=True)
        yield url


def build_services(url: str, clock: FixedClock, processes_dir: Path | None = None,
                   uploads: str | None = None) -> wiring.Services:
    """Alur's parts on ``url`` with the default (or given) diagrams deployed."""
    settings = Settings.from_env(
        {}, database_url=url, uploads_dir=uploads or tempfile.mkdtemp(),
        secret_key=secrets.token_hex(32),
        processes_dir=str(processes_dir or ROOT / "processes"),
    )
    services = wiring.build(settings, clock=clock)
    upgrade(services.settings, services.uow, services.clock, quiet=True)
    return services


def wib(text_value: str) -> datetime:
    """An instant in WIB."""
    return datetime.fromisoformat(text_value).replace(tzinfo=WIB)


class StatementCounter:
    """Counts SQL statements and commits on an engine."""

    def __init__(self, engine: object) -> None:
        self.statements = 0
        self.commits = 0
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "commit", self._commit)

    def _statement(self, *_args: object) -> None:
        self.statements += 1

    def _commit(self, *_args: object) -> None:
        self.commits += 1


def table(title: str, header: list[str], rows: list[list[str]]) -> str:
    """A plain-text table."""
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows, strict=True)]
    line = "  ".join("-" * w for w in widths)
    out = [title, "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)), line]
    out += ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(out)
