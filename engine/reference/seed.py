"""Reference lists from the seed files in ``data/``, loaded once and topped up on upgrade."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .tables import Category, CodeListEntry, Opd, Region

SEED_DIR = Path(__file__).resolve().parent / "data"


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
