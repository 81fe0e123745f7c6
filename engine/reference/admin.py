"""System administration of reference data: OPDs and categories."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import audit
from engine.domain import Actor
from engine.errors import FormInvalidError, NotFoundError

from .tables import Category, Opd

CODE = re.compile(r"[A-Z0-9_]{2,32}")
CATEGORY_CODE = re.compile(r"[0-9A-Za-z._-]{1,32}")


def add_opd(session: Session, code: str, name: str, kind: str, actor: Actor,
            now: datetime) -> Opd:
    """A new OPD; the code is the short upper-case key used in routing and usernames."""
    code = code.strip().upper()
    errors = _name_error(name)
    if not CODE.fullmatch(code):
        errors["code"] = "Gunakan 2–32 huruf besar, angka atau garis bawah."
    elif session.get(Opd, code) is not None:
        errors["code"] = "Kode OPD sudah dipakai."
    if errors:
        raise FormInvalidError(errors)
    opd = Opd(code=code, name=name.strip(), kind=kind.strip()[:40], active=True)
    session.add(opd)
    audit.record(session, actor, "opd_added", now, opd=code, name=opd.name)
    return opd


def rename_opd(session: Session, code: str, name: str, actor: Actor, now: datetime) -> Opd:
    """Change an OPD's name."""
    opd = _opd(session, code)
    errors = _name_error(name)
    if errors:
        raise FormInvalidError(errors)
    old, opd.name = opd.name, name.strip()
    audit.record(session, actor, "opd_renamed", now, opd=code, old=old, name=opd.name)
    return opd


def set_opd_active(session: Session, code: str, active: bool, actor: Actor,
                   now: datetime) -> Opd:
    """Retire an OPD (no longer offered for routing) or bring it back."""
    opd = _opd(session, code)
    opd.active = active
    audit.record(session, actor, "opd_restored" if active else "opd_retired", now, opd=code)
    return opd


def list_categories(session: Session) -> list[Category]:
    """Every category (active first), by name."""
    return list(session.scalars(select(Category).order_by(Category.active.desc(), Category.name)))


def add_category(session: Session, code: str, name: str, parent: str | None, actor: Actor,
                 now: datetime) -> Category:
    """A new category, optionally under a parent."""
    code = code.strip()
    errors = {**_name_error(name), **_parent_error(session, code, parent)}
    if not CATEGORY_CODE.fullmatch(code):
        errors["code"] = "Gunakan 1–32 huruf, angka, titik atau tanda hubung."
    elif session.get(Category, code) is not None:
        errors["code"] = "Kode kategori sudah dipakai."
    if errors:
        raise FormInvalidError(errors)
    category = Category(code=code, name=name.strip(), parent_code=parent or None, active=True)
    session.add(category)
    audit.record(session, actor, "category_added", now, category=code, name=category.name)
    return category


def update_category(session: Session, code: str, name: str, parent: str | None, actor: Actor,
                    now: datetime) -> Category:
    """Rename a category and set its parent."""
    category = _category(session, code)
    errors = {**_name_error(name), **_parent_error(session, code, parent)}
    if errors:
        raise FormInvalidError(errors)
    category.name, category.parent_code = name.strip(), parent or None
    audit.record(session, actor, "category_changed", now, category=code, name=category.name,
                 parent=category.parent_code)
    return category


def set_category_active(session: Session, code: str, active: bool, actor: Actor,
                        now: datetime) -> Category:
    """Retire a category (no longer offered on forms) or bring it back."""
    category = _category(session, code)
    category.active = active
    audit.record(session, actor, "category_restored" if active else "category_retired", now,
                 category=code)
    return category


def _opd(session: Session, code: str) -> Opd:
    opd = session.get(Opd, code)
    if opd is None:
        raise NotFoundError("OPD tidak ditemukan")
    return opd


def _category(session: Session, code: str) -> Category:
    category = session.get(Category, code)
    if category is None:
        raise NotFoundError("Kategori tidak ditemukan")
    return category


def _name_error(name: str) -> dict[str, str]:
    if not name.strip():
        return {"name": "Wajib diisi."}
    if len(name.strip()) > 200:
        return {"name": "Terlalu panjang (maksimal 200 karakter)."}
    return {}


def _parent_error(session: Session, code: str, parent: str | None) -> dict[str, str]:
    if not parent:
        return {}
    if parent == code:
        return {"parent": "Kategori tidak dapat menjadi induk dirinya sendiri."}
    node = session.get(Category, parent)
    if node is None:
        return {"parent": "Kategori induk tidak ditemukan."}
    for _ in range(100):  # a broken chain in old data must not hang the request
        if node.code == code:
            return {"parent": "Pilihan ini membuat lingkaran induk–anak."}
        if not node.parent_code:
            break
        node = session.get(Category, node.parent_code)
        if node is None:
            break
    return {}
