"""The reference lists clients choose from: active OPDs and LAPOR! categories."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from .tables import Category, Opd


@dataclass(frozen=True)
class OpdEntry:
    """An OPD a complaint can be routed to."""

    code: str
    name: str


@dataclass(frozen=True)
class CategoryEntry:
    """A report category; ``parent`` is the code of the category it belongs to."""

    code: str
    name: str
    parent: str | None


def active_opds(session: Session) -> list[OpdEntry]:
    """Active OPDs by name."""
    rows = session.execute(select(Opd.code, Opd.name).where(Opd.active).order_by(Opd.name))
    return [OpdEntry(code, name) for code, name in rows]


def active_categories(session: Session) -> list[CategoryEntry]:
    """Active categories by name."""
    rows = session.execute(
        select(Category.code, Category.name, Category.parent_code)
        .where(Category.active).order_by(Category.name))
    return [CategoryEntry(code, name, parent) for code, name, parent in rows]
