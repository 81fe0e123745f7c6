"""The public list of published reports, a page at a time, and the public map of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from engine.reference.tables import Category, Opd, Region

from .tables import Complaint
from .visibility import PUBLISHED_STATUSES, public_position

PAGE_SIZE = 20


@dataclass(frozen=True)
class PublishedReport:
    """One line of the public list: nothing of the reporter (their identity is never published)."""

    tracking_code: str
    title: str
    status: str
    received_at: datetime
    category_name: str | None
    opd_name: str | None


@dataclass(frozen=True)
class PublishedPage:
    """A page of the public list."""

    reports: list[PublishedReport]
    page: int
    pages: int
    total: int


def published_clause() -> ColumnElement[bool]:
    """visibility.is_published as SQL (verified and not rahasia)."""
    return and_(Complaint.rahasia.is_(False), Complaint.status.in_(sorted(PUBLISHED_STATUSES)))


def published_reports(session: Session, page: int = 1, per_page: int = PAGE_SIZE) -> PublishedPage:
    """Published reports, newest first; ``page`` starts at 1 and is clamped to the last page."""
    total = session.scalar(select(func.count()).select_from(Complaint).where(
        published_clause())) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    rows = session.execute(
        select(Complaint, Category.name, Opd.name)
        .outerjoin(Category, Category.code == Complaint.category_code)
        .outerjoin(Opd, Opd.code == Complaint.opd_code)
        .where(published_clause())
        .order_by(Complaint.received_at.desc(), Complaint.id.desc())
        .offset((page - 1) * per_page).limit(per_page)
    ).all()
    return PublishedPage([_report(*row) for row in rows], page, pages, total)


def _report(complaint: Complaint, category: Any, opd: Any) -> PublishedReport:
    return PublishedReport(complaint.tracking_code, complaint.title, complaint.status,
                           complaint.received_at, category, opd)


MAP_LIMIT = 2000  # the newest pins; the page says when there are more


@dataclass(frozen=True)
class MapFilter:
    """What the public map shows: one kecamatan, category or published status (None: all)."""

    kecamatan: str | None = None
    category: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class MapPin:
    """A published report on the public map, at the point its privacy allows."""

    tracking_code: str
    title: str
    status: str
    latitude: float
    longitude: float
    kecamatan_name: str | None
    category_name: str | None


@dataclass(frozen=True)
class PublicMap:
    """The pins, how many published reports match the filter, how many of them have a point."""

    pins: list[MapPin]
    matching: int
    with_point: int


def published_map(session: Session, flt: MapFilter, limit: int = MAP_LIMIT) -> PublicMap:
    """Published reports matching ``flt`` that carry a point, newest first (at most ``limit``)."""
    conditions = [published_clause()]
    if flt.kecamatan:
        conditions.append(Complaint.kecamatan_code == flt.kecamatan)
    if flt.category:
        conditions.append(Complaint.category_code == flt.category)
    if flt.status:
        conditions.append(Complaint.status == flt.status)
    matching = session.scalar(select(func.count()).select_from(Complaint).where(*conditions))
    conditions.append(Complaint.latitude.is_not(None))
    with_point = session.scalar(select(func.count()).select_from(Complaint).where(*conditions))
    rows = session.execute(
        select(Complaint, Category.name, Region.name)
        .outerjoin(Category, Category.code == Complaint.category_code)
        .outerjoin(Region, Region.code == Complaint.kecamatan_code)
        .where(*conditions)
        .order_by(Complaint.received_at.desc(), Complaint.id.desc()).limit(limit)).all()
    pins = []
    for complaint, category, kecamatan in rows:
        point = public_position(complaint)
        if point is not None:
            pins.append(MapPin(complaint.tracking_code, complaint.title, complaint.status,
                               point[0], point[1], kecamatan, category))
    return PublicMap(pins, matching or 0, with_point or 0)
