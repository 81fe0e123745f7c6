"""The regency's places named in a complaint: desa/kelurahan and kecamatan, found in the
written-out words even when misspelt (rapidfuzz), the longest name first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

FUZZY_CUTOFF = 88  # rapidfuzz ratio: "muara pinag" still names Muara Pinang
# Words after which a name is a place: a one-word name ("Sawah", "Taba") or a misspelt one
# counts only after one of these (or at the very start), so "sawah kering" names no village.
MARKERS = frozenset({"desa", "kelurahan", "dusun", "kecamatan", "di", "ke", "dari", "dekat",
                     "sekitar", "warga", "pasar", "daerah", "wilayah", "kampung"})
# A one-word name that is also an ordinary word ("Sawah", "Kebon") counts only after these.
STRONG_MARKERS = frozenset({"desa", "kelurahan", "dusun", "kampung"})
LONG_NAME = 7  # a one-word name this long is a place wherever it stands ("Martapura")


@dataclass(frozen=True)
class Place:
    """A region of the reference list as the matcher needs it."""

    code: str
    name: str
    level: str  # kecamatan | desa | kelurahan
    parent: str | None


@dataclass(frozen=True)
class Mentions:
    """The places a text names, and its words with those names taken out."""

    villages: frozenset[str] = field(default_factory=frozenset)
    districts: frozenset[str] = field(default_factory=frozenset)
    rest: tuple[str, ...] = ()


class PlaceIndex:
    """Region names by their number of words, for exact and fuzzy look-up."""

    def __init__(self, places: Iterable[Place], common: frozenset[str] = frozenset()) -> None:
        self.common = common
        self.by_code: dict[str, Place] = {}
        self.by_length: dict[int, dict[str, list[Place]]] = {}
        for place in places:
            if place.level not in ("kecamatan", "desa", "kelurahan"):
                continue
            self.by_code[place.code] = place
            name = " ".join(place.name.lower().split())
            self.by_length.setdefault(len(name.split()), {}).setdefault(name, []).append(place)
        self.lengths = sorted(self.by_length, reverse=True)

    def find(self, words: list[str], district: str | None = None) -> Mentions:
        """The places named in ``words`` (kecamatan ``district`` when the reporter chose one)."""
        taken = [False] * len(words)
        found: list[Place] = []
        for n in self.lengths:
            names = self.by_length[n]
            choices = list(names)
            for i in range(len(words) - n + 1):
                if any(taken[i:i + n]):
                    continue
                gram = " ".join(words[i:i + n])
                marked = i == 0 or words[i - 1] in MARKERS
                if len(gram) < 4 or (n == 1 and not self._one_word_place(words, i, marked)):
                    continue
                hit = names.get(gram)
                if hit is None and marked and len(gram) >= 6:
                    best = process.extractOne(gram, choices, scorer=fuzz.ratio,
                                              score_cutoff=FUZZY_CUTOFF)
                    hit = names[best[0]] if best else None
                if hit:
                    found.append(_pick(hit, district))
                    taken[i:i + n] = [True] * n
        return self._mentions(found, words, taken, district)

    def _one_word_place(self, words: list[str], i: int, marked: bool) -> bool:
        if words[i] in self.common:
            return i > 0 and words[i - 1] in STRONG_MARKERS
        return marked or len(words[i]) >= LONG_NAME

    def _mentions(self, found: list[Place], words: list[str], taken: list[bool],
                  district: str | None) -> Mentions:
        villages = {p.code for p in found if p.level != "kecamatan"}
        districts = {p.code for p in found if p.level == "kecamatan"}
        districts |= {p.parent for p in found if p.level != "kecamatan" and p.parent}
        if district:
            districts.add(district)
        rest = tuple(w for w, t in zip(words, taken, strict=True) if not t)
        return Mentions(frozenset(villages), frozenset(districts), rest)


def _pick(candidates: list[Place], district: str | None) -> Place:
    """Of places sharing a name, the one in the reporter's kecamatan, else a village first."""
    for place in candidates:
        if district and place.parent == district:
            return place
    return sorted(candidates, key=lambda p: (p.level == "kecamatan", p.code))[0]
