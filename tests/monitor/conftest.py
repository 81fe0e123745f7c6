"""Fixtures of the monitoring tests: hands, pages, officers and a script that fails on cue."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from engine.complaints import steps
from engine.errors import ScriptError
from tests.walk import Walk
from tests.webui.pages import Pages


@pytest.fixture
def signed_in(walk: Walk, pages: Pages) -> Callable[..., Pages]:
    """Sign in as an officer of a role (created on first use)."""

    def sign_in(role: str, opd: str | None = None) -> Pages:
        walk.user(role, opd)
        pages.login((f"{role}-{opd}" if opd else role).lower())
        return pages

    return sign_in


class Breaker:
    """Makes ``set_status`` in diagram scripts fail while ``broken`` is true."""

    def __init__(self) -> None:
        self.broken = True

    def wrap(self, original: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
        """A script_functions that fails set_status while broken."""

        def functions(*args: Any) -> dict[str, Any]:
            found = original(*args)
            real = found["set_status"]

            def set_status(status: str) -> None:
                if self.broken:
                    raise ScriptError("layanan status mati")
                real(status)

            return {**found, "set_status": set_status}

        return functions


@pytest.fixture
def breaker(monkeypatch: pytest.MonkeyPatch) -> Iterator[Breaker]:
    """Scripts fail until ``breaker.broken = False``."""
    found = Breaker()
    monkeypatch.setattr(steps, "script_functions", found.wrap(steps.script_functions))
    yield found
