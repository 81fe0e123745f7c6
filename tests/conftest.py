"""Fixtures shared by the whole suite: a migrated database (SQLite or PostgreSQL), a clock, the
app and its clients, the English catalogue compiled, cheap password hashes.

Tests that reach the database are marked ``db`` here, from the fixtures they use: ``pytest -m
"not db"`` is the unit tier, which runs in seconds with no database at all."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from engine.accounts import signin
from engine.calendar.working_days import WIB
from engine.clock import FixedClock
from engine.reference.seed import seed_reference_data
from engine.settings import Settings
from engine.store import schema
from engine.tables import metadata
from engine.workflow.definitions import SpecCache, ensure_deployed
from tests.webui.pages import Pages
from webui import wiring

from .live import chromium, served
from .pg_schema import delete_all, scratch_schema
from .walk import Walk

PG_URL_VAR = "ALUR_TEST_DATABASE_URL"
TRANSLATIONS = Path(__file__).resolve().parents[1] / "webui" / "translations"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that reaches a database ``db`` (the unit tier is ``-m "not db"``)."""
    for item in items:
        if "database_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogues() -> None:
    """What `make setup` does with pybabel compile, for a checkout where it has not run."""
    for po_path in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog)


@pytest.fixture(autouse=True)
def cheap_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with the least work: production's cost per account adds up over a matrix of
    every role (verification reads the cost from each hash, so sign-in still works)."""
    monkeypatch.setattr(signin, "_hasher", PasswordHasher(time_cost=1, memory_cost=8,
                                                            parallelism=1))


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A freshly migrated database for this test session."""
    base = os.environ.get(PG_URL_VAR)
    if not base:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'alur-test.sqlite3'}"
        schema.upgrade(url, quiet=True)
        yield url
        return
    with scratch_schema(base, f"alur_test_{os.getpid()}") as url:
        schema.upgrade(url, quiet=True)
        yield url


@pytest.fixture(scope="session")
def spec_cache() -> SpecCache:
    """Parsed diagrams shared by every test (parsing once is what production does too)."""
    return SpecCache()


@pytest.fixture
def clock() -> FixedClock:
    """A clock pinned to Monday 2 March 2026, 09:00 WIB."""
    return FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=WIB))


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Settings for a test: the session's database, uploads in a temp folder."""
    return Settings.from_env(
        {}, database_url=database_url, uploads_dir=str(tmp_path / "uploads"),
        secret_key="test-secret-of-the-suite-0123456789abcdef", demo_password="alur-demo",
        totp_required_roles="",  # tests of the second factor ask for it (tests/accounts)
        public_url="http://127.0.0.1:5000",  # as production sets it (tests/webui/test_public_links)
    )


def _wipe(services: wiring.Services) -> None:
    with services.db.begin() as conn:
        delete_all(conn, reversed(metadata().sorted_tables))


@pytest.fixture
def services(settings: Settings, clock: FixedClock, spec_cache: SpecCache) -> Iterator[
    wiring.Services
]:
    """Alur's parts on a clean database with the default diagrams and reference data."""
    built = wiring.build(settings, clock=clock)
    built.runtime.specs = spec_cache
    _wipe(built)
    with built.uow() as uow:  # what `alur db upgrade` does after migrating
        ensure_deployed(uow.session, Path(settings.processes_dir), clock())
        seed_reference_data(uow.session)
        uow.commit()
    yield built
    built.db.dispose()


@pytest.fixture
def app(services: wiring.Services):  # type: ignore[no-untyped-def]
    """The Flask app on the test database and clock (CSRF on, as in production)."""
    from webui import create_app

    return create_app({"TESTING": True, "ALUR_SERVICES": services})


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    """A test client of the app."""
    return app.test_client()


@pytest.fixture
def walk(services: wiring.Services, clock: FixedClock) -> Walk:
    """Hands to file complaints and work tasks through the engine."""
    return Walk(services, clock)


@pytest.fixture
def pages(client) -> Pages:  # type: ignore[no-untyped-def]
    """The test client with CSRF-aware form posting and sign-in."""
    return Pages(client)


@pytest.fixture
def base_url(app) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The app served on a free local port from a thread, against the test database."""
    with served(app) as url:
        yield url


@pytest.fixture
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright."""
    with chromium() as launched:
        yield launched
