"""Complaints about the same concrete problem: the same thing (the words, other spellings and
word orders allowed, rapidfuzz) at the same place (the desa or kecamatan named). Two reports of
the same thing in different villages are different problems."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from rapidfuzz import fuzz, process
from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from engine.complaints.published import published_clause
from engine.complaints.tables import Complaint
from engine.domain import FINAL_STATUSES
from engine.reference.tables import Region

from .places import Place, PlaceIndex
from .tables import ComplaintText
from .text import EXTRA_STOP_WORDS, dictionary_words, stem, stop_words, words

RECENT_DAYS = 90  # closed complaints older than this are no longer duplicates of a new one
DUPLICATE_SCORE = 0.72  # from the benchmark's training split (docs/suggestions.md)
TEXT_CUTOFF = 30  # rapidfuzz score below which a candidate is not looked at further
INDEX_BATCH = 500  # complaints indexed on the fly in one request at most
NAME_IN_TEXT = 85  # rapidfuzz partial ratio: a village's name written (misspelt) in a text
WORDS_WEIGHT = 0.55  # the words' share of the score; the rest is the category agreeing


@dataclass(frozen=True)
class Described:
    """A text as the matcher reads it: stems without the place names, and the places."""

    words: str
    villages: frozenset[str]
    districts: frozenset[str]
    # The query's likely categories (best three); a stored complaint's own or predicted one.
    categories: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Similar:
    """A complaint like the one asked about, with the score that ranked it (0–1)."""

    complaint_id: int
    tracking_code: str
    title: str
    status: str
    received_at: datetime
    score: float

    @property
    def likely_duplicate(self) -> bool:
        """At or above the score where the benchmark's duplicates are."""
        return self.score >= DUPLICATE_SCORE


@dataclass(frozen=True)
class Audience:
    """Whose eyes the list is for: the public sees only published reports, a liaison only
    their OPD's complaints, the central roles everything."""

    published_only: bool = False
    opd_code: str | None = None


PUBLIC = Audience(published_only=True)
CENTRAL = Audience()


def place_index(session: Session) -> PlaceIndex:
    """The regency's places (rebuilt when the region list changes)."""
    count, top = session.execute(select(func.count(), func.max(Region.code))).one()
    return _index(session, count, top)


def _index(session: Session, count: int, top: str | None) -> PlaceIndex:
    key = (count, top)
    cached = _CACHE.get("places")
    if cached is not None and cached[0] == key:
        return cached[1]
    rows = session.execute(select(Region.code, Region.name, Region.level, Region.parent_code))
    built = PlaceIndex((Place(*row) for row in rows), common=dictionary_words())
    _CACHE["places"] = (key, built)
    return built


_CACHE: dict[str, tuple[tuple[int, str | None], PlaceIndex]] = {}


def describe(index: PlaceIndex, text: str, district: str | None = None,
             categories: Iterable[str] = ()) -> Described:
    """What the matcher compares of ``text`` (``district``: the kecamatan the reporter chose;
    ``categories``: the likely ones, best first)."""
    mentions = index.find(words(text), district)
    return Described(_stems(mentions.rest), mentions.villages, mentions.districts,
                     frozenset(categories))


def _stems(rest: Sequence[str]) -> str:
    stops = stop_words()
    stems = (stem(w) for w in rest if w not in stops and not w.isdigit())
    return " ".join(s for s in stems if s not in EXTRA_STOP_WORDS)


def place_factor(a: Described, b: Described, index: PlaceIndex) -> float:
    """How far two texts can be about the same spot: 0 when they name different places."""
    if a.villages and b.villages:
        return 1.0 if a.villages & b.villages else 0.0
    if a.districts and b.districts and not a.districts & b.districts:
        return 0.0
    if a.villages or b.villages:
        known, other = (a, b) if a.villages else (b, a)
        if any(_written_in(index.by_code[code].name, other.words) for code in known.villages
               if code in index.by_code):
            return 1.0  # misspelt or unmarked in the other text, but the same village
        return 0.55
    return 0.85 if a.districts & b.districts else 0.7


