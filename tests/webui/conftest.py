"""Fixtures of the screen tests: a Walk, a Pages helper, the English catalogue compiled."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from engine.clock import FixedClock
from tests.walk import Walk
from webui.wiring import Services

from .pages import Pages

TRANSLATIONS = Path(__file__).resolve().parents[2] / "webui" / "translations"


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


@pytest.fixture
def walk(services: Services, clock: FixedClock) -> Walk:
    """Hands to file complaints and work tasks through the engine."""
    return Walk(services, clock)


@pytest.fixture
def pages(client) -> Pages:  # type: ignore[no-untyped-def]
    """The test client with CSRF-aware form posting."""
    return Pages(client)
