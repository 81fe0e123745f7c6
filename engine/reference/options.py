"""Choices of the forms' reference lists (OPDs, categories, regions, causes), read lazily."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from .tables import Category, CodeListEntry, Opd, Region

Choice = tuple[str, str]


def _choices(session: Session, source: str) -> list[Choice]:
    if source == "opds":
        query = select(Opd.code, Opd.name).where(Opd.active).order_by(Opd.name)
    elif source == "categories":
        query = select(Category.code, Category.name).where(Category.active).order_by(
            Category.name)
    elif source == "kecamatan":
        query = select(Region.code, Region.name).where(Region.level == "kecamatan").order_by(
            Region.name)
    elif source == "desa":
        return _villages(session)
    else:
        query = (select(CodeListEntry.code, CodeListEntry.label)
                 .where(CodeListEntry.list_name == source, CodeListEntry.active)
                 .order_by(CodeListEntry.label))
    return [(code, label) for code, label in session.execute(query)]


def _villages(session: Session) -> list[Choice]:
    """Desa/kelurahan by kecamatan, each labelled with its kecamatan (some names repeat)."""
    parent = aliased(Region)
    rows = session.execute(
        select(Region.code, Region.name, parent.name)
        .join(parent, parent.code == Region.parent_code)
        .where(Region.level.in_(("desa", "kelurahan"))).order_by(Region.code))
    return [(code, f"{name} (Kec. {kecamatan})") for code, name, kecamatan in rows]


OPTION_SOURCES = ("opds", "categories", "kecamatan", "desa", "causes", "resolutions")


class LazyOptions(Mapping[str, list[Choice]]):
    """Option lists loaded only when a form actually asks for one (one query per list)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._loaded: dict[str, list[Choice]] = {}

    def __getitem__(self, source: str) -> list[Choice]:
        if source not in OPTION_SOURCES:
            raise KeyError(source)
        if source not in self._loaded:
            self._loaded[source] = _choices(self._session, source)
        return self._loaded[source]

    def __contains__(self, source: object) -> bool:
        return source in OPTION_SOURCES

    def __iter__(self) -> Iterator[str]:
        return iter(OPTION_SOURCES)

    def __len__(self) -> int:
        return len(OPTION_SOURCES)


def form_options(session: Session) -> dict[str, list[Choice]]:
    """Every list of choices for data-driven form fields, as (value, label) pairs."""
    return {source: _choices(session, source) for source in OPTION_SOURCES}


def option_lookup(session: Session) -> LazyOptions:
    """The same lists, each loaded only if a validation needs it (use inside the session)."""
    return LazyOptions(session)