def _written_in(name: str, text: str) -> bool:
    return fuzz.partial_ratio(name.lower(), text) >= NAME_IN_TEXT


def topic_factor(query: Described, other: Described) -> float:
    """1 when the other complaint's category is one of the query's likely ones, else 0 (a
    half when either is unknown)."""
    if not query.categories or not other.categories:
        return 0.5
    return 1.0 if query.categories & other.categories else 0.0


@lru_cache(maxsize=4096)
def _split_codes(codes: str) -> frozenset[str]:
    return frozenset(codes.split())


Classify = Callable[[str], str | None]


def index_pending(session: Session, now: datetime, classify: Classify,
                  limit: int = INDEX_BATCH) -> int:
    """Store the matcher's reading of the open and recent complaints that have none yet (the
    only ones ever compared), newest first; ``classify`` gives a text's likely category."""
    rows = session.execute(
        select(Complaint.id, Complaint.title, Complaint.description, Complaint.kecamatan_code)
        .outerjoin(ComplaintText, ComplaintText.complaint_id == Complaint.id)
        .where(ComplaintText.complaint_id.is_(None), _scope(CENTRAL, now))
        .order_by(Complaint.received_at.desc()).limit(limit)).all()
    if not rows:
        return 0
    index = place_index(session)
    for complaint_id, title, description, district in rows:
        text = f"{title}. {description}"
        seen = describe(index, text, district)
        session.add(ComplaintText(complaint_id=complaint_id, words=seen.words,
                                  category=classify(text),
                                  villages=" ".join(sorted(seen.villages)),
                                  districts=" ".join(sorted(seen.districts)),
                                  indexed_at=now))
    session.flush()
    return len(rows)


def _scope(audience: Audience, now: datetime) -> ColumnElement[bool]:
    recent = now - timedelta(days=RECENT_DAYS)
    clause = or_(Complaint.status.not_in(sorted(FINAL_STATUSES)), Complaint.received_at >= recent)
    if audience.published_only:
        clause = and_(clause, published_clause())
    if audience.opd_code is not None:
        clause = and_(clause, Complaint.opd_code == audience.opd_code)
    return clause


def find_similar(session: Session, query: Described, audience: Audience, now: datetime, *,
                 exclude_id: int | None = None, limit: int = 5,
                 min_score: float = 0.4) -> list[Similar]:
    """Open and recent complaints like ``query`` that ``audience`` may see, best first (the
    caller indexes pending complaints first: ``index_pending``)."""
    clause = _scope(audience, now)
    if exclude_id is not None:
        clause = and_(clause, Complaint.id != exclude_id)
    rows = session.execute(
        select(Complaint.id, Complaint.tracking_code, Complaint.title, Complaint.status,
               Complaint.received_at, ComplaintText.words, ComplaintText.villages,
               ComplaintText.districts,
               func.coalesce(Complaint.category_code, ComplaintText.category))
        .join(ComplaintText, ComplaintText.complaint_id == Complaint.id).where(clause)).all()
    if not rows or not query.words:
        return []
    matches = process.extract(query.words, [r[5] for r in rows], scorer=fuzz.token_set_ratio,
                              limit=None, score_cutoff=TEXT_CUTOFF)
    index = place_index(session)
    found = []
    for _, text_score, at in matches:
        row = rows[at]
        other = Described(row[5], _split_codes(row[6]), _split_codes(row[7]),
                          frozenset([row[8]] if row[8] else []))
        thing = _thing(query.words, other.words, text_score)
        score = place_factor(query, other, index) * (
            WORDS_WEIGHT * thing + (1 - WORDS_WEIGHT) * topic_factor(query, other))
        if score >= min_score:
            found.append(Similar(row[0], row[1], row[2], row[3], row[4], round(score, 3)))
    found.sort(key=lambda s: (-s.score, -s.received_at.timestamp()))
    return found[:limit]


def _thing(a: str, b: str, set_ratio: float) -> float:
    """How much two texts say the same thing (0–1): shared words, and the words in order."""
    return (0.6 * set_ratio + 0.4 * fuzz.token_sort_ratio(a, b)) / 100
