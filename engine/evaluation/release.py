"""The periodic report is prepared for the team's Sekretaris and released by them (duty c.2):
who released which period and when. Until released, every copy of the report says it is a
draft; the Kepala OPD receives the OPD's sheet only once it is released."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import audit
from engine.calendar.periods import Period
from engine.domain import SECRETARY_ROLE, Actor
from engine.errors import ConflictError, ForbiddenError

from .tables import ReportRelease


@dataclass(frozen=True)
class Release:
    """Who released a period's report, when, with what note."""

    by: str
    at: datetime
    note: str = ""


def release_of(session: Session, period: Period) -> Release | None:
    """The release of ``period``'s report (None: still a draft)."""
    row = session.scalar(select(ReportRelease).where(ReportRelease.period == period.code))
    return None if row is None else Release(row.released_by, row.released_at, row.note)


def release_report(session: Session, period: Period, actor: Actor, now: datetime,
                   note: str = "") -> Release:
    """The Sekretaris releases a finished period's report (in the caller's transaction)."""
    if actor.role != SECRETARY_ROLE:
        raise ForbiddenError("Hanya Sekretaris tim yang merilis laporan berkala")
    if now < period.end:
        raise ConflictError("Periode ini belum berakhir; laporannya belum dapat dirilis")
    if release_of(session, period) is not None:
        raise ConflictError("Laporan periode ini sudah dirilis")
    note = note.strip()[:500]
    session.add(ReportRelease(period=period.code, released_by=actor.username, released_at=now,
                              note=note))
    session.flush()
    audit.record(session, actor, "report_released", now, period=period.code, note=note)
    return Release(actor.username, now, note)


def released_periods(session: Session, limit: int = 12) -> list[tuple[str, Release]]:
    """(period code, release) of the latest released reports, newest release first."""
    rows = session.scalars(select(ReportRelease).order_by(ReportRelease.released_at.desc(),
                                                          ReportRelease.id.desc()).limit(limit))
    return [(r.period, Release(r.released_by, r.released_at, r.note)) for r in rows]
