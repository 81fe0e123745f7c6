"""The use cases: suggest categories, OPDs and similar complaints for a text or a complaint;
train the model from the verified complaints (by the worker or by hand); never train inside
a request."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from engine.complaints.tables import Complaint
from engine.complaints.visibility import COMPLAINT_READERS, may_read_complaint
from engine.db import UnitOfWork
from engine.domain import OPD_ROLES, Actor
from engine.errors import ForbiddenError, NotFoundError
from engine.reference.tables import Category, Opd

from .model import Example, TextModel, can_train
from .routing import category_to_opd, keyword_scores, keywords
from .similar import (
    CENTRAL,
    Audience,
    Classify,
    Similar,
    describe,
    find_similar,
    index_pending,
    place_index,
    prune,
)
from .tables import SuggestModel

log = logging.getLogger("alur.suggest")
MAX_TRAINING = 20000  # the newest verified complaints a model learns from
RETRAIN_AFTER = timedelta(hours=1)  # the worker retrains at most this often
TOP = 5
MODEL_WEIGHT = 0.7  # the OPD's own classifier; the rest comes through the category table


@dataclass(frozen=True)
class Scored:
    """A category or OPD with its score (0–1), best first in a list."""

    code: str
    name: str
    score: float


@dataclass(frozen=True)
class Suggestions:
    """What Alur proposes for one text; ``source`` says whether the model or the fallback."""

    categories: list[Scored]
    opds: list[Scored]
    similar: list[Similar] = field(default_factory=list)
    source: str = "kata_kunci"  # model | kata_kunci


@dataclass(frozen=True)
class TrainReport:
    """The outcome of one training run."""

    trained: bool
    samples: int
    reason: str = ""


_loaded: dict[str, tuple[int, TextModel]] = {}
_lock = threading.Lock()


def current_model(session: Session) -> TextModel | None:
    """The newest trained model (unpickled once per process and row)."""
    newest = session.scalar(select(func.max(SuggestModel.id)))
    if newest is None:
        return None
    with _lock:
        cached = _loaded.get("model")
        if cached is not None and cached[0] == newest:
            return cached[1]
    payload = session.scalar(select(SuggestModel.payload).where(SuggestModel.id == newest))
    model = TextModel.loads(payload) if payload is not None else None
    if model is not None:
        with _lock:
            _loaded["model"] = (newest, model)
    return model


def rank(session: Session, text: str) -> tuple[list[Scored], list[Scored], str]:
    """Categories and OPDs for ``text``: the model's when trained, else keywords and the
    category → OPD table."""
    model = current_model(session)
    table = category_to_opd(session)
    if model is not None:
        categories, opds = model.rank(text)
        source = "model"
        via_table = _through_table(categories, table)
        mixed: dict[str, float] = {}
        for code, p in opds:
            mixed[code] = MODEL_WEIGHT * p
        for code, p in via_table:
            mixed[code] = mixed.get(code, 0.0) + (1 - MODEL_WEIGHT) * p
        opds = sorted(mixed.items(), key=lambda pair: -pair[1])
    else:
        categories = keyword_scores(text, keywords(session))
        opds = _through_table(categories, table)
        source = "kata_kunci"
    return (_named(session, Category, categories), _named(session, Opd, opds), source)


def classifier(session: Session) -> Classify:
    """A text's most likely category, as stored with the matcher's reading of a complaint."""
    model = current_model(session)
    if model is not None:
        def by_model(text: str) -> str | None:
            return model.rank(text)[0][0][0]
        return by_model
    lists = keywords(session)

    def by_keywords(text: str) -> str | None:
        found = keyword_scores(text, lists)
        return found[0][0] if found else None
    return by_keywords


def _through_table(categories: list[tuple[str, float]],
                   table: dict[str, str]) -> list[tuple[str, float]]:
    scores: dict[str, float] = {}
    for code, p in categories:
        opd = table.get(code)
        if opd is not None:
            scores[opd] = scores.get(opd, 0.0) + p
    return sorted(scores.items(), key=lambda pair: -pair[1])


def _named(session: Session, table: type[Category] | type[Opd],
           ranked: list[tuple[str, float]]) -> list[Scored]:
    rows = session.execute(select(table.code, table.name).where(table.active))
    names: dict[str, str] = {code: name for code, name in rows}
    out = [Scored(code, names[code], round(score, 3)) for code, score in ranked
           if code in names and score > 0.005]
    return out[:TOP]


def suggest(session: Session, title: str, description: str, kecamatan: str | None,
            audience: Audience, now: datetime, *, exclude_id: int | None = None) -> Suggestions:
    """Categories, OPDs and similar complaints for a text, each best first, at most 5."""
    text = f"{title}. {description}"
    categories, opds, source = rank(session, text)
    try:
        with session.begin_nested():
            index_pending(session, now, classifier(session), newest_only=True)
    except IntegrityError:  # another request read the same new complaints at the same moment
        log.info("suggestions: new complaints were read by another request")
    query = describe(place_index(session), text, kecamatan,
                     [(c.code, c.score) for c in categories])
    similar = find_similar(session, query, audience, now, exclude_id=exclude_id, limit=TOP)
    return Suggestions(categories, opds, similar, source)


def audience_of(actor: Actor) -> Audience:
    """What an officer may see in a list of similar complaints (ForbiddenError: a role that
    reads no complaints, such as the process analyst)."""
    if actor.role in OPD_ROLES:
        return Audience(opd_code=actor.opd_code or "")
    if actor.role in COMPLAINT_READERS:
        return CENTRAL
    raise ForbiddenError("Peran Anda tidak membaca laporan")


def for_complaint(session: Session, tracking_code: str, actor: Actor,
                  now: datetime) -> tuple[Complaint, Suggestions]:
    """Suggestions for a stored complaint, for an officer who may read it."""
    complaint = session.scalar(select(Complaint).where(
        Complaint.tracking_code == tracking_code))
    audience = audience_of(actor)
    if complaint is None or not may_read_complaint(actor, complaint):
        raise NotFoundError("Laporan tidak ditemukan")
    found = suggest(session, complaint.title, complaint.description, complaint.kecamatan_code,
                    audience, now, exclude_id=complaint.id)
    return complaint, found


def examples(session: Session, limit: int = MAX_TRAINING) -> list[Example]:
    """The verified complaints with the category and OPD Tim Admin chose, newest first."""
    rows = session.execute(
        select(Complaint.title, Complaint.description, Complaint.category_code,
               Complaint.opd_code)
        .where(Complaint.verified_at.is_not(None), Complaint.category_code.is_not(None),
               Complaint.opd_code.is_not(None))
        .order_by(Complaint.verified_at.desc()).limit(limit)).all()
    return [Example(f"{t}. {d}", c, o) for t, d, c, o in rows if c and o]


def train(session: Session, now: datetime) -> TrainReport:
    """Learn from the verified complaints and store the model (older ones are dropped)."""
    found = examples(session)
    if not can_train(found):
        return TrainReport(False, len(found), "riwayat terlalu sedikit")
    last = session.scalar(select(func.max(Complaint.verified_at)).where(
        Complaint.verified_at.is_not(None)))
    model = TextModel().fit(found)
    session.query(SuggestModel).delete()
    session.add(SuggestModel(trained_at=now, samples=len(found), last_verified_at=last,
                             payload=model.dumps()))
    session.flush()
    return TrainReport(True, len(found))


def training_due(session: Session, now: datetime) -> bool:
    """True when verifications newer than the model exist and it is old enough to redo."""
    newest = session.scalar(select(func.max(Complaint.verified_at)))
    if newest is None:
        return False
    model = session.execute(select(SuggestModel.trained_at, SuggestModel.last_verified_at)
                            .order_by(SuggestModel.id.desc()).limit(1)).first()
    if model is None:
        return True
    trained_at, seen = model
    return (seen is None or newest > seen) and now - trained_at >= RETRAIN_AFTER


def refresh(new_uow: Callable[[], UnitOfWork], now: datetime) -> TrainReport | None:
    """The worker's share: read new complaints for the duplicate finder, and retrain when
    verifications newer than the model exist (at most every ``RETRAIN_AFTER``). A failure is
    logged and leaves the previous model in use."""
    try:
        with new_uow() as uow:
            while index_pending(uow.session, now, classifier(uow.session)):
                pass
            prune(uow.session, now)
            uow.commit()
        with new_uow() as uow:
            if not training_due(uow.session, now):
                return None
            report = train(uow.session, now)
            uow.commit()
    except Exception:  # the worker goes on with timers and messages whatever happens here
        log.exception("suggestions: indexing or training failed")
        return None
    if report.trained:
        log.info("suggestions: model trained on %d verified complaints", report.samples)
    return report


@dataclass(frozen=True)
class ModelStatus:
    """What the admin sees of the model: when it learned, from how much, how much is waiting."""

    trained_at: datetime | None
    samples: int
    verified: int


def model_status(session: Session) -> ModelStatus:
    """The newest model's training time and size, and the verified complaints available."""
    row = session.execute(select(SuggestModel.trained_at, SuggestModel.samples)
                          .order_by(SuggestModel.id.desc()).limit(1)).first()
    verified = session.scalar(select(func.count()).select_from(Complaint).where(
        Complaint.verified_at.is_not(None), Complaint.category_code.is_not(None),
        Complaint.opd_code.is_not(None))) or 0
    if row is None:
        return ModelStatus(None, 0, verified)
    return ModelStatus(row[0], row[1], verified)
