"""Officers' addresses for notifications, kept by the system admin."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.accounts.tables import User
from engine.errors import FormInvalidError, NotFoundError

from .phone import to_msisdn
from .tables import OfficerContact

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class ContactRow:
    """An officer with the addresses they are told things at."""

    user_id: int
    username: str
    full_name: str
    role: str
    opd_code: str | None
    email: str
    phone: str


def list_contacts(session: Session) -> list[ContactRow]:
    """Every active officer with their addresses (blank when none)."""
    rows = session.execute(
        select(User, OfficerContact).outerjoin(OfficerContact, OfficerContact.user_id == User.id)
        .where(User.active.is_(True)).order_by(User.role, User.username))
    return [ContactRow(u.id, u.username, u.full_name, u.role, u.opd_code,
                       (c.email if c else None) or "", (c.phone if c else None) or "")
            for u, c in rows]


def set_contact(session: Session, user_id: int, email: str, phone: str, now: datetime) -> None:
    """Set an officer's email and mobile number (blank removes one)."""
    if session.get(User, user_id) is None:
        raise NotFoundError("Pengguna tidak ditemukan")
    email, phone = email.strip(), phone.strip()
    errors = {}
    if email and (len(email) > 150 or not EMAIL.match(email)):
        errors["email"] = "Alamat email tidak valid."
    msisdn = to_msisdn(phone) if phone else None
    if phone and msisdn is None:
        errors["phone"] = "Nomor HP tidak valid (contoh 081234567890)."
    if errors:
        raise FormInvalidError(errors)
    row = session.get(OfficerContact, user_id)
    if row is None:
        row = OfficerContact(user_id=user_id, updated_at=now)
        session.add(row)
    row.email, row.phone, row.updated_at = email or None, msisdn, now
