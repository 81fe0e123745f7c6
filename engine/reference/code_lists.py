"""The admin-editable lists verification and follow-up choose from: causes and resolutions.

Verification records a cause (``complaint.cause_code``), the follow-up a resolution type
(``complaint.resolution_code``); the periodic report counts them. Entries are retired, never
deleted, because closed complaints keep pointing at them.
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import audit
from engine.domain import Actor
from engine.errors import FormInvalidError, NotFoundError
from engine.messages import N_, Message

from .tables import CodeListEntry

LISTS = {"causes": "Penyebab pengaduan", "resolutions": "Jenis penyelesaian"}
CODE = re.compile(r"[a-z0-9_]{2,40}")
LABEL_MAX = 200


def list_entries(session: Session, list_name: str) -> list[CodeListEntry]:
    """A list's entries, active first, by label."""
    _known(list_name)
    return list(session.scalars(
        select(CodeListEntry).where(CodeListEntry.list_name == list_name)
        .order_by(CodeListEntry.active.desc(), CodeListEntry.label)))


def add_entry(session: Session, list_name: str, code: str, label: str, actor: Actor,
              now: datetime) -> CodeListEntry:
    """A new entry; the code is a short lower-case key stored on complaints."""
    _known(list_name)
    code = code.strip().lower()
    errors = _label_error(label)
    if not CODE.fullmatch(code):
        errors["code"] = "Gunakan 2–40 huruf kecil, angka atau garis bawah."
    elif session.get(CodeListEntry, (list_name, code)) is not None:
        errors["code"] = "Kode sudah dipakai."
    if errors:
        raise FormInvalidError(errors)
    entry = CodeListEntry(list_name=list_name, code=code, label=label.strip(), active=True)
    session.add(entry)
    audit.record(session, actor, "code_added", now, list=list_name, code=code,
                 label=entry.label)
    return entry


def rename_entry(session: Session, list_name: str, code: str, label: str, actor: Actor,
                 now: datetime) -> CodeListEntry:
    """Change an entry's label (complaints keep the code)."""
    entry = _entry(session, list_name, code)
    errors = _label_error(label)
    if errors:
        raise FormInvalidError(errors)
    old, entry.label = entry.label, label.strip()
    audit.record(session, actor, "code_renamed", now, list=list_name, code=code, old=old,
                 label=entry.label)
    return entry


def set_entry_active(session: Session, list_name: str, code: str, active: bool, actor: Actor,
                     now: datetime) -> CodeListEntry:
    """Retire an entry (no longer offered in forms) or bring it back."""
    entry = _entry(session, list_name, code)
    entry.active = active
    audit.record(session, actor, "code_restored" if active else "code_retired", now,
                 list=list_name, code=code)
    return entry


def _known(list_name: str) -> None:
    if list_name not in LISTS:
        raise NotFoundError("Daftar tidak ditemukan")


def _entry(session: Session, list_name: str, code: str) -> CodeListEntry:
    _known(list_name)
    entry = session.get(CodeListEntry, (list_name, code))
    if entry is None:
        raise NotFoundError("Entri tidak ditemukan")
    return entry


def _label_error(label: str) -> dict[str, str]:
    text = label.strip()
    if not text:
        return {"label": "Isi keterangan."}
    if len(text) > LABEL_MAX:
        return {"label": Message(N_("Paling banyak %(n)s karakter."), n=LABEL_MAX)}
    return {}
