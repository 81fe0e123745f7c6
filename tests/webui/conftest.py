"""Fixtures of the screen tests: a Walk, a Pages helper, the English catalogue compiled."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

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


