"""JSON typed by an analyst, read with what is wrong said in words (not the parser's English,
e.g. "Unterminated string starting at")."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from engine.messages import N_, Message
from forms.patterns import ALTERNATIVES, CHAINED, NESTED
from webui.texts import translated
from webui.translate import gettext
from webui.translate import lazy_gettext as _l

# The start of each Python parser message, and what it means to the person typing.
PROBLEMS = (
    ("Unterminated string", _l('tanda kutip penutup (") tidak ditemukan')),
    ("Expecting property name", _l('nama isian harus diapit tanda kutip ganda ("), '
                                   "atau ada koma berlebih sebelum }")),
    ("Illegal trailing comma", _l("ada koma berlebih sebelum kurung tutup")),
    ("Expecting ':'", _l("kurang titik dua (:) setelah nama isian")),
    ("Expecting ','", _l("kurang koma (,) di antara dua isian, atau kurung tutup")),
    ("Expecting value", _l('nilai kosong atau tidak dikenal (teks harus diapit tanda kutip '
                           'ganda ")')),
    ("Extra data", _l("ada tulisan lagi setelah objek JSON selesai")),
    ("Invalid control character", _l("teks memuat ganti baris atau tab; tulis sebagai \\n "
                                     "atau \\t")),
    ("Invalid \\", _l("garis miring terbalik (\\) yang tidak sah")),
)


def problem_words(error: json.JSONDecodeError) -> str:
    """What is wrong, in the reader's language."""
    for start, words in PROBLEMS:
        if error.msg.startswith(start):
            return str(words)
    return gettext("penulisan tidak sesuai aturan JSON")


def read_json(text: str, box: str) -> tuple[Any, str | None]:
    """The value written in ``text`` (empty: ``{}``), or None and why not, naming ``box``."""
    try:
        return (json.loads(text) if text.strip() else {}), None
    except json.JSONDecodeError as error:
        return None, gettext("%(box)s: JSON tidak valid di baris %(line)s, kolom %(column)s — "
                             "%(problem)s.", box=box, line=error.lineno, column=error.colno,
                             problem=problem_words(error))


# Why the forms package refuses a field's pattern (forms.patterns), in words.
_PATTERN_REASONS = {
    NESTED: N_("mengulang kelompok yang di dalamnya sudah ada pengulangan atas karakter yang "
               "sama, mis. (a+)+ atau (.*a){20}; tulis tanpa pengulangan bersarang, mis. a+"),
    ALTERNATIVES: N_("mengulang pilihan yang dapat cocok dengan teks yang sama, mis. (a|ab)*; "
                     "buat pilihan-pilihannya berbeda sejak karakter pertama"),
    CHAINED: N_("tiga pengulangan atau lebih berurutan dapat mengambil karakter yang sama, mis. "
                "a*a*a*; pisahkan dengan karakter yang tidak ikut diulang"),
}
_REFUSED = "|".join(re.escape(reason) for reason in _PATTERN_REASONS)
Reasons = tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], Message]], ...]
# The forms package's own (English) reasons, and jsonschema's, as patterns to say in words.
# Messages, not text: a draft's problems are saved once and read later in each reader's language.
_FORM_REASONS: Reasons = (
    (re.compile(r"(?P<where>.+?): invalid JSON Schema at (?P<at>.+?): (?P<what>.+)", re.S),
     lambda m: Message(N_("JSON Schema tidak sah di %(at)s: %(what)s"), at=m["at"],
                       what=_schema_message(m["what"]))),
    (re.compile(r"(?P<where>.+?): a form schema must be an object with properties"),
     lambda m: Message(N_('JSON Schema formulir harus berupa objek dengan "properties".'))),
    (re.compile(r"(?P<where>.+?): ui:order must list each property once "
                r"\(missing (?P<missing>.*), unknown (?P<unknown>.*)\)"),
     lambda m: Message(N_("ui:order harus memuat setiap isian tepat sekali (belum ada: "
                          "%(missing)s; tidak dikenal: %(unknown)s)."), missing=m["missing"],
                       unknown=m["unknown"])),
    (re.compile(rf"(?P<where>.+?): field (?P<name>.+?): pattern (?P<pattern>.+) "
                rf"(?P<reason>{_REFUSED})", re.S),
     lambda m: Message(N_("Isian %(name)s: pola %(pattern)s dapat membuat pemeriksaan isian "
                          "berjalan sangat lama pada teks tertentu: %(why)s."), name=m["name"],
                       pattern=m["pattern"], why=Message(_PATTERN_REASONS[m["reason"]]))),
    (re.compile(r"(?P<where>.+?): field (?P<name>.+): unknown ui:widget (?P<widget>.+)"),
     lambda m: Message(N_("Isian %(name)s: ui:widget %(widget)s tidak dikenal."),
                       name=m["name"], widget=m["widget"])),
)
_SCHEMA_REASONS: Reasons = (
    (re.compile(r"(?P<value>.+) is not valid under any of the given schemas", re.S),
     lambda m: Message(N_("nilai %(value)s tidak dikenal"), value=m["value"])),
    (re.compile(r"(?P<value>.+) is not of type (?P<type>.+)", re.S),
     lambda m: Message(N_("%(value)s harus bertipe %(type)s"), value=m["value"],
                       type=m["type"])),
    (re.compile(r"(?P<value>.+) is not one of (?P<choices>.+)", re.S),
     lambda m: Message(N_("%(value)s bukan salah satu dari %(choices)s"), value=m["value"],
                       choices=m["choices"])),
)


def form_problem_message(text: str) -> Message | str:
    """A form's problem as the forms package states it: a translatable message where the reason
    is known, else ``text`` as it is."""
    return _first_match(_FORM_REASONS, text) or text


def form_problem_words(text: str) -> str:
    """A form's problem as the forms package states it, in the reader's words where known."""
    found = form_problem_message(text)
    return translated(found) if isinstance(found, Message) else found


def _schema_message(text: str) -> Message | str:
    return _first_match(_SCHEMA_REASONS, text) or text


def _first_match(reasons: Reasons, text: str) -> Message | None:
    for pattern, message in reasons:
        found = pattern.fullmatch(text)
        if found is not None:
            return message(found)
    return None
