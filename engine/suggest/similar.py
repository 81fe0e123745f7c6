"""Complaints about the same concrete problem: the same thing (the words, other spellings and
word orders allowed, rapidfuzz) at the same place (the desa or kecamatan named). Two reports of
the same thing in different villages are different problems."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import ColumnElement, and_, delete, func, or_, select
from sqlalchemy.orm import Session

from engine.complaints.published import published_clause
from engine.complaints.tables import Complaint
from engine.domain import FINAL_STATUSES, STATUSES
from engine.reference.tables import Region

from .places import Place, PlaceIndex
from .tables import ComplaintText
from .text import EXTRA_STOP_WORDS, dictionary_words, stem, stop_words, words

OPEN_STATUSES = sorted(set(STATUSES) - FINAL_STATUSES)
ARCHIVED = "diarsipkan"  # archived (spam, merged duplicates): nobody works on it, never a match
RECENT_DAYS = 90  # closed complaints older than this are no longer duplicates of a new one
DUPLICATE_SCORE = 0.68  # from the benchmark's training split (docs/suggestions.md)
TEXT_CUTOFF = 30  # rapidfuzz score below which a candidate is not looked at further
INDEX_BATCH = 500  # complaints indexed on the fly in one request at most
PLACES_TTL = 300.0  # seconds a process trusts its list of places
CANDIDATES = 200  # the closest texts that the place and the category then re-rank
NAME_IN_TEXT = 85  # rapidfuzz partial ratio: a village's name written (misspelt) in a text
WORDS_WEIGHT = 0.55  # the words' share of the score; the rest is the category agreeing


@dataclass(frozen=True)
class Described:
    """A text as the matcher reads it: stems without the place names, and the places."""

    words: str
    villages: frozenset[str]
    districts: frozenset[str]
    # The query's likely categories with their scores; a stored complaint's own or predicted
    # one (score 1).
    categories: tuple[tuple[str, float], ...] = ()


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
    """The regency's places (looked at again every ``PLACES_TTL`` seconds, rebuilt when the
    region list changed)."""
    cached = _PLACES.get("places")
    if cached is not None and time.monotonic() - cached[2] < PLACES_TTL:
        return cached[1]
    key = tuple(session.execute(select(func.count(), func.max(Region.code))).one())
    if cached is not None and cached[0] == key:
        _PLACES["places"] = (key, cached[1], time.monotonic())
        return cached[1]
    rows = session.execute(select(Region.code, Region.name, Region.level, Region.parent_code))
    built = PlaceIndex((Place(*row) for row in rows), common=dictionary_words())
    _PLACES["places"] = (key, built, time.monotonic())
    return built


_PLACES: dict[str, tuple[tuple[Any, ...], PlaceIndex, float]] = {}
# Readings of complaints by (complaint id, token): written once, never changed, so a process
# keeps them instead of fetching thousands of texts for every suggestion.
_READINGS: dict[tuple[int, str], tuple[str, frozenset[str], frozenset[str]]] = {}
MAX_READINGS = 200_000
WindowRow = tuple[int, str, str | None, frozenset[str]]
WindowKey = tuple[int, int, int, str]
# The readings table's (id, token, category, districts), with the table's (count, max id,
# sum of ids, greatest token) when it was read: a suggestion asks one aggregate, not 8,000 rows.
_WINDOW: dict[str, tuple[WindowKey, list[WindowRow]]] = {}


def describe(index: PlaceIndex, text: str, district: str | None = None,
             categories: Iterable[tuple[str, float]] = ()) -> Described:
    """What the matcher compares of ``text`` (``district``: the kecamatan the reporter chose;
    ``categories``: the likely ones with their scores)."""
    mentions = index.find(words(text), district)
    return Described(_stems(mentions.rest), mentions.villages, mentions.districts,
                     tuple(categories))


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
    """How likely the other complaint's category is for the query, against the query's best
    (1: its best, 0: not among its likely ones; a half when either is unknown)."""
    if not query.categories or not other.categories:
        return 0.5
    weights = dict(query.categories)
    best = max(weights.values()) or 1.0
    return min(1.0, max(weights.get(code, 0.0) for code, _ in other.categories) / best)


@lru_cache(maxsize=4096)
def _split_codes(codes: str) -> frozenset[str]:
    return frozenset(codes.split())


Classify = Callable[[str], str | None]


def index_pending(session: Session, now: datetime, classify: Classify,
                  limit: int = INDEX_BATCH, *, newest_only: bool = False) -> int:
    """Store the matcher's reading of the open and recent complaints that have none yet (the
    only ones ever compared), newest first; ``classify`` gives a text's likely category.
    ``newest_only`` (a request's share) looks only past the newest complaint already read,
    along the primary key; the worker reads any left behind."""
    query = (select(Complaint.id, Complaint.title, Complaint.description,
                    Complaint.kecamatan_code).where(_scope(CENTRAL, now)))
    if newest_only:
        newest = session.scalar(select(func.max(ComplaintText.complaint_id))) or 0
        # The ids first, along the primary key alone: mixed with the window's conditions, a
        # prepared (generic) plan read the whole window for every suggestion (17 ms at 100,000).
        fresh = session.scalars(select(Complaint.id).where(Complaint.id > newest)
                                .order_by(Complaint.id.desc()).limit(limit)).all()
        if not fresh:
            return 0
        query = query.where(Complaint.id.in_(fresh)).order_by(Complaint.id.desc())
    else:
        query = (query.outerjoin(ComplaintText, ComplaintText.complaint_id == Complaint.id)
                 .where(ComplaintText.complaint_id.is_(None))
                 .order_by(Complaint.received_at.desc()))
    rows = session.execute(query.limit(limit)).all()
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
                                  token=uuid.uuid4().hex, indexed_at=now))
    session.flush()
    return len(rows)


def prune(session: Session, now: datetime) -> int:
    """Forget the readings of complaints that can no longer be candidates (closed and older
    than ``RECENT_DAYS``), so the candidates' query stays as small as the window."""
    gone = select(Complaint.id).where(~_scope(CENTRAL, now))
    result = session.execute(delete(ComplaintText).where(
        ComplaintText.complaint_id.in_(gone)).execution_options(synchronize_session=False))
    return int(getattr(result, "rowcount", 0) or 0)


def _scope(audience: Audience, now: datetime) -> ColumnElement[bool]:
    recent = now - timedelta(days=RECENT_DAYS)
    # "IN the open statuses", not "NOT IN the final ones": each side of the OR then has its
    # index (status, received_at), and PostgreSQL reads only the window, not the history.
    clause = or_(Complaint.status.in_(OPEN_STATUSES),
                 and_(Complaint.received_at >= recent, Complaint.status != ARCHIVED))
    if audience.published_only:
        clause = and_(clause, published_clause())
    if audience.opd_code is not None:
        clause = and_(clause, Complaint.opd_code == audience.opd_code)
    return clause


def find_similar(session: Session, query: Described, audience: Audience, now: datetime, *,
                 exclude_id: int | None = None, limit: int = 5,
                 min_score: float = 0.4) -> list[Similar]:
    """Open and recent complaints like ``query`` that ``audience`` may see, best first (the
    caller indexes pending complaints first: ``index_pending``).

    The readings table holds only the window (the worker prunes it), so the closest texts are
    found there alone; only those few are then checked against the complaints' status, age
    and audience, by primary key — never a scan of the whole history."""
    if not query.words:
        return []
    asked = query.districts
    # Another kecamatan scores 0 anyway: such readings are not compared at all.
    rows = [(cid, token, category) for cid, token, category, places in window(session)
            if cid != exclude_id and (not asked or not places or not asked.isdisjoint(places))]
    readings = _readings(session, [(cid, token) for cid, token, _ in rows])
    texts = [readings[(cid, token)][0] for cid, token, _ in rows]
    wide = audience.published_only or audience.opd_code is not None
    matches = process.extract(query.words, texts, scorer=fuzz.token_set_ratio,
                              limit=CANDIDATES * (5 if wide else 1), score_cutoff=TEXT_CUTOFF)
    if not matches:
        return []
    close = {rows[at][0]: (text_score, rows[at]) for _, text_score, at in matches}
    visible = session.execute(
        select(Complaint.id, Complaint.tracking_code, Complaint.title, Complaint.status,
               Complaint.received_at, Complaint.category_code)
        .where(Complaint.id.in_(list(close)), _scope(audience, now))).all()
    index = place_index(session)
    found = []
    for cid, code, title, status, received_at, verified_category in visible:
        text_score, (_, token, predicted) = close[cid]
        said, villages, districts = readings[(cid, token)]
        category = verified_category or predicted
        other = Described(said, villages, districts, ((category, 1.0),) if category else ())
        thing = _thing(query.words, said, text_score)
        score = place_factor(query, other, index) * (
            WORDS_WEIGHT * thing + (1 - WORDS_WEIGHT) * topic_factor(query, other))
        if score >= min_score:
            found.append(Similar(cid, code, title, status, received_at, round(score, 3)))
    found.sort(key=lambda s: (-s.score, -s.received_at.timestamp()))
    return found[:limit]


def window(session: Session) -> list[WindowRow]:
    """The readings table's rows (id, token, predicted category, kecamatan codes), kept by the
    process: one aggregate query tells whether the table changed; new complaints are fetched
    alone, any other change (the worker's pruning, a late reading) refetches all."""
    count, newest, total, token = session.execute(
        select(func.count(), func.max(ComplaintText.complaint_id),
               func.sum(ComplaintText.complaint_id), func.max(ComplaintText.token))).one()
    # The greatest token is random per reading: another database (a restored backup, a test)
    # with the same ids never passes for this one.
    key = (int(count or 0), int(newest or 0), int(total or 0), token or "")
    cached = _WINDOW.get("rows")
    if cached is not None and cached[0] == key:
        return cached[1]
    columns = select(ComplaintText.complaint_id, ComplaintText.token, ComplaintText.category,
                     ComplaintText.districts)
    if cached is not None and key[0] > cached[0][0] and _still_kept(session, cached[0]):
        added = [(r[0], r[1], r[2], _split_codes(r[3])) for r in session.execute(
            columns.where(ComplaintText.complaint_id > cached[0][1]))]
        rows = cached[1] + added
        if _key_of(rows) == key:
            _WINDOW["rows"] = (key, rows)
            return rows
    rows = [(r[0], r[1], r[2], _split_codes(r[3])) for r in session.execute(columns)]
    _WINDOW["rows"] = (_key_of(rows), rows)
    return rows


def _still_kept(session: Session, kept: WindowKey) -> bool:
    """Whether the readings up to the kept greatest id are still exactly the kept ones (else
    new rows are not simply added: another database, or rows pruned meanwhile)."""
    count, newest, total, token = kept
    now = session.execute(
        select(func.count(), func.sum(ComplaintText.complaint_id), func.max(ComplaintText.token))
        .where(ComplaintText.complaint_id <= newest)).one()
    return (int(now[0] or 0), int(now[1] or 0), now[2] or "") == (count, total, token)


def _key_of(rows: list[WindowRow]) -> WindowKey:
    ids = [row[0] for row in rows]
    return (len(ids), max(ids, default=0), sum(ids), max((row[1] for row in rows), default=""))


def _readings(session: Session, keys: list[tuple[int, str]]) -> dict[
        tuple[int, str], tuple[str, frozenset[str], frozenset[str]]]:
    """The readings of ``keys`` from this process's cache, fetching the missing ones."""
    missing = [cid for cid, token in keys if (cid, token) not in _READINGS]
    if len(_READINGS) + len(missing) > MAX_READINGS:
        _READINGS.clear()
        missing = [cid for cid, _ in keys]
    for start in range(0, len(missing), 1000):
        chunk = missing[start:start + 1000]
        for cid, token, said, villages, districts in session.execute(
                select(ComplaintText.complaint_id, ComplaintText.token, ComplaintText.words,
                       ComplaintText.villages, ComplaintText.districts)
                .where(ComplaintText.complaint_id.in_(chunk))):
            _READINGS[(cid, token)] = (said, _split_codes(villages), _split_codes(districts))
    return _READINGS


def _thing(a: str, b: str, set_ratio: float) -> float:
    """How much two texts say the same thing (0–1): shared words, and the words in order."""
    return (0.6 * set_ratio + 0.4 * fuzz.token_sort_ratio(a, b)) / 100
