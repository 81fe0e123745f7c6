"""The regency's kecamatan and desa/kelurahan: the list clients choose from, and the reading of
a place typed by a person (code or name, case and spacing forgiven, "Kec."/"Desa" ignored)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import audit
from engine.domain import Actor
from engine.errors import FormInvalidError, NotFoundError
from engine.messages import N_, Message
from engine.settings import Settings

from .bounds import check_point
from .tables import Region

KECAMATAN = "kecamatan"
VILLAGE_LEVELS = ("desa", "kelurahan")
SUGGESTIONS = 5
# Prefixes people write before a name: "Kec. Pendopo", "Kecamatan Saling", "Ds. Niur".
_PREFIX = re.compile(r"^(?:kecamatan|kec|kelurahan|kel|desa|ds)\b\.?\s*")
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_CODE = re.compile(r"^\s*\d[\d.\s]*$")


@dataclass(frozen=True)
class RegionEntry:
    """A kecamatan or desa/kelurahan; ``parent`` is the code of the area it lies in."""

    code: str
    name: str
    level: str
    parent: str | None
    latitude: float | None = None
    longitude: float | None = None


def list_regions(session: Session, level: str | None = None,
                 parent: str | None = None) -> list[RegionEntry]:
    """The regions by code, optionally of one level ("kecamatan", "desa") or one parent."""
    query = select(Region).order_by(Region.code)
    if level == KECAMATAN:
        query = query.where(Region.level == KECAMATAN)
    elif level is not None:
        query = query.where(Region.level.in_(VILLAGE_LEVELS))
    if parent is not None:
        query = query.where(Region.parent_code == parent)
    return [RegionEntry(r.code, r.name, r.level, r.parent_code, r.latitude, r.longitude)
            for r in session.scalars(query)]


@lru_cache(maxsize=4096)
def name_key(text: str) -> str:
    """A name as compared: lower case, no prefix, no spaces or punctuation."""
    words = " ".join(text.lower().replace(".", ". ").split())
    return _NOT_WORD.sub("", _PREFIX.sub("", words))


def _code_key(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


_INDEX_COLUMNS = (Region.code, Region.name, Region.level, Region.parent_code, Region.latitude,
                  Region.longitude)  # RegionEntry's fields, in its order
RegionRow = tuple[str, str, str, str | None, float | None, float | None]


class _LastIndex:
    """The region rows last read in this process with the index built of them."""

    kept: tuple[list[RegionRow], RegionIndex] | None = None


_LAST_INDEX = _LastIndex()


@dataclass(frozen=True)
class Place:
    """A place read from what a person wrote: codes of the kecamatan and desa (either may be
    None)."""

    kecamatan: str | None
    desa: str | None


class RegionIndex:
    """The regions in memory, to read the kecamatan and desa of one intake."""

    def __init__(self, entries: list[RegionEntry]) -> None:
        self.entries = {e.code: e for e in entries}
        self.kecamatan = [e for e in entries if e.level == KECAMATAN]
        self.villages = [e for e in entries if e.level in VILLAGE_LEVELS]

    @classmethod
    def load(cls, session: Session) -> RegionIndex:
        """Every region of the regency, as the database holds them now.

        The rows are read every time (a region added or renamed counts at once), as plain
        tuples; the index is rebuilt only when they differ from the last ones read in this
        process: building 166 entries per submission cost more than the rest of its checks.
        """
        rows = [cast(RegionRow, tuple(row)) for row in session.execute(
            select(*_INDEX_COLUMNS).order_by(Region.code))]
        kept = _LAST_INDEX.kept
        if kept is not None and kept[0] == rows:
            return kept[1]
        index = cls([RegionEntry(*row) for row in rows])
        _LAST_INDEX.kept = (rows, index)  # one assignment: safe between threads
        return index

    def read(self, kecamatan: str | None, desa: str | None) -> Place:
        """Codes for the written kecamatan and desa; FormInvalidError names unknown ones with
        the close names (a desa outside the kecamatan given is refused too)."""
        errors: dict[str, str] = {}
        kec = None
        if kecamatan and kecamatan.strip():
            kec = self._find(kecamatan, self.kecamatan)
            if kec is None:
                errors["kecamatan"] = self._unknown_kecamatan(kecamatan)
        village = None
        if desa and desa.strip() and "kecamatan" not in errors:
            village, problem = self._village(desa, kec)
            if problem:
                errors["desa"] = problem
        if errors:
            raise FormInvalidError(errors)
        if village is not None and kec is None:
            kec = self.entries[village.parent or ""] if village.parent in self.entries else None
        return Place(kec.code if kec else None, village.code if village else None)

    def _find(self, text: str, among: list[RegionEntry]) -> RegionEntry | None:
        found = self._matches(text, among)
        return found[0] if len(found) == 1 else None

    @staticmethod
    def _matches(text: str, among: list[RegionEntry]) -> list[RegionEntry]:
        if _CODE.match(text):
            code = _code_key(text)
            return [e for e in among if _code_key(e.code) == code]
        key = name_key(text)
        return [e for e in among if name_key(e.name) == key] if key else []

    def _village(self, text: str, kec: RegionEntry | None
                 ) -> tuple[RegionEntry | None, Message | None]:
        inside = [v for v in self.villages if kec is None or v.parent == kec.code]
        found = self._matches(text, inside)
        if len(found) == 1:
            return found[0], None
        if len(found) > 1:
            return None, Message(
                N_("Ada beberapa desa/kelurahan bernama %(value)s; sebutkan kecamatannya atau "
                   "pakai kodenya: %(names)s."), value=text.strip(),
                names=", ".join(self._label(v) for v in found))
        close = self._close(text, inside) or (
            self._close(text, self.villages) if kec is not None else [])
        if kec is not None and self._matches(text, self.villages):
            return None, Message(
                N_("Desa/kelurahan %(value)s tidak berada di Kecamatan %(kecamatan)s. Desa di "
                   "kecamatan itu yang mirip: %(names)s."), value=text.strip(),
                kecamatan=kec.name, names=", ".join(self._label(v) for v in close) or "-")
        if close:
            return None, Message(
                N_("Desa/kelurahan tidak dikenal: %(value)s. Nama yang mirip: %(names)s."),
                value=text.strip(), names=", ".join(self._label(v) for v in close))
        return None, Message(N_("Desa/kelurahan tidak dikenal: %(value)s."), value=text.strip())

    def _unknown_kecamatan(self, text: str) -> Message:
        close = self._close(text, self.kecamatan)
        if close:
            return Message(N_("Kecamatan tidak dikenal: %(value)s. Nama yang mirip: %(names)s."),
                           value=text.strip(), names=", ".join(e.name for e in close))
        return Message(N_("Kecamatan tidak dikenal: %(value)s. Pilih salah satu: %(names)s."),
                       value=text.strip(), names=", ".join(e.name for e in self.kecamatan))

    def _label(self, village: RegionEntry) -> str:
        parent = self.entries.get(village.parent or "")
        return f"{village.name} (Kec. {parent.name}, {village.code})" if parent else village.name

    @staticmethod
    def _close(text: str, among: list[RegionEntry]) -> list[RegionEntry]:
        """Up to five regions whose names are closest to ``text``, closest first."""
        key = name_key(text)
        if not key:
            return []
        scored = sorted(((difflib.SequenceMatcher(None, key, name_key(e.name)).ratio(), e)
                         for e in among), key=lambda pair: (-pair[0], pair[1].code))
        return [e for score, e in scored[:SUGGESTIONS] if score >= 0.6]


_PREFIX_WORD = re.compile(r"^(?:kecamatan|kec|kelurahan|kel|desa|ds)$")
_WORDS = re.compile(r"[a-z][a-z'-]*|[^a-z\s]", re.IGNORECASE)


def place_in_text(index: RegionIndex, text: str) -> Place:
    """The kecamatan and desa a free text names after "Kec."/"Desa"/"Kel." (an SMS): the
    longest run of words after the prefix that is a known name; nothing when none is."""
    words = _WORDS.findall(text)
    found: dict[bool, str] = {}  # is a kecamatan -> code
    for at, word in enumerate(words):
        if not _PREFIX_WORD.match(word.lower()):
            continue
        is_kecamatan = word.lower().startswith("kec")
        after = [w for w in words[at + 1:at + 6] if w != "."]
        name = _known_name(index, after, is_kecamatan, found.get(True))
        if name is not None:
            found.setdefault(is_kecamatan, name)
    kecamatan, desa = found.get(True), found.get(False)
    if desa and kecamatan and not desa.startswith(kecamatan + "."):
        desa = None  # the two disagree: keep the kecamatan, the larger and surer of them
    return index.read(kecamatan, desa) if (kecamatan or desa) else Place(None, None)


def _known_name(index: RegionIndex, words: list[str], is_kecamatan: bool,
                kecamatan: str | None) -> str | None:
    """The code of the longest run of ``words`` (up to four, up to a stop) that is a name."""
    run: list[str] = []
    for word in words[:4]:
        if not word[0].isalpha() or _PREFIX_WORD.match(word.lower()):
            break
        run.append(word)
    among = index.kecamatan if is_kecamatan else [
        v for v in index.villages if kecamatan is None or v.parent == kecamatan]
    for size in range(len(run), 0, -1):
        hits = [e for e in among if name_key(e.name) == name_key(" ".join(run[:size]))]
        if len(hits) == 1:
            return hits[0].code
    return None


def read_place(session: Session, kecamatan: str | None, desa: str | None) -> Place:
    """The codes of a written kecamatan and desa (see RegionIndex.read)."""
    if not (kecamatan and kecamatan.strip()) and not (desa and desa.strip()):
        return Place(None, None)  # what read() answers to no place: no need for the regions
    return RegionIndex.load(session).read(kecamatan, desa)


def set_centre(session: Session, code: str, latitude: float | None, longitude: float | None,
               actor: Actor, now: datetime, settings: Settings) -> RegionEntry:
    """Set (or clear, with both None) the centre point of a kecamatan, where the maps put its
    figures; the point must lie inside the regency."""
    region = session.get(Region, code)
    if region is None or region.level != KECAMATAN:
        raise NotFoundError("Kecamatan tidak ditemukan")
    check_point(latitude, longitude, settings)
    old = (region.latitude, region.longitude)
    region.latitude, region.longitude = latitude, longitude
    audit.record(session, actor, "region_centre_set", now, region=code, old=list(old),
                 new=[latitude, longitude])
    return RegionEntry(region.code, region.name, region.level, region.parent_code,
                       region.latitude, region.longitude)
