"""Complaints per place for managers: per kecamatan (or per desa of one kecamatan) how many were
received, how many are still open and how many of those are past their stage's deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from engine.complaints.tables import Complaint
from engine.reference.tables import Region


@dataclass(frozen=True)
class PlaceCount:
    """One place's figures; ``code`` None is the complaints that named no place."""

    code: str | None
    name: str
    received: int
    open: int
    overdue: int
    latitude: float | None = None
    longitude: float | None = None


def counts_by_place(session: Session, now: datetime,
                    kecamatan: str | None = None) -> list[PlaceCount]:
    """Every kecamatan (or every desa of ``kecamatan``) with its figures, by code, then the
    complaints without a place (without a desa, inside one kecamatan)."""
    column = Complaint.desa_code if kecamatan else Complaint.kecamatan_code
    is_open = Complaint.closed_at.is_(None)
    query = select(
        column, func.count(),
        func.coalesce(func.sum(case((is_open, 1), else_=0)), 0),
        func.coalesce(func.sum(case((is_open & (Complaint.stage_due_at < now), 1), else_=0)), 0),
    ).group_by(column)
    if kecamatan:
        query = query.where(Complaint.kecamatan_code == kecamatan)
    figures = {code: (int(n), int(o), int(late)) for code, n, o, late in session.execute(query)}
    regions = select(Region).order_by(Region.code)
    regions = (regions.where(Region.parent_code == kecamatan) if kecamatan
               else regions.where(Region.level == "kecamatan"))
    rows = [PlaceCount(r.code, r.name, *figures.pop(r.code, (0, 0, 0)), r.latitude, r.longitude)
            for r in session.scalars(regions)]
    unplaced = figures.pop(None, (0, 0, 0))
    # A code no longer in the list (a region retired since) still counts, under its code.
    rows += [PlaceCount(code, code, *numbers) for code, numbers in sorted(figures.items())]
    if any(unplaced):
        rows.append(PlaceCount(None, "", *unplaced))
    return rows
