"""OPD names by code for the officer screens' headings ("Pejabat Penghubung · Dinas Kesehatan"),
kept per app and process: the inbox reads no statement of its own for a name that changes once
in years (the whole short list is read again at most every ``OPD_NAMES_SECONDS``)."""

from __future__ import annotations

import time
from collections.abc import Callable

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.reference.tables import Opd

OPD_NAMES_SECONDS = 300.0  # a renamed OPD shows by its new name within this many seconds


class OpdNames:
    """Every OPD's name by code (retired ones too: an officer may still belong to one), read
    in the caller's session when the copy is older than ``ttl`` seconds of ``clock``."""

    def __init__(self, ttl: float = OPD_NAMES_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.clock = clock
        self._kept: tuple[float, dict[str, str]] | None = None

    def name(self, session: Session, code: str) -> str:
        """The OPD's name, or its code when the list has no such OPD."""
        now = self.clock()
        kept = self._kept
        if kept is None or now - kept[0] >= self.ttl:
            names = {found: name for found, name in session.execute(select(Opd.code, Opd.name))}
            kept = self._kept = (now, names)
        return kept[1].get(code) or code

    def forget(self) -> None:
        """Read the list again on the next call."""
        self._kept = None


def opd_names() -> OpdNames:
    """This app's copy of the OPD names (made on first use)."""
    found: OpdNames = current_app.extensions.setdefault("alur_opd_names", OpdNames())
    return found


def opd_name(session: Session, code: str | None) -> str:
    """The name of the OPD ``code`` ("" for none), from this app's kept copy."""
    return opd_names().name(session, code) if code else ""
