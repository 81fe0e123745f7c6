"""SMS text: keep it GSM-7 where possible, count it, split it into concatenated parts.

A GSM-7 SMS holds 160 characters (153 per part when concatenated, the rest is the header);
one character outside GSM-7 turns the whole message into UCS-2: 70 (67 per part). Indonesian
is plain Latin, so what usually pushes a text into UCS-2 is typography — curly quotes, dashes,
ellipses — which we replace by their GSM look-alikes first.
"""

from __future__ import annotations

from dataclasses import dataclass

GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = frozenset("^{}\\[~]|€\f")  # each takes two septets (escape + character)
LOOK_ALIKES = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u2010": "-", "\u2011": "-", "\u2026": "...", "\u00a0": " ", "\u2009": " ",
    "\u202f": " ", "\u2007": " ", "\t": " ", "\u2022": "-", "\u00b7": "-",
}
GSM_SINGLE, GSM_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67
ELLIPSIS = "..."


@dataclass(frozen=True)
class SmsText:
    """A text ready for the gateway: its encoding and the parts it is sent as."""

    text: str
    encoding: str  # GSM-7|UCS-2
    parts: list[str]


def to_gsm(text: str) -> str:
    """Replace typographic characters by GSM-7 look-alikes; other characters stay."""
    return "".join(LOOK_ALIKES.get(ch, ch) for ch in text)


def is_gsm(text: str) -> bool:
    """True when every character fits the GSM-7 alphabet (basic or extension table)."""
    return all(ch in GSM_BASIC or ch in GSM_EXTENSION for ch in text)


def _units(ch: str, gsm: bool) -> int:
    if gsm:
        return 2 if ch in GSM_EXTENSION else 1
    return 2 if ord(ch) > 0xFFFF else 1  # UTF-16 code units: astral characters take two


def length(text: str) -> int:
    """Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes."""
    gsm = is_gsm(text)
    return sum(_units(ch, gsm) for ch in text)


def split(text: str) -> list[str]:
    """The parts of a concatenated SMS; an escape pair or surrogate pair is never cut."""
    gsm = is_gsm(text)
    single, part = (GSM_SINGLE, GSM_PART) if gsm else (UCS2_SINGLE, UCS2_PART)
    if sum(_units(ch, gsm) for ch in text) <= single:
        return [text] if text else []
    parts: list[str] = []
    current: list[str] = []
    used = 0
    for ch in text:
        units = _units(ch, gsm)
        if used + units > part:
            parts.append("".join(current))
            current, used = [], 0
        current.append(ch)
        used += units
    if current:
        parts.append("".join(current))
    return parts


def shorten(text: str, max_parts: int) -> str:
    """``text`` cut at a word so that it fits ``max_parts`` parts, ending with '...'."""
    if len(split(text)) <= max_parts:
        return text
    gsm = is_gsm(text)
    budget = max_parts * (GSM_PART if gsm else UCS2_PART) - len(ELLIPSIS)
    kept: list[str] = []
    used = 0
    for ch in text:
        used += _units(ch, gsm)
        if used > budget:
            break
        kept.append(ch)
    cut = "".join(kept)
    if " " in cut[len(cut) // 2:]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,.;:-") + ELLIPSIS


def prepare(text: str, max_parts: int) -> SmsText:
    """Normalize, shorten to ``max_parts`` and split a text for sending."""
    clean = to_gsm(" ".join(line.strip() for line in text.strip().splitlines() if line.strip()))
    fitted = shorten(clean, max_parts)
    return SmsText(fitted, "GSM-7" if is_gsm(fitted) else "UCS-2", split(fitted))
