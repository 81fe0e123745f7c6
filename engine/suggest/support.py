"""The "Saya juga mengalami ini" button: citizens who have the problem of a published report add
themselves, without an account and without leaving anything that names them."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from engine.complaints.published import published_clause
from engine.complaints.tables import Complaint
from engine.complaints.visibility import is_published
from engine.errors import NotFoundError

from .tables import Supporter

PER_ADDRESS = 5  # supporters one network address may add to one report (a household, an office)


def _digest(key: str, value: str) -> str:
    return hmac.new(key.encode(), value.encode(), hashlib.sha256).hexdigest()


def add_supporter(session: Session, tracking_code: str, device: str, address: str, key: str,
                  now: datetime) -> tuple[bool, int]:
    """Count one more citizen with this problem: (added, supporters now). A device counts once
    per report and an address at most ``PER_ADDRESS`` times; both are kept only as keyed
    hashes. NotFoundError for a report the public may not see."""
    complaint = session.scalar(select(Complaint).where(Complaint.tracking_code == tracking_code))
    if complaint is None or not is_published(complaint) or not device:
        raise NotFoundError("Laporan tidak ditemukan")
    device_hash = _digest(key, "perangkat:" + device)
    address_hash = _digest(key, "alamat:" + address)
    from_address = session.scalar(select(func.count()).select_from(Supporter).where(
        Supporter.complaint_id == complaint.id, Supporter.address_hash == address_hash)) or 0
    added = False
    if from_address < PER_ADDRESS:
        try:
            with session.begin_nested():
                session.add(Supporter(complaint_id=complaint.id, device_hash=device_hash,
                                      address_hash=address_hash, at=now))
            added = True
        except IntegrityError:  # this device already counted for this report
            added = False
    return added, supporter_count(session, complaint.id)


def supporter_count(session: Session, complaint_id: int) -> int:
    """How many citizens said they have the same problem."""
    return session.scalar(select(func.count()).select_from(Supporter).where(
        Supporter.complaint_id == complaint_id)) or 0


def supporter_counts(session: Session, complaint_ids: Iterable[int]) -> dict[int, int]:
    """Supporters per complaint, for a list (complaints without any are left out)."""
    ids = list(complaint_ids)
    if not ids:
        return {}
    rows = session.execute(select(Supporter.complaint_id, func.count())
                           .where(Supporter.complaint_id.in_(ids))
                           .group_by(Supporter.complaint_id))
    return {cid: count for cid, count in rows}


def counts_by_code(session: Session, tracking_codes: Iterable[str]) -> dict[str, int]:
    """Supporters per tracking code (codes without any are left out)."""
    codes = list(tracking_codes)
    if not codes:
        return {}
    rows = session.execute(select(Complaint.tracking_code, func.count(Supporter.id))
                           .join(Supporter, Supporter.complaint_id == Complaint.id)
                           .where(Complaint.tracking_code.in_(codes))
                           .group_by(Complaint.tracking_code))
    return {code: count for code, count in rows}


@dataclass(frozen=True)
class Supported:
    """A published report and how many citizens said they have its problem too."""

    tracking_code: str
    title: str
    status: str
    supporters: int


def most_supported(session: Session, start: datetime, end: datetime,
                   limit: int = 10) -> list[Supported]:
    """The published reports most supported in [start, end), most first."""
    count = func.count(Supporter.id)
    rows = session.execute(
        select(Complaint.tracking_code, Complaint.title, Complaint.status, count)
        .join(Supporter, Supporter.complaint_id == Complaint.id)
        .where(Supporter.at >= start, Supporter.at < end, published_clause())
        .group_by(Complaint.id, Complaint.tracking_code, Complaint.title, Complaint.status)
        .order_by(count.desc(), Complaint.tracking_code).limit(limit))
    return [Supported(code, title, status, n) for code, title, status, n in rows]
