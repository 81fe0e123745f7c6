"""JSON typed by an analyst, read with what is wrong said in words (not the parser's English,
e.g. "Unterminated string starting at")."""

from __future__ import annotations

import json
from typing import Any

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
