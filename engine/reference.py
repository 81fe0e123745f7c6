"""Reference lists (OPDs, categories, regions, causes, resolutions): seeding and options."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Category, CodeListEntry, Opd, Region

SEED_DIR = Path(__file__).resolve().parent / "seed"
Choice = tuple[str, str]


def _rows(name: str) -> Iterator[dict[str, str]]:
    with (SEED_DIR / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def seed_reference_data(session: Session) -> int:
    """Insert the regency's OPDs, the LAPOR! categories, regions and code lists (idempotent)."""
    opds = [Opd(code=r["kode_usulan"], name=r["nama"], kind=r["jenis"], active=True)
            for r in _rows("opd-empat-lawang.csv")]
    categories = [Category(code=r["no"], name=r["nama"], active=True)
                  for r in _rows("kategori-lapor.csv")]
    regions = [Region(code=r["kode"], name=r["nama"], level=r["level"],
                      parent_code=r["kode"].rsplit(".", 1)[0])
               for r in _rows("wilayah-empat-lawang.csv") if r["level"] != "kabupaten"]
    code_lists = [CodeListEntry(list_name=r["daftar"], code=r["kode"], label=r["label"],
                                active=True) for r in _rows("kode-daftar.csv")]
    added = sum(_add_missing(session, rows) for rows in (opds, categories, regions))
    pairs = session.execute(select(CodeListEntry.list_name, CodeListEntry.code))
    known = {(name, code) for name, code in pairs}
    fresh = [e for e in code_lists if (e.list_name, e.code) not in known]
    session.add_all(fresh)
    session.flush()
    return added + len(fresh)


def _add_missing(session: Session, rows: list[Any]) -> int:
    """Add the rows whose code is not in the table yet (one query, not one per row)."""
    if not rows:
        return 0
    model = type(rows[0])
    known = set(session.scalars(select(model.code)))
    fresh = [row for row in rows if row.code not in known]
    session.add_all(fresh)
    return len(fresh)


def _choices(session: Session, source: str) -> list[Choice]:
    if source == "opds":
        query = select(Opd.code, Opd.name).where(Opd.active).order_by(Opd.name)
    elif source == "categories":
        query = select(Category.code, Category.name).where(Category.active).order_by(
            Category.name)
    elif source == "kecamatan":
        query = select(Region.code, Region.name).where(Region.level == "kecamatan").order_by(
            Region.name)
    else:
        query = (select(CodeListEntry.code, CodeListEntry.label)
                 .where(CodeListEntry.list_name == source, CodeListEntry.active)
                 .order_by(CodeListEntry.label))
    return [(code, label) for code, label in session.execute(query)]


OPTION_SOURCES = ("opds", "categories", "kecamatan", "causes", "resolutions")


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
