"""The reporter's answer written in words, for the text channels (SMS 1708, chat).

After the tracking code, a reply that starts with ``SELESAI`` (or ``SUDAH SELESAI``) says the
problem is solved; one that starts with ``BELUM`` (or ``BELUM SELESAI``) says it is not, and
the words after it are the reason. Anything else is a plain message. Only the first words
count, so "Sudah saya cek, masih rusak" stays a plain message.
"""

from __future__ import annotations

import re

from engine.domain import ANSWER_SOLVED, ANSWER_UNSOLVED

_SOLVED = re.compile(r"^\s*(?:sudah\s+)?selesai\b[\s.,:;!-]*", re.IGNORECASE)
_UNSOLVED = re.compile(r"^\s*belum(?:\s+selesai)?\b[\s.,:;!-]*", re.IGNORECASE)


def split_answer(text: str) -> tuple[str | None, str]:
    """(answer or None, the rest of the text) of a reply written after the tracking code."""
    for pattern, answer in ((_SOLVED, ANSWER_SOLVED), (_UNSOLVED, ANSWER_UNSOLVED)):
        found = pattern.match(text)
        if found:
            return answer, text[found.end():].strip()
    return None, text.strip()
