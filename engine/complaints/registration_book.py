"""The registration book (Buku registrasi): every intake of every channel, numbered per year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import audit
from engine.calendar.periods import Period
from engine.calendar.working_days import WIB
from engine.domain import CHANNELS, Actor
from engine.errors import FormInvalidError
from engine.messages import N_, Message
from engine.reference.tables import Category

from .tables import Complaint, ReporterIdentity
from .visibility import may_read_identity, may_read_name

MAX_DAYS = 366


@dataclass(frozen=True)
class BookEntry:
    """One line of the book."""

    registration_no: str
    received_at: datetime
    channel: str
    tracking_code: str
    title: str
    category_name: str | None
    status: str
    reporter_name: str | None


@dataclass(frozen=True)
class BookRange:
    """The book's pages from day ``start`` to ``end`` inclusive, in WIB; optionally one channel."""

    start: date
    end: date
    channel: str = ""

    @classmethod
    def of(cls, period: Period, channel: str = "") -> BookRange:
        """Every day of a reporting period (a month, say)."""
        return cls(period.first_day, period.last_day, channel)

    def check(self) -> None:
        """FormInvalidError when the period is backwards, too long or names no channel we know."""
        if self.end < self.start:
            raise FormInvalidError({"end": "Tanggal akhir sebelum tanggal awal."})
        if (self.end - self.start).days >= MAX_DAYS:
            raise FormInvalidError({"end": Message(N_("Periode paling panjang %(n)s hari."),
                                                   n=MAX_DAYS)})
        if self.channel and self.channel not in CHANNELS:
            raise FormInvalidError({"channel": Message(N_("Saluran tidak dikenal: %(channel)s"),
                                                       channel=self.channel)})


def registration_book(
    session: Session, viewer: Actor, period: BookRange, now: datetime
) -> list[BookEntry]:
    """Intakes received in ``period`` in book order; one audit entry when names are shown."""
    period.check()
    begin = datetime.combine(period.start, time(0), WIB)
    finish = datetime.combine(period.end + timedelta(days=1), time(0), WIB)
    query = (
        select(Complaint, ReporterIdentity.name, Category.name)
        .outerjoin(ReporterIdentity, ReporterIdentity.complaint_id == Complaint.id)
        .outerjoin(Category, Category.code == Complaint.category_code)
        .where(Complaint.received_at >= begin, Complaint.received_at < finish)
        .order_by(Complaint.registration_year, Complaint.registration_seq)
    )
    if period.channel:
        query = query.where(Complaint.channel == period.channel)
    entries = [_entry(viewer, *row) for row in session.execute(query).all()]
    if may_read_identity(viewer) and any(e.reporter_name for e in entries):
        audit.record(session, viewer, "identity_viewed", now, source="registration_book",
                     start=period.start.isoformat(), end=period.end.isoformat(),
                     channel=period.channel or None, rows=len(entries))
    return entries


def _entry(viewer: Actor, complaint: Complaint, name: Any, category: Any) -> BookEntry:
    shown = name if may_read_name(viewer, complaint) else None
    return BookEntry(complaint.registration_no, complaint.received_at, complaint.channel,
                     complaint.tracking_code, complaint.title, category, complaint.status, shown)
