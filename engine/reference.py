"""Reference lists (OPDs, categories, regions, causes, resolutions): seeding and options."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

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
    added = 0
    for row in _rows("opd-empat-lawang.csv"):
        added += _merge(session, Opd, row["kode_usulan"],
                        name=row["nama"], kind=row["jenis"], active=True)
    for row in _rows("kategori-lapor.csv"):
        added += _merge(session, Category, row["no"], name=row["nama"], active=True)
    for row in _rows("wilayah-empat-lawang.csv"):
        if row["level"] == "kabupaten":
            continue
        parent = row["kode"].rsplit(".", 1)[0]
        added += _merge(session, Region, row["kode"], name=row["nama"], level=row["level"],
                        parent_code=parent)
    for row in _rows("kode-daftar.csv"):
        if session.get(CodeListEntry, (row["daftar"], row["kode"])) is None:
            session.add(CodeListEntry(list_name=row["daftar"], code=row["kode"],
                                      label=row["label"], active=True))
            added += 1
    session.flush()
    return added


def _merge(session: Session, model: type, key: str, **values: object) -> int:
    if session.get(model, key) is not None:
        return 0
    session.add(model(code=key, **values))
    return 1


def form_options(session: Session) -> dict[str, list[Choice]]:
    """Choices for data-driven form fields, as (value, label) pairs."""
    opds = session.execute(select(Opd.code, Opd.name).where(Opd.active).order_by(Opd.name))
    cats = session.execute(
        select(Category.code, Category.name).where(Category.active).order_by(Category.name))
    kec = session.execute(
        select(Region.code, Region.name).where(Region.level == "kecamatan").order_by(Region.name))
    lists: dict[str, list[Choice]] = {"causes": [], "resolutions": []}
    for name, code, label in session.execute(
        select(CodeListEntry.list_name, CodeListEntry.code, CodeListEntry.label)
        .where(CodeListEntry.active).order_by(CodeListEntry.label)
    ):
        lists.setdefault(name, []).append((code, label))
    return {
        "opds": [tuple(r) for r in opds],  # type: ignore[misc]
        "categories": [tuple(r) for r in cats],  # type: ignore[misc]
        "kecamatan": [tuple(r) for r in kec],  # type: ignore[misc]
        **lists,
    }
