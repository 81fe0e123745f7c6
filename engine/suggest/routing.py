"""The day-one fallbacks: the category → OPD decision table of the deployed process version,
and keywords per category (a default list here, the system admin's edits in the database)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from lxml import etree
from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.audit import record
from engine.domain import Actor
from engine.errors import FormInvalidError, NotFoundError
from engine.reference.tables import Category
from engine.workflow.definitions import (
    definition_files,
    latest_definition,
    latest_version,
    safe_xml_parser,
)

from .tables import CategoryKeywords
from .text import stem, tokens, words

DECISION_ID = "opd_dari_kategori"
DEFAULT_KEYWORDS = Path(__file__).resolve().parent / "data" / "kata-kunci.csv"
FUZZY_KEYWORD = 90  # rapidfuzz ratio for a misspelt keyword ("jembatn" still means jembatan)
MAX_KEYWORDS_LENGTH = 4000


def category_to_opd(session: Session) -> dict[str, str]:
    """Category code → OPD code from the decision table of the newest deployed version (read
    once per version and process)."""
    version = latest_version(session).hash
    if version not in _TABLES:
        files = definition_files(latest_definition(session))
        _TABLES[version] = dict(_table(sorted(files.items())))
    return _TABLES[version]


_TABLES: dict[str, dict[str, str]] = {}


def _table(files: list[tuple[str, str]]) -> list[tuple[str, str]]:
    for name, text in files:
        if not name.endswith(".dmn"):
            continue
        root = etree.fromstring(text.encode("utf-8"), safe_xml_parser())
        for decision in root.iter("{*}decision"):
            if decision.get("id") == DECISION_ID:
                return _rules(decision)
    return []


def _rules(decision: etree._Element) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for rule in decision.iter("{*}rule"):
        entry = rule.find("{*}inputEntry/{*}text")
        output = rule.find("{*}outputEntry/{*}text")
        if entry is None or output is None:
            continue
        category, opd = (entry.text or "").strip(), (output.text or "").strip()
        if len(category) > 1 and category[0] == category[-1] == '"' and opd.strip('"'):
            pairs.append((category.strip('"'), opd.strip('"')))
    return pairs


@dataclass(frozen=True)
class Keywords:
    """A category's keywords: as written (for the admin) and as stems (for matching)."""

    category: str
    written: str
    stems: tuple[tuple[str, ...], ...]


def default_keywords() -> dict[str, str]:
    """The keywords shipped with Alur, by category code."""
    with DEFAULT_KEYWORDS.open(encoding="utf-8", newline="") as handle:
        return {row["kategori"]: row["kata_kunci"] for row in csv.DictReader(handle)}


def keywords(session: Session) -> list[Keywords]:
    """Every active category's keywords: the admin's version where edited, else the default."""
    pairs = session.execute(select(CategoryKeywords.category_code, CategoryKeywords.keywords))
    edited: dict[str, str] = {code: written for code, written in pairs}
    defaults = default_keywords()
    codes = session.scalars(select(Category.code).where(Category.active).order_by(Category.code))
    out = []
    for code in codes:
        written = edited.get(code, defaults.get(code, ""))
        out.append(Keywords(code, written, _stemmed(written)))
    return out


@lru_cache(maxsize=512)
def _stemmed(written: str) -> tuple[tuple[str, ...], ...]:
    phrases = []
    for phrase in written.split(","):
        stems = tuple(stem(w) for w in words(phrase))
        if stems:
            phrases.append(stems)
    return tuple(phrases)


def keyword_scores(text: str, lists: list[Keywords]) -> list[tuple[str, float]]:
    """Categories whose keywords the text uses, as shares of all hits, best first."""
    found = tokens(text)
    joined = " ".join(found)
    vocabulary = sorted(set(found))
    hits: dict[str, float] = {}
    for entry in lists:
        score = 0.0
        for phrase in entry.stems:
            if len(phrase) > 1:
                score += 1.5 if " ".join(phrase) in joined else 0.0
            elif phrase[0] in vocabulary or _fuzzy(phrase[0], vocabulary):
                score += 1.0
        if score:
            hits[entry.category] = score
    total = sum(hits.values())
    return sorted(((c, s / total) for c, s in hits.items()), key=lambda p: -p[1])


def _fuzzy(keyword: str, vocabulary: list[str]) -> bool:
    if len(keyword) < 5:
        return False
    return process.extractOne(keyword, vocabulary, scorer=fuzz.ratio,
                              score_cutoff=FUZZY_KEYWORD) is not None


def set_keywords(session: Session, category: str, written: str, actor: Actor,
                 now: datetime) -> CategoryKeywords:
    """The system admin's keywords for a category (comma-separated words or phrases)."""
    written = ", ".join(p.strip() for p in written.split(",") if p.strip())
    if session.get(Category, category) is None:
        raise NotFoundError("Kategori tidak ditemukan")
    if len(written) > MAX_KEYWORDS_LENGTH:
        raise FormInvalidError({"keywords": "Terlalu panjang (maksimal 4000 karakter)."})
    row = session.get(CategoryKeywords, category)
    if row is None:
        row = CategoryKeywords(category_code=category, keywords=written, updated_at=now,
                               updated_by=actor.username)
        session.add(row)
    else:
        row.keywords, row.updated_at, row.updated_by = written, now, actor.username
    record(session, actor, "keywords_changed", now, category=category, keywords=written)
    return row
