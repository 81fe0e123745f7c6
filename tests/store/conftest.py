"""Fixtures of the store's tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine

from engine.db import make_engine
from webui.wiring import Services


@pytest.fixture
def lone_engine(services: Services) -> Iterator[Engine]:
    """Alur's engine on the test database with one pooled connection: each check-out is the
    same connection."""
    engine = make_engine(services.db.url.render_as_string(hide_password=False), pool_size=1,
                         max_overflow=0)
    try:
        yield engine
    finally:
        engine.dispose()
